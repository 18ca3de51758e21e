// The year's month ends in one read: for several months at once, each project's latest report before the month end
// and its report in the round that asked for the month-end figure (see compose/month-end.ts for what is made of them).
import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { engineOf } from '../../db/engine';

/**
 * One month's end in a combined read: periods up to this id opened before it ends; `endsAt` the month's end (ISO UTC),
 * before which a figure must have been submitted to stand at the month end; this period asked for its figure (0: none).
 */
export type MonthEndQuery = { upToId: number; endsAt: string; askId: number };

/** One project and month of a combined read: `l_` the latest report before the month end, `a_` the month-end round's. */
export type MonthEndSqlRow = {
  project_id: number;
  /** Index into the queries. */
  k: number;
  l_period: number | null;
  l_ytd: number | null;
  l_status: string | null;
  a_period: number | null;
  a_me: number | null;
  a_status: string | null;
};

/**
 * latestReportsBefore (the latest week's report submitted before the month end, as it stood then) and the month-end round's reports for several months in one statement (for a year's months at
 * 10,000 projects it is the same index seeks either way; one statement saves the round trips and the row objects).
 * Only for periods in order (see periodPrefix). Projects with neither report in a month are left out.
 */
export async function reportsAtMonthEnds(db: Db, year: number, months: readonly MonthEndQuery[]): Promise<MonthEndSqlRow[]> {
  if (months.length === 0) return [];
  const values = sql.join(months.map((m, i) => sql`(${sql.lit(i)}, ${sql.lit(m.upToId)}, ${m.endsAt}, ${sql.lit(m.askId)})`));
  // The day of an estimate's figure is not read here: only the bulletin's own month marks its estimates with it (read
  // by latestReportsBefore), and reading submitted_at would take the revisions off their covering index.
  // PostgreSQL plans the correlated join below as hash joins over every report; LATERAL keeps it to index seeks.
  // SQLite has no LATERAL and already runs the plain form as seeks.
  // A report's row says when it was first submitted (created_at) and last changed (updated_at), so the walk needs no
  // revision read to skip a 补报 made after the month end, and the revision that stood at the month end is the current
  // one unless the report was amended since — only then are its revisions searched. (Joining revision 1 and searching
  // the revisions of every project made a 10,000-project bulletin ~70% slower.)
  const standing = (r: string) =>
    sql.raw(`case when ${r}.updated_at < m.ends then ${r}.revision
          else (select max(v4.revision) from report_revisions v4 where v4.report_id = ${r}.id and v4.submitted_at < m.ends) end`);
  const latest = engineOf(db).lateral
    ? sql`left join lateral (select r2.id, r2.period_id, r2.revision, r2.updated_at from reports r2
          where r2.project_id = p.id and r2.period_id <= m.up and r2.created_at < m.ends
          order by r2.period_id desc limit 1) r on true
        left join lateral (select v2.id, v2.ytd_investment_yuan, v2.status from report_revisions v2
          where v2.report_id = r.id and v2.revision = ${standing('r')}) v on true
        left join lateral (select r3.id, r3.period_id, r3.revision from reports r3 where r3.project_id = p.id and r3.period_id = m.ask) ra on true
        left join lateral (select v3.id, v3.month_end_investment_yuan, v3.status from report_revisions v3
          where v3.report_id = ra.id and v3.revision = ra.revision) va on true`
    : sql`left join reports r on r.id = (select r2.id from reports r2
          where r2.project_id = p.id and r2.period_id <= m.up and r2.created_at < m.ends
          order by r2.period_id desc limit 1)
        left join report_revisions v on v.report_id = r.id and v.revision = ${standing('r')}
        left join reports ra on ra.project_id = p.id and ra.period_id = m.ask
        left join report_revisions va on va.report_id = ra.id and va.revision = ra.revision`;
  const rows = await sql<MonthEndSqlRow>`
    with m(k, up, ends, ask) as (values ${values})
    select p.id as project_id, m.k,
      r.period_id as l_period, v.ytd_investment_yuan as l_ytd, v.status as l_status,
      ra.period_id as a_period, va.month_end_investment_yuan as a_me, va.status as a_status
    from projects p cross join m
    ${latest}
    where p.plan_year = ${year} and (v.id is not null or va.id is not null)`.execute(db);
  return rows.rows;
}
