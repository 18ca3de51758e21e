// The answer about a group of projects (a county, category, unit, leader, or the whole city): totals, lights, laggards.
import { formatGap, formatGapPoints, formatRate, type Percent } from '../../src/domain/progress';
import type { GroupFigures, Standing } from '../../src/domain/standing';
import { card, escapeMd, hr, markdown, text, type Card, type CardElement } from '../elements';
import { block, listButtons, narrowTable, standingLine } from './rows';
import { commonTexts as C, listTexts, NO_DATA, summaryTexts as T } from './texts';
import { formatYi, formatYiNumber } from '../../src/domain/money';
import { type PaceFigures, paceWords } from '../bulletin/pace-words';
import { asOfTexts, type Freshness } from './as-of';
import { type RedChartVM, redProjectsChart } from './red-chart';

export type SummaryRow = { name: string; standing: Standing; weekText: string | null };
export type CountyRow = { name: string; count: number; reported: number; completedYuan: number; rate: Percent | null; gap: Percent | null };

export type SummaryVM = {
  /** Says whose projects: 江北区, 全市, 市交通运输局负责的, 金俊杰同志包联的. */
  label: string;
  weekLabel: string;
  asOfText: string;
  timeProgressText: string;
  basis: string;
  figures: GroupFigures;
  /** Worst first. With `showAll` every project is listed; otherwise only those behind (rows holds them). */
  rows: SummaryRow[];
  showAll: boolean;
  /** The rows are only the projects the asker may see, not all of the group's. */
  rowsRestricted?: boolean;
  /** The counties of the city answer, lowest rate first. */
  counties?: CountyRow[];
  /** A notice above everything (a refusal of what was asked, or that only some projects are counted). */
  notice?: string | null;
  askedAtText: string;
  /** The day the figures are read ("11月12日"), and how they stand this week: reported, carried, none. */
  dayText: string;
  freshness: Freshness;
  /** 倒排工期 at the end of the last completed month (`month`), when there is one in the plan year. */
  pace?: { figures: PaceFigures; month: number } | null;
  /** 挂图作战: the red projects' chart, appended after the tables (absent or without red projects: nothing). */
  redChart?: RedChartVM | null;
  /** The 更多 button's value when the rows are more than the card lists (the card adds `from`); absent: no button. */
  more?: Record<string, unknown> | null;
};

const MAX_ROWS = 20;

function paragraph(vm: SummaryVM): string {
  const f = vm.figures;
  const parts = [T.overview(vm.label, f.count, formatYi(f.annualPlanYuan))];
  if (f.reported === 0) parts.push(T.noneReported(vm.timeProgressText, vm.asOfText));
  else {
    const fresh = asOfTexts.freshness(vm.freshness, { withNone: false });
    parts.push(T.completion(fresh, formatYi(f.completedYuan), formatRate(f.rate), formatGap(f.gap), vm.timeProgressText, vm.asOfText));
    if (f.unreported > 0) parts.push(T.unreported(f.unreported));
  }
  return parts.join('');
}

/** The projects a block each (name, then figures, then the week of the latest report): readable at phone width. */
function projectTable(vm: SummaryVM): CardElement[] {
  const c = T.columns;
  const rows = vm.rows.slice(0, MAX_ROWS);
  const head = `${vm.rowsRestricted ? T.restrictedPrefix : ''}${vm.showAll ? T.allHead(vm.rows.length) : T.laggardsHead(vm.rows.length, Math.min(vm.rows.length, MAX_ROWS))}`;
  if (rows.length === 0) return [markdown(vm.showAll ? T.empty(escapeMd(vm.label)) : vm.rowsRestricted ? T.noVisibleLaggards : T.noLaggards)];
  const blocks = rows.map((r, i) => block(r.name, [standingLine(r.standing), r.weekText ? `${c.week}：${escapeMd(r.weekText)}` : ''], i + 1));
  const more = vm.more && vm.rows.length > rows.length ? listButtons({ label: listTexts.more, value: { ...vm.more, from: rows.length } }, null) : null;
  return [markdown(head), ...blocks, ...(more ? [more] : [])];
}

/**
 * Three narrow columns, for a phone: the county with its counts and 累计完成 under its name, the rate, the gap. A
 * page holds all counties (up to 10 a page, as Feishu allows).
 */
function countyTable(counties: CountyRow[]): CardElement[] {
  const c = T.columns;
  const rows = counties.map((r) => ({
    county: `**${escapeMd(r.name)}**\n<font color='grey'>${r.reported === 0 ? T.countyNone(r.count) : T.countyFacts(r.count, r.reported, formatYiNumber(r.completedYuan))}</font>`,
    rate: r.reported === 0 ? NO_DATA : formatRate(r.rate),
    gap: r.reported === 0 ? '—' : formatGapPoints(r.gap),
  }));
  const columns = [
    { name: 'county', title: c.county, kind: 'lark_md' as const },
    { name: 'rate', title: c.rate, percent: 24 },
    { name: 'gap', title: c.countyGap, percent: 30 },
  ];
  return [markdown(T.countiesHead), narrowTable(columns, rows, 10)];
}

/** The bulletin's pace sentence, with the figures it stands on (the latest reports, the months left). */
export function paceLine(figures: PaceFigures, month: number): string | null {
  const words = paceWords(figures, month);
  if (!words) return null;
  return `${words}（按最近一次填报的累计完成投资${month < 12 ? `、全年剩余${12 - month}个月` : ''}计算）。`;
}

export function renderSummaryCard(vm: SummaryVM): Card {
  const f = vm.figures;
  const elements: CardElement[] = [];
  if (vm.notice) elements.push(text(vm.notice, 'grey'));
  elements.push(markdown(escapeMd(paragraph(vm))));
  const pace = vm.pace ? paceLine(vm.pace.figures, vm.pace.month) : null;
  if (pace) elements.push(text(pace));
  if (f.reported > 0) elements.push(markdown(T.lights(f.lights.red, f.lights.yellow, f.lights.green, f.lagging, f.stopped, f.halfStopped)));
  elements.push(hr());
  if (vm.counties?.length) elements.push(...countyTable(vm.counties));
  if (f.count > 0) elements.push(...projectTable(vm));
  if (vm.redChart) elements.push(...redProjectsChart(vm.redChart));
  elements.push(text(`${C.askedAt(vm.askedAtText)}。${C.basis(vm.asOfText, vm.basis)}`, 'grey', 'notation'));
  return card({
    title: T.title(vm.label),
    subtitle: T.subtitle(vm.dayText, vm.freshness.week.short, vm.asOfText),
    template: 'blue',
    summary: T.summary(vm.label, f.reported > 0 ? formatRate(f.rate) : '—'),
    elements,
  });
}
