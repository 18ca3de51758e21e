// Display of the numbers in the bulletin's words (§9): rates, gaps, periods. Amounts (万元/亿元) are shown by
// src/domain/money.ts. With it, the only place anything is rounded.
import { roundToString, toPercent, type PercentInput } from './exact';
import type { Light } from './lights';
import type { ConversionStep, CountRate } from './rates';
import { asOfDate, type AsOf, type TimeProgress } from './time-progress';

/** What a rate without a denominator (no annual plan, nothing planned) shows, in tables and in sentences alike. */
export const NO_RATE = '—';

/** A rate with one decimal, "78.6%"; a rate that cannot be computed shows NO_RATE. */
export function formatRate(rate: PercentInput | null, decimals = 1): string {
  return rate === null ? NO_RATE : `${roundToString(toPercent(rate).exact, decimals)}%`;
}

/**
 * 序时进度 the way bulletins print it: up to 2 decimals without trailing zeros ("16.67%", "50%", "62.5%"). A
 * day-based figure always says so, since no bulletin reader would otherwise expect it.
 */
/** A project's own 序时进度 (from its 月度计划), printed like the city's: up to 2 decimals without trailing zeros. */
export function formatOwnTimeProgress(p: PercentInput): string {
  return `${roundToString(toPercent(p).exact, 2).replace(/\.?0+$/, '')}%`;
}

export function formatTimeProgress(tp: TimeProgress): string {
  const text = roundToString(tp.percent.exact, 2).replace(/\.?0+$/, '');
  return tp.rule === 'days' ? `${text}%（${tp.basis}）` : `${text}%`;
}

/**
 * The gap to 序时 in 个百分点, as a phrase: "高于序时进度0.7个百分点", "低于序时进度4.7个百分点", or
 * "与序时进度持平" when it rounds to 0.0 — so the phrase never says "低于…0.0". Never "%" for a difference.
 */
export function formatGap(gap: PercentInput | null, decimals = 1): string {
  if (gap === null) return NO_RATE;
  const text = roundToString(toPercent(gap).exact, decimals);
  if (/^0(\.0*)?$/.test(text)) return '与序时进度持平';
  return text.startsWith('-') ? `低于序时进度${text.slice(1)}个百分点` : `高于序时进度${text}个百分点`;
}

/** The gap as a signed table cell in 个百分点: "+0.7", "-4.7", "0.0". */
export function formatGapPoints(gap: PercentInput | null, decimals = 1): string {
  if (gap === null) return NO_RATE;
  const text = roundToString(toPercent(gap).exact, decimals);
  return text.startsWith('-') || /^0(\.0*)?$/.test(text) ? text : `+${text}`;
}

/** A count rate with both counts: "计划新开工210个，已开工186个，开工率88.6%". */
export function formatCountRate(r: CountRate): string {
  return `${r.denominatorLabel}${r.denominator}个${r.denominatorNote}，${r.numeratorLabel}${r.numerator}个，${r.label}${formatRate(r.rate)}`;
}

/** One step of the conversion chain: "签约87个→投产达效65个，转化率74.7%". */
export function formatConversionStep(s: ConversionStep): string {
  return `${s.from}${s.fromCount}个→${s.to}${s.toCount}个，转化率${formatRate(s.rate)}`;
}

const LIGHT_WORDS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/** The light in words; always 红灯/黄灯/绿灯, since in some cities' 红榜 schemes a bare "红" means good. */
export function formatLight(light: Light | null): string {
  return light === null ? NO_RATE : LIGHT_WORDS[light];
}

/** The months a figure covers: "1–10月", "1至8月上半月" (as bulletins word a half-month), a date "1月1日至3月18日". */
export function formatPeriod(asOf: AsOf): string {
  if ('day' in asOf) return `1月1日至${asOf.month}月${asOf.day}日`;
  if (asOf.half === 'first') return asOf.month === 1 ? '1月上半月' : `1至${asOf.month}月上半月`;
  return asOf.month === 1 ? '1月' : `1–${asOf.month}月`;
}

/** The "as of" phrase: "截至10月底", a first-half cut-off "截至8月15日", a date "截至3月18日". */
export function formatAsOf(asOf: AsOf): string {
  if (!('day' in asOf) && asOf.half !== 'first') return `截至${asOf.month}月底`;
  const d = asOfDate(asOf);
  return `截至${d.month}月${d.day}日`;
}

/**
 * The one mark of an estimated figure, the same in the cards, the text, the 附表 and the .docx: "估（第48周 11月27日填报）"
 * — the figure of the round of ISO week 48, submitted on 27 November; just "估" when the week is not known.
 */
export function estimateMark(from: { week: string; date: string } | undefined): string {
  if (!from) return '估';
  const week = Number(from.week.slice(from.week.indexOf('W') + 1));
  const [, m, d] = from.date.split('-').map(Number) as [number, number, number];
  return `估（第${week}周 ${m}月${d}日填报）`;
}
