// Runs a scheduled step at most once: a job_runs row keyed by (job, run_key) commits with the step's effects.
import type { Kysely } from 'kysely';
import type { AppContext } from '../context';
import { claimJobRun, hasJobRun } from '../db/job-runs';
import type { Database } from '../db/schema';
import type { OutgoingMessage } from '../db/sql/outbox-write';
import { enqueue } from '../feishu/outbox';

type Tx = Kysely<Database>;

export type StepScope = { tx: Tx; now: Date; send(msg: OutgoingMessage, key: string, notBefore?: Date): Promise<void> };

/**
 * The claim and the step's messages commit together: after a crash either both are there or neither, and a second
 * instance (or a second `diaodu round open`) finds the claim and does nothing. On PostgreSQL the second insert waits
 * for the first transaction and then skips; on SQLite the write lock orders them the same way.
 */
export async function runOnce<T>(
  ctx: AppContext,
  job: string,
  runKey: string,
  fn: (s: StepScope) => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const now = ctx.clock.now();
  return ctx.engine.retry(() =>
    ctx.db.transaction().execute(async (tx) => {
      if (!(await claimJobRun(tx, job, runKey, now))) return { ran: false as const };
      const scope: StepScope = {
        tx,
        now,
        send: async (msg, key, notBefore) => {
          await enqueue(tx, msg, now, key, notBefore);
        },
      };
      return { ran: true as const, result: await fn(scope) };
    }),
  );
}

export async function hasRun(ctx: AppContext, job: string, runKey: string): Promise<boolean> {
  return hasJobRun(ctx.db, job, runKey);
}

/** Nothing is sent between 22:00 and 08:00 Beijing time: a message due then waits for 08:00. */
export function outsideQuietHours(at: Date): Date {
  const beijing = new Date(at.getTime() + 8 * 3600_000);
  const hour = beijing.getUTCHours();
  if (hour >= 8 && hour < 22) return at;
  // 08:00 in Beijing is 00:00 UTC of the same Beijing date.
  return new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() + (hour >= 22 ? 1 : 0)));
}
