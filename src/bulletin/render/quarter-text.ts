// 季分析 as text: the city's months, then each county's and category's trend over the quarter.
import { formatGapPoints, formatRate } from '../../domain/progress';
import type { QuarterAnalysis, TrendRow } from '../../domain/analysis';
import { quarterComparison } from '../../domain/analysis-words';
import { timeProgressWords } from './text';
import { formatYi, formatYiNumber, wanToYuan } from '../../domain/money';

const QUARTERS = ['', '一', '二', '三', '四'];
const monthNo = (key: string) => Number(key.slice(5));

function sources(q: QuarterAnalysis): string {
  const words = (ms: string[]) => ms.map((m) => `${monthNo(m)}月`).join('、');
  const published = q.months.filter((m) => q.publishedMonths.includes(m));
  const fresh = q.months.filter((m) => !q.publishedMonths.includes(m));
  return [published.length > 0 ? `${words(published)}采用已发布的月通报数据` : '', fresh.length > 0 ? `${words(fresh)}按当前数据编制` : '']
    .filter(Boolean)
    .join('，');
}

function cityLines(q: QuarterAnalysis): string[] {
  const rows = q.city.points.map((p, i) =>
    [
      `${monthNo(p.month)}月`,
      formatYiNumber(wanToYuan(p.completedWan)),
      formatRate(p.completionRate),
      timeProgressWords(q.timeProgress[i] ?? 0, q.timeProgressRule, q.timeProgressBasis ?? undefined),
      formatGapPoints(p.gapPoints),
      formatYiNumber(wanToYuan(p.monthNewWan)),
    ].join(' | '),
  );
  const b = q.city.base;
  if (b && q.baseMonth)
    rows.unshift(
      [
        `${monthNo(q.baseMonth)}月（上季末）`,
        formatYiNumber(wanToYuan(b.completedWan)),
        formatRate(b.completionRate),
        timeProgressWords(q.baseTimeProgress ?? 0, q.timeProgressRule, q.timeProgressBasis ?? undefined),
        formatGapPoints(b.gapPoints),
        formatYiNumber(wanToYuan(b.monthNewWan)),
      ].join(' | '),
    );
  return [
    '月份 | 累计完成(亿元) | 完成率 | 序时进度 | 与序时进度差(个百分点) | 当月完成(亿元)',
    ...rows,
    `本季度完成投资${formatYi(wanToYuan(q.city.quarterNewWan))}。${quarterComparison(q)}`,
  ];
}

function trendLines(q: QuarterAnalysis, rows: readonly TrendRow[], label: string, months: string): string[] {
  if (rows.length === 0) return ['暂无数据。'];
  const base = q.baseMonth ? `${monthNo(q.baseMonth)}月底` : null;
  const span = base ? `${base}→${months}` : months;
  const head = `${label} | 完成率（${span}） | 与序时进度差（${span}，个百分点） | 本季度完成(亿元)${label === '县区' ? ' | 季末排名' : ''}`;
  return [
    head,
    ...rows.map((r) => {
      const from = (f: (p: NonNullable<TrendRow['base']>) => string) => (base ? `${r.base ? f(r.base) : '—'}→` : '');
      const cells = [
        r.name,
        from((p) => formatRate(p.completionRate)) + r.points.map((p) => formatRate(p.completionRate)).join('→'),
        from((p) => formatGapPoints(p.gapPoints)) + r.points.map((p) => formatGapPoints(p.gapPoints)).join('→'),
        formatYiNumber(wanToYuan(r.quarterNewWan)),
      ];
      if (label === '县区') cells.push(r.rank === null ? '—' : String(r.rank));
      return cells.join(' | ');
    }),
  ];
}

export function quarterText(q: QuarterAnalysis): string {
  const [year, n] = q.quarter.split('-Q').map(Number) as [number, number];
  const months = q.months.map((m) => `${monthNo(m)}月`).join('→');
  const head = [`${year}年第${QUARTERS[n]}季度重点项目建设分析`, `（${sources(q)}；计划口径与序时进度同各月通报）`];
  const sections: Array<[string, string[]]> = [
    ['全市走势', cityLines(q)],
    ['分县区走势（按季末完成率排名）', trendLines(q, q.counties, '县区', months)],
    ['分类别走势', trendLines(q, q.categories, '类别', months)],
  ];
  return [head.join('\n'), ...sections.map(([t, lines], i) => [`${['一', '二', '三'][i]}、${t}`, ...lines].join('\n'))].join('\n\n');
}
