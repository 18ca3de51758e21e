// The monthly 四个一批 card: a unit's enterprises not yet 达效 with the stage each has reached, and one form to record
// a stage reached (开工 / 投产 / 达效) and its date; a date earlier than one already recorded needs a reason.
import { LATER_STAGES } from '../../src/domain/batches';
import { card, clip, escapeMd, markdown, plain, text, type Card, type CardElement } from '../elements';

export type MonthlyRow = { id: number; code: string; name: string; countyName: string; stageText: string };

export type MonthlyVM = {
  year: number;
  month: number;
  unitId: number;
  unitName: string;
  rows: MonthlyRow[];
  notice?: string;
  nonce?: string;
};

export const MONTHLY_MAX_ROWS = 50;

export const monthlyTexts = {
  title: (year: number, month: number) => `${year}年${month}月四个一批进展登记`,
  subtitle: (unit: string) => `${unit} · 签约→开工→投产→达效`,
  summary: (n: number) => `本单位尚未达效的签约企业 ${n} 家`,
  intro: '请核对本单位签约企业的进展：企业开工、投产或达效后，选择企业、所达阶段并填写日期后提交。日期早于已登记日期的，须在“说明”中写明原因。',
  none: '本单位签约企业均已达效，本月无需登记。',
  more: (n: number) => `另有 ${n} 家未列出，请联系重点项目办。`,
  enterprise: '选择企业',
  stage: '所达阶段',
  date: '日期',
  reason: '说明（日期早于已登记日期时必填）',
  submit: '提交',
};

const T = monthlyTexts;

export function renderMonthlyCard(vm: MonthlyVM): Card {
  const elements: CardElement[] = [];
  if (vm.notice) elements.push(text(vm.notice));
  if (vm.rows.length === 0) elements.push(text(T.none));
  else {
    elements.push(text(T.intro, 'grey', 'notation'));
    const shown = vm.rows.slice(0, MONTHLY_MAX_ROWS);
    elements.push(markdown(shown.map((r) => `**${escapeMd(r.code)}** ${escapeMd(r.name)}（${escapeMd(r.countyName)}）：${escapeMd(r.stageText)}`).join('\n')));
    if (vm.rows.length > shown.length) elements.push(text(T.more(vm.rows.length - shown.length), 'grey', 'notation'));
    const value: Record<string, unknown> = { kind: 'batches_submit', year: vm.year, month: vm.month, unitId: vm.unitId };
    if (vm.nonce) value.nonce = vm.nonce;
    elements.push({
      tag: 'form',
      name: 'batches_form',
      elements: [
        markdown(T.enterprise),
        {
          tag: 'select_static',
          name: 'enterprise',
          width: 'fill',
          placeholder: plain(T.enterprise),
          options: shown.map((r) => ({ text: plain(clip(`${r.code} ${r.name}`, 60)), value: String(r.id) })),
        },
        markdown(T.stage),
        { tag: 'select_static', name: 'stage', width: 'fill', placeholder: plain(T.stage), options: LATER_STAGES.map((s) => ({ text: plain(s), value: s })) },
        markdown(T.date),
        { tag: 'date_picker', name: 'date', width: 'fill', placeholder: plain(T.date) },
        { tag: 'input', name: 'reason', label: plain(T.reason), label_position: 'top', max_length: 200, width: 'fill' },
        {
          tag: 'button',
          name: 'batches_submit',
          text: plain(T.submit),
          type: 'primary_filled',
          width: 'fill',
          form_action_type: 'submit',
          behaviors: [{ type: 'callback', value }],
        },
      ],
    });
  }
  return card({ title: T.title(vm.year, vm.month), subtitle: T.subtitle(vm.unitName), template: 'blue', summary: T.summary(vm.rows.length), elements });
}
