// 挂图作战 (issue 19, domain.md §10) in the project answer: a native Feishu chart (Card JSON 2.0 `chart`, a VChart
// "common" spec without functions) of the project's cumulative investment this year, week by week, against its plan
// line (annual plan × 序时进度 at each month end), its key nodes marked on the plan line at their planned dates.
// The x axis is the year in months (0 = 1月1日, 10 = 10月底), so weekly figures and month-end plan points share it.
import { daysInMonth } from '../../src/domain/time-progress';
import { roundToString } from '../../src/domain/progress';
import type { CardElement } from '../elements';

/** The most weekly points drawn: a long year is thinned evenly, the latest week always kept (the table has the last weeks). */
export const CHART_MAX_WEEKS = 20;
/** The most nodes marked (each is a legend entry). */
export const CHART_MAX_NODES = 8;

export type ProjectChartVM = {
  year: number;
  /** This year's cumulative figure at each reported week, oldest first: the day it stands for and 元. */
  actual: ReadonlyArray<{ date: string; ytdYuan: number }>;
  /** The planned cumulative investment at each month end, 元 (unrounded), month 1–12; empty without a plan. */
  plan: ReadonlyArray<{ month: number; yuan: number }>;
  /** What the plan line is and which 序时 it is: "项目月度计划累计投资（序时进度按项目月度计划）", "年度计划×全市统一序时（按整月计算）". */
  planLabel: string;
  nodes: ReadonlyArray<{ name: string; plannedOn: string; state: 'done' | 'overdue' | 'open' }>;
};

const COLORS = { actual: '#3370FF', plan: '#8F959E', done: '#34C724', overdue: '#F54A45', open: '#FF8800' } as const;
const NODE_STATE = { done: '已完成', overdue: '逾期', open: '未完成' } as const;

/** 'YYYY-MM-DD' as months from the start of `year`: 10月31日 → 10, 11月15日 → 10.5; clamped to the year. */
export function monthPosition(date: string, year: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (y < year) return 0;
  if (y > year) return 12;
  return m - 1 + d / daysInMonth(y, m);
}

/** At most `max` items, evenly spread, the first and the last always among them. */
export function thinned<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = (items.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => items[Math.round(i * step)] as T);
}

/** The plan line's value at a position, linear between month ends (0 at the year start). */
export function planAt(plan: ProjectChartVM['plan'], x: number): number {
  const points = [{ x: 0, y: 0 }, ...plan.map((p) => ({ x: p.month, y: p.yuan }))];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (x <= b.x) return a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
  }
  return points[points.length - 1]!.y;
}

/** Chart values carry what the card prints: 万元 to 2 decimals, positions to 2. */
const wan = (yuan: number) => Number(roundToString(yuan / 10_000, 2));
const pos = (x: number) => Number(roundToString(x, 2));

/** The chart, or null when there is nothing to draw (no report and no plan). */
export function projectChart(vm: ProjectChartVM): CardElement | null {
  if (vm.actual.length === 0 && vm.plan.length === 0) return null;
  const actualKind = '累计完成投资';
  const planKind = `计划：${vm.planLabel}`;
  const actual = thinned(vm.actual, CHART_MAX_WEEKS).map((a) => ({ x: pos(monthPosition(a.date, vm.year)), value: wan(a.ytdYuan), kind: actualKind }));
  const plan = vm.plan.length > 0 ? [{ x: 0, value: 0, kind: planKind }, ...vm.plan.map((p) => ({ x: p.month, value: wan(p.yuan), kind: planKind }))] : [];
  const nodes = (vm.plan.length > 0 ? vm.nodes.slice(0, CHART_MAX_NODES) : []).map((n) => {
    const x = monthPosition(n.plannedOn, vm.year);
    return { x: pos(x), value: wan(planAt(vm.plan, x)), kind: `${n.name}（${NODE_STATE[n.state]}）`, state: n.state };
  });
  const domain = [actualKind, ...(plan.length ? [planKind] : []), ...nodes.map((n) => n.kind)];
  const range = [COLORS.actual, ...(plan.length ? [COLORS.plan] : []), ...nodes.map((n) => COLORS[n.state])];
  const data: Array<{ id: string; values: unknown[] }> = [{ id: 'actual', values: actual }];
  const series: Array<Record<string, unknown>> = [{ type: 'line', dataIndex: 0, xField: 'x', yField: 'value', seriesField: 'kind', point: { visible: true } }];
  if (plan.length) {
    data.push({ id: 'plan', values: plan });
    series.push({ type: 'line', dataIndex: data.length - 1, xField: 'x', yField: 'value', seriesField: 'kind', point: { visible: false } });
  }
  if (nodes.length) {
    data.push({ id: 'nodes', values: nodes.map(({ state: _, ...n }) => n) });
    series.push({ type: 'scatter', dataIndex: data.length - 1, xField: 'x', yField: 'value', seriesField: 'kind', size: 12 });
  }
  return {
    tag: 'chart',
    aspect_ratio: '16:9',
    chart_spec: {
      type: 'common',
      title: { text: '挂图作战：累计完成投资与计划（万元）' },
      data,
      series,
      axes: [
        { orient: 'bottom', type: 'linear', min: 0, max: 12, title: { visible: true, text: '月份' } },
        { orient: 'left', type: 'linear', min: 0 },
      ],
      color: { type: 'ordinal', domain, range },
      legends: { visible: true, orient: 'bottom' },
    },
  };
}
