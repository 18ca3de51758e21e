// Everything a bulletin of month M is computed from: the plan year's register with its plan history, the weekly
// periods, and every project's month-end facts for each month from January to M (earlier months give the months in a
// row behind 序时, last month's figures give 本月新增, published months give the corrections).
import type { Db } from '../../db/connect';
import { loadMonthPlans } from '../../db/month-plans';
import type { Settings } from '../../domain/settings';
import { lightSettingsOf, progressSettingsOf, timeProgress } from '../../domain/progress';
import type { Measure } from '../../domain/standing';
import { type BulletinProject, loadPeriods, loadYearProjects, type Period } from './data';
import { type MonthEnd, monthEndsOfYear } from '../compose/month-end';
import { type BulletinMonth, monthsOfYearUpTo } from '../month';
import { type PlanHistory, planHistoryOf } from '../compose/plan-version';

export type YearData = {
  year: number;
  month: BulletinMonth;
  /** January up to the bulletin's month. */
  months: BulletinMonth[];
  projects: BulletinProject[];
  history: PlanHistory;
  periods: Period[];
  /** Month-end facts by month key ('2026-10'), for January up to the bulletin's month; project id → facts. */
  ends: Map<string, Map<number, MonthEnd>>;
  /** Each project's own 月度计划 (cumulative 元 at each month end, January first) where it has one; project id → plan. */
  monthPlans?: Map<number, number[]>;
};

/** Reads the plan year up to month m; the last month's facts carry the 形象进度 for the 附表. */
export async function loadYearData(db: Db, m: BulletinMonth): Promise<YearData> {
  const periods = await loadPeriods(db);
  const months = monthsOfYearUpTo(m);
  const [projects, ends, monthPlans] = await Promise.all([
    loadYearProjects(db, m.year),
    monthEndsOfYear(db, m.year, periods, months, m.key),
    loadMonthPlans(db, m.year),
  ]);
  return { year: m.year, month: m, months, projects, history: planHistoryOf(m.year, projects), periods, ends, monthPlans };
}

/** What a month's figures are measured against: 序时进度 at its end under the configured rule, and the light rules. */
export function measureOf(m: BulletinMonth, settings: Settings): Measure {
  const cached = measures.get(settings)?.get(m.key);
  if (cached) return cached;
  const measure = { asOf: m.cutoff, timeProgress: timeProgress(m.cutoff, progressSettingsOf(settings)), lights: lightSettingsOf(settings) };
  const bySettings = measures.get(settings) ?? new Map<string, Measure>();
  bySettings.set(m.key, measure);
  measures.set(settings, bySettings);
  return measure;
}

/** Measures are asked for once per project and month when walking back through a year: computed once per settings. */
const measures = new WeakMap<Settings, Map<string, Measure>>();

export function endsOf(data: YearData, m: BulletinMonth): Map<number, MonthEnd> {
  return data.ends.get(m.key) ?? new Map();
}
