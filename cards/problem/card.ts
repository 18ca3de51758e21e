// One ledger item as a card: what the problem is, whose it is, its deadline and history, and — for the person it is
// sent to — the step they can take now (交办, 报送进展, 申请销号, 确认销号 or 退回, 批示).
import { PROBLEM_CATEGORIES } from '../../src/domain/problem-categories';
import { button, card, clip, columns, escapeMd, hr, markdown, plain, text, type Card, type CardElement, type HeaderTemplate, type TagColor } from '../elements';
import { formTexts as F, problemTexts as T, STATUS_COLOR } from './texts';

/** assign: 交办 or 调整交办 (administrator); work: the lead unit; help: a helper unit; instruct: a leader's 批示; decide: 确认销号 or 退回. */
export type ProblemCardMode = 'assign' | 'work' | 'help' | 'instruct' | 'decide' | 'none';

export type ProblemCardVM = {
  id: number;
  status: string;
  overdue: boolean;
  escalationLevel: number;
  category: string;
  categoryId: string;
  description: string;
  coordination: string | null;
  project: { name: string; code: string; county: string; unit: string; leader: string | null };
  raised: { by: string | null; atText: string; weeks: string[] };
  assignment: { leadUnit: string; helpers: string[]; deadlineText: string; dueText: string | null } | null;
  closedAtText: string | null;
  /** Newest first, already worded. */
  history: Array<{ atText: string; who: string; what: string }>;
  historyMore: number;
  mode: ProblemCardMode;
  /** The 交办 form's choices (mode assign). */
  assignForm?: {
    units: Array<{ id: number; name: string }>;
    leadUnitId: number | null;
    helperUnitIds: number[];
    deadline: string;
    defaultWorkdays: number;
    defaultDeadlineText: string;
  };
  notice?: { text: string; color: 'red' | 'grey' } | null;
  nonce: string;
  queriedAtText: string;
};

const NOTE_MAX = 1000;

function template(vm: ProblemCardVM): HeaderTemplate {
  if (vm.status === '已销号') return 'green';
  if (vm.overdue) return 'red';
  if (vm.status === '申请销号') return 'orange';
  return vm.status === '待梳理' ? 'grey' : 'blue';
}

function tags(vm: ProblemCardVM): Array<{ text: string; color: TagColor }> {
  const out: Array<{ text: string; color: TagColor }> = [{ text: vm.status, color: STATUS_COLOR[vm.status as keyof typeof STATUS_COLOR] ?? 'neutral' }];
  if (vm.overdue && vm.status !== '已销号') out.push({ text: T.overdueTag, color: 'red' });
  if (vm.escalationLevel > 0 && vm.status !== '已销号') out.push({ text: T.escalatedTag(vm.escalationLevel), color: 'carmine' });
  return out;
}

const value = (vm: ProblemCardVM, kind: string) => ({ kind, id: vm.id, status: vm.status, nonce: vm.nonce });

function submit(vm: ProblemCardVM, kind: string, label: string, name: string, type: string, confirm?: { title: string; text: string }): CardElement {
  const b: CardElement = {
    tag: 'button',
    name,
    text: plain(label),
    type,
    form_action_type: 'submit',
    behaviors: [{ type: 'callback', value: value(vm, kind) }],
  };
  if (confirm) b.confirm = { title: plain(confirm.title), text: plain(confirm.text) };
  return b;
}

function noteInput(label: string, placeholder: string): CardElement {
  return {
    tag: 'input',
    name: 'note',
    label: plain(label),
    label_position: 'top',
    placeholder: plain(clip(placeholder, 100)),
    max_length: NOTE_MAX,
    input_type: 'multiline_text',
    rows: 2,
    auto_resize: true,
    max_rows: 6,
    width: 'fill',
  };
}

function select(name: string, placeholder: string, options: Array<{ value: string; label: string }>, initial: string | null): CardElement {
  const el: CardElement = {
    tag: 'select_static',
    name,
    width: 'fill',
    placeholder: plain(placeholder),
    options: options.map((o) => ({ text: plain(clip(o.label, 60)), value: o.value })),
  };
  if (initial !== null && options.some((o) => o.value === initial)) el.initial_option = initial;
  return el;
}

function assignElements(vm: ProblemCardVM, withHelpers: boolean): CardElement[] {
  const f = vm.assignForm;
  if (!f) return [];
  const units = f.units.map((u) => ({ value: String(u.id), label: u.name }));
  const first = vm.status === '待梳理';
  const helpers: CardElement[] = withHelpers
    ? [
        markdown(F.helpers),
        {
          tag: 'multi_select_static',
          name: 'helper_units',
          width: 'fill',
          placeholder: plain(F.helpersPlaceholder),
          options: units.map((o) => ({ text: plain(clip(o.label, 60)), value: o.value })),
          selected_values: f.helperUnitIds.map(String).filter((v) => units.some((u) => u.value === v)),
        },
      ]
    : [text(F.helpersOmitted, 'grey', 'notation')];
  return [
    markdown(F.category),
    select(
      'category',
      F.categoryPlaceholder,
      PROBLEM_CATEGORIES.map((c) => ({ value: c.id, label: c.label })),
      vm.categoryId || null,
    ),
    markdown(F.lead),
    select('lead_unit', F.leadPlaceholder, units, f.leadUnitId === null ? null : String(f.leadUnitId)),
    ...helpers,
    markdown(F.deadline(f.defaultWorkdays, f.defaultDeadlineText)),
    { tag: 'date_picker', name: 'deadline', width: 'fill', placeholder: plain(F.deadlinePlaceholder), initial_date: f.deadline },
    noteInput(F.assignNote, F.assignNotePlaceholder),
    columns([
      { elements: [submit(vm, 'problem_assign', first ? F.assign : F.reassign, 'problem_assign', 'primary_filled')] },
      { elements: [submit(vm, 'problem_dismiss', F.dismiss, 'problem_dismiss', 'danger', F.dismissConfirm)] },
    ]),
  ];
}

function formFor(vm: ProblemCardVM, withHelpers: boolean): CardElement | null {
  let elements: CardElement[];
  switch (vm.mode) {
    case 'assign':
      elements = assignElements(vm, withHelpers);
      break;
    case 'work':
      elements = [
        noteInput(F.workNote, F.workNotePlaceholder),
        columns([
          { elements: [submit(vm, 'problem_note', F.progress, 'problem_note', 'primary')] },
          { elements: [submit(vm, 'problem_apply', F.apply, 'problem_apply', 'primary_filled', F.applyConfirm)] },
        ]),
      ];
      break;
    case 'help':
      elements = [noteInput(F.helpNote, F.workNotePlaceholder), submit(vm, 'problem_note', F.assist, 'problem_note', 'primary')];
      break;
    case 'instruct':
      elements = [noteInput(F.instructNote, ''), submit(vm, 'problem_note', F.instruct, 'problem_note', 'primary')];
      break;
    case 'decide':
      elements = [
        noteInput(F.decideNote, ''),
        columns([
          { elements: [submit(vm, 'problem_close', F.close, 'problem_close', 'primary_filled', F.closeConfirm)] },
          { elements: [submit(vm, 'problem_return', F.return, 'problem_return', 'danger')] },
        ]),
      ];
      break;
    case 'none':
      return null;
  }
  return { tag: 'form', name: 'problem_form', elements };
}

function body(vm: ProblemCardVM): CardElement[] {
  const p = vm.project;
  const out: CardElement[] = [];
  if (vm.notice) out.push(text(vm.notice.text, vm.notice.color));
  out.push(markdown(T.description(escapeMd(clip(vm.description, 500)))));
  if (vm.coordination) out.push(markdown(T.coordination(escapeMd(clip(vm.coordination, 500)))));
  const orNull = (s: string | null) => (s === null ? null : escapeMd(s));
  out.push(markdown(T.project(escapeMd(p.name), escapeMd(p.code), escapeMd(p.county), escapeMd(p.unit), orNull(p.leader))));
  out.push(markdown(T.raised(orNull(vm.raised.by), vm.raised.atText, vm.raised.weeks)));
  const a = vm.assignment;
  out.push(
    a
      ? markdown(T.assignment(escapeMd(a.leadUnit), a.helpers.map(escapeMd), a.deadlineText, vm.status === '已销号' ? null : a.dueText))
      : text(T.notAssigned, 'grey'),
  );
  if (vm.closedAtText) out.push(markdown(T.closedAt(vm.closedAtText)));
  if (vm.history.length) {
    const lines = vm.history.map((h) => `${h.atText} ${h.who}：${clip(h.what, 200)}`);
    out.push(hr(), markdown(T.historyHead), text(lines.join('\n') + (vm.historyMore ? `\n${T.historyMore(vm.historyMore)}` : '')));
  }
  return out;
}

function footer(vm: ProblemCardVM): CardElement[] {
  const hint = vm.mode !== 'none' ? null : vm.status === '申请销号' ? T.waitingDecision : vm.status === '已销号' ? T.closedNote : T.noActions;
  return [
    ...(hint ? [text(hint, 'grey', 'notation')] : []),
    columns([
      { elements: [button(T.refresh, value(vm, 'problem_view'), { size: 'small' })] },
      { elements: [text(T.queriedAt(vm.queriedAtText), 'grey', 'notation')], weight: 1 },
    ]),
  ];
}

function build(vm: ProblemCardVM, withHelpers: boolean): Card {
  const form = formFor(vm, withHelpers);
  return card({
    title: T.title(vm.project.name),
    subtitle: T.subtitle(vm.id, vm.category, vm.status),
    template: template(vm),
    tags: tags(vm),
    summary: T.summary(vm.id, vm.project.name, vm.status),
    elements: [...body(vm), ...(form ? [hr(), form] : []), hr(), ...footer(vm)],
  });
}

/** The card; with very many units the helper-unit choice is left out so the card stays under Feishu's 30 KB. */
export function renderProblemCard(vm: ProblemCardVM): Card {
  const full = build(vm, true);
  if (vm.mode !== 'assign' || Buffer.byteLength(JSON.stringify(full), 'utf8') <= 29 * 1024) return full;
  return build(vm, false);
}
