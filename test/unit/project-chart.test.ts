// 挂图作战 in the project answer card: the chart's points worked out by hand, the nodes on the plan line in their
// state's colour, a year of weekly figures thinned to a few points, and the whole card within Feishu's rules.
import { describe, expect, it } from 'vitest';
import { CHART_MAX_WEEKS, monthPosition, projectChart, type ProjectChartVM, thinned } from '../../cards/answer/project-chart';
import { card } from '../../cards/elements';
import { checkCard } from '../../cards/limits';
import { checkCardRules } from '../helpers/card-rules';

// A plan of 1,200万元 under the months rule: 100万元 a month (元 below).
const PLAN: ProjectChartVM['plan'] = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, yuan: (i + 1) * 1_000_000 }));
const VM: ProjectChartVM = {
  year: 2026,
  actual: [
    { date: '2026-09-06', ytdYuan: 5_000_000 },
    { date: '2026-10-31', ytdYuan: 6_543_210 },
  ],
  plan: PLAN,
  planLabel: '年度计划×序时进度（按整月计算）',
  nodes: [
    { name: '基础完成', plannedOn: '2026-09-30', state: 'overdue' },
    { name: '主体封顶', plannedOn: '2026-10-16', state: 'done' },
    { name: '竣工验收', plannedOn: '2026-12-20', state: 'open' },
  ],
};

type Spec = {
  data: Array<{ id: string; values: unknown[] }>;
  series: Array<{ type: string; dataIndex: number }>;
  color: { domain: string[]; range: string[] };
};

describe('the 挂图作战 chart of a project', () => {
  const chart = projectChart(VM)!;
  const spec = chart.chart_spec as Spec;

  it('puts the weeks and the plan on one year of months, the nodes on the plan line', () => {
    expect(monthPosition('2026-10-31', 2026)).toBe(10);
    expect(monthPosition('2025-12-31', 2026)).toBe(0);
    expect(spec.data.map((d) => d.id)).toEqual(['actual', 'plan', 'nodes']);
    // 9月6日: 8 + 6/30 = 8.2; 10月31日: 10. 万元 to 2 decimals.
    expect(spec.data[0]!.values).toEqual([
      { x: 8.2, value: 500, kind: '累计完成投资' },
      { x: 10, value: 654.32, kind: '累计完成投资' },
    ]);
    expect(spec.data[1]!.values).toHaveLength(13);
    expect(spec.data[1]!.values[10]).toEqual({ x: 10, value: 1000, kind: '计划：年度计划×序时进度（按整月计算）' });
    // 9月30日 = 9 → 900万元; 10月16日 = 9 + 16/31 = 9.516… → 951.61…万元; 12月20日 = 11 + 20/31 = 11.645… → 1,164.52万元.
    expect(spec.data[2]!.values).toEqual([
      { x: 9, value: 900, kind: '基础完成（逾期）' },
      { x: 9.52, value: 951.61, kind: '主体封顶（已完成）' },
      { x: 11.65, value: 1164.52, kind: '竣工验收（未完成）' },
    ]);
    expect(spec.series.map((s) => [s.type, s.dataIndex])).toEqual([
      ['line', 0],
      ['line', 1],
      ['scatter', 2],
    ]);
    // Overdue red, done green, open orange.
    expect(spec.color.range.slice(2)).toEqual(['#F54A45', '#34C724', '#FF8800']);
    expect(spec.color.domain.slice(2)).toEqual(['基础完成（逾期）', '主体封顶（已完成）', '竣工验收（未完成）']);
  });

  it('thins a year of weeks to a few points, keeping the first and the latest', () => {
    const weeks = Array.from({ length: 48 }, (_, i) => i);
    const kept = thinned(weeks, CHART_MAX_WEEKS);
    expect(kept).toHaveLength(CHART_MAX_WEEKS);
    expect([kept[0], kept.at(-1)]).toEqual([0, 47]);
    const year = projectChart({
      ...VM,
      actual: Array.from({ length: 52 }, (_, i) => ({
        date: `2026-${String(Math.floor(i / 4.4) + 1).padStart(2, '0')}-0${(i % 4) + 1}`,
        ytdYuan: i * 1_234_567,
      })),
    })!;
    expect(((year.chart_spec as Spec).data[0]!.values as unknown[]).length).toBe(CHART_MAX_WEEKS);
  });

  it('is a valid card element, small, and nothing is drawn without a report or a plan', () => {
    const c = card({ title: '项目', template: 'blue', summary: '项目', elements: [chart] });
    expect(checkCardRules(c)).toEqual([]);
    const size = checkCard(c);
    expect(size.ok && size.bytes < 3 * 1024).toBe(true);
    expect(projectChart({ ...VM, actual: [], plan: [] })).toBeNull();
    // Without a plan: the figures alone, no plan line and no nodes to place on it.
    expect((projectChart({ ...VM, plan: [] })!.chart_spec as Spec).data.map((d) => d.id)).toEqual(['actual']);
  });
});
