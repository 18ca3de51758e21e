// 倒排工期 and 节点控制 in words (issue 19): the pace still needed and the year-end forecast, the nodes overdue at the
// month end and the projects in a stoppage then. Shared by the bulletin's text (and so its .docx), its cards and the
// city and county answers. Every function returns nothing when its figures are absent, so a bulletin composed before
// these fields renders exactly as it did.
import { stoppageSinceNote } from '../../src/domain/stoppage';
import type { BulletinOverdueNode, BulletinStopped } from '../../src/domain/bulletin-nodes';
import { formatYi } from '../../src/domain/money';
import { paceWindow } from '../../src/domain/pace';
import { formatRate } from '../../src/domain/progress';
import { cappedList } from './words';

/** The three 倒排 figures as the bulletin and the answers carry them (optional: absent in older snapshots). */
export type PaceFigures = {
  requiredMonthlyWan?: number | null | undefined;
  forecastYearEndWan?: number | null | undefined;
  forecastCompletionRate?: number | null | undefined;
};

/** 万元 (unrounded) as "X亿元": rounded to the 元 only here, for display. */
const yiOfWan = (wan: number) => formatYi(Math.round(wan * 10_000));

/**
 * "要完成全年目标，每月还需完成2.61亿元；按近三个月进度，预计全年完成9.63亿元，占年度计划的87.6%" for a month end
 * (1–12). December has no month left, so only the forecast; a plan already met says so; without a plan no share.
 * Null when the bulletin carries no pace.
 */
export function paceWords(p: PaceFigures, month: number): string | null {
  if (p.forecastYearEndWan === undefined || p.forecastYearEndWan === null) return null;
  const parts: string[] = [];
  if (p.requiredMonthlyWan === 0) parts.push('已完成全年目标');
  else if (p.requiredMonthlyWan !== undefined && p.requiredMonthlyWan !== null) parts.push(`要完成全年目标，每月还需完成${yiOfWan(p.requiredMonthlyWan)}`);
  const window = paceWindow(month);
  const basis = window === 3 ? '按近三个月进度' : `按近${window}个月进度`;
  const share = p.forecastCompletionRate === undefined || p.forecastCompletionRate === null ? '' : `，占年度计划的${formatRate(p.forecastCompletionRate)}`;
  parts.push(`${basis}，预计全年完成${yiOfWan(p.forecastYearEndWan)}${share}`);
  return parts.join('；');
}

/** '2026-09-30' → "9月30日". */
export function monthDayText(date: string): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${m}月${d}日`;
}

/** "XX项目「主体封顶」节点逾期31天（计划9月30日）". */
export const overdueNodeWords = (n: BulletinOverdueNode) => `${n.name}「${n.node}」节点逾期${n.daysOverdue}天（计划${monthDayText(n.plannedDate)}）`;

/** "XX项目停工3周（自9月14日起，填报）", "…（自第41周起，据填报推算）"; under a week "停工不足1周". */
export const stoppedWords = (s: BulletinStopped) => `${s.name}${s.status}${s.weeks > 0 ? `${s.weeks}周` : '不足1周'}（${stoppageSinceNote(s)}）`;

/** The most items a sentence names; the JSON and the 附表 have them all. */
const NAMED = 30;

/** "逾期未完成节点2个：…。", or "本期无逾期未完成节点。" when the bulletin carries the list; null when it does not. */
export function overdueNodesSentence(nodes: readonly BulletinOverdueNode[] | undefined): string | null {
  if (nodes === undefined) return null;
  if (nodes.length === 0) return '本期无逾期未完成节点。';
  return `逾期未完成节点${nodes.length}个：${cappedList(nodes.map(overdueNodeWords), NAMED)}。`;
}

/** "停工、半停工持续时间：…。" (longest first, as composed); null when none or not carried. */
export function stoppedSentence(stopped: readonly BulletinStopped[] | undefined): string | null {
  if (stopped === undefined || stopped.length === 0) return null;
  return `停工、半停工持续时间：${cappedList(stopped.map(stoppedWords), NAMED)}。`;
}
