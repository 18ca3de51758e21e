// Read queries for answers: each project's latest report, the recent weekly periods, a project's weeks, open problems.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

type Q = Kysely<Database>;

export type ReportFacts = {
  projectId: number;
  periodId: number;
  weekStart: string;
  revision: number;
  ytdYuan: number;
  status: string;
  progressText: string;
  problemCategories: string[];
  problemText: string | null;
  coordination: string | null;
  submittedBy: string | null;
  submittedAt: string;
  late: boolean;
  noChange: boolean;
};

/**
 * The current revision of each project's latest report in a week up to `upToWeekStart` (a later week's report, if
 * the clock was set back, is not "latest" yet). Only the given projects when `projectIds` is passed.
 */
export async function latestReports(db: Q, planYear: number, upToWeekStart: string, projectIds?: readonly number[]): Promise<Map<number, ReportFacts>> {
  if (projectIds && projectIds.length === 0) return new Map();
  // Periods are created week after week, so their ids normally rise with week_start; then "the latest week up to X"
  // is the highest period id up to X's, one seek per project in the (project_id, period_id) index of reports instead
  // of a correlated max over each project's weeks for every report row (≈ 5× faster at 10,000 projects × 52 weeks).
  // Periods created out of order (the clock set back) take the general query below.
  const periods = await db.selectFrom('weekly_periods').select(['id', 'week_start']).orderBy('id').execute();
  const rising = periods.every((p, i) => i === 0 || p.week_start > periods[i - 1]!.week_start);
  const upToId = periods.filter((p) => p.week_start <= upToWeekStart).at(-1)?.id ?? null;
  if (rising && upToId === null) return new Map();
  const fast = db
    .selectFrom('projects as p')
    .innerJoin('reports as r', (j) =>
      j.onRef('r.project_id', '=', 'p.id').on('r.period_id', '=', (eb) =>
        eb.selectFrom('reports as r2').select((e) => e.fn.max('r2.period_id').as('m')).whereRef('r2.project_id', '=', 'p.id').where('r2.period_id', '<=', upToId ?? 0),
      ),
    )
    .innerJoin('weekly_periods as w', 'w.id', 'r.period_id')
    .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
    .leftJoin('people as s', 's.id', 'v.submitted_by')
    .where('p.plan_year', '=', planYear)
    .select([
      'r.project_id', 'w.id as period_id', 'w.week_start', 'v.revision', 'v.ytd_investment_yuan', 'v.status', 'v.progress_text', 'v.problem_categories',
      'v.problem_text', 'v.coordination', 's.name as by', 'v.submitted_at', 'v.late', 'v.no_change',
    ]);
  const general = db
    .selectFrom('reports as r')
    .innerJoin('weekly_periods as w', 'w.id', 'r.period_id')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
    .leftJoin('people as s', 's.id', 'v.submitted_by')
    .where('p.plan_year', '=', planYear)
    .where('w.week_start', '<=', upToWeekStart)
    .where('w.week_start', '=', (eb) =>
      eb
        .selectFrom('reports as r2')
        .innerJoin('weekly_periods as w2', 'w2.id', 'r2.period_id')
        .select((e) => e.fn.max('w2.week_start').as('m'))
        .whereRef('r2.project_id', '=', 'r.project_id')
        .where('w2.week_start', '<=', upToWeekStart),
    )
    .select([
      'r.project_id', 'w.id as period_id', 'w.week_start', 'v.revision', 'v.ytd_investment_yuan', 'v.status', 'v.progress_text', 'v.problem_categories',
      'v.problem_text', 'v.coordination', 's.name as by', 'v.submitted_at', 'v.late', 'v.no_change',
    ]);
  // In slices, to stay inside the bound-parameter limits of both engines.
  const slices = projectIds ? chunk(projectIds, 500) : [null];
  const out = new Map<number, ReportFacts>();
  for (const ids of slices) {
    const rows = rising ? await (ids ? fast.where('p.id', 'in', ids) : fast).execute() : await (ids ? general.where('r.project_id', 'in', ids) : general).execute();
    for (const r of rows) {
      out.set(r.project_id, {
        projectId: r.project_id, periodId: r.period_id, weekStart: r.week_start, revision: r.revision,
        ytdYuan: Number(r.ytd_investment_yuan), status: r.status, progressText: r.progress_text,
        problemCategories: JSON.parse(r.problem_categories) as string[], problemText: r.problem_text, coordination: r.coordination,
        submittedBy: r.by, submittedAt: r.submitted_at, late: r.late === 1, noChange: r.no_change === 1,
      });
    }
  }
  return out;
}

function chunk<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export type PeriodFacts = { id: number; weekStart: string; deadlineAt: string };

/** The plan year's weekly periods up to a week, latest first (at most `n`). */
export async function periodsUpTo(db: Q, planYear: number, upToWeekStart: string, n: number): Promise<PeriodFacts[]> {
  const rows = await db
    .selectFrom('weekly_periods')
    .select(['id', 'week_start', 'deadline_at'])
    .where('plan_year', '=', planYear)
    .where('week_start', '<=', upToWeekStart)
    .orderBy('week_start', 'desc')
    .limit(n)
    .execute();
  return rows.map((r) => ({ id: r.id, weekStart: r.week_start, deadlineAt: r.deadline_at }));
}

/** A project's reports in the given periods: period id → its current revision's figures. */
export async function projectWeeks(db: Q, projectId: number, periodIds: readonly number[]): Promise<Map<number, { ytdYuan: number; status: string }>> {
  if (periodIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
    .where('r.project_id', '=', projectId)
    .where('r.period_id', 'in', [...periodIds])
    .select(['r.period_id', 'v.ytd_investment_yuan', 'v.status'])
    .execute();
  return new Map(rows.map((r) => [r.period_id, { ytdYuan: Number(r.ytd_investment_yuan), status: r.status }]));
}

export type OpenProblem = {
  id: number;
  projectId: number;
  category: string;
  description: string;
  status: string;
  isCoordination: boolean;
  overdue: boolean;
  deadline: string | null;
  raisedAt: string;
};

/** Problems of the 问题台账 not yet closed (销号), oldest first; only those of the given projects when passed. */
export async function openProblems(db: Q, projectIds?: readonly number[]): Promise<OpenProblem[]> {
  if (projectIds && projectIds.length === 0) return [];
  const base = db
    .selectFrom('problems')
    .select(['id', 'project_id', 'category', 'description', 'status', 'is_coordination', 'overdue', 'deadline', 'raised_at'])
    .where('status', '!=', '已销号')
    .where('closed_at', 'is', null)
    .orderBy('raised_at')
    .orderBy('id');
  const rows = [];
  for (const ids of projectIds ? chunk(projectIds, 500) : [null]) rows.push(...(await (ids ? base.where('project_id', 'in', ids) : base).execute()));
  return rows.map((r) => ({
    id: r.id, projectId: r.project_id, category: r.category, description: r.description, status: r.status,
    isCoordination: r.is_coordination === 1, overdue: r.overdue === 1, deadline: r.deadline, raisedAt: r.raised_at,
  }));
}
