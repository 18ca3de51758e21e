// The quarterly 储备库 card: a unit's reserve projects, each with its stage to confirm or advance (谋划 → 前期 →
// 具备开工条件), all on one form; a project already confirmed this quarter says so.
import { RESERVE_STAGES } from '../../src/domain/reserve';
import { card, clip, escapeMd, markdown, plain, text, type Card, type CardElement } from '../elements';

export type QuarterlyRow = { id: number; code: string; name: string; countyName: string; totalText: string; stage: string; confirmed: boolean };

export type QuarterlyVM = { quarter: string; unitId: number; unitName: string; rows: QuarterlyRow[]; notice?: string; nonce?: string };

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
};

const T = quarterlyTexts;

export function renderQuarterlyCard(vm: QuarterlyVM): Card {
  const elements: CardElement[] = [];
  if (vm.notice) elements.push(text(vm.notice));
  const rows = vm.rows.slice(0, QUARTERLY_MAX_ROWS);
  if (rows.length === 0) elements.push(text(T.none));
  else {
    elements.push(text(T.intro, 'grey', 'notation'));
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
    const value: Record<string, unknown> = { kind: 'reserve_confirm', quarter: vm.quarter, unitId: vm.unitId };
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
