// The bulletin card's 统计监测 block: only when the bulletin carries the section (a month with statistical figures).
import type { Bulletin } from '../../src/domain/bulletin';
import { mismatchLine, STATS_KIND_TEXT, STATS_KINDS } from '../../src/domain/statistics';
import { type CardElement, escapeMd, markdown, text } from '../elements';

export const STATS_CARD_ROWS = 30;

export function statsBlocks(b: Bulletin): Array<{ elements: CardElement[] }> {
  const list = b.statsMismatches;
  if (list === undefined) return [];
  const head = markdown('**统计监测情况**');
  if (list.length === 0) return [{ elements: [head, text('本月统计部门数据与各单位调度数核对一致，无需说明的项目。')] }];
  const counts = STATS_KINDS.map((k) => [k, list.filter((m) => m.kind === k).length] as const).filter(([, n]) => n > 0);
  const elements: CardElement[] = [head, text(`统计部门数据与调度数核对：${counts.map(([k, n]) => `${STATS_KIND_TEXT[k]}${n}个`).join('，')}。`)];
  elements.push(
    markdown(
      list
        .slice(0, STATS_CARD_ROWS)
        .map((m, i) => `${i + 1}. ${escapeMd(mismatchLine(m))}`)
        .join('\n'),
    ),
  );
  if (list.length > STATS_CARD_ROWS) elements.push(text(`另有${list.length - STATS_CARD_ROWS}个项目未列出。`, 'grey', 'notation'));
  elements.push(text('请有关责任单位核实，通过“统计监测差异说明”卡片报送原因和整改措施。', 'grey', 'notation'));
  return [{ elements }];
}
