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
  /** When the latest figure's revision was submitted, ISO UTC. */
  l_at: string | null;
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
  // PostgreSQL plans the correlated join below as hash joins over every report; LATERAL keeps it to index seeks.
  // SQLite has no LATERAL and already runs the plain form as seeks.
  const latest = engineOf(db).lateral
    ? sql`left join lateral (select r2.id, r2.period_id from reports r2
          join report_revisions v1 on v1.report_id = r2.id and v1.revision = 1
          where r2.project_id = p.id and r2.period_id <= m.up and v1.submitted_at < m.ends
          order by r2.period_id desc limit 1) r on true
        left join lateral (select v2.id, v2.ytd_investment_yuan, v2.status, v2.submitted_at from report_revisions v2
          where v2.report_id = r.id and v2.submitted_at < m.ends order by v2.revision desc limit 1) v on true
        left join lateral (select r3.id, r3.period_id, r3.revision from reports r3 where r3.project_id = p.id and r3.period_id = m.ask) ra on true
        left join lateral (select v3.id, v3.month_end_investment_yuan, v3.status from report_revisions v3
          where v3.report_id = ra.id and v3.revision = ra.revision) va on true`
    : sql`left join reports r on r.id = (select r2.id from reports r2
          join report_revisions v1 on v1.report_id = r2.id and v1.revision = 1
          where r2.project_id = p.id and r2.period_id <= m.up and v1.submitted_at < m.ends
          order by r2.period_id desc limit 1)
        left join report_revisions v on v.report_id = r.id
          and v.revision = (select max(v2.revision) from report_revisions v2 where v2.report_id = r.id and v2.submitted_at < m.ends)
        left join reports ra on ra.project_id = p.id and ra.period_id = m.ask
        left join report_revisions va on va.report_id = ra.id and va.revision = ra.revision`;
  const rows = await sql<MonthEndSqlRow>`
    with m(k, up, ends, ask) as (values ${values})
    select p.id as project_id, m.k,
      r.period_id as l_period, v.ytd_investment_yuan as l_ytd, v.status as l_status, v.submitted_at as l_at,
      ra.period_id as a_period, va.month_end_investment_yuan as a_me, va.status as a_status
    from projects p cross join m
    ${latest}
    where p.plan_year = ${year} and (v.id is not null or va.id is not null)`.execute(db);
  return rows.rows;
}
