// The quarterly 储备库 card: a unit's reserve projects, each with its stage to confirm or advance (谋划 → 前期 →
// 具备开工条件), all on one form; a project already confirmed this quarter says so. At most 30 a card: the ones not yet
// confirmed come first, the form confirms only the projects it shows (their ids ride in the button's value), and a
// unit with more is told so and gets a button to the next ones.
import { RESERVE_STAGES } from '../../src/domain/reserve';
import { button, card, clip, escapeMd, markdown, plain, text, type Card, type CardElement } from '../elements';

export type QuarterlyRow = { id: number; code: string; name: string; countyName: string; totalText: string; stage: string; confirmed: boolean };

export type QuarterlyVM = {
  quarter: string;
  unitId: number;
  unitName: string;
  /** All the unit's reserve projects in the pool, in the order shown (not yet confirmed first). */
  rows: QuarterlyRow[];
  /** The first row shown (0-based): the card shows QUARTERLY_MAX_ROWS rows from here. */
  from?: number;
  notice?: string;
  nonce?: string;
};

export const QUARTERLY_MAX_ROWS = 30;
export const reserveField = (id: number) => `stage_${id}`;

export const quarterlyTexts = {
  title: (quarter: string) => `${quarter.replace('-Q', '年第')}季度储备项目确认`,
  subtitle: (unit: string) => `${unit} · 谋划→前期→具备开工条件`,
  summary: (done: number, n: number) => `已确认 ${done} / ${n} 个`,
  intro: '请逐个确认本单位储备项目目前所处阶段：未变化的保持原选项，前期手续有进展的选择新阶段，然后点“确认”。阶段只能保持或推进；如需退回，请联系重点项目办。',
  none: '本单位目前没有在库的储备项目。',
  confirmed: '（本季度已确认）',
  submit: '确认',
  page: (first: number, last: number, n: number) => `共${n}个储备项目，本卡片列出第${first}—${last}个。`,
  more: (n: number) => `另有${n}个项目未列出，请先确认以上项目（确认后卡片将列出尚未确认的其余项目），或点“查看其余项目”。`,
  later: (n: number) => `另有${n}个项目未列出，请点“查看其余项目”。`,
  others: (n: number) => `其余${n}个项目请点“回到第一页”查看。`,
  next: '查看其余项目',
  first: '回到第一页',
};

const T = quarterlyTexts;

export function renderQuarterlyCard(vm: QuarterlyVM): Card {
  const elements: CardElement[] = [];
  if (vm.notice) elements.push(text(vm.notice));
  const from = vm.from !== undefined && vm.from > 0 && vm.from < vm.rows.length ? vm.from : 0;
  const rows = vm.rows.slice(from, from + QUARTERLY_MAX_ROWS);
  if (rows.length === 0) elements.push(text(T.none));
  else {
    elements.push(text(T.intro, 'grey', 'notation'));
    const rest = vm.rows.length - rows.length;
    // The page after this one, or 0 when this is the last (its button goes back to the first).
    const next = from + rows.length < vm.rows.length ? from + rows.length : 0;
    if (rest > 0)
      elements.push(text(`${T.page(from + 1, from + rows.length, vm.rows.length)}${from === 0 ? T.more(rest) : next > 0 ? T.later(rest) : T.others(rest)}`));
    const inputs: CardElement[] = [];
    for (const r of rows) {
      inputs.push(
        markdown(`**${escapeMd(r.code)}** ${escapeMd(r.name)}（${escapeMd(r.countyName)}，总投资${escapeMd(r.totalText)}）${r.confirmed ? T.confirmed : ''}`),
      );
      inputs.push({
        tag: 'select_static',
        name: reserveField(r.id),
        width: 'fill',
        placeholder: plain(clip(r.stage, 60)),
        options: RESERVE_STAGES.map((s) => ({ text: plain(s), value: s })),
        initial_option: r.stage,
      });
    }
    // The ids of the projects on this card: the confirmation covers these and no others.
    const value: Record<string, unknown> = { kind: 'reserve_confirm', quarter: vm.quarter, unitId: vm.unitId, ids: rows.map((r) => r.id) };
    if (vm.nonce) value.nonce = vm.nonce;
    inputs.push({
      tag: 'button',
      name: 'reserve_confirm',
      text: plain(T.submit),
      type: 'primary_filled',
      width: 'fill',
      form_action_type: 'submit',
      behaviors: [{ type: 'callback', value }],
    });
    elements.push({ tag: 'form', name: 'reserve_form', elements: inputs });
    if (rest > 0) {
      const page: Record<string, unknown> = { kind: 'reserve_page', quarter: vm.quarter, unitId: vm.unitId, from: next };
      if (vm.nonce) page.nonce = vm.nonce;
      elements.push({ ...button(next === 0 ? T.first : T.next, page), width: 'fill' });
    }
  }
  const done = vm.rows.filter((r) => r.confirmed).length;
  return card({
    title: T.title(vm.quarter),
    subtitle: T.subtitle(vm.unitName),
    template: vm.rows.length > 0 && done === vm.rows.length ? 'green' : 'blue',
    summary: T.summary(done, vm.rows.length),
    elements,
  });
}
