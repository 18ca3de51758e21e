// The problem ledger on the clock: each minute, after the daily check time, mark items past their deadline 逾期 and
// escalate those due (working days only); and send the week's list to the administrators once it is due.
import type { AppContext } from '../context';
import { loadSettings } from '../db/settings';
import { addDays, beijingInstant, shanghaiDay, weekStartOf, workCalendarOf } from '../domain/calendar';
import { hasRun, outsideQuietHours } from '../handlers/run-once';
import { escalateOverdue, markOverdue, runWeeklyList, weeklyListDue } from '../handlers/problem/steps';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Returns what was done: "<id>:overdue", "<id>:<level>" escalations, "weekly:<week>". */
export async function tickProblems(ctx: AppContext): Promise<string[]> {
  const now = ctx.clock.now();
  const { settings } = await loadSettings(ctx.db);
  const cal = workCalendarOf(settings);
  const today = shanghaiDay(now);
  const sendAt = outsideQuietHours(now);
  const done: string[] = [];
  if (now >= beijingInstant(today, minutesOf(settings['problems.checkTime']))) {
    for (const id of await markOverdue(ctx, today)) done.push(`${id}:overdue`);
    done.push(...(await escalateOverdue(ctx, today, cal, settings['problems.escalateAfterWorkdays'], sendAt)));
  }
  // This week's list; last week's too when a holiday moved it into this week.
  const thisWeek = weekStartOf(now);
  for (const week of [addDays(thisWeek, -7), thisWeek]) {
    const due = weeklyListDue(week, settings['problems.weeklyList'], cal);
    if (!due || now < due || (week !== thisWeek && due < beijingInstant(thisWeek, 0))) continue;
    if (await hasRun(ctx, 'problems.weekly', week)) continue;
    const r = await runWeeklyList(ctx, week, sendAt);
    if (r.ran) done.push(`weekly:${week}`);
  }
  return done;
}
