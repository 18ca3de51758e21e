// The outbox as the 重点项目办 sees it from the command line: counts per status, the latest rows, and putting failed
// messages back in the queue (after a missing permission is granted, say).
import type { Kysely, Selectable } from 'kysely';
import type { Database, OutboxTable } from './schema';

type Q = Kysely<Database>;
type Status = Selectable<OutboxTable>['status'];

export async function outboxCounts(db: Q): Promise<Array<{ status: Status; n: number }>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}

/** The latest `limit` rows in these statuses, newest first. */
export async function outboxRows(db: Q, statuses: readonly Status[], limit: number): Promise<Array<Selectable<OutboxTable>>> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('status', 'in', [...statuses])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Failed messages (these ids, or all) back to pending, due now; returns how many. */
export async function requeueFailed(db: Q, ids: readonly number[] | 'all', now: Date): Promise<number> {
  let q = db
    .updateTable('outbox')
    .set({ status: 'pending', next_attempt_at: now.toISOString(), locked_by: null, locked_until: null })
    .where('status', '=', 'failed');
  if (ids !== 'all') q = q.where('id', 'in', [...ids]);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}
