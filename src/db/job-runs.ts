// job_runs: each scheduled step (a round's open, remind, close; a bulletin's digest…) claimed once per run key.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

type Q = Kysely<Database>;

/** Claims (job, runKey) in `tx`; false when it was claimed before (by this instance or another). */
export async function claimJobRun(tx: Q, job: string, runKey: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const claimed = await tx
    .insertInto('job_runs')
    .values({ job, run_key: runKey, status: 'done', started_at: at, finished_at: at, error: null })
    .onConflict((oc) => oc.columns(['job', 'run_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function hasJobRun(db: Q, job: string, runKey: string): Promise<boolean> {
  return (await db.selectFrom('job_runs').select('id').where('job', '=', job).where('run_key', '=', runKey).executeTakeFirst()) !== undefined;
}

/** The jobs that ran under a run key (a round's week). */
export async function jobsRunFor(db: Q, runKey: string): Promise<Set<string>> {
  return new Set((await db.selectFrom('job_runs').select('job').where('run_key', '=', runKey).execute()).map((j) => j.job));
}
