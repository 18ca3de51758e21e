// Weekly rounds in the database: periods, the projects and people of a round, and reports with their revisions.
import type { Kysely, Selectable } from 'kysely';
import type { ReportFields } from './reports';
import type { Database, WeeklyPeriodsTable } from './schema';
import { isCurrentPlan } from './current-plan';

type Q = Kysely<Database>;

export type RoundProject = {
  projectId: number;
  code: string;
  name: string;
  unitId: number;
  unitName: string;
  annualPlanYuan: number;
  totalInvestmentYuan: number;
  priorCompletedYuan: number;
};

export type Person = { personId: number; name: string; openId: string | null; resigned: boolean };

/** A weekly round's period (weekly_periods), as the features see it. Instants are UTC ISO text, as stored. */
export type Period = {
  id: number;
  planYear: number;
  /** The Monday of the round's week, 'YYYY-MM-DD'. */
  weekStart: string;
  opensAt: string;
  remindAt: string;
  deadlineAt: string;
  /** The month ('YYYY-MM') whose month-end cumulative figure this round asks for, or null. */
  asksMonthEnd: string | null;
  createdAt: string;
};

/** A period, or undefined when there is none. */
export type PeriodRow = Period | undefined;

export const periodOf = (r: Selectable<WeeklyPeriodsTable>): Period => ({
  id: r.id,
  planYear: r.plan_year,
  weekStart: r.week_start,
  opensAt: r.opens_at,
  remindAt: r.remind_at,
  deadlineAt: r.deadline_at,
  asksMonthEnd: r.asks_month_end,
  createdAt: r.created_at,
});

/**
 * The month-end figure a period's weekly form asks of its own plan year's projects: none when the month asked is of an
 * earlier year (the first round of a new plan year asks the old year's December of the old year's projects only; see
 * yearEndAsked). A project is never asked for a figure outside its plan year.
 */
export function weeklyMonthEnd(p: Pick<Period, 'asksMonthEnd' | 'planYear'>): string | null {
  return p.asksMonthEnd?.startsWith(`${p.planYear}-`) ? p.asksMonthEnd : null;
}

/** The earlier plan year whose December this period asks for (its projects get the year-end card), or null. */
export function yearEndAsked(p: Pick<Period, 'asksMonthEnd' | 'planYear'>): number | null {
  const y = p.asksMonthEnd ? Number(p.asksMonthEnd.slice(0, 4)) : null;
  return y !== null && y < p.planYear ? y : null;
}

export async function getPeriod(db: Q, id: number): Promise<PeriodRow> {
  const r = await db.selectFrom('weekly_periods').selectAll().where('id', '=', id).executeTakeFirst();
  return r && periodOf(r);
}

export async function getPeriodByWeek(db: Q, weekStart: string): Promise<PeriodRow> {
  const r = await db.selectFrom('weekly_periods').selectAll().where('week_start', '=', weekStart).executeTakeFirst();
  return r && periodOf(r);
}

/** The plan year's period just before this one, or undefined for its first. */
export async function periodBefore(db: Q, period: Period): Promise<PeriodRow> {
  const r = await db
    .selectFrom('weekly_periods')
    .selectAll()
    .where('plan_year', '=', period.planYear)
    .where('week_start', '<', period.weekStart)
    .orderBy('week_start', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && periodOf(r);
}

/** The latest periods that have opened by `now` (opens_at reached), newest first. */
export async function openedPeriods(db: Q, now: Date, limit: number): Promise<Period[]> {
  const rows = await db
    .selectFrom('weekly_periods')
    .selectAll()
    .where('opens_at', '<=', now.toISOString())
    .orderBy('week_start', 'desc')
    .limit(limit)
    .execute();
  return rows.map(periodOf);
}

/** The period that asks for a month's end figure ('YYYY-MM'), if its round has been created. */
export async function askingPeriodOf(db: Q, month: string): Promise<PeriodRow> {
  const r = await db.selectFrom('weekly_periods').selectAll().where('asks_month_end', '=', month).executeTakeFirst();
  return r && periodOf(r);
}

async function hasPeriodOfYear(db: Q, planYear: number): Promise<boolean> {
  return (await db.selectFrom('weekly_periods').select('id').where('plan_year', '=', planYear).executeTakeFirst()) !== undefined;
}

async function hasOldProjects(db: Q, planYear: number): Promise<boolean> {
  const r = await db.selectFrom('projects').select('id').where('plan_year', '=', planYear).where('dropped_at', 'is', null).executeTakeFirst();
  return r !== undefined;
}

/**
 * The period row of a week, created on first use. The first round that opens in a month asks for the previous
 * month's end figure (domain.md §3), so asks_month_end is decided here, once, against the rounds before it.
 */
export async function ensurePeriod(
  db: Q,
  p: { weekStart: string; planYear: number; opensAt: Date; remindAt: Date; deadlineAt: Date; openMonth: string },
  now: Date,
): Promise<Period> {
  const existing = await getPeriodByWeek(db, p.weekStart);
  if (existing) return existing;
  const [y, m] = p.openMonth.split('-').map(Number) as [number, number];
  let previousMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  // The plan year's first round asks for the old year's December when no round has (the new register came after the
  // January rounds, which are created only once it is in): otherwise the old year's projects would never get their
  // year-end card. The month before this round's is then asked by the next round, the first to find it unasked.
  const december = `${p.planYear - 1}-12`;
  if (previousMonth !== december && !(await hasPeriodOfYear(db, p.planYear)) && (await hasOldProjects(db, p.planYear - 1))) {
    const decemberAsked = await db.selectFrom('weekly_periods').select('id').where('asks_month_end', '=', december).executeTakeFirst();
    if (!decemberAsked) previousMonth = december;
  }
  const asked = await db.selectFrom('weekly_periods').select('id').where('asks_month_end', '=', previousMonth).executeTakeFirst();
  await db
    .insertInto('weekly_periods')
    .values({
      plan_year: p.planYear,
      week_start: p.weekStart,
      opens_at: p.opensAt.toISOString(),
      remind_at: p.remindAt.toISOString(),
      deadline_at: p.deadlineAt.toISOString(),
      asks_month_end: asked ? null : previousMonth,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('week_start').doNothing())
    .execute();
  return (await getPeriodByWeek(db, p.weekStart))!;
}

/** Active projects of a plan year with their current plan (the highest version). */
export async function roundProjects(db: Q, planYear: number, unitId?: number, projectId?: number): Promise<RoundProject[]> {
  let q = db
    .selectFrom('projects as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('project_plans as pp', 'pp.project_id', 'p.id')
    .where('p.plan_year', '=', planYear)
    .where('p.dropped_at', 'is', null)
    .where(isCurrentPlan)
    .select([
      'p.id as projectId',
      'p.code',
      'p.name',
      'u.id as unitId',
      'u.name as unitName',
      'pp.annual_plan_yuan as annualPlanYuan',
      'pp.total_investment_yuan as totalInvestmentYuan',
      'pp.prior_completed_yuan as priorCompletedYuan',
    ])
    .orderBy('p.code');
  if (unitId !== undefined) q = q.where('p.unit_id', '=', unitId);
  if (projectId !== undefined) q = q.where('p.id', '=', projectId);
  return q.execute();
}

export async function getRoundProject(db: Q, projectId: number): Promise<(RoundProject & { planYear: number }) | undefined> {
  const row = await db.selectFrom('projects').select(['plan_year']).where('id', '=', projectId).executeTakeFirst();
  if (!row) return undefined;
  const [p] = await roundProjects(db, row.plan_year, undefined, projectId);
  return p && { ...p, planYear: row.plan_year };
}

/** People holding a role for units: unit id → people (reporters, or unit heads). */
export async function peopleByUnit(db: Q, role: 'reporter' | 'unit_head'): Promise<Map<number, Person[]>> {
  const rows = await db
    .selectFrom('person_roles as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .where('r.role', '=', role)
    .where('r.unit_id', 'is not', null)
    .select(['r.unit_id', 'p.id', 'p.name', 'p.open_id', 'p.resigned_at'])
    .orderBy('p.id')
    .execute();
  const map = new Map<number, Person[]>();
  for (const r of rows) {
    const list = map.get(r.unit_id as number) ?? [];
    list.push({ personId: r.id, name: r.name, openId: r.open_id, resigned: r.resigned_at !== null });
    map.set(r.unit_id as number, list);
  }
  return map;
}

/**
 * Projects reported in a period: project id → whether the current revision came after the deadline (补报), and who
 * submitted it and when (the list card says "已填 ✅ 张三 12月1日 10:05").
 */
export async function reportedInPeriod(db: Q, periodId: number): Promise<Map<number, { late: boolean; byName: string | null; submittedAt: string }>> {
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
    .leftJoin('people as p', 'p.id', 'v.submitted_by')
    .where('r.period_id', '=', periodId)
    .select(['r.project_id', 'v.late', 'p.name', 'v.submitted_at'])
    .execute();
  return new Map(rows.map((r) => [r.project_id, { late: r.late === 1, byName: r.name ?? null, submittedAt: r.submitted_at }]));
}

export type LastReport = ReportFields & {
  periodId: number;
  weekStart: string;
  revision: number;
  /** The submitter's name. */
  submittedBy: string | null;
  submittedAt: string;
};

/** The latest report of a project in this period or any earlier one (its current revision). */
export async function lastReport(db: Q, projectId: number, upToWeekStart: string): Promise<LastReport | null> {
  const r = await db
    .selectFrom('reports as r')
    .innerJoin('weekly_periods as w', 'w.id', 'r.period_id')
    .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
    .leftJoin('people as p', 'p.id', 'v.submitted_by')
    .where('r.project_id', '=', projectId)
    .where('w.week_start', '<=', upToWeekStart)
    .orderBy('w.week_start', 'desc')
    .select([
      'w.id as periodId',
      'w.week_start',
      'v.revision',
      'v.ytd_investment_yuan',
      'v.month_end_investment_yuan',
      'v.progress_text',
      'v.status',
      'v.problem_categories',
      'v.problem_text',
      'v.coordination',
      'v.next_plan',
      'v.correction_reason',
      'v.status_date',
      'p.name as by',
      'v.submitted_at',
      'v.late',
      'v.no_change',
    ])
    .executeTakeFirst();
  if (!r) return null;
  return {
    periodId: r.periodId,
    weekStart: r.week_start,
    revision: r.revision,
    ytdYuan: r.ytd_investment_yuan,
    monthEndYuan: r.month_end_investment_yuan,
    progressText: r.progress_text,
    status: r.status,
    problemCategories: JSON.parse(r.problem_categories) as string[],
    problemText: r.problem_text,
    coordination: r.coordination,
    nextPlan: r.next_plan,
    correctionReason: r.correction_reason,
    stoppedSince: r.status_date,
    submittedBy: r.by,
    submittedAt: r.submitted_at,
    late: r.late === 1,
    noChange: r.no_change === 1,
  };
}

/** The first report of a project in a week after this one (its current revision's figure), or null. */
export async function nextReport(db: Q, projectId: number, afterWeekStart: string): Promise<{ weekStart: string; ytdYuan: number } | null> {
  const r = await db
    .selectFrom('reports as r')
    .innerJoin('weekly_periods as w', 'w.id', 'r.period_id')
    .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
    .where('r.project_id', '=', projectId)
    .where('w.week_start', '>', afterWeekStart)
    .orderBy('w.week_start', 'asc')
    .select(['w.week_start', 'v.ytd_investment_yuan'])
    .executeTakeFirst();
  return r ? { weekStart: r.week_start, ytdYuan: r.ytd_investment_yuan } : null;
}

/** What the saved card needs to tell a 新开工 project's start: its nature and its latest plan's planned start. */
export async function startFacts(db: Q, projectId: number): Promise<{ nature: string; plannedStart: string | null }> {
  const facts = await db.selectFrom('projects').select(['nature']).where('id', '=', projectId).executeTakeFirstOrThrow();
  const plan = await db
    .selectFrom('project_plans')
    .select(['planned_start'])
    .where('project_id', '=', projectId)
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  return { nature: facts.nature, plannedStart: plan.planned_start };
}
