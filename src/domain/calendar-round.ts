// When a week's round opens, reminds and closes: the configured weekday and time, moved off holidays onto working days.
import { addDays, beijingInstant, dayNumber, formatDay, formatMinutes, isoWeekday, isoWeekLabel, mondayOf, type IsoDate, yearOf } from './calendar-dates';
import { coverageWarning, dayInfo, daysBetween, nextWorkingDay, type WorkCalendar, workingDayOnOrAfter } from './calendar-days';
import type { Settings } from './settings';

/** The three settings, e.g. { open: '周一 09:00', remind: '周四 15:00', deadline: '周五 18:00' }. */
export type RoundTimes = { open: string; remind: string; deadline: string };
export type RoundStep = keyof RoundTimes;

export const STEP_NAMES: Record<RoundStep, string> = { open: '开始', remind: '提醒', deadline: '截止' };
const STEPS: RoundStep[] = ['open', 'remind', 'deadline'];
const WEEK_MINUTES = 7 * 1440;

export function roundTimesOf(s: Pick<Settings, 'round.open' | 'round.remind' | 'round.deadline'>): RoundTimes {
  return { open: s['round.open'], remind: s['round.remind'], deadline: s['round.deadline'] };
}

/** '周四 15:00' (also 星期四, 周日/周天, without the space) → weekday 1–7 and minutes from midnight; null if malformed. */
export function parseWeekTime(s: string): { weekday: number; minutes: number } | null {
  const m = /^(?:周|星期)([一二三四五六日天]) ?([01]\d|2[0-3]):([0-5]\d)$/.exec(s.trim());
  if (!m) return null;
  const weekday = '一二三四五六日天'.indexOf(m[1] ?? '') + 1;
  return { weekday: Math.min(weekday, 7), minutes: Number(m[2]) * 60 + Number(m[3]) };
}

type Common = {
  /** The Monday of the week the round belongs to, and its ISO week ('2026-W41'). */
  weekStart: IsoDate;
  week: string;
  /** The plan year the round reports on: the year of the day it opens (for a skipped week, the day it would have). */
  planYear: number;
  /** Calendar-data gaps and clashes to show the administrator (a year not yet covered, an overlap with the next round). */
  warnings: string[];
};
export type SkippedRound = Common & { skipped: true; reason: string };
export type ScheduledRound = Common & {
  skipped: false;
  opensAt: Date;
  remindAt: Date;
  deadlineAt: Date;
  openDay: IsoDate;
  remindDay: IsoDate;
  deadlineDay: IsoDate;
  /** One sentence per step that is not on its configured day: "截止：10月2日（周五）国庆节放假，顺延至10月8日（周四）". */
  moved: string[];
};
export type RoundSchedule = SkippedRound | ScheduledRound;

/** Each step's offset in minutes from the week's Monday 00:00; a step set earlier in the week than the one before it
 * falls in the following week (open 周四, deadline 周一 means the next Monday). */
function nominalOffsets(times: RoundTimes): Record<RoundStep, number> {
  const out = {} as Record<RoundStep, number>;
  let prev = 0;
  for (const step of STEPS) {
    const t = parseWeekTime(times[step]);
    if (!t) throw new RangeError(`round.${step} is not like '周一 09:00': ${times[step]}`);
    let offset = (t.weekday - 1) * 1440 + t.minutes;
    while (offset < prev) offset += WEEK_MINUTES;
    out[step] = prev = offset;
  }
  return out;
}

function whyOff(date: IsoDate, cal: WorkCalendar): string {
  const d = dayInfo(date, cal);
  if (d.name) return `${d.name}放假`;
  return d.corrected ? '休息日（管理员更正）' : '休息日';
}

function yearWarnings(from: IsoDate, to: IsoDate, cal: WorkCalendar): string[] {
  const out: string[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) {
    const w = coverageWarning(y, cal);
    if (w) out.push(w);
  }
  return out;
}

/**
 * The round of the week starting `weekStart` (a Monday). Rules:
 * 1. Each step is on its configured weekday at its Beijing time; a step on a day that is not a working day moves to
 *    the next working day (调休 Saturdays and Sundays are working days).
 * 2. Steps keep their order open ≤ remind ≤ deadline: a step that would come before the step it follows moves to that
 *    step's day if its time of day is not earlier, otherwise to the next working day after it.
 * 3. The week is skipped when no working day lies between the configured open day and that week's Sunday — with the
 *    default Monday open, when the whole week is off. A round never opens in the following week, where that week's
 *    own round opens.
 */
export function roundSchedule(weekStart: IsoDate, times: RoundTimes, cal: WorkCalendar): RoundSchedule {
  if (isoWeekday(weekStart) !== 1) throw new RangeError(`weekStart must be a Monday: ${weekStart}`);
  const offsets = nominalOffsets(times);
  const week = isoWeekLabel(weekStart);
  const sunday = addDays(weekStart, 6);
  const nominalOpen = addDays(weekStart, Math.floor(offsets.open / 1440));
  const rest = daysBetween(nominalOpen, sunday, cal);
  if (!rest.some((d) => d.working)) {
    const names = [...new Set(rest.map((d) => d.name).filter((n) => n !== null))];
    const span = nominalOpen === weekStart ? '本周' : `本周自${formatDay(nominalOpen)}起`;
    return {
      skipped: true,
      weekStart,
      week,
      planYear: yearOf(nominalOpen),
      reason: `${span}无工作日（${names.length ? names.join('、') : '休息日'}），本周不开展调度`,
      warnings: yearWarnings(nominalOpen, sunday, cal),
    };
  }
  const { days, moved } = placeSteps(weekStart, offsets, cal);
  const at = (step: RoundStep) => beijingInstant(days[step], offsets[step] % 1440);
  return {
    skipped: false,
    weekStart,
    week,
    planYear: yearOf(days.open),
    opensAt: at('open'),
    remindAt: at('remind'),
    deadlineAt: at('deadline'),
    openDay: days.open,
    remindDay: days.remind,
    deadlineDay: days.deadline,
    moved,
    warnings: yearWarnings(nominalOpen, days.deadline, cal),
  };
}

/** Rules 1 and 2 of roundSchedule: the day of each step, and a sentence for each step not on its configured day. */
function placeSteps(weekStart: IsoDate, offsets: Record<RoundStep, number>, cal: WorkCalendar) {
  const days = {} as Record<RoundStep, IsoDate>;
  const moved: string[] = [];
  let prev: { step: RoundStep; day: IsoDate; minutes: number } | null = null;
  for (const step of STEPS) {
    const nominal = addDays(weekStart, Math.floor(offsets[step] / 1440));
    const minutes = offsets[step] % 1440;
    let day = workingDayOnOrAfter(nominal, cal);
    const off = day === nominal ? null : whyOff(nominal, cal);
    let after: RoundStep | null = null;
    if (prev && (dayNumber(day) < dayNumber(prev.day) || (day === prev.day && minutes < prev.minutes))) {
      day = minutes >= prev.minutes ? prev.day : nextWorkingDay(prev.day, cal);
      after = prev.step;
    }
    if (day !== nominal) {
      const time = formatMinutes(minutes);
      const head = off ? `${formatDay(nominal)}${off}` : `原定${formatDay(nominal)}${time}`;
      const order = after ? `，为不早于${STEP_NAMES[after]}时间` : '';
      moved.push(`${STEP_NAMES[step]}：${head}${order}，顺延至${formatDay(day)}${time}`);
    }
    days[step] = day;
    prev = { step, day, minutes };
  }
  return { days, moved };
}

/**
 * The rounds of every week from the one holding `from` to the one holding `to`. A round whose deadline, once moved,
 * falls after the next round opens gets a warning saying so: the two are open at the same time.
 */
export function roundsBetween(from: IsoDate, to: IsoDate, times: RoundTimes, cal: WorkCalendar): RoundSchedule[] {
  if (dayNumber(to) < dayNumber(from)) throw new RangeError(`from ${from} is after to ${to}`);
  const out: RoundSchedule[] = [];
  const last = mondayOf(to);
  // One week past the end, only to see whether the last round listed runs into the next.
  for (let monday = mondayOf(from); dayNumber(monday) <= dayNumber(last) + 7; monday = addDays(monday, 7)) {
    out.push(roundSchedule(monday, times, cal));
  }
  const scheduled = out.filter((r): r is ScheduledRound => !r.skipped);
  scheduled.forEach((r, i) => {
    const next = scheduled[i + 1];
    if (next && r.deadlineAt.getTime() > next.opensAt.getTime()) {
      r.warnings.push(`本轮截止（${formatDay(r.deadlineDay)}）晚于下一轮（${next.week}）开始（${formatDay(next.openDay)}），两轮同时进行`);
    }
  });
  out.pop();
  return out;
}
