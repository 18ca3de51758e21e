// The half-year 综合评价排序 card: counties ranked with every part's points and how they were reached, then units.
import { type EvaluationRow, halfTitle } from '../../src/domain/evaluation';
import { roundToString } from '../../src/domain/exact';
import { card, type Card, type CardElement, markdown, text } from '../elements';

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

export function renderEvaluationCard(vm: EvaluationVM): Card {
  const elements: CardElement[] = [
    text(
      `数据截至${vm.asOf}。各项得分 = 权重 × 得分率；缺少数据的项注明原因、不计入，综合得分 = 各项得分之和 ÷ 有数据各项权重之和 × 100。`,
      'grey',
      'notation',
    ),
    markdown('**县区排名**'),
  ];
  for (const line of evaluationLines(vm.counties)) elements.push(text(line));
  elements.push(markdown('**责任单位排名**'));
  elements.push(text(vm.units.map((r) => `${r.rank}. ${r.name} ${roundToString(r.score, 2)}分`).join('\n') || '—'));
  elements.push(text('各责任单位每项的原始数据和得分见 diaodu evaluate 命令的输出。', 'grey', 'notation'));
  return card({
    title: `${halfTitle(vm)}重点项目综合评价排序`,
    template: 'blue',
    summary: `县区${vm.counties.length}个、责任单位${vm.units.length}个`,
    elements,
  });
}
