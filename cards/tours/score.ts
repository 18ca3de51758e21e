// A judge's 观摩 scoring card for one project: the criteria with their maxima, the judge's own saved score (never
// anyone else's), revisable until the tour is closed.
import type { TourCriterion } from '../../src/domain/tours';
import { card, escapeMd, markdown, plain, text, type Card, type CardElement } from '../elements';

export type ScoreVM = {
  tourId: number;
  tourName: string;
  date: string;
  project: { id: number; code: string; name: string; county: string };
  criteria: TourCriterion[];
  /** The judge's own latest score, tenths per criterion. */
  saved: { tenths: number[]; at: string } | null;
  closed: boolean;
  notice?: string;
  nonce?: string;
};

export const scoreTexts = {
  title: (name: string) => `${name}评分`,
  subtitle: (code: string, name: string, county: string) => `${code} ${name}（${county}）`,
  intro: (date: string) =>
    `观摩日期：${date}。请按各评分项打分（不超过满分，可保留一位小数）后提交；观摩结束前可修改，以最后一次提交为准。各评委的评分互不可见。`,
  saved: (total: string, at: string) => `您的评分：合计${total}分（${at}提交），结束前可修改后重新提交。`,
  closed: '本次观摩已结束评分，不再接受提交或修改。',
  criterion: (c: TourCriterion) => `${c.name}（满分${c.max}分）`,
  submit: '提交评分',
  revise: '修改评分',
  summaryOpen: (saved: boolean) => (saved ? '已评分，可修改' : '待评分'),
};

const T = scoreTexts;
export const scoreField = (i: number) => `c${i}`;
const points = (tenths: number) => (tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1));

export function renderScoreCard(vm: ScoreVM): Card {
  const elements: CardElement[] = [];
  if (vm.notice) elements.push(text(vm.notice));
  const total = vm.saved ? points(vm.saved.tenths.reduce((a, b) => a + b, 0)) : null;
  if (vm.saved && total !== null) elements.push(markdown(`**${escapeMd(T.saved(total, vm.saved.at))}**`));
  if (vm.closed) {
    elements.push(text(T.closed));
    if (vm.saved) elements.push(text(vm.criteria.map((c, i) => `${c.name}：${points(vm.saved?.tenths[i] ?? 0)}分`).join('；')));
  } else {
    elements.push(text(T.intro(vm.date), 'grey', 'notation'));
    const inputs: CardElement[] = [];
    vm.criteria.forEach((c, i) => {
      const input: CardElement = {
        tag: 'input',
        name: scoreField(i),
        label: plain(T.criterion(c)),
        label_position: 'top',
        placeholder: plain(`0–${c.max}`),
        max_length: 5,
        width: 'fill',
      };
      if (vm.saved) input.default_value = points(vm.saved.tenths[i] ?? 0);
      inputs.push(input);
    });
    const value: Record<string, unknown> = { kind: 'tour_score', tourId: vm.tourId, projectId: vm.project.id };
    if (vm.nonce) value.nonce = vm.nonce;
    inputs.push({
      tag: 'button',
      name: 'tour_score',
      text: plain(vm.saved ? T.revise : T.submit),
      type: 'primary_filled',
      width: 'fill',
      form_action_type: 'submit',
      behaviors: [{ type: 'callback', value }],
    });
    elements.push({ tag: 'form', name: 'tour_form', elements: inputs });
  }
  return card({
    title: T.title(vm.tourName),
    subtitle: T.subtitle(vm.project.code, vm.project.name, vm.project.county),
    template: vm.closed ? 'grey' : vm.saved ? 'green' : 'blue',
    summary: vm.closed ? T.closed : T.summaryOpen(vm.saved !== null),
    elements,
  });
}
