// The bulletin's reads: the plan year's register with every plan version, the weekly periods, and per project the
// reports a month-end figure is taken from. Only reads; rows are mapped to camelCase here so snake_case stays in db.
import type { Db } from '../../db/connect';
import { projectsWithNames } from '../../db/register';

export type RegisterPlan = {
  version: number;
  annualPlanYuan: number;
  totalInvestmentYuan: number;
  plannedStart: string | null;
  recordedAt: string;
};

export type BulletinProject = {
  id: number;
  code: string;
  name: string;
  countyId: number;
  county: string;
  categoryId: number;
  category: string;
  level: string;
  nature: string;
  unitId: number;
  unit: string;
  leader: string | null;
  createdAt: string;
  droppedAt: string | null;
  /** Every plan version, lowest first. */
  plans: RegisterPlan[];
};

/** The plan year's projects, dropped ones included (a month before the drop still counts them), in code order. */
export async function loadYearProjects(db: Db, year: number): Promise<BulletinProject[]> {
  const rows = await projectsWithNames(db)
    .where('p.plan_year', '=', year)
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.county_id',
      'c.name as county',
      'p.category_id',
      'k.name as category',
      'p.level',
      'p.nature',
      'p.unit_id',
      'u.name as unit',
      'l.name as leader',
      'p.created_at',
      'p.dropped_at',
    ])
    .orderBy('p.code')
    .execute();
  const plans = await db
    .selectFrom('project_plans as pp')
    .innerJoin('projects as p', 'p.id', 'pp.project_id')
    .where('p.plan_year', '=', year)
    .select(['pp.project_id', 'pp.version', 'pp.annual_plan_yuan', 'pp.total_investment_yuan', 'pp.planned_start', 'pp.recorded_at'])
    .orderBy('pp.project_id')
    .orderBy('pp.version')
    .execute();
  const byProject = new Map<number, RegisterPlan[]>();
  for (const r of plans) {
    const list = byProject.get(r.project_id) ?? [];
    list.push({
      version: r.version,
      annualPlanYuan: Number(r.annual_plan_yuan),
      totalInvestmentYuan: Number(r.total_investment_yuan),
      plannedStart: r.planned_start,
      recordedAt: r.recorded_at,
    });
    byProject.set(r.project_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    countyId: r.county_id,
    county: r.county,
    categoryId: r.category_id,
    category: r.category,
    level: r.level,
    nature: r.nature,
    unitId: r.unit_id,
    unit: r.unit,
    leader: r.leader,
    createdAt: r.created_at,
    droppedAt: r.dropped_at,
    plans: byProject.get(r.id) ?? [],
  }));
}

export type Period = { id: number; weekStart: string; opensAt: string; deadlineAt: string; asksMonthEnd: string | null };

/** Every weekly period, in id order (a few dozen a year). */
export async function loadPeriods(db: Db): Promise<Period[]> {
  const rows = await db.selectFrom('weekly_periods').select(['id', 'week_start', 'opens_at', 'deadline_at', 'asks_month_end']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, weekStart: r.week_start, opensAt: r.opens_at, deadlineAt: r.deadline_at, asksMonthEnd: r.asks_month_end }));
}

export type ReportRow = {
  periodId: number;
  ytdYuan: number;
  monthEndYuan: number | null;
  status: string;
  progressText: string | null;
  /** When the revision read was submitted, ISO UTC (read for the latest figure before a month end). */
  submittedAt?: string;
};

function toRow(r: {
  period_id: number;
  ytd_investment_yuan: number;
  month_end_investment_yuan: number | null;
  status: string;
  submitted_at?: string;
  progress_text?: string | null;
}): ReportRow {
  return {
    periodId: r.period_id,
    ytdYuan: Number(r.ytd_investment_yuan),
    monthEndYuan: r.month_end_investment_yuan === null ? null : Number(r.month_end_investment_yuan),
    status: r.status,
    progressText: r.progress_text ?? null,
    ...(r.submitted_at === undefined ? {} : { submittedAt: r.submitted_at }),
  };
}

/**
 * The id X such that the periods opened before `endsAt` are exactly those with id ≤ X (0 when there are none), so
 * that the latest of them is the one with the highest id; null when periods were created out of week order (the clock
 * set back, a week opened late by hand) — then ids say nothing about which week is later.
 */
export function periodPrefix(periods: readonly Period[], endsAt: string): number | null {
  const byId = [...periods].sort((a, b) => a.id - b.id);
  if (byId.some((p, i) => i > 0 && p.opensAt < (byId[i - 1]?.opensAt ?? ''))) return null;
  return byId.filter((p) => p.opensAt < endsAt).at(-1)?.id ?? 0;
}

/**
 * Each project's latest figure reported on or before the month end (domain.md §3, "月底前最近一次填报"): the report of
 * the latest week that had been submitted before `endsAt`, as it stood then — its latest revision submitted before
 * `endsAt`. A report first submitted after the month ended (a 补报) is not a figure of that month, and an amendment
 * made after it does not replace the figure that stood at the month end.
 *
 * Normally "opened before endsAt" is "id up to X" and the latest is one backward index walk per project on reports
 * (project_id, period_id), stopping at the first report first submitted before the month end (reports.created_at;
 * almost always the first one tried), then one seek into its revisions — the current one unless the report was changed
 * after the month end (reports.updated_at); periods created out of order take the general form.
 */
export async function latestReportsBefore(
  db: Db,
  year: number,
  periods: readonly Period[],
  endsAt: string,
  withText: boolean,
): Promise<Map<number, ReportRow>> {
  const upToId = periodPrefix(periods, endsAt);
  if (upToId === 0) return new Map();
  const rows = await db
    .selectFrom('projects as p')
    .innerJoin('reports as r', (j) =>
      j.onRef('r.project_id', '=', 'p.id').on('r.id', '=', (eb) =>
        upToId !== null
          ? eb
              .selectFrom('reports as r2')
              .select('r2.id')
              .whereRef('r2.project_id', '=', 'p.id')
              .where('r2.period_id', '<=', upToId)
              // created_at is the first submission: a report first made after the month end is not its figure.
              .where('r2.created_at', '<', endsAt)
              .orderBy('r2.period_id', 'desc')
              .limit(1)
          : eb
              .selectFrom('reports as r2')
              .innerJoin('weekly_periods as w2', 'w2.id', 'r2.period_id')
              .select('r2.id')
              .whereRef('r2.project_id', '=', 'p.id')
              .where('w2.opens_at', '<', endsAt)
              .where('r2.created_at', '<', endsAt)
              .orderBy('w2.opens_at', 'desc')
              .limit(1),
      ),
    )
    // The revision that stood at the month end: the current one unless the report was changed since (updated_at).
    .innerJoin('report_revisions as v', (j) =>
      j.onRef('v.report_id', '=', 'r.id').on('v.revision', '=', (eb) =>
        eb
          .case()
          .when('r.updated_at', '<', endsAt)
          .then(eb.ref('r.revision'))
          .else(
            eb
              .selectFrom('report_revisions as v2')
              .select((e) => e.fn.max('v2.revision').as('m'))
              .whereRef('v2.report_id', '=', 'r.id')
              .where('v2.submitted_at', '<', endsAt),
          )
          .end(),
      ),
    )
    .where('p.plan_year', '=', year)
    .select(['r.project_id', 'r.period_id', 'v.ytd_investment_yuan', 'v.month_end_investment_yuan', 'v.status', 'v.submitted_at'])
    .$if(withText, (q) => q.select('v.progress_text'))
    .execute();
  return new Map(rows.map((r) => [r.project_id, toRow(r)]));
}

/** The reports (current revisions) of one period, by project: the round that asked for a month-end figure. */
export async function reportsOfPeriod(db: Db, year: number, periodId: number, withText: boolean): Promise<Map<number, ReportRow>> {
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
    .where('r.period_id', '=', periodId)
    .where('p.plan_year', '=', year)
    .select(['r.project_id', 'r.period_id', 'v.ytd_investment_yuan', 'v.month_end_investment_yuan', 'v.status', 'v.submitted_at'])
    .$if(withText, (q) => q.select('v.progress_text'))
    .execute();
  return new Map(rows.map((r) => [r.project_id, toRow(r)]));
}

export type Submissions = { reports: number; late: number };

/**
 * Per project, how many of the given periods it reported in and how many of those reports were 补报: the first
 * submission (revision 1) came after the deadline. A later amendment does not make an on-time report late.
 */
export async function submissionsIn(db: Db, year: number, periodIds: readonly number[]): Promise<Map<number, Submissions>> {
  if (periodIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').on('v.revision', '=', 1))
    .where('r.period_id', 'in', [...periodIds])
    .where('p.plan_year', '=', year)
    .groupBy('r.project_id')
    .select((eb) => ['r.project_id', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('v.late').as('late')])
    .execute();
  return new Map(rows.map((r) => [r.project_id, { reports: Number(r.n), late: Number(r.late ?? 0) }]));
}

/**
 * Projects with a report in one of the given periods that was submitted or amended after `since` (ISO UTC): the only
 * ones whose month-end figure of a month published at `since` can differ from the published one now.
 */
export async function projectsChangedSince(db: Db, periodIds: readonly number[], since: string): Promise<Set<number>> {
  if (periodIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('reports')
    .select('project_id')
    .distinct()
    .where('period_id', 'in', [...periodIds])
    .where('updated_at', '>', since)
    .execute();
  return new Set(rows.map((r) => r.project_id));
}
