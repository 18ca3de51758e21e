// 四个一批 and the 储备库 in words: the lines the bulletin, the chat answers and the command line share. Numbers come
// unrounded (percent, 万元) and are rounded here only, for display.
import type { FourBatches } from '../../src/domain/batches';
import { card, text, type Card, type CardElement } from '../elements';
import { decimalRatio, roundToString } from '../../src/domain/exact';
import { formatRate } from '../../src/domain/format';
import { formatYi, wanToYuanChecked } from '../../src/domain/money';
import { RESERVE_STAGES, type ReserveSummary } from '../../src/domain/reserve';

const yi = (wan: number) => formatYi(wanToYuanChecked(wan));

/** The gap to the target in 个百分点, as a phrase: "高于目标24.7个百分点", "低于目标5.0个百分点", "与目标持平". */
export function targetGap(points: number | null): string {
  if (points === null) return '—';
  const text = roundToString(decimalRatio(points), 1);
  if (/^0(\.0*)?$/.test(text)) return '与目标持平';
  return text.startsWith('-') ? `低于目标${text.slice(1)}个百分点` : `高于目标${text}个百分点`;
}

/** A ratio as "1.23倍". */
export function timesText(ratio: number | null): string {
  return ratio === null ? '—' : `${roundToString(decimalRatio(ratio), 2)}倍`;
}

/** "截至6月底" for month 6. */
export const asOfMonth = (month: number) => `截至${month}月底`;

export function fourBatchesHeadline(fb: FourBatches, month: number, asOf: string = asOfMonth(month)): string {
  const gap = fb.conversionRate === null ? null : fb.conversionRate - fb.target;
  return (
    `${asOf}，签约企业${fb.signed}家，已开工${fb.started}家，已投产${fb.producing}家（含达效${fb.effective}家）；` +
    `转化率${formatRate(fb.conversionRate)}（投产达效${fb.producing}家÷签约${fb.signed}家），` +
    `${month}月底目标${formatRate(fb.target)}${gap === null ? '' : `，${targetGap(gap)}`}。`
  );
}

export function overHundredMillionLine(fb: FourBatches): string {
  const b = fb.overHundredMillion;
  return `其中亿元以上企业：签约${b.signed}家，已开工${b.started}家，投产达效${b.producing}家，转化率${formatRate(b.conversionRate)}。`;
}

export function fourBatchesCountyLine(c: FourBatches['counties'][number]): string {
  return `${c.name}：签约${c.signed}家，投产达效${c.producing}家，转化率${formatRate(c.conversionRate)}，${targetGap(c.gapPoints)}`;
}

/** The whole 四个一批 section as lines (bulletin text, command line). */
export function fourBatchesLines(fb: FourBatches, month: number, asOf: string = asOfMonth(month)): string[] {
  return [
    fourBatchesHeadline(fb, month, asOf),
    overHundredMillionLine(fb),
    '分县区（按转化率由高到低）：',
    ...fb.counties.map((c) => `  ${fourBatchesCountyLine(c)}`),
  ];
}

export function reserveHeadline(r: ReserveSummary): string {
  const stages = RESERVE_STAGES.map((s) => `${s}${r.byStage[s].projects}个（${yi(r.byStage[s].totalWan)}）`).join('、');
  return `储备库现有储备项目${r.projects}个，总投资${yi(r.totalWan)}：${stages}；产业类项目占${formatRate(r.industryShare)}。`;
}

export function reserveCountyLine(c: ReserveSummary['counties'][number]): string {
  const verdict = c.light === 'red' ? '储备不足' : c.light === 'green' ? '储备充足' : '本年度无计划投资，不作判定';
  const industry = c.industryShare !== null ? `，产业类项目占${formatRate(c.industryShare)}` : '';
  return `${c.name}：储备项目${c.projects}个${industry}，前期及具备开工条件项目总投资${yi(c.readyWan)}，为本年度计划投资的${timesText(c.ratio)}，${verdict}`;
}

export function shortCounties(r: ReserveSummary): ReserveSummary['counties'] {
  return r.counties.filter((c) => c.light === 'red');
}

/** The whole 储备库 section as lines. */
export function reserveLines(r: ReserveSummary): string[] {
  const short = shortCounties(r);
  return [
    reserveHeadline(r),
    short.length > 0
      ? `储备不足的县区${short.length}个：${short.map((c) => `${c.name}（${timesText(c.ratio)}）`).join('、')}。`
      : '各县区储备均不低于设定比例。',
    '分县区（按储备与本年度计划投资之比由低到高）：',
    ...r.counties.map((c) => `  ${reserveCountyLine(c)}`),
  ];
}

/** A chat answer: a title and its lines as one card. */
export function renderLinesCard(title: string, lines: string[], notice?: string): Card {
  const elements: CardElement[] = [];
  if (notice) elements.push(text(notice, 'grey', 'notation'));
  for (const l of lines) elements.push(text(l));
  return card({ title, template: 'blue', summary: title, elements });
}

/**
 * 四个一批 and the 储备库 as paragraphs of the bulletin's section 四 (domain.md §5: "conversion chain"), one each, when
 * the bulletin carries them; none otherwise, so a bulletin composed before (or a city without the lists) renders as it
 * did. The text, the cards and the .docx all use these.
 */
export function batchParagraphs(b: { month: string; fourBatches?: FourBatches; reserve?: ReserveSummary }): string[] {
  const month = Number(b.month.slice(5));
  const out: string[] = [];
  if (b.fourBatches) out.push(`“四个一批”（签约、开工、投产、达效）：${fourBatchesLines(b.fourBatches, month).join('\n')}`);
  if (b.reserve) out.push(`重大项目储备：${reserveLines(b.reserve).join('\n')}`);
  return out;
}
