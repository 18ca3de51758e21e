// The ledger on the clock: items past their deadline are marked 逾期 and escalated one level at a time on working
// days — the lead unit's head, then the project's 包联领导 — with a message each time and at most one a day per item;
// and once a week the administrators get the list of new, open and closed items. Each step runs once (runOnce).
import { renderListCard } from '../../../cards/answer/list';
import { PROBLEM_COLUMNS, listWords, problemRow, statusCounts } from '../../../cards/problem/list';
import { noticeTexts as N } from '../../../cards/problem/texts';
import type { AppContext } from '../../context';
import { getProblem, listProblems, type ProblemItem } from '../../db/problems';
import { addProblemEvent, escalateProblem, flagOverdue } from '../../db/problem-changes';
import {
  addDays,
  beijingInstant,
  daysBetween,
  formatDay,
  isWorkingDay,
  parseWeekTime,
  type WorkCalendar,
  workingDayOnOrAfter,
  workingDaysAfter,
} from '../../domain/calendar';
import { escalationDue, MAX_ESCALATION, PROBLEM_STATUSES, WORKING_STATUSES } from '../../domain/problem-lifecycle';
import { formatRate, rateOf } from '../../domain/progress';
import { runOnce } from '../run-once';
import { admins, personById, type Send, sendCard, sendText, unitHeads } from './notify';
import { categoryText, dueText } from './view';
import { isoWeekOf } from '../round/plan';
import { weekText } from '../round/texts';

/** Marks every item being worked whose deadline has passed; returns their ids. Runs on any day. */
export async function markOverdue(ctx: AppContext, today: string): Promise<number[]> {
  const late = await listProblems(ctx.db, { statuses: WORKING_STATUSES, overdue: false, deadlineBefore: today });
  const out: number[] = [];
  for (const item of late) {
    const at = ctx.clock.now().toISOString();
    if (await ctx.engine.retry(() => ctx.db.transaction().execute((tx) => flagOverdue(tx, item, at)))) out.push(item.id);
  }
  return out;
}

/** Escalates each overdue item that is due for its next level today (a working day); returns "id:level" of those done. */
export async function escalateOverdue(ctx: AppContext, today: string, cal: WorkCalendar, stepDays: number, sendAt: Date): Promise<string[]> {
  if (!isWorkingDay(today, cal)) return [];
  const overdue = await listProblems(ctx.db, { statuses: WORKING_STATUSES, overdue: true, escalationBelow: MAX_ESCALATION });
  const done: string[] = [];
  for (const item of overdue) {
    if (item.escalatedOn === today) continue; // never more than one a day
    const level = escalationDue(item.escalationLevel, item.escalatedOn ? workingDaysAfter(item.escalatedOn, today, cal) : null, stepDays);
    if (level === null) continue;
    const r = await runOnce(ctx, 'problem.escalate', `${item.id}:${level}:${today}`, (s) =>
      escalate(s.tx, item, level, today, cal, (msg, key) => s.send(msg, key, sendAt), s.now),
    );
    if (r.ran && r.result) done.push(`${item.id}:${level}`);
  }
  return done;
}

async function escalate(tx: AppContext['db'], item: ProblemItem, level: number, today: string, cal: WorkCalendar, send: Send, now: Date): Promise<boolean> {
  const at = now.toISOString();
  if (!(await escalateProblem(tx, item, level, today, at))) return false;
  const heads = item.leadUnitId === null ? [] : await unitHeads(tx, item.leadUnitId);
  const leader = await personById(tx, item.leaderId);
  const to = level >= 2 ? (leader ? [leader] : []) : heads;
  const who = to.map((p) => p.name).join('、');
  const fresh = (await getProblem(tx, item.id)) ?? item;
  const deadline = item.deadline ? formatDay(item.deadline) : '';
  const over = item.deadline ? `，${dueText(item.deadline, today, cal)}` : '';
  await addProblemEvent(tx, {
    problemId: item.id,
    actorId: null,
    at,
    action: 'escalate',
    fromStatus: null,
    toStatus: null,
    note: to.length ? N.escalationEvent(level, who) : `${N.escalationEvent(level, '')}（${N.nobodyToTell(level)}）`,
  });
  const tag = `escalate${level}:${today}`;
  if (to.length === 0) {
    await sendText(send, fresh, await admins(tx), N.escalationToAdmins(item.id, item.projectName, level, N.nobodyToTell(level)), tag);
    return true;
  }
  const notice = level >= 2 ? N.escalateLeader(deadline, over, heads.map((h) => h.name).join('、') || item.leadUnitName || '') : N.escalateHead(deadline, over);
  await sendCard(tx, send, fresh, to, { mode: level >= 2 ? 'instruct' : 'work', notice, tag, now, red: true });
  return true;
}

/** When the week's list is due: the configured weekday and time, moved to the next working day; null in a week without one. */
export function weeklyListDue(weekStart: string, setting: string, cal: WorkCalendar): Date | null {
  const t = parseWeekTime(setting);
  if (!t) return null;
  const nominal = addDays(weekStart, t.weekday - 1);
  if (!daysBetween(nominal, addDays(weekStart, 6), cal).some((d) => d.working)) return null;
  return beijingInstant(workingDayOnOrAfter(nominal, cal), t.minutes);
}

/**
 * The week's list to each administrator: items raised since the week's Monday, items still open, items closed since
 * Monday. A ledger with nothing to list sends nothing (and the week is not marked as done, so a later item still makes it).
 */
export async function runWeeklyList(ctx: AppContext, weekStart: string, sendAt: Date): Promise<{ ran: boolean; messages: number }> {
  const from = beijingInstant(weekStart, 0).toISOString();
  const all = await listProblems(ctx.db);
  const fresh = all.filter((i) => i.raisedAt >= from);
  const closed = all.filter((i) => i.status === '已销号' && i.closedAt !== null && i.closedAt >= from);
  const open = all.filter((i) => i.status !== '已销号' && i.raisedAt < from);
  if (fresh.length + closed.length + open.length === 0) return { ran: false, messages: 0 };
  const r = await runOnce(ctx, 'problems.weekly', weekStart, async (s) => {
    const year = weekStart.slice(0, 4);
    const thisYear = all.filter((i) => i.raisedAt >= beijingInstant(`${year}-01-01`, 0).toISOString());
    const rate = formatRate(rateOf(thisYear.filter((i) => i.status === '已销号').length, thisYear.length));
    const week = weekText(isoWeekOf(weekStart), weekStart);
    const rows = (xs: ProblemItem[]) => xs.map((i) => problemRow({ ...i, category: categoryText(i.category) }));
    const stillOpen = all.filter((i) => i.status !== '已销号');
    const card = renderListCard({
      title: '问题台账周报',
      subtitle: week,
      summary: `问题台账周报：本周新增${fresh.length}个、本周销号${closed.length}个`,
      template: 'blue',
      lines: [
        `${week}：本周新增问题${fresh.length}个、本周销号${closed.length}个；目前未销号${stillOpen.length}个（${statusCounts(stillOpen, PROBLEM_STATUSES) || '无'}），`,
        `其中逾期${stillOpen.filter((i) => i.overdue && WORKING_STATUSES.includes(i.status)).length}个、上升协调${stillOpen.filter((i) => i.escalationLevel >= 2).length}个。`,
        `${year}年以来累计提出${thisYear.length}个，已销号${thisYear.filter((i) => i.status === '已销号').length}个，办结率${rate}。`,
      ],
      sections: [
        { head: `**本周新增**（${fresh.length}个）`, columns: PROBLEM_COLUMNS, rows: rows(fresh), empty: '本周无新增问题。' },
        { head: `**办理中**（本周以前提出、尚未销号，${open.length}个）`, columns: PROBLEM_COLUMNS, rows: rows(open), empty: '无。' },
        { head: `**本周销号**（${closed.length}个）`, columns: PROBLEM_COLUMNS, rows: rows(closed), empty: '本周无销号问题。' },
      ],
      footer: listWords.hint,
    });
    const to = await admins(s.tx);
    for (const a of to)
      await s.send(
        { op: 'create', receiveIdType: 'open_id', receiveId: a.openId, msgType: 'interactive', content: card },
        `problems:weekly:${weekStart}:${a.openId}`,
        sendAt,
      );
    return to.length;
  });
  return r.ran ? { ran: true, messages: r.result } : { ran: false, messages: 0 };
}
