// Sentences the quarter's analysis and the year's assessment share between their text and their cards.
import type { QuarterAnalysis, TrendPoint, YearAssessment } from './analysis';
import { estimateMark, formatGap, formatGapPoints, formatRate } from './format';

const monthNo = (key: string) => Number(key.slice(5));

/** "提高3.2个百分点" / "下降1.0个百分点" / "持平", from unrounded rates. */
export function changeWords(from: number | null, to: number | null): string {
  if (from === null || to === null) return '无法比较';
  const t = formatGapPoints(to - from);
  if (/^[+-]?0(\.0*)?$/.test(t)) return '持平';
  return t.startsWith('-') ? `下降${t.slice(1)}个百分点` : `提高${t.slice(1)}个百分点`;
}

/** A row's completion rate since its base, "提高25.2个百分点"; "—" without a base. */
export function rateChange(base: TrendPoint | null, last: TrendPoint | undefined): string {
  if (!base || !last) return '—';
  return changeWords(base.completionRate, last.completionRate);
}

/**
 * The city's change since the previous quarter's end, or why there is none: the plan year is the calendar year, so
 * the first quarter starts the year's cumulative figures and is not compared with the previous year's end.
 */
export function quarterComparison(q: QuarterAnalysis): string {
  const last = q.city.points.at(-1);
  if (q.quarter.endsWith('-Q1')) return '一季度为本计划年度的首个季度（计划年度即公历年度，年度累计完成投资自1月起算），不与上年末比较。';
  const base = q.city.base;
  if (!base || !last || !q.baseMonth) return '';
  const b = `${monthNo(q.baseMonth)}月底`;
  const e = `${monthNo(last.month)}月底`;
  if (base.completionRate === null || last.completionRate === null) return `与上季末（${b}）相比：未下达年度计划投资，不计算完成率。`;
  return (
    `与上季末（${b}）相比，全市年度投资完成率由${formatRate(base.completionRate)}变为${formatRate(last.completionRate)}，` +
    `${changeWords(base.completionRate, last.completionRate)}；${b}${formatGap(base.gapPoints)}，${e}${formatGap(last.gapPoints)}。`
  );
}

/**
 * How many projects' figures at the assessment's month end are estimates, by name and unit, each with its 估 mark (the
 * week and day of the figure used, as the monthly bulletin gives it); said also when none.
 */
export function estimatedWords(a: YearAssessment): string {
  const m = monthNo(a.month);
  if (a.estimated.length === 0) return `全部${a.projects}个项目的${m}月底数均为填报数，无估算（“估”）数。`;
  const names = a.estimated.map((e) => `${e.name}（${e.unit}，${estimateMark(e.estimatedFrom)}）`).join('、');
  return `${a.projects}个项目中，${a.estimated.length}个项目未填报${m}月底累计完成投资，按${m}月底前最近一次填报数计入，标“估”：${names}。`;
}
