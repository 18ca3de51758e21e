// The bulletin's figures as its cards print them: its 万元 amounts and unrounded percentages through the domain's
// formatters (src/domain/money.ts, src/domain/format.ts), so a card says exactly what the text and the spreadsheet say.
import type { Bulletin } from '../../src/domain/bulletin';
import { bulletinTexts } from './texts';
import {
  daysInMonth,
  FIRST_HALF_LAST_DAY,
  formatAsOf,
  formatPeriod,
  formatTimeProgress,
  toPercent,
  type AsOf,
  type TimeProgress,
} from '../../src/domain/progress';
import { decimalRatio, roundToString, sub } from '../../src/domain/exact';
import { formatWan, formatWanNumber, formatYi, formatYiNumber, wanToYuanChecked } from '../../src/domain/money';

/** "386.42亿元" */
export const yi = (wan: number) => formatYi(wanToYuanChecked(wan));
/** "386.42" (a table cell under a 亿元 heading) */
export const yiCell = (wan: number) => formatYiNumber(wanToYuanChecked(wan));
/** "12,345.60万元" (one project's figure) */
export const wanText = (wan: number) => formatWan(wanToYuanChecked(wan));

/** "12,345.60" (a table cell under a 万元 heading) */
export const wanCell = (wan: number) => formatWanNumber(wanToYuanChecked(wan));

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

/** "2026年12月8日" out of '2026-12-08' (the 落款 date). */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** "2026年第10期" */
export const issueNumberText = (issue: { year: number; number: number }) => `${issue.year}年第${issue.number}期`;

/**
 * The 期号 as every output shows it: once published, the number given at 发布; while a draft (the preview's Word file,
 * an export or the text of a month not yet published), the number it would get now, marked 拟 as on the draft card.
 */
export const issueShown = (issue: { year: number; number: number }, draft = false) =>
  draft ? bulletinTexts.draftIssue(issueNumberText(issue)) : issueNumberText(issue);

/** The 期号 inside a bracket (a file's name, the document's title): "2026年第1期，拟" for a draft. */
export const issueInName = (issue: { year: number; number: number }, draft = false) => `${issueNumberText(issue)}${draft ? '，拟' : ''}`;

// The one mark of an estimated figure lives with the domain's formats (the 年考核 says it too); re-exported here.
export { estimateMark } from '../../src/domain/format';

/** A change of a rate in 个百分点, from unrounded values: "提高8.9个百分点", "下降1.2个百分点", "持平". */
export function pointsChange(now: number, before: number): string {
  const diff = sub(decimalRatio(now), decimalRatio(before));
  const text = roundToString(diff, 1).replace(/^-/, '');
  if (/^0\.0$/.test(text)) return '持平';
  return diff.num > 0n ? `提高${text}个百分点` : `下降${text}个百分点`;
}
