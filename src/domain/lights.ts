// Warning lights (§4.3): how far behind 序时 a project is under the configured rule, late starts, and the labels.
import { compare, decimalRatio, div, mul, ratio, sub, toPercent, type PercentInput } from './exact';
import { hasStarted } from './rates';
import type { Settings } from './settings';
import { monthIndex, monthsCompleted, type AsOf, type YearMonth } from './time-progress';

export type Light = 'green' | 'yellow' | 'red';

export type LightSettings = {
  rule: Settings['lights.rule'];
  points: Settings['lights.points'];
  ratio: Settings['lights.ratio'];
  ratioBelow: Settings['lights.ratioBelow'];
  lateStartRedMonths: Settings['lights.lateStartRedMonths'];
};

/** The light settings out of the stored settings, so callers need not spell the keys. */
export function lightSettingsOf(
  s: Pick<Settings, 'lights.rule' | 'lights.points' | 'lights.ratio' | 'lights.ratioBelow' | 'lights.lateStartRedMonths'>,
): LightSettings {
  return {
    rule: s['lights.rule'],
    points: s['lights.points'],
    ratio: s['lights.ratio'],
    ratioBelow: s['lights.ratioBelow'],
    lateStartRedMonths: s['lights.lateStartRedMonths'],
  };
}

const HUNDRED = ratio(100);
const SEVERITY: Record<Light, number> = { green: 0, yellow: 1, red: 2 };

/** 未达序时进度: completion strictly below 序时 (equal is not behind). No plan, no rate: not on the list. */
export function isBelowTimeProgress(rate: PercentInput | null, timeProgress: PercentInput): boolean {
  return rate !== null && compare(toPercent(rate).exact, toPercent(timeProgress).exact) < 0;
}

/**
 * The investment light. Only a project below 序时 can be yellow or red, whatever the thresholds; the thresholds
 * are compared exactly, so "10 to 30 points below inclusive" holds at exactly 10 and exactly 30.
 * - points: yellow from points.yellow to points.red points below (inclusive), red beyond points.red;
 * - ratio: completion as a share of 序时 — red below ratio.red %, yellow below ratio.yellow %;
 * - ratio_below: how far below 序时 as a share of it — yellow up to ratioBelow.red % (inclusive), red beyond.
 * null when there is no rate (no annual plan).
 */
export function investmentLight(rate: PercentInput | null, timeProgress: PercentInput, s: LightSettings): Light | null {
  if (rate === null) return null;
  if (!isBelowTimeProgress(rate, timeProgress)) return 'green';
  const r = toPercent(rate).exact;
  const tp = toPercent(timeProgress).exact;
  // Only a negative (corrected-down) rate can be below a 序时 of 0; nothing was due yet, so nothing is late.
  if (tp.num <= 0n) return 'green';
  switch (s.rule) {
    case 'points': {
      const below = sub(tp, r);
      if (compare(below, decimalRatio(s.points.red)) > 0) return 'red';
      return compare(below, decimalRatio(s.points.yellow)) >= 0 ? 'yellow' : 'green';
    }
    case 'ratio': {
      const share = mul(div(r, tp), HUNDRED);
      if (compare(share, decimalRatio(s.ratio.red)) < 0) return 'red';
      return compare(share, decimalRatio(s.ratio.yellow)) < 0 ? 'yellow' : 'green';
    }
    case 'ratio_below': {
      const shareBelow = mul(div(sub(tp, r), tp), HUNDRED);
      return compare(shareBelow, decimalRatio(s.ratioBelow.red)) > 0 ? 'red' : 'yellow';
    }
  }
}

export type LateStart = { light: 'yellow' | 'red'; monthsLate: number };

/**
 * 计划开工 by a month: whether a 新开工 project was due to have started by the end of month `by` — its planned start
 * month (计划开工日期) on or before it. The late-start light (未按计划开工, below) and the 综合评价's 新开工项目开工率
 * both count from this. A 新开工 project with no planned start date is due only by the end of its plan year (建设性质
 * 新开工 says it starts within the year; `planYear`, by default `by`'s year).
 */
export function dueToStartBy(p: { nature: string; plannedStart: YearMonth | null }, by: YearMonth, planYear = by.year): boolean {
  if (p.nature !== '新开工') return false;
  if (p.plannedStart === null) return monthIndex(by) >= monthIndex({ year: planYear, month: 12 });
  return monthIndex(p.plannedStart) <= monthIndex(by);
}

/** What the late-start check needs of a project. */
export type LateStartFacts = { nature: string; status: string | null; plannedStart: YearMonth | null };

/**
 * A 新开工 project not started by the end of its planned start month is late: yellow from that month end
 * (monthsLate 0), red once `redMonths` further months have ended without a start (planned March, red at the end
 * of June with the default 3). Only months fully ended by the as-of count. null when not late or not applicable.
 */
export function lateStart(p: LateStartFacts, asOf: AsOf, redMonths: number): LateStart | null {
  if (p.nature !== '新开工' || p.plannedStart === null || hasStarted(p.status)) return null;
  const lastEnded = asOf.year * 12 + monthsCompleted(asOf) - 1;
  if (!dueToStartBy(p, { year: Math.floor(lastEnded / 12), month: (lastEnded % 12) + 1 })) return null;
  const monthsLate = lastEnded - monthIndex(p.plannedStart);
  return { light: monthsLate >= redMonths ? 'red' : 'yellow', monthsLate };
}

export function worstLight(...lights: Array<Light | null>): Light | null {
  let worst: Light | null = null;
  for (const l of lights) if (l !== null && (worst === null || SEVERITY[l] > SEVERITY[worst])) worst = l;
  return worst;
}

export type ProgressLabel = '未达序时进度' | '进度较慢' | '进度滞后' | '停工' | '半停工';
export type LagReason = '投资滞后' | '开工滞后';

export type ProjectFacts = LateStartFacts & { rate: PercentInput | null };

export type Assessment = {
  /** The project's light: the worse of the investment light and the late-start light. */
  light: Light | null;
  investmentLight: Light | null;
  lateStart: LateStart | null;
  belowTimeProgress: boolean;
  /** In order: 未达序时进度, then 进度滞后 or 进度较慢, then 停工 or 半停工. */
  labels: ProgressLabel[];
  reasons: LagReason[];
};

/**
 * One project's standing at an as-of. 进度滞后 (red or late start) outranks 进度较慢 (yellow), so a project carries
 * at most one of them; 停工 / 半停工 are taken from the reported status, never inferred from the numbers.
 */
export function assessProject(p: ProjectFacts, timeProgress: PercentInput, asOf: AsOf, s: LightSettings): Assessment {
  const below = isBelowTimeProgress(p.rate, timeProgress);
  const invLight = investmentLight(p.rate, timeProgress, s);
  const late = lateStart(p, asOf, s.lateStartRedMonths);
  const labels: ProgressLabel[] = [];
  if (below) labels.push('未达序时进度');
  if (invLight === 'red' || late) labels.push('进度滞后');
  else if (invLight === 'yellow') labels.push('进度较慢');
  if (p.status === '停工' || p.status === '半停工') labels.push(p.status);
  const reasons: LagReason[] = [];
  if (below) reasons.push('投资滞后');
  if (late) reasons.push('开工滞后');
  return { light: worstLight(invLight, late?.light ?? null), investmentLight: invLight, lateStart: late, belowTimeProgress: below, labels, reasons };
}

export type MonthRecord = { month: YearMonth; rate: PercentInput | null; timeProgress: PercentInput };

/**
 * Months in a row below 序时, counted back from the latest record. A month missing from the history, or one
 * without a rate, ends the run: the bulletin should not claim a streak it has no figures for.
 */
export function monthsLagging(history: readonly MonthRecord[]): number {
  const sorted = [...history].sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
  let run = 0;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const rec = sorted[i];
    if (!rec || !isBelowTimeProgress(rec.rate, rec.timeProgress)) break;
    const next = sorted[i + 1];
    if (next && monthIndex(next.month) - monthIndex(rec.month) !== 1) break;
    run++;
  }
  return run;
}
