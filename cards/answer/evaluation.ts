// The half-year 综合评价排序 card: counties ranked with every part's points and how they were reached, then units.
import { type EvaluationPartResult, type EvaluationRow, halfTitle, PART_NAMES } from '../../src/domain/evaluation';
import { roundToString } from '../../src/domain/exact';
import { card, type Card, type CardElement, escapeMd, hr, markdown, text } from '../elements';
import { block } from './rows';

export type EvaluationVM = { year: number; half: 0 | 1 | 2; asOf: string; counties: EvaluationRow[]; units: EvaluationRow[] };

const pts = (x: number | null) => (x === null ? '—' : roundToString(x, 2));

/** One line per ranked row with each part's points, weight and how they were reached (the card, the 年考核 text). */
export function evaluationLines(rows: readonly EvaluationRow[]): string[] {
  return rows.map(
    (r) => `${r.rank}. ${r.name} ${roundToString(r.score, 2)}分\n${r.parts.map((p) => `  ${p.name}：${pts(p.points)}/${p.weight}分（${p.note}）`).join('\n')}`,
  );
}

/** The method in one sentence, said wherever a composite score is shown. */
export const EVALUATION_METHOD =
  '各项得分 = 权重 × 得分率；缺少数据的项注明原因、不计入，综合得分 = 各项得分之和 ÷ 有数据各项权重之和 × 100（权重见设置 evaluation.weights）。';

/** The method as said in chat (the settings key is for administrators at the command line). */
const CHAT_METHOD = '各项得分 = 权重 × 得分率；缺少数据的项注明原因、不计入，综合得分 = 各项得分之和 ÷ 有数据各项权重之和 × 100。';

export function renderEvaluationCard(vm: EvaluationVM): Card {
  const elements: CardElement[] = [text(`数据截至${vm.asOf}。${CHAT_METHOD}`, 'grey', 'notation'), markdown('**县区排名**')];
  for (const line of evaluationLines(vm.counties)) elements.push(text(line));
  elements.push(markdown('**责任单位排名**'));
  elements.push(text(vm.units.map((r) => `${r.rank}. ${r.name} ${roundToString(r.score, 2)}分`).join('\n') || '—'));
  const example = vm.units[0]?.name ?? vm.counties[0]?.name;
  if (example) elements.push(text(`发送「单位或县区名称＋综合评价」查看其各项得分，如「${example}${halfTitle(vm)}综合评价」。`, 'grey', 'notation'));
  return card({
    title: `${halfTitle(vm)}重点项目综合评价排序`,
    template: 'blue',
    summary: `县区${vm.counties.length}个、责任单位${vm.units.length}个`,
    elements,
  });
}

export type EvaluationDetailVM = {
  year: number;
  half: 0 | 1 | 2;
  asOf: string;
  kind: 'county' | 'unit';
  row: EvaluationRow;
  /** How many counties (or units) are ranked. */
  of: number;
  /** The rows ranked just before and after it, to see what separates them. */
  above: EvaluationRow | null;
  below: EvaluationRow | null;
};

/** The raw figure as read: the 观摩 score in points, every other part a percentage. */
const rawText = (p: EvaluationPartResult) =>
  p.raw === null ? '缺项' : p.name === PART_NAMES.tour ? `${roundToString(p.raw, 2)}分` : `${roundToString(p.raw, 1)}%`;

/** One part: its raw figure with the basis, its points of its weight; a missing part said missing, not zero. */
export function partLines(p: EvaluationPartResult): string[] {
  if (p.points === null) return [`原始数据：缺项（${p.note}）`, `得分：不计（权重${p.weight}分不计入综合得分的分母，不按零分计）`];
  return [`原始数据：${rawText(p)}（${p.note}）`, `得分：${pts(p.points)}分（权重${p.weight}分）`];
}

/** 综合得分 from the parts shown: the points earned over the weights present, × 100. */
export function compositeLine(r: EvaluationRow): string {
  const present = r.parts.filter((p) => p.points !== null);
  const earned = present.reduce((a, p) => a + (p.points ?? 0), 0);
  const weighed = present.reduce((a, p) => a + p.weight, 0);
  const missing = r.parts.length - present.length;
  return `综合得分 = 各项得分之和${pts(earned)} ÷ 有数据各项权重之和${weighed} × 100 = ${pts(r.score)}分${missing ? `（${missing}项缺少数据，不计入）` : ''}`;
}

/** One county's or unit's 综合评价: its score and rank of how many, and every part with its raw figure and points. */
export function renderEvaluationDetailCard(vm: EvaluationDetailVM): Card {
  const { row: r } = vm;
  const group = vm.kind === 'county' ? '县区' : '责任单位';
  const tied = [vm.above, vm.below].some((x) => x?.rank === r.rank) ? '（并列）' : '';
  const neighbour = (label: string, x: EvaluationRow | null) => (x ? `${label}：${x.rank}. ${x.name} ${pts(x.score)}分` : null);
  const neighbours = [neighbour('前一名', vm.above), neighbour('后一名', vm.below)].filter((x): x is string => x !== null);
  const elements: CardElement[] = [
    markdown(`**综合得分${pts(r.score)}分，在${vm.of}个${group}中排第${r.rank}名${tied}**`),
    text(compositeLine(r)),
    ...(neighbours.length ? [text(neighbours.join('\n'), 'grey', 'notation')] : []),
    hr(),
    ...r.parts.map((p, i) => block(p.name, partLines(p).map(escapeMd), i + 1)),
    hr(),
    text(`数据截至${vm.asOf}。${CHAT_METHOD}`, 'grey', 'notation'),
  ];
  return card({
    title: `${r.name}${halfTitle(vm)}综合评价`,
    template: 'blue',
    summary: `${r.name}综合得分${pts(r.score)}分，${group}第${r.rank}名（共${vm.of}个）`,
    elements,
  });
}
