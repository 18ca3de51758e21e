// The approval card an administrator gets after the bulletin's preview: 发布, or 退回 with a reason; once decided, the
// same card (on every administrator's screen) says who decided, when, and what happened.
import { approvalTexts as T } from './texts';
import { button, card, type Card, type CardElement, hr, plain, text } from '../elements';

export type ApprovalState =
  | { kind: 'draft' }
  /** note: where it went, as recorded when it was published (approvalTexts.sentTo). */
  | { kind: 'published'; by: string | null; at: string; note: string | null }
  | { kind: 'returned'; by: string; at: string; reason: string }
  | { kind: 'superseded' };

export type ApprovalVM = {
  bulletinId: number;
  month: string;
  /** 'month' (default), 'quarter' or 'year': what is being approved (季分析 and 年考核 go through the same card). */
  kind?: 'month' | 'quarter' | 'year' | 'tour';
  title: string;
  headline: string;
  composedAt: string;
  cards: number;
  projects: number;
  /** Names of the bulletin groups it would go to now. */
  groups: string[];
  state: ApprovalState;
  /** The monthly bulletin's 期号 ("2026年第2期"), shown as provisional (拟) while a draft. */
  issue?: string;
  /** How complete the month-end figures were at composition; below the threshold, 催报 of the named units is offered. */
  monthEnd?: MonthEndCompleteness;
};

export type MonthEndCompleteness = {
  given: number;
  total: number;
  /** The setting bulletin.monthEndComplete, percent. */
  threshold: number;
  /** Units with projects whose month-end figure is missing, with how many. */
  missingUnits: Array<{ unit: string; projects: number }>;
};

const pct = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)}%`;

/** The completeness line, and (below the threshold, while a draft) the units to chase and the 催报 button. */
function completeness(vm: ApprovalVM): CardElement[] {
  const m = vm.monthEnd;
  if (!m || m.total === 0) return [];
  if (m.given === m.total) return [text(T.monthEndAll(m.total))];
  const share = (m.given / m.total) * 100;
  const out: CardElement[] = [text(T.monthEnd(m.given, m.total, pct(Math.floor(share * 10) / 10)))];
  if (m.missingUnits.length) out.push(text(T.missingUnits(m.missingUnits.map((u) => `${u.unit}（${u.projects}个）`).join('、')), 'red'));
  if (vm.state.kind === 'draft' && share < m.threshold && m.missingUnits.length) {
    out.push(text(T.urgeNote(pct(m.threshold)), 'grey', 'notation'));
    out.push(button(T.urge, { kind: 'bulletin_urge', bulletinId: vm.bulletinId }, { type: 'primary', confirm: T.urgeConfirm(m.missingUnits.length) }));
  }
  return out;
}

const TEMPLATE = { draft: 'orange', published: 'green', returned: 'grey', superseded: 'grey' } as const;
const TAG_COLOR = { draft: 'orange', published: 'green', returned: 'neutral', superseded: 'neutral' } as const;

function decision(vm: ApprovalVM): CardElement[] {
  const s = vm.state;
  switch (s.kind) {
    case 'published':
      return [text(`${T.published(s.by, s.at)}${s.note ?? ''}`)];
    case 'returned':
      return [text(T.returned(s.by, s.at)), text(T.reason(s.reason)), text(T.redoOf(vm.kind ?? 'month', vm.month), 'grey', 'notation')];
    case 'superseded':
      return [text(T.superseded, 'grey')];
    case 'draft': {
      const publish = button(
        T.publish,
        { kind: 'bulletin_publish', bulletinId: vm.bulletinId },
        { type: 'primary_filled', confirm: T.publishConfirmOf(vm.kind ?? 'month', vm.groups.length) },
      );
      const form: CardElement = {
        tag: 'form',
        name: 'bulletin_return',
        elements: [
          {
            tag: 'input',
            name: 'reason',
            input_type: 'multiline_text',
            required: true,
            max_length: 500,
            label: plain(T.reasonLabel),
            placeholder: plain(T.reasonPlaceholder),
          },
          {
            ...button(T.return, { kind: 'bulletin_return', bulletinId: vm.bulletinId }, { type: 'danger' }),
            name: 'return_submit',
            form_action_type: 'submit',
          },
        ],
      };
      const groups = vm.groups.length ? text(T.groups(vm.groups)) : text(T.noGroups, 'red');
      return [groups, publish, hr(), form, text(T.redoOf(vm.kind ?? 'month', vm.month), 'grey', 'notation')];
    }
  }
}

export function renderApprovalCard(vm: ApprovalVM): Card {
  return card({
    title: T.title(vm.title),
    subtitle: T.subtitle(vm.composedAt),
    template: TEMPLATE[vm.state.kind],
    tags: [{ text: T.tag[vm.state.kind], color: TAG_COLOR[vm.state.kind] }],
    summary: T.summary(vm.title),
    elements: [
      text(vm.headline),
      text((vm.kind ?? 'month') === 'month' ? T.parts(vm.cards, vm.projects) : T.analysisParts(vm.cards), 'grey', 'notation'),
      ...(vm.issue && vm.state.kind === 'published' ? [text(T.issueFinal(vm.issue))] : []),
      ...(vm.issue && vm.state.kind === 'draft' ? [text(T.issueDraft(vm.issue))] : []),
      ...completeness(vm),
      hr(),
      ...decision(vm),
    ],
  });
}
