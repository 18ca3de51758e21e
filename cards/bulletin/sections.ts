// The sections of the monthly bulletin (domain.md §5, in its order) as blocks of card elements. A block stays in one
// card; a long table comes as several blocks, so the packer (bulletin-cards.ts) can spread it over cards.
import { batchParagraphs } from '../batches/lines';
import type { Bulletin, BulletinGroupRow } from '../../src/domain/bulletin';
import { finishRate, formatCountRate, formatGap, formatGapPoints, formatPeriod, formatRate, startRate } from '../../src/domain/progress';
import { type Cell, lightTag } from '../answer/common';
import { listChunk, md, nameCell, narrowChunk, rankingColumns } from './phone';
import { countyChart } from './chart';
import { changeLines, cappedList, estimatedNames } from './words';
import { asOfOf, asOfText, beijingText, chineseDate, monthText, timeProgressText, wanCell, yi, yiCell } from './format';
import { bulletinTexts as T } from './texts';
import { clip, type CardElement, hr, markdown, text } from '../elements';
import { formatWanNumber, formatYi, sumWanAsYuan, wanToYuanChecked } from '../../src/domain/money';
import { statsBlocks } from './stats';
import { overdueNodesSentence, paceWords, stoppedSentence } from './pace-words';

export type Block = { elements: CardElement[] };
type Row = Record<string, Cell>;

/** The most rows of the lagging list the cards carry (worst first); the 附表 has every project. */
export const LAGGING_ROWS_SHOWN = 100;
const OVERDUE_ROWS_SHOWN = 30;
/** A table block stays well inside one card's 30 KB, so any block fits an empty card. */
const TABLE_BLOCK_BYTES = 12 * 1024;
const TABLE_BLOCK_ROWS = 50;

const C = T.columns;
const grey = (s: string) => text(s, 'grey', 'notation');

/**
 * Items (a table's rows or a list's items) in blocks of at most TABLE_BLOCK_ROWS and TABLE_BLOCK_BYTES, each block
 * rendered by `render` (a narrow table, or list blocks); the first block opens with `head`.
 */
function chunkBlocks<T>(head: CardElement[], items: T[], render: (chunk: T[]) => CardElement[], continued: string): Block[] {
  const blocks: Block[] = [];
  let chunk: T[] = [];
  let bytes = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    const lead = blocks.length === 0 ? head : [grey(T.more(continued))];
    blocks.push({ elements: [...lead, ...render(chunk)] });
    chunk = [];
    bytes = 0;
  };
  for (const r of items) {
    const size = Buffer.byteLength(JSON.stringify(r), 'utf8');
    if (chunk.length >= TABLE_BLOCK_ROWS || (chunk.length > 0 && bytes + size > TABLE_BLOCK_BYTES)) flush();
    chunk.push(r);
    bytes += size;
  }
  flush();
  return blocks.length ? blocks : [{ elements: head }];
}

/** Version 2's opening: the plan before the completion ("全市重点项目X个，年度计划投资X亿元；1–10月完成投资…"). */
export function planFirstLine(b: Bulletin): string {
  const rate = b.completionRate === null ? null : formatRate(b.completionRate);
  return T.planFirst(b.projects, yi(b.annualPlanWan), formatPeriod(asOfOf(b)), yi(b.completedWan), rate, formatGap(b.gapPoints));
}

export function headline(b: Bulletin): string {
  if (b.issue) return planFirstLine(b);
  const rate = b.completionRate === null ? null : formatRate(b.completionRate);
  return T.headline(asOfText(b), b.projects, yi(b.completedWan), rate, formatGap(b.gapPoints));
}

function overview(b: Bulletin): Block[] {
  const monthNew = sumWanAsYuan(b.counties.map((c) => c.monthNewWan));
  const lines = [headline(b), T.monthNew(asOfOf(b).month, formatYi(monthNew))];
  const pace = paceWords(b, asOfOf(b).month);
  const paceLine = pace ? [text(`${pace}。`)] : [];
  if (b.issue) {
    return [
      {
        elements: [
          markdown(T.heads.overview),
          text(lines.join('')),
          ...paceLine,
          ...changeLines(b).map((l) => text(l)),
          grey(T.basis(timeProgressText(b), b.planVersion)),
        ],
      },
      { elements: [countyChart(b.counties, b.timeProgress)] },
    ];
  }
  return [
    { elements: [markdown(T.heads.overview), text(lines.join('')), ...paceLine, grey(T.basis(timeProgressText(b), b.planVersion))] },
    { elements: [countyChart(b.counties, b.timeProgress)] },
  ];
}

/** A level, category or county at phone width: its name with its counts and amounts in grey under it | 完成率 | 与序时差. */
const groupColumns = (first: string) => rankingColumns(first, C.rate, C.gapNarrow);

function groupRow(g: BulletinGroupRow, rank?: number): Row {
  const facts = T.groupFacts(g.projects, yiCell(g.annualPlanWan), yiCell(g.completedWan), yiCell(g.monthNewWan));
  return {
    name: nameCell(rank === undefined ? g.name : `${rank}. ${g.name}`, facts),
    rate: formatRate(g.completionRate),
    gap: formatGapPoints(g.gapPoints),
  };
}

function groups(b: Bulletin): Block[] {
  const table = narrowChunk(groupColumns('级别'));
  return [
    ...chunkBlocks(
      [markdown(T.heads.groups), grey(T.heads.levels)],
      b.levels.map((g) => groupRow(g)),
      table,
      T.heads.levels,
    ),
    ...chunkBlocks(
      [grey(T.heads.categories)],
      b.categories.map((g) => groupRow(g)),
      narrowChunk(groupColumns('类别')),
      T.heads.categories,
    ),
  ];
}

function counties(b: Bulletin): Block[] {
  const rows = [...b.counties].sort((x, y) => x.rank - y.rank).map((c) => groupRow(c, c.rank));
  const head = [markdown(T.heads.counties), grey(T.rankOrder)];
  const blocks = chunkBlocks(head, rows, narrowChunk(groupColumns(C.rankCounty)), T.heads.counties);
  const month = asOfOf(b).month;
  const paces = b.counties.flatMap((c) => {
    const words = paceWords(c, month);
    return words ? [text(`${c.name}：${words}。`)] : [];
  });
  return paces.length > 0 ? [...blocks, { elements: paces }] : blocks;
}

function starts(b: Bulletin): Block[] {
  const s = b.starts;
  // The domain's start rate over the planned new starts, so its words and rate are the ones every other place prints.
  const planned = Array.from({ length: s.plannedStarts }, (_, i) => ({ nature: '新开工', started: i < s.started }));
  const lines = [
    `${formatCountRate(startRate(planned, 'new_starts'))}。`,
    T.startDetail(s.early, s.onTime, s.late),
    `${formatCountRate(finishRate(s.completed, s.plannedCompletions))}。`,
    T.production(s.inProduction),
  ];
  // 四个一批 and the 储备库, when the bulletin carries them: one block each, so a long county list fits the card budget.
  const batches = batchParagraphs(b).map((p) => ({ elements: [text(p)] }));
  // 长时间停工 and 逾期节点 (issue 19), when the bulletin carries them.
  const nodeLines = [stoppedSentence(b.stopped), overdueNodesSentence(b.overdueNodes)].filter((l) => l !== null);
  const nodes = nodeLines.length > 0 ? [{ elements: nodeLines.map((l) => text(l)) }] : [];
  return [{ elements: [markdown(T.heads.starts), text(lines.join(''))] }, ...nodes, ...batches];
}

function laggingV2(b: Bulletin): Block[] {
  const behind = b.lagging.filter((l) => l.light !== 'green');
  const red = behind.filter((l) => l.light === 'red').length;
  const green = b.lagging.length - behind.length;
  const head: CardElement[] = [markdown(T.heads.lagging)];
  if (b.lagging.length === 0) head.push(text(T.laggingNone));
  if (behind.length > 0) {
    const names = behind.slice(0, 3).map((l) => l.name);
    const named = behind.length > 1 ? `${names.join('、')}等${behind.length}个项目` : (names[0] ?? '');
    head.push(text(T.laggingBehind(named, red, behind.length - red)));
  }
  if (green > 0) head.push(text(T.laggingGreen(green)));
  if (b.lagging.length > LAGGING_ROWS_SHOWN) head.push(grey(T.laggingCut(LAGGING_ROWS_SHOWN, b.lagging.length)));
  if (b.lagging.length === 0) return [{ elements: head }];
  return laggingTable(b, head, {
    monthsTitle: C.monthsBelow,
    reasons: (l) => (l.light === 'green' ? l.reasons.map((r) => (r === '投资滞后' ? '未达序时进度' : '未按计划开工')) : l.reasons).join('、'),
    months: (l) => T.monthsSince(l.monthsLagging, l.runSince?.firstData ? l.runSince.month : null),
  });
}

type LaggingRow = Bulletin['lagging'][number];

/** The 未达序时进度 table, the same columns in both versions but for the months column's title and the words of two cells. */
function laggingTable(b: Bulletin, head: CardElement[], o: { monthsTitle: string; reasons(l: LaggingRow): string; months(l: LaggingRow): string }): Block[] {
  // One project a block: its name, then where it is and who leads it, its figures and light, why and how long.
  const items = b.lagging.slice(0, LAGGING_ROWS_SHOWN).map((l, i) => ({
    title: l.name,
    index: i + 1,
    lines: [
      md([l.county, l.unit, ...(l.leader ? [`${C.leader}：${l.leader}`] : [])].join(' · ')),
      `${md(T.laggingFigures(formatRate(l.completionRate), formatGapPoints(l.gapPoints)))} ${lightTag(l.light)}`,
      md(`${C.reasons}：${o.reasons(l)}；${o.monthsTitle}：${o.months(l)}`),
    ],
  }));
  return chunkBlocks(head, items, listChunk, T.heads.lagging);
}

function lagging(b: Bulletin): Block[] {
  if (b.issue) return laggingV2(b);
  const red = b.lagging.filter((l) => l.light === 'red').length;
  const yellow = b.lagging.filter((l) => l.light === 'yellow').length;
  const green = b.lagging.length - red - yellow;
  const head: CardElement[] = [markdown(T.heads.lagging), text(T.laggingCount(b.lagging.length, red, yellow, green))];
  if (b.lagging.length > LAGGING_ROWS_SHOWN) head.push(grey(T.laggingCut(LAGGING_ROWS_SHOWN, b.lagging.length)));
  if (b.lagging.length === 0) return [{ elements: head }];
  return laggingTable(b, head, { monthsTitle: C.months, reasons: (l) => l.reasons.join('、'), months: (l) => T.monthsLagging(l.monthsLagging) });
}

const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}${n}个`)
    .join('、');

function problems(b: Bulletin): Block[] {
  const p = b.problems;
  const total = Object.values(p.byStatus).reduce((s, n) => s + n, 0);
  if (total === 0 && p.overdue.length === 0) return [{ elements: [markdown(T.heads.problems), text(T.problemsNone)] }];
  const lines = [T.problemsLine(total, p.newThisMonth, p.closedThisMonth, formatRate(p.closureRate))];
  if (countsText(p.byCategory)) lines.push(T.byCategory(countsText(p.byCategory)));
  if (countsText(p.byStatus)) lines.push(T.byStatus(countsText(p.byStatus)));
  const head = [markdown(T.heads.problems), text(lines.join('')), text(T.overdue(p.overdue.length))];
  if (p.overdue.length === 0) return [{ elements: head }];
  const items = p.overdue.slice(0, OVERDUE_ROWS_SHOWN).map((o, i) => ({
    title: o.project,
    index: i + 1,
    lines: [
      md(`${C.category}：${o.category} · ${C.leadUnit}：${o.leadUnit ?? '—'} · ${C.deadline}：${o.deadline ?? '—'}`),
      md(`${C.problem}：${clip(o.description, 60)}`),
    ],
  }));
  return chunkBlocks(head, items, listChunk, T.heads.problems);
}

function timeliness(b: Bulletin): Block[] {
  const t = b.timeliness;
  const head: CardElement[] = [markdown(T.heads.timeliness), text(T.timelinessLine(t.onTimeUnits, t.totalUnits))];
  const after: CardElement[] = [];
  if (b.unreported.length) after.push(text(T.unreported(b.unreported.map((u) => `${u.unit}（${u.codes.length}个）`).join('、'))));
  if (b.estimated.length && b.issue) {
    const named = estimatedNames(b);
    after.push(grey(T.estimatedNamed(named.length, cappedList(named, 30))));
  } else if (b.estimated.length) after.push(grey(T.estimated(b.estimated.length)));
  if (t.lateUnits.length === 0) return [{ elements: [...head, ...after] }];
  head.push(text(T.timelinessLate(t.lateUnits.length)));
  const rows = t.lateUnits.map((u) => ({ unit: u.unit, late: String(u.late), missed: String(u.missed) }));
  const columns = [
    { name: 'unit', title: C.unit },
    { name: 'late', title: C.late, percent: 22 },
    { name: 'missed', title: C.missed, percent: 22 },
  ];
  const blocks = chunkBlocks(head, rows, narrowChunk(columns), T.heads.timeliness);
  if (after.length) blocks.push({ elements: after });
  return blocks;
}

const signed = (n: string) => (n.startsWith('-') || /^0(\.0+)?$/.test(n) ? n : `+${n}`);

function corrections(b: Bulletin): Block[] {
  if (b.corrections.length === 0) return [];
  const items = b.corrections.map((c, i) => ({
    title: c.name,
    index: i + 1,
    lines: [
      md(
        T.correctionFigures(
          monthText(c.month),
          wanCell(c.publishedWan),
          wanCell(c.nowWan),
          signed(formatWanNumber(wanToYuanChecked(c.nowWan) - wanToYuanChecked(c.publishedWan))),
        ),
      ),
    ],
  }));
  return chunkBlocks([markdown(T.heads.corrections), text(T.correctionsLine)], items, listChunk, T.heads.corrections);
}

function closing(b: Bulletin): Block[] {
  if (b.issue) {
    return [
      { elements: [markdown(T.heads.requirements), text(b.requirements || T.none)] },
      {
        elements: [
          hr(),
          text(T.table(b.table.length)),
          { tag: 'div', text: { tag: 'plain_text', content: T.signature(b.issue.office, chineseDate(b.issue.date)), text_align: 'right' } },
          grey(T.footer(beijingText(b.composedAt))),
        ],
      },
    ];
  }
  return [
    { elements: [markdown(T.heads.requirements), text(b.requirements || T.none)] },
    { elements: [hr(), text(T.table(b.table.length)), grey(T.footer(beijingText(b.composedAt)))] },
  ];
}

/** Every block of the bulletin, in reading order. */
export function bulletinBlocks(b: Bulletin): Block[] {
  return [
    ...overview(b),
    ...groups(b),
    ...counties(b),
    ...starts(b),
    ...lagging(b),
    ...problems(b),
    ...timeliness(b),
    ...statsBlocks(b),
    ...corrections(b),
    ...closing(b),
  ];
}
