// The bulletin's 统计监测 section in words (text and Word): present only when the month had statistical figures, so
// every bulletin composed without them renders exactly as before.
import type { Bulletin } from '../../domain/bulletin';
import { mismatchLine, STATS_KIND_TEXT, STATS_KINDS } from '../../domain/statistics';

/** The most flags a bulletin lists; the rest are in `diaodu stats show`. */
export const STATS_LINES_SHOWN = 50;

export function statsLines(b: Bulletin): string[] {
  const list = b.statsMismatches ?? [];
  const month = Number(b.month.slice(5, 7));
  if (list.length === 0) return [`${month}月统计部门数据与各单位调度数核对一致，无需说明的项目。`];
  const counts = STATS_KINDS.map((k) => [k, list.filter((m) => m.kind === k).length] as const).filter(([, n]) => n > 0);
  const head = `${month}月统计部门数据与各单位调度数核对，${counts.map(([k, n]) => `${STATS_KIND_TEXT[k]}${n}个`).join('，')}：`;
  const rows = list.slice(0, STATS_LINES_SHOWN).map((m, i) => `${i + 1}. ${mismatchLine(m)}。`);
  const more = list.length > STATS_LINES_SHOWN ? [`另有${list.length - STATS_LINES_SHOWN}个项目未列出。`] : [];
  return [head, ...rows, ...more, '请有关责任单位认真核实，通过“统计监测差异说明”卡片报送原因和整改措施；确属填报有误的，在下一轮调度中更正。'];
}

/** The section for issuedSections: none when the bulletin carries no 统计监测. */
export function statsSections(b: Bulletin): Array<[string, string[]]> {
  return b.statsMismatches === undefined ? [] : [['统计监测情况', statsLines(b)]];
}
