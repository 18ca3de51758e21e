// 挂图作战 for a county or the city (issue 19): the red projects as a native Feishu chart (Card JSON 2.0 `chart`, a
// VChart "common" spec without functions) — for each, a pair of horizontal bars, its 年度投资完成率 against its own
// 序时进度 (its 月度计划's where it has one, else the city's) — worst first. On a phone a bar's label is short (its
// number and the first characters of its name); the full names, codes and figures are listed under the chart.
import { formatGap, formatOwnTimeProgress, formatRate, type Percent, roundToString } from '../../src/domain/progress';
import { card, clip, escapeMd, markdown, text, type Card, type CardElement } from '../elements';
import { commonTexts as C } from './texts';

/** The most projects drawn: a pair of bars each stays readable on a phone; the rest are counted under the chart. */
export const RED_CHART_MAX = 12;
/** Characters of a project's name kept in its bar label (after its number). */
export const RED_LABEL_CHARS = 6;

export type RedChartItem = {
  code: string;
  name: string;
  /** The county's name, dropped from the front of the bar label ("江北区安置房二期" → "安置房二期"). */
  countyName: string;
  rate: Percent | null;
  /** The 序时 it is measured against, and whether that is its own 月度计划's. */
  timeProgress: Percent;
  own: boolean;
  gap: Percent | null;
  /** Why it is red, in the answers' words: 未达序时进度、进度滞后、停工, 逾期未开工N个月. */
  why: string[];
};

export type RedChartVM = {
  /** Whose projects: 江北区, 全市. */
  label: string;
  /** The red projects, worst first (the answers' order). */
  items: RedChartItem[];
  /** Only the projects the asker may see are drawn. */
  restricted?: boolean;
};

const COLORS = { rate: '#F54A45', timeProgress: '#8F959E' } as const;
const KIND = { rate: '年度投资完成率(%)', timeProgress: '序时进度(%)' } as const;

/** Chart values carry what the list prints: rates to 1 decimal, 序时 to 2. */
const shown = (p: Percent | null, decimals: number) => (p === null ? null : Number(roundToString(p.exact, decimals)));

/** "3.安置房二期…": the number the list under the chart uses, and the name's first characters without its county. */
export function barLabel(i: number, name: string, countyName: string): string {
  const bare = countyName && name.startsWith(countyName) && name.length > countyName.length ? name.slice(countyName.length) : name;
  const chars = [...bare];
  return `${i + 1}.${chars.length > RED_LABEL_CHARS ? `${chars.slice(0, RED_LABEL_CHARS).join('')}…` : bare}`;
}

function chart(items: readonly RedChartItem[]): CardElement {
  const labels = items.map((x, i) => barLabel(i, x.name, x.countyName));
  const values = items.flatMap((x, i) => [
    { project: labels[i], value: shown(x.rate, 1), kind: KIND.rate },
    { project: labels[i], value: shown(x.timeProgress, 2), kind: KIND.timeProgress },
  ]);
  return {
    tag: 'chart',
    aspect_ratio: items.length <= 4 ? '16:9' : items.length <= 8 ? '4:3' : '1:1',
    chart_spec: {
      type: 'common',
      title: { text: '红灯项目：年度投资完成率与序时进度（%）' },
      data: [{ id: 'red', values }],
      series: [
        {
          type: 'bar',
          direction: 'horizontal',
          dataIndex: 0,
          xField: 'value',
          yField: ['project', 'kind'],
          seriesField: 'kind',
          label: { visible: true, position: 'outside' },
        },
      ],
      axes: [
        // Read top down: the worst (first) at the top, as the list under the chart.
        { orient: 'left', type: 'band', domain: labels, inverse: true },
        { orient: 'bottom', type: 'linear', min: 0 },
      ],
      color: { type: 'ordinal', domain: [KIND.rate, KIND.timeProgress], range: [COLORS.rate, COLORS.timeProgress] },
      legends: { visible: true, orient: 'bottom' },
    },
  };
}

/** One line per project drawn: its number, full name and code, rate, 序时 (which), gap and why it is red. */
export function redLines(items: readonly RedChartItem[]): string[] {
  return items.map((x, i) => {
    const tp = `序时进度${formatOwnTimeProgress(x.timeProgress)}${x.own ? '（按项目月度计划）' : ''}`;
    const why = x.why.length ? `；${x.why.join('、')}` : '';
    return `${i + 1}. ${clip(x.name, 40)}（${x.code}）：完成率${formatRate(x.rate)}，${tp}，${formatGap(x.gap)}${why}`;
  });
}

/** The chart's elements: a head, the chart, the full names under it; nothing without a red project. */
export function redProjectsChart(vm: RedChartVM): CardElement[] {
  if (vm.items.length === 0) return [];
  const drawn = vm.items.slice(0, RED_CHART_MAX);
  const more = vm.items.length - drawn.length;
  const head = `**挂图作战：${escapeMd(vm.label)}${vm.restricted ? '（您有权查看的）' : ''}红灯项目${vm.items.length}个**${more > 0 ? `（图中为差距最大的${drawn.length}个）` : ''}`;
  const out: CardElement[] = [markdown(head), chart(drawn), text(redLines(drawn).join('\n'))];
  if (more > 0) out.push(text(`另有${more}个红灯项目未列入图中，可问“${vm.label}红灯项目”查看清单。`, 'grey', 'notation'));
  return out;
}

export type RedChartCardVM = RedChartVM & { weekLabel: string; asOfText: string; basis: string; askedAtText: string; notice?: string | null };

/** 「江北区挂图」「全市红灯项目图」: the chart on a card of its own. */
export function renderRedChartCard(vm: RedChartCardVM): Card {
  const elements: CardElement[] = [];
  if (vm.notice) elements.push(text(vm.notice, 'grey'));
  if (vm.items.length === 0) elements.push(markdown(`${escapeMd(vm.label)}${vm.restricted ? '您有权查看的项目中' : ''}目前没有红灯项目。`));
  else elements.push(...redProjectsChart(vm));
  elements.push(text(`${C.askedAt(vm.askedAtText)}。${C.basis(vm.asOfText, vm.basis)}项目按项目月度计划计算序时进度的已注明。`, 'grey', 'notation'));
  return card({
    title: `${vm.label}红灯项目挂图作战`,
    subtitle: `截至${vm.weekLabel} · 序时进度${vm.asOfText}`,
    template: vm.items.length ? 'red' : 'green',
    summary: `${vm.label}红灯项目${vm.items.length}个`,
    elements,
  });
}
