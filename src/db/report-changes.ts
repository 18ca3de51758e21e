// What changed in the reports since an answer was cached: the revisions between two ids, and a cheap stamp of the
// reports table that tells whether anything did.
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

type Q = Kysely<Database>;
import type { LatestFigures } from './latest-reports';

export type NewRevision = Omit<LatestFigures, 'weekStart'> & { id: number; planYear: number; current: boolean };

/** The revisions with ids in (afterId, upToId], oldest first. */
export async function revisionsBetween(db: Q, afterId: number, upToId: number): Promise<NewRevision[]> {
  const rows = await db
    .selectFrom('report_revisions as v')
    .innerJoin('reports as r', 'r.id', 'v.report_id')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .where('v.id', '>', afterId)
    .where('v.id', '<=', upToId)
    .select([
      'v.id',
      'v.revision',
      'r.revision as current',
      'r.project_id',
      'r.period_id',
      'p.plan_year',
      'v.ytd_investment_yuan',
      'v.status',
      'v.coordination',
    ])
    .orderBy('v.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    periodId: r.period_id,
    revision: r.revision,
    current: r.current === r.revision,
    planYear: r.plan_year,
    ytdYuan: Number(r.ytd_investment_yuan),
    status: r.status,
    coordination: r.coordination,
  }));
}

/**
 * A cheap mark of the stored reports, for knowing that answers computed from them are still right. Revisions are
 * only ever added (a correction is a new revision, and a report's current revision changes with it), so new
 * revisions change `maxId` or `count` — the number of revisions above `floor`, counted so that one committed out of
 * id order (PostgreSQL hands out ids before commit) is seen too. New weekly periods change `periods`.
 */
export type ReportsStamp = { maxId: number; floor: number; count: number; periods: string };

/**
 * How far below the highest revision id a new stamp starts counting. A revision whose id is further below it than
 * this when the stamp is taken is taken as committed: its transaction would have had to stay open while this many
 * later revisions were saved and committed (at Feishu's 50 messages a second, minutes).
 */
const STAMP_WINDOW = 10_000;

/** The stamp now, counting from `floor` (that of the stamp it is compared with), or from a fresh floor. */
export async function reportsStamp(db: Q, floor?: number): Promise<ReportsStamp> {
  if (floor === undefined) {
    const top = await db
      .selectFrom('report_revisions')
      .select((e) => e.fn.max('id').as('m'))
      .executeTakeFirst();
    return reportsStamp(db, Math.max(0, Number(top?.m ?? 0) - STAMP_WINDOW));
  }
  const row = await sql<{ m: number | null; c: number | string; pc: number | string; pm: number | null }>`
    select (select max(id) from report_revisions) as m, (select count(*) from report_revisions where id > ${floor}) as c,
      (select count(*) from weekly_periods) as pc, (select max(id) from weekly_periods) as pm`.execute(db);
  const r = row.rows[0];
  return { maxId: Number(r?.m ?? 0), floor, count: Number(r?.c ?? 0), periods: `${Number(r?.pc ?? 0)}:${Number(r?.pm ?? 0)}` };
}

export const sameStamp = (a: ReportsStamp, b: ReportsStamp) => a.maxId === b.maxId && a.floor === b.floor && a.count === b.count && a.periods === b.periods;
