// 节点控制 (domain.md §10): a project's key nodes with their planned dates, and where each stands on a given day.
// A node past its planned date and not done is overdue (red); one due within the upcoming window is yellow; a node
// done after its planned date stays on record as done late. Days are calendar days (天), as bulletins count them.
import { dayNumber, isIsoDate } from './calendar-dates';

/** The node types the 节点计划 sheet suggests; any other text is accepted as it is. */
export const NODE_KINDS = ['开工', '基础完成', '主体封顶', '竣工', '竣工验收', '投产'] as const;

export type NodeFacts = { plannedOn: string; doneOn: string | null };

export type NodeState =
  | { state: 'done'; late: false; daysLate: 0 }
  | { state: 'done'; late: true; daysLate: number }
  | { state: 'overdue'; daysOverdue: number }
  | { state: 'upcoming'; daysLeft: number }
  | { state: 'pending'; daysLeft: number };

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysFrom(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Where a node stands on `today`: overdue the day after its planned date, upcoming from `upcomingDays` before it. */
export function nodeState(n: NodeFacts, today: string, upcomingDays: number): NodeState {
  if (n.doneOn !== null) {
    const late = daysFrom(n.plannedOn, n.doneOn);
    return late > 0 ? { state: 'done', late: true, daysLate: late } : { state: 'done', late: false, daysLate: 0 };
  }
  const left = daysFrom(today, n.plannedOn);
  if (left < 0) return { state: 'overdue', daysOverdue: -left };
  return left <= upcomingDays ? { state: 'upcoming', daysLeft: left } : { state: 'pending', daysLeft: left };
}

/** The light of a node: red overdue, yellow upcoming, none otherwise (done, or far off). */
export function nodeLight(s: NodeState): 'red' | 'yellow' | null {
  return s.state === 'overdue' ? 'red' : s.state === 'upcoming' ? 'yellow' : null;
}

/** How a node's standing reads in Chinese: "逾期12天", "还有3天到期", "今日到期", "已完成（2026-05-20）", "逾期完成（晚5天）". */
export function nodeStateText(s: NodeState, doneOn: string | null): string {
  switch (s.state) {
    case 'done':
      return s.late ? `逾期完成（${doneOn}，晚${s.daysLate}天）` : `已完成（${doneOn}）`;
    case 'overdue':
      return `逾期${s.daysOverdue}天`;
    case 'upcoming':
      return s.daysLeft === 0 ? '今日到期' : `还有${s.daysLeft}天到期`;
    case 'pending':
      return `计划${s.daysLeft}天后完成`;
  }
}

/** The next escalation level of an overdue node (1 unit head, 2 包联领导), or null when none is due today. */
export function nodeEscalationDue(level: number, workingDaysSinceLast: number | null, stepDays: number): 1 | 2 | null {
  if (level >= 2) return null;
  if (level === 0) return 1;
  return workingDaysSinceLast !== null && workingDaysSinceLast >= stepDays ? 2 : null;
}

/**
 * A completion date a reporter gives for a node: a real date, not after today, not before the plan year began
 * (a node of the year cannot be done before it, and a typo such as 2062 is caught). Returns the reason when refused.
 */
export function checkDoneDate(date: string, today: string, planYear: number): string | null {
  if (!isIsoDate(date)) return '完成日期应为 YYYY-MM-DD 格式的有效日期';
  if (date > today) return `完成日期不能晚于今天（${today}）`;
  if (date < `${planYear - 1}-01-01`) return `完成日期早于${planYear - 1}年，请核对`;
  return null;
}

/** A date_picker's value ("2026-10-09 +0800") or a plain date → 'YYYY-MM-DD'; '' and absent → null. */
export function pickedDate(v: unknown): string | null | 'invalid' {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
  const m = typeof v === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:\s|$)/.exec(v.trim()) : null;
  return m?.[1] ?? 'invalid';
}

/**
 * The node completions a weekly form carries (fields `<prefix><id>`), for the nodes the form showed (`shown`): each
 * date checked, the error per node id when refused. A field naming a node the form did not show is ignored.
 */
export function parseNodeFields(
  form: Record<string, unknown>,
  prefix: string,
  shown: ReadonlySet<number>,
  today: string,
  planYear: number,
): { done: Array<{ id: number; date: string }>; errors: Map<number, string> } {
  const done: Array<{ id: number; date: string }> = [];
  const errors = new Map<number, string>();
  for (const [k, v] of Object.entries(form)) {
    if (!k.startsWith(prefix)) continue;
    const id = Number(k.slice(prefix.length));
    if (!Number.isInteger(id) || !shown.has(id)) continue;
    const date = pickedDate(v);
    if (date === null) continue;
    const why = date === 'invalid' ? '完成日期应为 YYYY-MM-DD 格式的有效日期' : checkDoneDate(date, today, planYear);
    if (why !== null) errors.set(id, why);
    else if (date !== 'invalid') done.push({ id, date });
  }
  done.sort((a, b) => a.id - b.id);
  return { done, errors };
}
