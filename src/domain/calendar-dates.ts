// Calendar-day arithmetic on 'YYYY-MM-DD' strings, ISO weeks and Beijing-time instants, whatever the machine's time zone.
import { shanghaiDate } from './time-progress';

/** A calendar day written 'YYYY-MM-DD'; in this module a day in Asia/Shanghai. */
export type IsoDate = string;

const DAY_MS = 86_400_000;
/** China has kept UTC+8 without daylight saving since 1991, so a Beijing wall-clock time is a fixed offset from UTC. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** { year, month, day } of a real 'YYYY-MM-DD' date, or null (wrong shape, 2月30日, month 13, …). */
export function parseIsoDate(s: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(2000, month - 1, day));
  t.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999; set the year separately
  if (t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isIsoDate(s: string): boolean {
  return parseIsoDate(s) !== null;
}

function checked(date: IsoDate) {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`not a real date 'YYYY-MM-DD': ${date}`);
  return d;
}

/** Days since 1970-01-01: the day number used for all arithmetic here. */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = checked(date);
  const t = new Date(Date.UTC(2000, month - 1, day));
  t.setUTCFullYear(year);
  return Math.round(t.getTime() / DAY_MS);
}

export function fromDayNumber(n: number): IsoDate {
  const t = new Date(n * DAY_MS);
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function yearOf(date: IsoDate): number {
  return checked(date).year;
}

/** 1 Monday … 7 Sunday (ISO 8601). 1970-01-01 was a Thursday. */
export function isoWeekday(date: IsoDate): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** 53 when 1 January is a Thursday, or a Wednesday in a leap year; otherwise 52. */
export function isoWeeksInYear(year: number): 52 | 53 {
  const jan1 = isoWeekday(`${String(year).padStart(4, '0')}-01-01`);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/**
 * The ISO week of a day, e.g. '2026-W48'. The week belongs to the year of its Thursday, so 2025-12-29 (a Monday)
 * is '2026-W01' and 2027-01-01 (a Friday) is '2026-W53'.
 */
export function isoWeekLabel(date: IsoDate): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = yearOf(thursday);
  const week = Math.floor((dayNumber(thursday) - dayNumber(`${String(year).padStart(4, '0')}-01-01`)) / 7) + 1;
  return `${String(year).padStart(4, '0')}-W${pad2(week)}`;
}

/** The Monday of an ISO week written '2026-W48' (or '2026W48', 'w' in lower case); null if there is no such week. */
export function parseIsoWeek(label: string): IsoDate | null {
  const m = /^(\d{4})-?[Ww](\d{2})$/.exec(label.trim());
  if (!m) return null;
  const [year, week] = [Number(m[1]), Number(m[2])];
  if (week < 1 || week > isoWeeksInYear(year)) return null;
  // Week 1 is the week holding 4 January.
  return addDays(mondayOf(`${m[1]}-01-04`), 7 * (week - 1));
}

/** The calendar day in Asia/Shanghai at an instant. */
export function shanghaiDay(instant: Date): IsoDate {
  const { year, month, day } = shanghaiDate(instant);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** The Monday of the week an instant falls in, in Asia/Shanghai (a Sunday 23:30 in Beijing is still that week). */
export function weekStartOf(instant: Date): IsoDate {
  return mondayOf(shanghaiDay(instant));
}

/** The instant of a Beijing wall-clock time on a day; minutes counts from midnight (540 = 09:00). */
export function beijingInstant(date: IsoDate, minutes: number): Date {
  return new Date(dayNumber(date) * DAY_MS + minutes * 60_000 - SHANGHAI_OFFSET_MS);
}

export function formatMinutes(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** '10月8日（周四）', the way a notice names a day; the year is added when asked for. */
export function formatDay(date: IsoDate, opts: { year?: boolean } = {}): string {
  const { year, month, day } = checked(date);
  const weekday = WEEKDAY_NAMES[isoWeekday(date) - 1] ?? '';
  return `${opts.year ? `${year}年` : ''}${month}月${day}日（${weekday}）`;
}

/** '10月8日（周四）09:00' for an instant, in Beijing time. */
export function formatBeijing(instant: Date, opts: { year?: boolean } = {}): string {
  const minutes = Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / 60_000);
  return `${formatDay(shanghaiDay(instant), opts)}${formatMinutes(((minutes % 1440) + 1440) % 1440)}`;
}
