// The life of a ledger item (domain.md §7): 待梳理 → 已交办 → 办理中 → 申请销号 → 已销号, with 逾期 and 上升协调 beside
// them; which step each status allows and who may take it. Pure: the database and the cards follow this table.

export const PROBLEM_STATUSES = ['待梳理', '已交办', '办理中', '申请销号', '已销号'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** Statuses in which the lead unit is working the item: the deadline runs, and it can fall overdue. */
export const WORKING_STATUSES: readonly ProblemStatus[] = ['已交办', '办理中'];
export const CLOSED: ProblemStatus = '已销号';

/** Escalation levels (上升协调): 0 none, 1 the lead unit's head (督办), 2 the project's 包联领导. */
export const MAX_ESCALATION = 2;

export function isProblemStatus(s: string): s is ProblemStatus {
  return (PROBLEM_STATUSES as readonly string[]).includes(s);
}

/**
 * assign: 交办 (or 调整交办) to a lead unit with a deadline; note: a progress note (by the lead or a helper unit), an
 * instruction (领导批示) or a remark; apply: 申请销号; close: confirm 销号; return: send back 申请销号 with a reason;
 * dismiss: 直接销号 by the administrator with a reason (not a problem, solved by itself, a duplicate).
 */
export type ProblemAction = 'assign' | 'note' | 'apply' | 'close' | 'return' | 'dismiss';

/** What the person acting is to this item. */
export type ProblemRoles = { admin: boolean; lead: boolean; helper: boolean; leader: boolean };

export const NO_ROLES: ProblemRoles = { admin: false, lead: false, helper: false, leader: false };

type Rule = { from: readonly ProblemStatus[]; who: (r: ProblemRoles) => boolean; needsNote: boolean };

const OPEN: readonly ProblemStatus[] = ['待梳理', '已交办', '办理中', '申请销号'];

const RULES: Record<ProblemAction, Rule> = {
  assign: { from: ['待梳理', '已交办', '办理中'], who: (r) => r.admin, needsNote: false },
  note: { from: OPEN, who: (r) => r.lead || r.helper || r.leader || r.admin, needsNote: true },
  apply: { from: WORKING_STATUSES, who: (r) => r.lead, needsNote: true },
  close: { from: ['申请销号'], who: (r) => r.admin, needsNote: false },
  return: { from: ['申请销号'], who: (r) => r.admin, needsNote: true },
  dismiss: { from: ['待梳理', '已交办', '办理中'], who: (r) => r.admin, needsNote: true },
};

export type StepCheck = { ok: true; to: ProblemStatus } | { ok: false; why: 'role' | 'status' | 'note' };

/**
 * Whether `roles` may take `action` on an item in `status`, and the status it leads to. A note by the lead or a
 * helper unit starts the work (已交办 → 办理中); a leader's instruction or an administrator's remark changes nothing.
 * Re-assigning keeps 办理中 when the lead unit stays the same (a new deadline is not a new start).
 */
export function checkStep(status: ProblemStatus, action: ProblemAction, roles: ProblemRoles, o: { note?: string | null; sameLead?: boolean } = {}): StepCheck {
  const rule = RULES[action];
  if (!rule.who(roles)) return { ok: false, why: 'role' };
  if (!rule.from.includes(status)) return { ok: false, why: 'status' };
  // The units work an item between 交办 and 申请销号; a leader or the administrator may remark on it at any open stage.
  if (action === 'note' && !WORKING_STATUSES.includes(status) && !(roles.admin || roles.leader)) return { ok: false, why: 'status' };
  if (rule.needsNote && !o.note?.trim()) return { ok: false, why: 'note' };
  return { ok: true, to: nextStatus(status, action, roles, o.sameLead ?? false) };
}

function nextStatus(status: ProblemStatus, action: ProblemAction, roles: ProblemRoles, sameLead: boolean): ProblemStatus {
  switch (action) {
    case 'assign':
      return status === '办理中' && sameLead ? '办理中' : '已交办';
    case 'note':
      return status === '已交办' && (roles.lead || roles.helper) ? '办理中' : status;
    case 'apply':
      return '申请销号';
    case 'close':
    case 'dismiss':
      return '已销号';
    case 'return':
      return '办理中';
  }
}

/** The next escalation due for an overdue item: level 1 at once, each later level `stepDays` working days after the last. */
export function escalationDue(level: number, workingDaysSinceLast: number | null, stepDays: number): number | null {
  if (level >= MAX_ESCALATION) return null;
  if (level === 0) return 1;
  return workingDaysSinceLast !== null && workingDaysSinceLast >= stepDays ? level + 1 : null;
}
