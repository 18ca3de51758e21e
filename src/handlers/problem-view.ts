// From the ledger to an item's card: who the viewer is to the item (administrator, lead or helper unit, leader), which
// step the card offers them, and the item's deadline counted on the working-day calendar.
import { shortWeek } from '../../cards/answer-common';
import { type ProblemCardMode, type ProblemCardVM, renderProblemCard } from '../../cards/problem-card';
import { eventTexts, problemTexts as T } from '../../cards/problem-texts';
import type { Card } from '../../cards/elements';
import type { Db } from '../db/connect';
import { type ProblemEvent, type ProblemItem, problemEvents, problemWeeks, unitNames } from '../db/problems';
import { loadSettings } from '../db/settings';
import { addWorkingDays, formatBeijing, formatDay, shanghaiDay, workCalendarOf, workingDaysAfter, type WorkCalendar } from '../domain/calendar';
import type { ProblemRoles } from '../domain/problem-lifecycle';
import { problemCategoryLabel } from '../domain/problem-categories';
import { maySeeProject, type Visibility } from '../domain/question-access';
import type { Actor } from '../people/access';
import { isoWeekOf } from './round-plan';
import { weekText } from './round-texts';

export const UNCATEGORISED_LABEL = '未分类';
const HISTORY_SHOWN = 8;

export function categoryText(id: string): string {
  return problemCategoryLabel(id) ?? UNCATEGORISED_LABEL;
}

/** What `actor` is to `item`: its lead unit's or a helper unit's reporter or head, the project's 包联领导 or a city leader, an administrator. */
export function rolesFor(actor: Actor, item: ProblemItem): ProblemRoles {
  const units = new Set(actor.roles.filter((r) => (r.role === 'reporter' || r.role === 'unit_head') && r.unitId !== null).map((r) => r.unitId));
  return {
    admin: actor.isAdmin,
    lead: item.leadUnitId !== null && units.has(item.leadUnitId),
    helper: item.helperUnitIds.some((u) => units.has(u)),
    leader: (actor.personId !== null && actor.personId === item.leaderId) || actor.roles.some((r) => r.role === 'leader'),
  };
}

/** Who may see an item: whoever may see its project, and the units and people working or overseeing it. */
export function mayViewProblem(roles: ProblemRoles, visibility: Visibility, item: ProblemItem): boolean {
  return roles.admin || roles.lead || roles.helper || roles.leader || maySeeProject(visibility, { unitId: item.projectUnitId, countyId: item.countyId });
}

/** The step a card offers its holder now; the lead unit's own work comes before an administrator's re-assignment. */
export function modeFor(roles: ProblemRoles, status: string): ProblemCardMode {
  if (status === '待梳理') return roles.admin ? 'assign' : roles.leader ? 'instruct' : 'none';
  if (status === '已交办' || status === '办理中') {
    if (roles.lead) return 'work';
    if (roles.admin) return 'assign';
    if (roles.helper) return 'help';
    return roles.leader ? 'instruct' : 'none';
  }
  if (status === '申请销号') return roles.admin ? 'decide' : 'none';
  return 'none';
}

/** "剩余3个工作日" / "今日到期" / "已逾期2个工作日", counted on the working-day calendar. */
export function dueText(deadline: string, today: string, cal: WorkCalendar): string {
  if (deadline === today) return T.due.today;
  if (deadline > today) return T.due.left(workingDaysAfter(today, deadline, cal));
  const n = workingDaysAfter(deadline, today, cal);
  return n > 0 ? T.due.over(n) : T.due.overNoWork;
}

export function eventLine(e: ProblemEvent): { atText: string; who: string; what: string } {
  const say = eventTexts[e.action] ?? (() => e.action);
  const deadline = e.deadline ? formatDay(e.deadline) : null;
  return {
    atText: formatBeijing(new Date(e.at)),
    who: e.actorName ?? T.system,
    what: say({ note: e.note, from: e.fromStatus, unit: e.leadUnitName, deadline }),
  };
}

export type CardOptions = { mode?: ProblemCardMode; notice?: ProblemCardVM['notice']; nonce: string };

/** The card of `item` for someone with `roles` (or in the mode given), as of `now`. */
export async function buildProblemCard(db: Db, item: ProblemItem, roles: ProblemRoles, now: Date, o: CardOptions): Promise<Card> {
  const { settings } = await loadSettings(db);
  const cal = workCalendarOf(settings);
  const today = shanghaiDay(now);
  const events = await problemEvents(db, item.id);
  const weeks = await problemWeeks(db, item.id);
  const units = await unitNames(db);
  const mode = o.mode ?? modeFor(roles, item.status);
  const workdays = settings['problems.deadlineWorkdays'];
  const defaultDeadline = addWorkingDays(today, workdays, cal);
  const vm: ProblemCardVM = {
    id: item.id,
    status: item.status,
    overdue: item.overdue,
    escalationLevel: item.escalationLevel,
    category: categoryText(item.category),
    categoryId: item.category,
    description: item.description,
    coordination: item.coordination,
    project: { name: item.projectName, code: item.projectCode, county: item.countyName, unit: item.projectUnitName, leader: item.leaderName },
    raised: {
      by: item.raisedByName,
      atText: formatBeijing(new Date(item.raisedAt)),
      weeks: weeks.map((w) => shortWeek(weekText(isoWeekOf(w.weekStart), w.weekStart))),
    },
    assignment:
      item.leadUnitName && item.deadline
        ? {
            leadUnit: item.leadUnitName,
            helpers: item.helperUnitIds.map((u) => units.get(u) ?? '').filter(Boolean),
            deadlineText: formatDay(item.deadline),
            dueText: dueText(item.deadline, today, cal),
          }
        : null,
    closedAtText: item.closedAt ? formatBeijing(new Date(item.closedAt)) : null,
    history: events.slice(-HISTORY_SHOWN).reverse().map(eventLine),
    historyMore: Math.max(0, events.length - HISTORY_SHOWN),
    mode,
    notice: o.notice ?? null,
    nonce: o.nonce,
    queriedAtText: formatBeijing(now),
  };
  if (mode === 'assign') {
    vm.assignForm = {
      units: [...units].map(([id, name]) => ({ id, name })),
      leadUnitId: item.leadUnitId,
      helperUnitIds: item.helperUnitIds,
      deadline: item.deadline && item.deadline >= today ? item.deadline : defaultDeadline,
      defaultWorkdays: workdays,
      defaultDeadlineText: formatDay(defaultDeadline),
    };
  }
  return renderProblemCard(vm);
}
