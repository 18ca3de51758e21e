// The bulletin's native chart: each county's 年度投资完成率 as a bar, 序时进度 as a line across them (a VChart
// "common" spec, Card JSON 2.0 `chart` component; no functions, as the card allows none).
import type { BulletinCountyRow } from '../src/domain/bulletin';
import { roundToString } from '../src/domain/progress';
import type { CardElement } from './elements';
import { bulletinTexts as T } from './bulletin-texts';

/** Chart values carry the precision the text prints (rates 1 decimal, 序时 up to 2), so a tooltip matches the table. */
const shown = (percent: number, decimals: number) => Number(roundToString(percent, decimals));

export function countyChart(counties: readonly BulletinCountyRow[], timeProgress: number): CardElement {
  const ordered = [...counties].sort((a, b) => a.rank - b.rank);
  const tp = shown(timeProgress, 2);
  return {
    tag: 'chart',
    aspect_ratio: ordered.length > 8 ? '4:3' : '16:9',
    chart_spec: {
      type: 'common',
      title: { text: T.heads.chart },
      data: [
        {
          id: 'rates',
          values: ordered.map((c) => ({ county: c.name, value: c.completionRate === null ? null : shown(c.completionRate, 1), kind: '完成率(%)' })),
        },
        { id: 'timeProgress', values: ordered.map((c) => ({ county: c.name, value: tp, kind: '序时进度(%)' })) },
      ],
      series: [
        { type: 'bar', dataIndex: 0, xField: 'county', yField: 'value', seriesField: 'kind', label: { visible: true } },
        { type: 'line', dataIndex: 1, xField: 'county', yField: 'value', seriesField: 'kind', point: { visible: false } },
      ],
      axes: [
        { orient: 'bottom', type: 'band' },
        { orient: 'left', type: 'linear', min: 0 },
      ],
      legends: { visible: true, orient: 'bottom' },
    },
  };
}
