// The year-end card (年末数填报): in the first round of a new plan year, each unit's reporters give the old year's
// projects their 12月底 cumulative figure — one input per project on one form, since nothing else is asked of them.
import { AMOUNT_MAX_LENGTH } from '../../src/domain/report-form';
import { button, card, clip, columns, escapeMd, markdown, plain, text, type Card, type CardElement } from '../elements';

export type YearEndRow = {
  projectId: number;
  code: string;
  name: string;
  /** The figure already given, as the reporter typed it back (万元 text), or null. */
  given: string | null;
  /** The last figure reported during the year, as a hint ("第52周 填报 3,200万元"). */
  lastHint: string | null;
};

export type YearEndVM = {
  periodId: number;
  unitId: number;
  unitName: string;
  year: number;
  /** When the round's deadline falls, e.g. '1月8日（周五）18:00'. */
  deadlineText: string;
  rows: YearEndRow[];
  page: number;
  notice?: string;
  /** Per project id, what is wrong with what was typed. */
  errors?: Record<number, string>;
  /** What was typed, per project id, when the card comes back with errors. */
  typed?: Record<number, string>;
  late: boolean;
  nonce?: string;
};

export const YEAR_END_PAGE_SIZE = 15;
export const YEAR_END_FORM = 'year_end_form';
export const yearEndField = (projectId: number) => `year_end_${projectId}`;

export const yearEndTexts = {
  title: (year: number) => `${year}年度重点项目年末数填报`,
  subtitle: (unit: string) => `${unit} · 截至12月底累计完成投资`,
  summary: (year: number, done: number, total: number) => `${year}年12月底数：已填 ${done} / ${total}`,
  intro: (year: number) =>
    `${year}年度计划已结束。请填报本单位${year}年度重点项目截至${year}年12月底的年度累计完成投资（万元），用于${year}年12月通报和年度考核。`,
  deadline: (d: string) => `**填报截止：**${d}`,
  counts: (done: number, total: number) => `**已填 ${done} / ${total}**`,
  late: '已过填报截止时间，现在填报将记为补报。',
  label: (code: string, name: string) => `${code} ${name}`,
  placeholder: (hint: string | null) => (hint ? `如 1234.5（${hint}）` : '如 1234.5（单位：万元）'),
  submit: '提交年末数',
  allDone: '本单位项目的年末数已全部填报，感谢！如需更正，可修改后再次提交。',
  hint: '只需填写数字（单位：万元）；可以分次填写，已填的项目再次提交即为更正。',
  prev: '上一页',
  next: '下一页',
  page: (p: number, n: number) => `第 ${p} / ${n} 页`,
};

const T = yearEndTexts;

function withNonce(value: Record<string, unknown>, nonce: string | undefined): Record<string, unknown> {
  return nonce === undefined ? value : { ...value, nonce };
}

function pager(vm: YearEndVM, page: number, pages: number): CardElement {
  const value = (p: number) => withNonce({ kind: 'yearend_list', periodId: vm.periodId, unitId: vm.unitId, page: p }, vm.nonce);
  const cols = [];
  if (page > 0) cols.push({ elements: [button(T.prev, value(page - 1), { size: 'small' })] });
  cols.push({ elements: [markdown(T.page(page + 1, pages), 'notation')], weight: 1 });
  if (page < pages - 1) cols.push({ elements: [button(T.next, value(page + 1), { size: 'small' })] });
  return columns(cols);
}

export function renderYearEndCard(vm: YearEndVM): Card {
  const total = vm.rows.length;
  const done = vm.rows.filter((r) => r.given !== null).length;
  const pages = Math.max(1, Math.ceil(total / YEAR_END_PAGE_SIZE));
  const page = Math.min(Math.max(0, Math.trunc(vm.page) || 0), pages - 1);
  const errors = vm.errors ?? {};
  const elements: CardElement[] = [];
  if (vm.notice) elements.push(text(vm.notice));
  elements.push(text(T.intro(vm.year)));
  elements.push(markdown(`${T.deadline(escapeMd(vm.deadlineText))}\n${T.counts(done, total)}`));
  if (vm.late) elements.push(text(T.late, 'red', 'notation'));
  if (done === total && total > 0) elements.push(text(T.allDone, 'grey', 'notation'));
  const inputs: CardElement[] = [];
  for (const r of vm.rows.slice(page * YEAR_END_PAGE_SIZE, (page + 1) * YEAR_END_PAGE_SIZE)) {
    const el: CardElement = {
      tag: 'input',
      name: yearEndField(r.projectId),
      label: plain(clip(T.label(r.code, r.name), 100)),
      label_position: 'top',
      placeholder: plain(clip(T.placeholder(r.lastHint), 100)),
      max_length: AMOUNT_MAX_LENGTH,
      width: 'fill',
    };
    const shown = vm.typed?.[r.projectId] ?? r.given;
    if (shown) el.default_value = clip(shown, AMOUNT_MAX_LENGTH);
    inputs.push(el);
    const e = errors[r.projectId];
    if (e) inputs.push(text(`⚠️ ${e}`, 'red', 'notation'));
  }
  inputs.push({
    tag: 'button',
    name: 'year_end_submit',
    text: plain(T.submit),
    type: 'primary_filled',
    width: 'fill',
    form_action_type: 'submit',
    behaviors: [{ type: 'callback', value: withNonce({ kind: 'yearend_submit', periodId: vm.periodId, unitId: vm.unitId, page }, vm.nonce) }],
  });
  elements.push({ tag: 'form', name: YEAR_END_FORM, elements: inputs });
  if (pages > 1) elements.push(pager(vm, page, pages));
  elements.push(text(T.hint, 'grey', 'notation'));
  return card({
    title: T.title(vm.year),
    subtitle: T.subtitle(vm.unitName),
    template: total > 0 && done === total ? 'green' : vm.late ? 'orange' : 'blue',
    summary: T.summary(vm.year, done, total),
    elements,
  });
}
