// Read queries for answers: each project's latest report, the recent weekly periods, a project's weeks, open problems.
import { type Kysely, PostgresAdapter, sql } from 'kysely';
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

/** The weekly periods, whether their ids rise with week_start (created week after week), and the last id up to a week. */
async function periodsUpToWeek(db: Q, upToWeekStart: string) {
  const periods = await db.selectFrom('weekly_periods').select(['id', 'week_start']).orderBy('id').execute();
  const rising = periods.every((p, i) => i === 0 || p.week_start > periods[i - 1]!.week_start);
  const upToId = periods.filter((p) => p.week_start <= upToWeekStart).at(-1)?.id ?? null;
  return { periods, rising, upToId };
}

/**
 * "This project's latest report up to period `upToId`" as the highest period id among its reports: one seek in the
 * (project_id, period_id) index of reports, right only when period ids rise with week_start. The query names its
 * projects `p`.
 */
const newestPeriodOf = (upToId: number) => sql<number>`(select max(r2.period_id) from reports r2 where r2.project_id = p.id and r2.period_id <= ${upToId})`;

/** The same for periods created out of order (the clock set back): the latest week_start. The query names its reports `r`. */
const newestWeekOf = (upToWeekStart: string) =>
  sql<string>`(select max(w2.week_start) from reports r2 inner join weekly_periods w2 on w2.id = r2.period_id
    where r2.project_id = r.project_id and w2.week_start <= ${upToWeekStart})`;

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
  const { rising, upToId } = await periodsUpToWeek(db, upToWeekStart);
  if (rising && upToId === null) return new Map();
  const fast = db
    .selectFrom('projects as p')
    .innerJoin('reports as r', (j) => j.onRef('r.project_id', '=', 'p.id').on('r.period_id', '=', newestPeriodOf(upToId ?? 0)))
    .innerJoin('weekly_periods as w', 'w.id', 'r.period_id')
    .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
    .leftJoin('people as s', 's.id', 'v.submitted_by')
    .where('p.plan_year', '=', planYear)
    .select([
      'r.project_id',
      'w.id as period_id',
      'w.week_start',
      'v.revision',
      'v.ytd_investment_yuan',
      'v.status',
      'v.progress_text',
      'v.problem_categories',
      'v.problem_text',
      'v.coordination',
      's.name as by',
      'v.submitted_at',
      'v.late',
      'v.no_change',
    ]);
  const general = db
    .selectFrom('reports as r')
    .innerJoin('weekly_periods as w', 'w.id', 'r.period_id')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
    .leftJoin('people as s', 's.id', 'v.submitted_by')
    .where('p.plan_year', '=', planYear)
    .where('w.week_start', '<=', upToWeekStart)
    .where('w.week_start', '=', newestWeekOf(upToWeekStart))
    .select([
      'r.project_id',
      'w.id as period_id',
      'w.week_start',
      'v.revision',
      'v.ytd_investment_yuan',
      'v.status',
      'v.progress_text',
      'v.problem_categories',
      'v.problem_text',
      'v.coordination',
      's.name as by',
      'v.submitted_at',
      'v.late',
      'v.no_change',
    ]);
  // In slices, to stay inside the bound-parameter limits of both engines.
  const slices = projectIds ? chunk(projectIds, 500) : [null];
  const out = new Map<number, ReportFacts>();
  for (const ids of slices) {
    const rows = rising
      ? await (ids ? fast.where('p.id', 'in', ids) : fast).execute()
      : await (ids ? general.where('r.project_id', 'in', ids) : general).execute();
    for (const r of rows) {
      out.set(r.project_id, {
        projectId: r.project_id,
        periodId: r.period_id,
        weekStart: r.week_start,
        revision: r.revision,
        ytdYuan: Number(r.ytd_investment_yuan),
        status: r.status,
        progressText: r.progress_text,
        problemCategories: JSON.parse(r.problem_categories) as string[],
        problemText: r.problem_text,
        coordination: r.coordination,
        submittedBy: r.by,
        submittedAt: r.submitted_at,
        late: r.late === 1,
        noChange: r.no_change === 1,
      });
    }
  }
  return out;
}

/** What summaries and lists need of a project's latest report: its week and figures, not its texts. */
export type LatestFigures = Pick<ReportFacts, 'projectId' | 'periodId' | 'weekStart' | 'revision' | 'ytdYuan' | 'status' | 'coordination'>;

/**
 * Each project's latest figures, and the week they go up to: the latest period up to the week asked. A project
 * reported in that period exactly when its latest report is from it.
 */
export type LatestByProject = { byProject: Map<number, LatestFigures>; throughPeriodId: number | null; weekOf: Map<number, string> };

const isPostgres = (db: Q) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The figures of every project's latest report up to `upToWeekStart` (the same report latestReports picks), for a
 * whole plan year at once: one index seek per project in (project_id, period_id), no texts, no submitter, and the
 * week taken from the periods already read instead of a join. PostgreSQL plans the seek as a lateral join (its
 * planner turns the correlated max into a hash join over every report); SQLite as the correlated max.
 */
export async function latestFigures(db: Q, planYear: number, upToWeekStart: string): Promise<LatestByProject> {
  const { periods, rising, upToId } = await periodsUpToWeek(db, upToWeekStart);
  const weekOf = new Map(periods.map((p) => [p.id, p.week_start]));
  const through = periods.filter((p) => p.week_start <= upToWeekStart).sort((a, b) => b.week_start.localeCompare(a.week_start))[0]?.id ?? null;
  const out = new Map<number, LatestFigures>();
  if (upToId === null) return { byProject: out, throughPeriodId: null, weekOf };
  type Row = { project_id: number; period_id: number; revision: number; ytd_investment_yuan: number; status: string; coordination: string | null };
  let rows: Row[];
  if (!rising) {
    rows = await db
      .selectFrom('reports as r')
      .innerJoin('weekly_periods as w', 'w.id', 'r.period_id')
      .innerJoin('projects as p', 'p.id', 'r.project_id')
      .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
      .where('p.plan_year', '=', planYear)
      .where('w.week_start', '<=', upToWeekStart)
      .where('w.week_start', '=', newestWeekOf(upToWeekStart))
      .select(['r.project_id', 'r.period_id', 'v.revision', 'v.ytd_investment_yuan', 'v.status', 'v.coordination'])
      .execute();
  } else if (isPostgres(db)) {
    rows = await db
      .selectFrom('projects as p')
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('reports as r')
            .select(['r.id', 'r.period_id', 'r.revision'])
            .whereRef('r.project_id', '=', 'p.id')
            .where('r.period_id', '<=', upToId)
            .orderBy('r.period_id', 'desc')
            .limit(1)
            .as('r'),
        (j) => j.onTrue(),
      )
      .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
      .where('p.plan_year', '=', planYear)
      .select(['p.id as project_id', 'r.period_id', 'v.revision', 'v.ytd_investment_yuan', 'v.status', 'v.coordination'])
      .execute();
  } else {
    rows = await db
      .selectFrom('projects as p')
      .innerJoin('reports as r', (j) => j.onRef('r.project_id', '=', 'p.id').on('r.period_id', '=', newestPeriodOf(upToId)))
      .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
      .where('p.plan_year', '=', planYear)
      .select(['r.project_id', 'r.period_id', 'v.revision', 'v.ytd_investment_yuan', 'v.status', 'v.coordination'])
      .execute();
  }
  for (const r of rows) {
    out.set(r.project_id, {
      projectId: r.project_id,
      periodId: r.period_id,
      weekStart: weekOf.get(r.period_id) ?? '',
      revision: r.revision,
      ytdYuan: Number(r.ytd_investment_yuan),
      status: r.status,
      coordination: r.coordination,
    });
  }
  return { byProject: out, throughPeriodId: through, weekOf };
}

/** A revision saved after some other, with its report's project and week and whether it is still the report's current one. */
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
