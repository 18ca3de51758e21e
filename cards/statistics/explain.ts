// The 统计监测 card to a responsible unit: each of its projects whose reported figure and the statistics office's
// differ (or that has started and is not 入库), with both figures, and one box per project for the explanation.
// An explanation given is shown with who and when; a new one is added, the earlier ones are kept.
import { card, escapeMd, markdown, plain, text, type Card, type CardElement } from '../elements';

export type ExplainRow = {
  projectId: number;
  code: string;
  name: string;
  /** The flag in words, figures included (domain/statistics.ts mismatchLine). */
  line: string;
  /** The latest explanation, if any. */
  explained: { text: string; by: string | null; at: string } | null;
};

export type ExplainVM = { month: string; unitId: number; unitName: string; rows: ExplainRow[]; notice?: string; nonce?: string };

export const EXPLAIN_MAX_ROWS = 30;

export const explainTexts = {
  title: (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月统计监测差异说明`,
  subtitle: (unit: string) => `${unit} · 调度数与统计数核对`,
  summary: (done: number, n: number) => `已说明 ${done} / ${n} 个项目`,
  intro:
    '统计部门的本年累计完成投资与本单位调度填报的数据不一致，或项目已开工但统计部门未入库。请逐个核实，写明原因（如统计口径、入统时间、填报有误）和整改措施后提交；说明存档备查。',
  none: '本单位本月没有需要说明的项目。',
  more: (n: number) => `另有 ${n} 个项目未列出，请联系重点项目办。`,
  explained: (by: string | null, at: string) => `已说明（${by ?? '—'}，${at}）：`,
  placeholder: '原因及整改措施',
  submit: '提交说明',
};

const T = explainTexts;

export const explainField = (projectId: number) => `x_${projectId}`;

export function renderExplainCard(vm: ExplainVM): Card {
  const elements: CardElement[] = [];
  if (vm.notice) elements.push(text(vm.notice));
  const shown = vm.rows.slice(0, EXPLAIN_MAX_ROWS);
  if (shown.length === 0) elements.push(text(T.none));
  else {
    elements.push(text(T.intro, 'grey', 'notation'));
    const inputs: CardElement[] = [];
    for (const r of shown) {
      inputs.push(markdown(`**${escapeMd(r.line)}**`));
      if (r.explained) inputs.push(text(`${T.explained(r.explained.by, r.explained.at)}${r.explained.text}`, 'grey', 'notation'));
      inputs.push({ tag: 'input', name: explainField(r.projectId), placeholder: plain(T.placeholder), max_length: 500, width: 'fill' });
    }
    if (vm.rows.length > shown.length) inputs.push(text(T.more(vm.rows.length - shown.length), 'grey', 'notation'));
    const value: Record<string, unknown> = { kind: 'stats_explain', month: vm.month, unitId: vm.unitId };
    if (vm.nonce) value.nonce = vm.nonce;
    inputs.push({
      tag: 'button',
      name: 'stats_explain',
      text: plain(T.submit),
      type: 'primary_filled',
      width: 'fill',
      form_action_type: 'submit',
      behaviors: [{ type: 'callback', value }],
    });
    elements.push({ tag: 'form', name: 'stats_form', elements: inputs });
  }
  const done = vm.rows.filter((r) => r.explained).length;
  return card({
    title: T.title(vm.month),
    subtitle: T.subtitle(vm.unitName),
    template: vm.rows.length > 0 && done === vm.rows.length ? 'green' : 'orange',
    summary: T.summary(done, vm.rows.length),
    elements,
  });
}
