// The monthly cycle on the round calendar (domain.md §3, §8): each month's end figure is asked in the first weekly
// round that opens in the following month, and the bulletin is composed only after that round's deadline — by default
// on the first working day after it, at 09:00 — unless an administrator fixed a day of the month (bulletin.schedule).
import { addDays, beijingInstant, dayNumber, formatBeijing, mondayOf, type IsoDate, shanghaiDay } from './calendar-dates';
import { nextWorkingDay, type WorkCalendar } from './calendar-days';
import { type RoundTimes, roundSchedule, type ScheduledRound } from './calendar-round';

/** bulletin.schedule's value for "derived from the round calendar". */
export const AUTO_SCHEDULE = '自动';
/** The time of day an automatic composition runs: the morning after the month-end figures closed. */
export const AUTO_COMPOSE_MINUTES = 9 * 60;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM' → the month after it. */
export function monthAfter(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${pad2(m + 1)}`;
}

/** 'YYYY-MM' → the month before it. */
export function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad2(m - 1)}`;
}

/**
 * The round that asks for `month`'s end figure by the calendar: the first round (not skipped) whose open day falls in
 * the month after. Null only when no round opens in the first six weeks of that month (a calendar without working
 * days), which the calendar command reports.
 */
export function askingRound(month: string, times: RoundTimes, cal: WorkCalendar): ScheduledRound | null {
  const first = `${monthAfter(month)}-01`;
  for (let monday = mondayOf(first), i = 0; i < 6; monday = addDays(monday, 7), i++) {
    const r = roundSchedule(monday, times, cal);
    if (!r.skipped && dayNumber(r.openDay) >= dayNumber(first)) return r;
  }
  return null;
}

/** '5日 09:00' → day of month and minutes; null for the automatic schedule (or anything else). */
export function fixedSchedule(schedule: string): { day: number; minutes: number } | null {
  const m = /^(\d{1,2})日 (\d{2}):(\d{2})$/.exec(schedule.trim());
  return m ? { day: Number(m[1]), minutes: Number(m[2]) * 60 + Number(m[3]) } : null;
}

export type MonthCycle = {
  /** 'YYYY-MM', the month the bulletin reports on. */
  month: string;
  /** The round whose form asks for the month-end figure, with its open and deadline instants. */
  ask: { week: string; weekStart: IsoDate; opensAt: Date; deadlineAt: Date } | null;
  /** Whether `ask` is the round as created in the database (false: the calendar's expectation, not yet created). */
  created: boolean;
  /** When the scheduler composes the month's bulletin. */
  composeAt: Date;
  /** 'auto': the first working day after the asking round's deadline; 'fixed': bulletin.schedule's day of the month. */
  rule: 'auto' | 'fixed';
  /** A fixed day that comes before the month-end figures close: the draft will be built on estimates. */
  warning: string | null;
};

/**
 * The cycle of one month. `asked`, when the asking round already exists in the database, wins over the calendar (its
 * times were fixed when it was created, and a round opened late asks instead of the one the calendar expected).
 */
export function monthCycle(
  month: string,
  o: { times: RoundTimes; cal: WorkCalendar; schedule: string; asked?: { weekStart: IsoDate; week: string; opensAt: Date; deadlineAt: Date } | null },
): MonthCycle {
  const planned = askingRound(month, o.times, o.cal);
  const ask = o.asked ?? (planned && { week: planned.week, weekStart: planned.weekStart, opensAt: planned.opensAt, deadlineAt: planned.deadlineAt });
  const fixed = fixedSchedule(o.schedule);
  if (fixed) {
    const [y, m] = monthAfter(month).split('-').map(Number) as [number, number];
    const composeAt = beijingInstant(`${y}-${pad2(m)}-${pad2(fixed.day)}`, fixed.minutes);
    const early = ask !== null && composeAt.getTime() < ask.deadlineAt.getTime();
    return {
      month,
      ask,
      created: Boolean(o.asked),
      composeAt,
      rule: 'fixed',
      warning: early ? `编制时间早于月末数截止（${formatBeijing(ask.deadlineAt)}），通报将按估算数编制` : null,
    };
  }
  // No round to wait for: compose on the 5th, as offices did before the calendar was derived.
  const composeAt = ask
    ? beijingInstant(nextWorkingDay(shanghaiDay(ask.deadlineAt), o.cal), AUTO_COMPOSE_MINUTES)
    : beijingInstant(`${monthAfter(month)}-05`, AUTO_COMPOSE_MINUTES);
  return { month, ask, created: Boolean(o.asked), composeAt, rule: 'auto', warning: ask ? null : '下月无可开展的调度周，月末数无法征集' };
}
