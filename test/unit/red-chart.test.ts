// 挂图作战 of a county or the city: each red project a pair of bars (完成率, its own 序时), short labels a phone can
// show, the full names and figures under the chart, worked out by hand; the card within Feishu's rules.
import { describe, expect, it } from 'vitest';
import { barLabel, RED_CHART_MAX, type RedChartItem, redProjectsChart, renderRedChartCard } from '../../cards/answer/red-chart';
import { card, type CardElement } from '../../cards/elements';
import { checkCard } from '../../cards/limits';
import { renderCardText } from '../../cards/text-render';
import { percentOf, ratio } from '../../src/domain/exact';
import { checkCardRules } from '../helpers/card-rules';

const pct = (num: number, den = 1) => percentOf(ratio(num, den));
/** 序时 10/12 under the months rule: 250/3 %. */
const CITY_TP = pct(250, 3);

const ITEMS: RedChartItem[] = [
  {
    // 1,234万 of 9,876万: 12.4949…% → 12.5; gap 12.4949… − 83.333… = −70.838… → 70.8 below.
    code: 'LJ2026-090',
    name: '东阳县梅林湿地公园',
    countyName: '东阳县',
    rate: pct(123_400, 9_876),
    timeProgress: CITY_TP,
    own: false,
    gap: percentOf(ratio(123_400 * 3 - 250 * 9_876, 9_876 * 3)),
    why: ['未达序时进度', '进度滞后'],
  },
  {
    // On its own 月度计划: 序时 87.47 %; 40 % done; 47.47 below.
    code: 'LJ2026-117',
    name: '中科电子信息生产基地项目',
    countyName: '高新区',
    rate: pct(40),
    timeProgress: pct(8_747, 100),
    own: true,
    gap: pct(-4_747, 100),
    why: ['未达序时进度', '进度滞后', '停工'],
  },
];

type Spec = {
  data: Array<{ id: string; values: Array<{ project: string; value: number | null; kind: string }> }>;
  series: Array<{ type: string; direction: string }>;
  axes: Array<{ orient: string; domain?: string[] }>;
  color: { domain: string[]; range: string[] };
};

const chartOf = (elements: CardElement[]) => elements.find((e) => e.tag === 'chart') as unknown as { chart_spec: Spec };

describe('the 挂图作战 chart of red projects', () => {
  it('draws each red project as its completion rate beside its own 序时, worst first', () => {
    const elements = redProjectsChart({ label: '全市', items: ITEMS });
    const spec = chartOf(elements).chart_spec;
    expect(spec.series.map((s) => [s.type, s.direction])).toEqual([['bar', 'horizontal']]);
    expect(spec.data[0]!.values).toEqual([
      { project: '1.梅林湿地公园', value: 12.5, kind: '年度投资完成率(%)' },
      { project: '1.梅林湿地公园', value: 83.33, kind: '序时进度(%)' },
      { project: '2.中科电子信息…', value: 40, kind: '年度投资完成率(%)' },
      { project: '2.中科电子信息…', value: 87.47, kind: '序时进度(%)' },
    ]);
    expect(spec.axes.find((a) => a.orient === 'left')!.domain).toEqual(['1.梅林湿地公园', '2.中科电子信息…']);
    expect(spec.color.domain).toEqual(['年度投资完成率(%)', '序时进度(%)']);
    // The full names under the chart, with the figures the bars stand for and which 序时 each is measured against.
    const text = renderCardText(card({ title: 't', template: 'red', summary: 's', elements }));
    expect(text).toContain('挂图作战：全市红灯项目2个');
    expect(text).toContain('1. 东阳县梅林湿地公园（LJ2026-090）：完成率12.5%，序时进度83.33%，低于序时进度70.8个百分点；未达序时进度、进度滞后');
    expect(text).toContain(
      '2. 中科电子信息生产基地项目（LJ2026-117）：完成率40.0%，序时进度87.47%（按项目月度计划），低于序时进度47.5个百分点；未达序时进度、进度滞后、停工',
    );
  });

  it('keeps labels short: the county dropped from the front, six characters of the name', () => {
    expect(barLabel(0, '江北区安置房二期', '江北区')).toBe('1.安置房二期');
    expect(barLabel(11, '白沙河防洪治理工程（江北区段）', '江北区')).toBe('12.白沙河防洪治…');
    expect(barLabel(2, '江北区', '江北区')).toBe('3.江北区');
  });

  it('draws at most RED_CHART_MAX projects and counts the rest; nothing without a red project', () => {
    const many = Array.from({ length: RED_CHART_MAX + 3 }, (_, i) => ({ ...ITEMS[0]!, code: `LJ2026-${String(i + 100)}`, name: `测试项目${i + 1}号工程` }));
    const elements = redProjectsChart({ label: '全市', items: many });
    expect(chartOf(elements).chart_spec.data[0]!.values).toHaveLength(RED_CHART_MAX * 2);
    const text = renderCardText(card({ title: 't', template: 'red', summary: 's', elements }));
    expect(text).toContain(`挂图作战：全市红灯项目${RED_CHART_MAX + 3}个（图中为差距最大的${RED_CHART_MAX}个）`);
    expect(text).toContain('另有3个红灯项目未列入图中，可问“全市红灯项目”查看清单。');
    expect(redProjectsChart({ label: '江北区', items: [] })).toEqual([]);
  });

  it('on a card of its own passes the card rules; a county without red projects is told so', () => {
    const base = { weekLabel: '第46周（11月9日—11月15日）', asOfText: '截至10月底', basis: '按整月计算', askedAtText: '11月12日（周四）10:00' };
    const full = renderRedChartCard({ ...base, label: '全市', items: Array.from({ length: 20 }, (_, i) => ({ ...ITEMS[i % 2]!, code: `C${i}` })) });
    expect(checkCardRules(full)).toEqual([]);
    expect(checkCard(full).ok).toBe(true);
    const none = renderRedChartCard({ ...base, label: '江北区', items: [] });
    expect(checkCardRules(none)).toEqual([]);
    expect(renderCardText(none)).toContain('江北区目前没有红灯项目。');
  });
});
