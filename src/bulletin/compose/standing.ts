// Each project's standing at a month end: its plan in force, its month-end figure, and the rate, gap and light the
// domain rules give them — the same standingOf the answers in chat use, measured at the month end.
import { completionRate, isBelowTimeProgress, monthsLagging, type MonthRecord, ownTimeProgress, type Percent } from '../../domain/progress';
import { type Measure, type PlanFacts, type Standing, standingOf, yearMonthOf } from '../../domain/standing';
import { statusLabel } from '../../domain/report-form';
import type { BulletinProject, RegisterPlan } from '../read/data';
import type { MonthEnd } from './month-end';
import type { BulletinMonth } from '../month';
import { planAt } from './plan-version';
import { endsOf, measureOf, type YearData } from '../read/year-data';
import type { Settings } from '../../domain/settings';

export type ProjectAt = {
  p: BulletinProject;
  plan: RegisterPlan;
  planFacts: PlanFacts;
  end: MonthEnd | null;
  /** The month-end figure, 元; null without one. */
  figureYuan: number | null;
  /** The reported status as people read it (在建); null without any report. */
  status: string | null;
  standing: Standing;
};

export function planFactsOf(plan: RegisterPlan, nature: string, monthPlanYuan: readonly number[] | null = null): PlanFacts {
  return { annualPlanYuan: plan.annualPlanYuan, nature, plannedStart: yearMonthOf(plan.plannedStart), monthPlanYuan };
}

/** The projects in the plan at the month end, in code order, with their standing. */
export function projectsAt(data: YearData, m: BulletinMonth, measure: Measure): ProjectAt[] {
  const ends = endsOf(data, m);
  const out: ProjectAt[] = [];
  for (const p of data.projects) {
    const plan = planAt(data.history, p, m);
    if (!plan) continue;
    const end = ends.get(p.id) ?? null;
    const planFacts = planFactsOf(plan, p.nature, data.monthPlans?.get(p.id) ?? null);
    const figureYuan = end?.figureYuan ?? null;
    const status = end?.status == null ? null : statusLabel(end.status);
    const standing = standingOf(planFacts, figureYuan === null ? null : { ytdYuan: figureYuan, status: end?.status ?? '' }, measure);
    out.push({ p, plan, planFacts, end, figureYuan, status, standing });
  }
  return out;
}

/** 序时进度 at the end of each month of the year so far (index 0 = January), for walking back through the months. */
export function timeProgressByMonth(data: YearData, settings: Settings): Percent[] {
  return data.months.map((k) => measureOf(k, settings).timeProgress.percent);
}

/**
 * Months in a row below 序时 up to month m, from the month-end figures of each earlier month against the plan in
 * force then and that month's 序时进度 (the project's own, from its 月度计划, where it has one). Walks back only while the project stays behind, so a project that is not
 * behind costs one month.
 */
export function monthsLaggingOf(data: YearData, x: ProjectAt, m: BulletinMonth, tps: readonly Percent[]): number {
  const records: MonthRecord[] = [];
  for (let i = m.month - 1; i >= 0; i--) {
    const k = data.months[i];
    const tp = tps[i];
    if (!k || !tp) break;
    const plan = i === m.month - 1 ? x.plan : planAt(data.history, x.p, k);
    if (!plan) break;
    const figure = i === m.month - 1 ? x.figureYuan : (endsOf(data, k).get(x.p.id)?.figureYuan ?? null);
    const rate = figure === null ? null : completionRate(figure, plan.annualPlanYuan);
    // A project on its own 月度计划 is behind by its own curve in every month, as it is in this one.
    const own = ownTimeProgress(k.cutoff, x.planFacts.monthPlanYuan, plan.annualPlanYuan) ?? tp;
    records.push({ month: { year: k.year, month: k.month }, rate, timeProgress: own });
    if (!isBelowTimeProgress(rate, own)) break;
  }
  return monthsLagging(records);
}

/**
 * Where the run of monthsLagging begins, and whether that month is the first with a figure (the month before it has
 * none): "连续N个月" then counts only from when data exists, and the bulletin says so. null without a run.
 */
export function laggingRunSince(data: YearData, x: ProjectAt, m: BulletinMonth, run: number): { month: number; firstData: boolean } | null {
  if (run <= 0) return null;
  const month = m.month - run + 1;
  const before = data.months[month - 2];
  if (month <= 1 || !before) return { month, firstData: false };
  const plan = planAt(data.history, x.p, before);
  return { month, firstData: plan !== null && (endsOf(data, before).get(x.p.id)?.figureYuan ?? null) === null };
}
