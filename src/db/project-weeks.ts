// A project's recent weeks for its answer card: the plan year's last periods, its figures in them, its open problems.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

type Q = Kysely<Database>;

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
  let rows: Awaited<ReturnType<typeof base.execute>>;
  if (!projectIds) rows = await base.execute();
  else if (projectIds.length <= 500) rows = await base.where('project_id', 'in', [...projectIds]).execute();
  else {
    // Many projects (a county, the city): the open problems are few, so all of them, kept in order, filtered here.
    const wanted = new Set(projectIds);
    rows = (await base.execute()).filter((r) => wanted.has(r.project_id));
  }
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    category: r.category,
    description: r.description,
    status: r.status,
    isCoordination: r.is_coordination === 1,
    overdue: r.overdue === 1,
    deadline: r.deadline,
    raisedAt: r.raised_at,
  }));
}
