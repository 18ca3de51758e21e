// The quarter's analysis (季分析) and the year's assessment (年考核) as Card JSON 2.0: what the approval preview, the
// bulletin groups and a leader asking in chat see. Blocks packed into as few cards as Feishu's limits allow.
import { EVALUATION_METHOD, evaluationLines } from '../answer/evaluation';
import { roundToString } from '../../src/domain/exact';
import type { QuarterAnalysis, TrendRow, YearAssessment, YearRow } from '../../src/domain/analysis';
import { quarterTitle } from '../../src/domain/analysis';
import { estimatedWords, quarterComparison, rateChange } from '../../src/domain/analysis-words';
import { formatGap, formatGapPoints, formatRate, formatTimeProgress } from '../../src/domain/format';
import { toPercent } from '../../src/domain/exact';
import type { ProgressBasis } from '../../src/domain/time-progress';
import type { Cell } from '../answer/common';
import { type ListItem, listChunk, md, nameCell, narrowChunk, rankingColumns } from './phone';
import { yi, yiCell } from './format';
import { card, type Card, type CardElement, markdown, text } from '../elements';
import { CARD_MAX_TABLES } from '../limits';

export type AnalysisCardOptions = { draft?: boolean };

const BYTE_BUDGET = 28 * 1024;
const ROWS_PER_TABLE = 50;

export const analysisTexts = {
  quarterTitle: (key: string) => `${quarterTitle(key)}重点项目建设分析`,
  yearTitle: (year: number) => `${year}年度重点项目建设考核排名`,
  draftTag: '待审定',
  draftNotice: '以下为待审定的内容（尚未发布），与发布到通报群的完全一致；请在审定卡片上点“发布”或“退回”。',
  asOf: (month: string) => `截至${Number(month.slice(5))}月底`,
  part: (asOf: string, i: number, n: number) => (n > 1 ? `${asOf} · 第${i}/${n}张` : asOf),
  heads: {
    city: '**一、全市逐月走势**',
    counties: '**二、分县区走势**（按季末完成率排名，完成率最高为第1名）',
    categories: '**三、分类别走势**',
    yearCounties: '**一、县区排名**',
    yearUnits: '**二、责任单位排名**',
  },
  more: (head: string) => `${head.replace(/\*\*/g, '')}（续）`,
  quarterHeadline: (asOf: string, projects: number, completed: string, rate: string | null, gap: string, quarterNew: string) =>
    rate === null
      ? `${asOf}，全市${projects}个重点项目累计完成投资${completed}，本季度完成投资${quarterNew}。`
      : `${asOf}，全市${projects}个重点项目累计完成投资${completed}，占年度计划的${rate}，${gap}；本季度完成投资${quarterNew}。`,
  sources: (published: string[], fresh: string[]) => {
    const parts = [published.length ? `${published.join('、')}采用已发布的月通报数据` : '', fresh.length ? `${fresh.join('、')}按当前数据编制` : ''];
    return `${parts.filter(Boolean).join('，')}；计划口径与序时进度同各月通报；金额单位亿元。`;
  },
  yearBasis: (asOf: string, tp: string, plan: string, rounds: number) =>
    `数据截至${asOf}；序时进度${tp}；计划口径：${plan}；报送情况统计全年已截止的${rounds}轮周调度。`,
  notFinal: (year: number, month: number) => `${year}年度尚未结束，以下为截至${month}月底的情况。`,
  yearNote: '完成率排名以完成率最高者为第1名；按时报送率＝按时报送的项目轮次÷应报项目轮次，补报、未报送均不计为按时；名次相同者并列。',
};
const T = analysisTexts;

type Block = CardElement[];
const grey = (s: string) => text(s, 'grey', 'notation');
const monthWord = (key: string) => `${Number(key.slice(5))}月`;
const tp = (percent: number, rule: string, basis: string | null) =>
  formatTimeProgress({ percent: toPercent(percent), rule: rule === 'days' ? 'days' : 'months', basis: (basis ?? '按整月计算') as ProgressBasis });

/** Items (a narrow table's rows or a list's items) in blocks of at most ROWS_PER_TABLE, the first under `head`. */
function chunkBlocks<R>(head: string, items: R[], render: (chunk: R[]) => CardElement[]): Block[] {
  if (items.length === 0) return [[markdown(head), text('暂无数据。')]];
  const out: Block[] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_TABLE)
    out.push([i === 0 ? markdown(head) : grey(T.more(head)), ...render(items.slice(i, i + ROWS_PER_TABLE))]);
  return out;
}

function pack(blocks: Block[], build: (elements: CardElement[], i: number, n: number) => Card): Card[] {
  const pages: CardElement[][] = [[]];
  for (const b of blocks) {
    const current = pages[pages.length - 1] as CardElement[];
    const tried = [...current, ...b];
    const tables = tried.filter((e) => e.tag === 'table').length;
    const bytes = Buffer.byteLength(JSON.stringify(build(tried, 99, 99)), 'utf8');
    if (current.length === 0 || (tables <= CARD_MAX_TABLES && bytes <= BYTE_BUDGET)) current.push(...b);
    else pages.push([...b]);
  }
  return pages.map((elements, i) => build(elements, i + 1, pages.length));
}

export function quarterHeadline(q: QuarterAnalysis): string {
  const last = q.city.points.at(-1);
  if (!last) return '';
  const rate = last.completionRate === null ? null : formatRate(last.completionRate);
  return T.quarterHeadline(T.asOf(last.month), last.projects, yi(last.completedWan), rate, formatGap(last.gapPoints), yi(q.city.quarterNewWan));
}

/** A county's or category's quarter as a block (phone width): its name, then its months, its change, its gap. */
function trendItems(q: QuarterAnalysis, rows: readonly TrendRow[], ranked: boolean): ListItem[] {
  const months = q.months.map(monthWord).join('→');
  return rows.map((r) => {
    const last = r.points.at(-1);
    const base = q.baseMonth
      ? [`上季末(${monthWord(q.baseMonth)}底)完成率：${r.base ? formatRate(r.base.completionRate) : '—'}　较上季末：${rateChange(r.base, last)}`]
      : [];
    return {
      title: ranked ? `${r.rank === null ? '—' : r.rank}. ${r.name}` : r.name,
      lines: [
        `完成率(${months})：${r.points.map((p) => formatRate(p.completionRate)).join('→')}`,
        ...base,
        `季末与序时差(个百分点)：${last ? formatGapPoints(last.gapPoints) : '—'}　本季度完成(亿元)：${yiCell(r.quarterNewWan)}`,
      ].map(md),
    };
  });
}

export function renderQuarterCards(q: QuarterAnalysis, o: AnalysisCardOptions = {}): Card[] {
  const city = [
    ...(q.city.base && q.baseMonth ? [{ p: q.city.base, month: `${monthWord(q.baseMonth)}（上季末）`, tp: q.baseTimeProgress ?? 0 }] : []),
    ...q.city.points.map((p, i) => ({ p, month: monthWord(p.month), tp: q.timeProgress[i] ?? 0 })),
  ].map((x) => ({
    // The month with its amounts and 序时 in grey under it | 完成率 | 与序时差: three narrow columns for a phone.
    name: nameCell(
      x.month,
      `累计完成${yiCell(x.p.completedWan)}亿元，当月完成${yiCell(x.p.monthNewWan)}亿元，序时进度${tp(x.tp, q.timeProgressRule, q.timeProgressBasis)}`,
    ),
    rate: formatRate(x.p.completionRate),
    gap: formatGapPoints(x.p.gapPoints),
  }));
  const cityCols = rankingColumns('月份', '完成率', '与序时差(百分点)');
  const published = q.months.filter((m) => q.publishedMonths.includes(m)).map(monthWord);
  const fresh = q.months.filter((m) => !q.publishedMonths.includes(m)).map(monthWord);
  const blocks: Block[] = [
    ...(o.draft ? [[grey(T.draftNotice)]] : []),
    [text(quarterHeadline(q)), text(quarterComparison(q))],
    ...chunkBlocks(T.heads.city, city, narrowChunk(cityCols)),
    ...chunkBlocks(T.heads.counties, trendItems(q, q.counties, true), listChunk),
    ...chunkBlocks(T.heads.categories, trendItems(q, q.categories, false), listChunk),
    [grey(T.sources(published, fresh))],
  ];
  const last = q.months.at(-1) ?? q.quarter;
  return pack(blocks, (elements, i, n) =>
    card({
      title: T.quarterTitle(q.quarter),
      subtitle: T.part(T.asOf(last), i, n),
      template: 'blue',
      tags: o.draft ? [{ text: T.draftTag, color: 'orange' }] : [],
      summary: quarterHeadline(q),
      elements,
    }),
  );
}

/** A county or unit of the year (phone width): its name with its counts, amounts and ranks under it | 完成率 | 与序时差. */
function yearRows(rows: readonly YearRow[]): Array<Record<string, Cell>> {
  return rows.map((r) => ({
    name: nameCell(
      r.name,
      `${r.projects}个项目，年度计划${yiCell(r.annualPlanWan)}亿元，累计完成${yiCell(r.completedWan)}亿元；完成率排名${r.rank}，按时报送率${formatRate(r.onTimeRate)}，报送排名${r.timelinessRank}`,
    ),
    rate: formatRate(r.completionRate),
    gap: formatGapPoints(r.gapPoints),
  }));
}

const yearColumns = (label: string) => rankingColumns(label, '完成率', '与序时差(百分点)');

export function yearHeadline(a: YearAssessment): string {
  return `${T.yearTitle(a.year)}：${T.asOf(a.month)}，${a.counties.length}个县区、${a.units.length}个责任单位参加排名。`;
}

export function renderYearCards(a: YearAssessment, o: AnalysisCardOptions = {}): Card[] {
  const [, m, d] = a.asOf.split('-').map(Number) as [number, number, number];
  const basis = T.yearBasis(`${a.year}年${m}月${d}日`, tp(a.timeProgress, a.timeProgressRule, a.timeProgressBasis), a.planVersion, a.rounds);
  const blocks: Block[] = [
    ...(o.draft ? [[grey(T.draftNotice)]] : []),
    [...(a.final ? [] : [text(T.notFinal(a.year, m), 'red')]), text(estimatedWords(a), a.estimated.length > 0 ? 'red' : undefined), grey(basis)],
    ...chunkBlocks(T.heads.yearCounties, yearRows(a.counties), narrowChunk(yearColumns('县区'))),
    ...chunkBlocks(T.heads.yearUnits, yearRows(a.units), narrowChunk(yearColumns('责任单位'))),
    ...(a.evaluation
      ? [
          [markdown('**综合评价排序**'), grey(EVALUATION_METHOD)],
          ...evaluationLines(a.evaluation.counties).map((l) => [text(l)]),
          [text(a.evaluation.units.map((r) => `${r.rank}. ${r.name} ${roundToString(r.score, 2)}分`).join('\n') || '—')],
        ]
      : []),
    [grey(T.yearNote)],
  ];
  return pack(blocks, (elements, i, n) =>
    card({
      title: T.yearTitle(a.year),
      subtitle: T.part(T.asOf(a.month), i, n),
      template: 'blue',
      tags: o.draft ? [{ text: T.draftTag, color: 'orange' }] : [],
      summary: yearHeadline(a),
      elements,
    }),
  );
}
