// The cards of figures, rankings, 月通报 and 报送情况 (cards/answer/metrics.ts): within Feishu's limits however many
// and however long the rows, one name a row and no wide table (phone width), names shown as typed.
import { describe, expect, it } from 'vitest';
import { type MetricItem, renderMetricCard } from '../../cards/answer/metrics';
import { checkCard } from '../../cards/limits';
import { renderCardText } from '../../cards/text-render';

const vm = (items: MetricItem[]) => ({
  title: '全市完成率最低的50个项目',
  subtitle: '截至第46周',
  summary: '全市完成率最低的50个项目',
  lines: ['共120个，列出50个。'],
  items,
  numbered: true,
  footer: ['数据来源：据各项目最新填报（截至第46周）。'],
});

describe('metric cards', () => {
  it('fifty rows of long names stay within the limits, one name a row, without tables', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({
      name: `第${i + 1}号${'临江新区城东片区基础设施配套'.repeat(3)}项目`,
      detail: `完成率${i}.5%（低于序时进度${80 - i}.8个百分点）｜江北区｜第45周`,
    }));
    const card = renderMetricCard(vm(items));
    expect(checkCard(card)).toMatchObject({ ok: true });
    expect(JSON.stringify(card)).not.toContain('"tag":"table"');
    const text = renderCardText(card);
    for (const [i, it] of items.entries()) expect(text).toContain(`${i + 1}. ${it.name}\n${it.detail}`);
  });

  it('rows too many for 30 KB are cut to fewer, and the card says how many it shows', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ name: `单位${i}`, detail: '项目'.repeat(400) }));
    const card = renderMetricCard(vm(items));
    expect(checkCard(card)).toMatchObject({ ok: true });
    expect(renderCardText(card)).toMatch(/共50个，卡片上列出前\d+个。/u);
  });

  it('a name with markdown in it is shown as typed, not obeyed', () => {
    const text = renderCardText(renderMetricCard(vm([{ name: '**<at id=all></at>**', detail: '1. 完成率' }])));
    expect(text).toContain('**<at id=all></at>**');
  });
});
