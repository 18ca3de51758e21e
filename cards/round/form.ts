// The weekly report form card: one project's figures and progress, prefilled, with errors shown next to the fields.

import { PROBLEM_CATEGORIES, isProblemCategoryId } from '../../src/domain/problem-categories';
import { STATUS_OPTIONS, monthEndTitle, statusLabel, toReportStatus, AMOUNT_MAX_LENGTH, TEXT_MAX_LENGTH, type FieldName } from '../../src/domain/report-form';
import { button, card, clip, columns, escapeMd, markdown, plain, text, type Card, type CardElement } from '../elements';
import { formTexts as T } from '../texts';
import { formatWan } from '../../src/domain/money';

export type ReportFormVM = {
  periodId: number;
  projectId: number;
  code: string;
  name: string;
  unitName: string;
  weekLabel: string;
  annualPlanYuan: number;
  totalInvestmentYuan: number;
  lastReport: {
    weekLabel: string;
    ytdYuan: number;
    progressText: string;
    /** A status value (building) or label (在建). */
    status: string;
    submittedByName: string | null;
    submittedAtText: string;
  } | null;
  /** What the inputs start with: the last report, or what the user typed when the card comes back with errors. */
  prefill: Partial<Record<FieldName, string | string[]>>;
  askMonthEnd: string | null;
  /** The project's items in the 问题台账 not yet closed: the reporter says whether this week's problem is one of them. */
  openProblems?: Array<{ id: number; category: string; text: string; status: string }>;
  errors?: Partial<Record<FieldName, string>>;
  /**
   * The project's key nodes not yet done that are overdue or due within nodes.upcomingDays: each with a date picker
   * (node_<id>) the reporter fills in when it is done. `typed` is what they picked when the card comes back with errors.
   */
  nodes?: Array<{ id: number; line: string; light: 'red' | 'yellow' | null; typed?: string; error?: string }>;
  page: number;
  late: boolean;
  /** Replaces the late note, for the card of an earlier week (names the week and until when it takes 补报). */
  lateNote?: string;
  /** Added to every button's value when given: makes a click on a re-rendered card differ from an earlier one. */
  nonce?: string;
};

export const FORM_NAME = 'report_form';
export const SUBMIT_NAME = 'report_submit';

type Ctx = { vm: ReportFormVM; errors: Partial<Record<FieldName, string>> };

function prefillText(vm: ReportFormVM, f: FieldName): string | undefined {
  const v = vm.prefill[f];
  const s = Array.isArray(v) ? v.join('、') : v;
  return s === undefined || s === '' ? undefined : s;
}

function errorLine(c: Ctx, f: FieldName): CardElement[] {
  const e = c.errors[f];
  return e ? [text(`⚠️ ${e}`, 'red', 'notation')] : [];
}

function input(c: Ctx, f: FieldName, label: string, o: { required?: boolean; multiline?: boolean; max: number }): CardElement[] {
  const el: CardElement = { tag: 'input', name: f, label: plain(label), label_position: 'top' };
  if (o.required) el.required = true;
  el.placeholder = plain(clip((T.placeholders as Record<string, string>)[f] ?? '', 100));
  const v = prefillText(c.vm, f);
  if (v !== undefined) el.default_value = clip(v, o.max);
  el.max_length = o.max;
  if (o.multiline) Object.assign(el, { input_type: 'multiline_text', rows: 3, auto_resize: true, max_rows: 8 });
  el.width = 'fill';
  return [el, ...errorLine(c, f)];
}

function statusSelect(c: Ctx): CardElement[] {
  const el: CardElement = {
    tag: 'select_static',
    name: 'status',
    required: true,
    width: 'fill',
    placeholder: plain(T.placeholders.status),
    options: STATUS_OPTIONS.map((o) => ({ text: plain(o.label), value: o.value })),
  };
  const v = prefillText(c.vm, 'status');
  const status = v === undefined ? null : toReportStatus(v);
  if (status !== null) el.initial_option = status;
  return [markdown(T.labels.status), el, ...errorLine(c, 'status')];
}

/**
 * 停工日期: a card cannot show a field only once 停工 is chosen, so the picker is always there, said to be for 停工 and
 * 半停工 only; under another status what it holds is not kept.
 */
function stoppedSincePicker(c: Ctx): CardElement[] {
  const el: CardElement = { tag: 'date_picker', name: 'stopped_since', width: 'fill', placeholder: plain(T.placeholders.stopped_since) };
  const v = prefillText(c.vm, 'stopped_since');
  const day = v === undefined ? null : /^(\d{4}-\d{2}-\d{2})/.exec(v)?.[1];
  if (day) el.initial_date = day;
  return [markdown(T.labels.stopped_since), el, ...errorLine(c, 'stopped_since')];
}

function categorySelect(c: Ctx): CardElement[] {
  const raw = c.vm.prefill.problem_category;
  const chosen = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter(isProblemCategoryId);
  const el: CardElement = {
    tag: 'multi_select_static',
    name: 'problem_category',
    width: 'fill',
    placeholder: plain(T.placeholders.problem_category),
    options: PROBLEM_CATEGORIES.map((o) => ({ text: plain(o.label), value: o.id })),
    selected_values: chosen,
  };
  return [markdown(T.labels.problem_category), el, ...errorLine(c, 'problem_category')];
}

/** 新问题, or the same problem as an open item; preselected with the bot's suggestion (prefill.problem_link). */
function problemLinkSelect(c: Ctx): CardElement[] {
  const open = c.vm.openProblems ?? [];
  if (open.length === 0) return [];
  const options = [
    { text: plain(T.problemLinkNew), value: 'new' },
    ...open.map((p) => ({ text: plain(clip(T.problemLinkSame(p.id, p.category, p.text, p.status), 60)), value: `p${p.id}` })),
  ];
  const el: CardElement = { tag: 'select_static', name: 'problem_link', width: 'fill', placeholder: plain(T.placeholders.problem_link), options };
  const chosen = prefillText(c.vm, 'problem_link');
  if (chosen !== undefined && options.some((o) => o.value === chosen)) el.initial_option = chosen;
  return [markdown(T.labels.problem_link), el, ...errorLine(c, 'problem_link')];
}

/** The node's date picker name: a stable prefix the submit handler reads (node_12). */
export const NODE_FIELD_PREFIX = 'node_';

function nodesBlock(vm: ReportFormVM): CardElement[] {
  const nodes = vm.nodes ?? [];
  if (nodes.length === 0) return [];
  const out: CardElement[] = [markdown(T.nodesHead(nodes.length))];
  for (const n of nodes) {
    out.push(n.light === 'red' ? text(n.line, 'red') : text(n.line));
    const el: CardElement = { tag: 'date_picker', name: `${NODE_FIELD_PREFIX}${n.id}`, width: 'fill', placeholder: plain(T.nodeDonePlaceholder) };
    if (n.typed) el.initial_date = n.typed;
    out.push(el);
    if (n.error) out.push(text(`⚠️ ${n.error}`, 'red', 'notation'));
  }
  return out;
}

function lastReportBlock(vm: ReportFormVM): CardElement[] {
  const last = vm.lastReport;
  if (!last) return [text(T.noLast, 'grey', 'notation')];
  return [
    markdown(`${T.lastHead(escapeMd(last.weekLabel))}\n${T.lastFigures(formatWan(last.ytdYuan), escapeMd(statusLabel(last.status)))}`),
    text(T.lastProgress(clip(last.progressText, 300))),
    text(T.lastBy(last.submittedByName, last.submittedAtText), 'grey', 'notation'),
  ];
}

function formElement(c: Ctx): CardElement {
  const { vm } = c;
  const showCorrection = vm.lastReport !== null || prefillText(vm, 'correction_reason') !== undefined || c.errors.correction_reason !== undefined;
  const value = withNonce({ kind: 'round_submit', periodId: vm.periodId, projectId: vm.projectId, page: vm.page }, vm.nonce);
  const elements: CardElement[] = [
    ...input(c, 'ytd_investment', T.labels.ytd_investment, { required: true, max: AMOUNT_MAX_LENGTH }),
    ...(vm.askMonthEnd === null
      ? []
      : input(c, 'month_end_investment', T.labels.month_end_investment(monthEndTitle(vm.askMonthEnd)), { required: true, max: AMOUNT_MAX_LENGTH })),
    ...input(c, 'progress_text', T.labels.progress_text, { required: true, multiline: true, max: TEXT_MAX_LENGTH }),
    ...statusSelect(c),
    ...stoppedSincePicker(c),
    ...categorySelect(c),
    ...input(c, 'problem_text', T.labels.problem_text, { multiline: true, max: TEXT_MAX_LENGTH }),
    ...input(c, 'coordination', T.labels.coordination, { multiline: true, max: TEXT_MAX_LENGTH }),
    ...problemLinkSelect(c),
    ...input(c, 'next_plan', T.labels.next_plan, { multiline: true, max: TEXT_MAX_LENGTH }),
    ...nodesBlock(vm),
    ...(showCorrection ? input(c, 'correction_reason', T.labels.correction_reason, { max: TEXT_MAX_LENGTH }) : []),
    {
      tag: 'button',
      name: SUBMIT_NAME,
      text: plain(T.submit),
      type: 'primary_filled',
      width: 'fill',
      form_action_type: 'submit',
      behaviors: [{ type: 'callback', value }],
    },
  ];
  return { tag: 'form', name: FORM_NAME, elements };
}

function withNonce(value: Record<string, unknown>, nonce: string | undefined): Record<string, unknown> {
  return nonce === undefined ? value : { ...value, nonce };
}

/** The buttons outside the form: 本周无变化 (not offered without a last report, nor when a month-end figure is due). */
function footer(vm: ReportFormVM): CardElement {
  const cols = [];
  const last = vm.lastReport;
  if (last && vm.askMonthEnd === null) {
    const value = withNonce({ kind: 'round_no_change', periodId: vm.periodId, projectId: vm.projectId, page: vm.page }, vm.nonce);
    cols.push({ elements: [button(T.noChange, value, { confirm: T.noChangeConfirm(last.weekLabel, formatWan(last.ytdYuan)) })] });
  }
  const back = withNonce({ kind: 'round_list', periodId: vm.periodId, page: vm.page, projectId: vm.projectId }, vm.nonce);
  cols.push({ elements: [button(T.backToList, back)] });
  return columns(cols);
}

export function renderReportFormCard(vm: ReportFormVM): Card {
  const errors = vm.errors ?? {};
  const c: Ctx = { vm, errors };
  const nErrors = Object.values(errors).filter((e) => e).length;
  const elements: CardElement[] = [];
  if (nErrors > 0) elements.push(text(T.errorsHead(nErrors), 'red'));
  // An error for a field this card does not show (a month-end figure no longer asked for) still has to be seen.
  const form = formElement(c);
  const shown = new Set((form.elements as CardElement[]).map((e) => e.name));
  for (const [f, e] of Object.entries(errors)) if (e && !shown.has(f)) elements.push(text(`⚠️ ${e}`, 'red', 'notation'));
  if (vm.late) elements.push(text(vm.lateNote ?? T.lateNote, 'red', 'notation'));
  elements.push(markdown(T.plan(formatWan(vm.annualPlanYuan), formatWan(vm.totalInvestmentYuan))));
  elements.push(...lastReportBlock(vm));
  elements.push(form);
  elements.push(footer(vm));
  return card({
    title: vm.name,
    subtitle: T.subtitle(vm.code, vm.unitName, vm.weekLabel),
    template: vm.late ? 'orange' : 'blue',
    tags: vm.late ? [{ text: T.lateTag, color: 'orange' }] : [],
    summary: T.summary(vm.name),
    elements,
  });
}
