// The bulletin's figures as its cards print them: its 万元 amounts and unrounded percentages through the domain's
// formatters (src/domain/format.ts), so a card says exactly what the text and the spreadsheet say.
import type { Bulletin } from '../src/domain/bulletin';
import {
  daysInMonth,
  FIRST_HALF_LAST_DAY,
  formatAsOf,
  formatPeriod,
  formatTimeProgress,
  formatWan,
  formatWanNumber,
  formatYi,
  formatYiNumber,
  toPercent,
  type AsOf,
  type TimeProgress,
} from '../src/domain/progress';

/**
 * 万元 to whole 元. The bulletin keeps 万元 with at most 4 decimals (the database holds integer 元), so ×10,000 lands
 * within a hair of an integer and rounding recovers it exactly.
 */
export function yuanOfWan(wan: number): number {
  const yuan = Math.round(wan * 10_000);
  if (!Number.isSafeInteger(yuan)) throw new RangeError(`not an amount in 万元: ${wan}`);
  return yuan === 0 ? 0 : yuan; // no "-0"
}

/** "386.42亿元" */
export const yi = (wan: number) => formatYi(yuanOfWan(wan));
/** "386.42" (a table cell under a 亿元 heading) */
export const yiCell = (wan: number) => formatYiNumber(yuanOfWan(wan));
/** "12,345.60万元" (one project's figure) */
export const wanText = (wan: number) => formatWan(yuanOfWan(wan));

/** "12,345.60" (a table cell under a 万元 heading) */
export const wanCell = (wan: number) => formatWanNumber(yuanOfWan(wan));

/** Sums 万元 figures exactly (in 元). */
export function sumYuan(wans: readonly number[]): number {
  return wans.reduce((s, w) => s + yuanOfWan(w), 0);
}

/** The bulletin's cut-off as the domain's AsOf: a month end, the 15th (上半月), or another day. */
export function asOfOf(b: Pick<Bulletin, 'asOf'>): AsOf {
  const [year, month, day] = b.asOf.split('-').map(Number) as [number, number, number];
  if (day === daysInMonth(year, month)) return { year, month };
  if (day === FIRST_HALF_LAST_DAY) return { year, month, half: 'first' };
  return { year, month, day };
}

/** "截至10月底" */
export const asOfText = (b: Pick<Bulletin, 'asOf'>) => formatAsOf(asOfOf(b));

/** "2026年1–10月" */
export const periodText = (b: Pick<Bulletin, 'asOf'>) => `${asOfOf(b).year}年${formatPeriod(asOfOf(b))}`;

/**
 * 序时进度 as printed ("83.33%", a day-based figure with its basis). The bulletin carries the percentage and the
 * rule's name; only a day-based rule changes the wording, so that is all that is told apart here.
 */
export function timeProgressText(b: Pick<Bulletin, 'timeProgress' | 'timeProgressRule'>): string {
  const percent = toPercent(b.timeProgress);
  const days = b.timeProgressRule === 'days' || b.timeProgressRule.includes('天');
  const tp: TimeProgress = days ? { percent, rule: 'days', basis: '按天数计算' } : { percent, rule: 'months', basis: '按整月计算' };
  return formatTimeProgress(tp);
}

/** "2026年9月" out of '2026-09'. */
export function monthText(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}年${m}月`;
}

/** An instant as Beijing wall time, "2026年11月5日 09:00". */
export function beijingText(iso: string): string {
  const b = new Date(Date.parse(iso) + 8 * 3600_000);
  const hh = String(b.getUTCHours()).padStart(2, '0');
  const mm = String(b.getUTCMinutes()).padStart(2, '0');
  return `${b.getUTCFullYear()}年${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${hh}:${mm}`;
}
