// Working days: weekends, the official holiday and 调休 schedule, and the administrators' corrections, which win.
import { addDays, dayNumber, fromDayNumber, isoWeekday, type IsoDate } from './calendar-dates';

/** The official schedule: holiday and make-up working days by date, with the holiday's name; years it covers. */
export type CalendarData = {
  holidays: Readonly<Record<IsoDate, string>>;
  workdays: Readonly<Record<IsoDate, string>>;
  years: readonly number[];
  /** Where the schedule comes from, for `diaodu calendar show`. */
  source: string;
};

/** One entry of the setting calendar.corrections. */
export type CalendarCorrection = { date: IsoDate; type: 'holiday' | 'workday'; name?: string | undefined };

/** workday: an ordinary weekday; makeup: a Saturday or Sunday worked (调休上班); holiday: a day off other than a plain weekend. */
export type DayKind = 'workday' | 'makeup' | 'weekend' | 'holiday';

export type DayInfo = {
  date: IsoDate;
  weekday: number;
  kind: DayKind;
  working: boolean;
  /** The holiday the day belongs to (国庆节), also for a 调休 day; null for an ordinary day. */
  name: string | null;
  /** True when an administrator's correction decided the day. */
  corrected: boolean;
};

export type WorkCalendar = {
  readonly data: CalendarData;
  readonly corrections: readonly CalendarCorrection[];
  readonly byDate: ReadonlyMap<IsoDate, CalendarCorrection>;
  readonly dataYears: ReadonlySet<number>;
};

export function createWorkCalendar(data: CalendarData, corrections: readonly CalendarCorrection[] = []): WorkCalendar {
  const byDate = new Map<IsoDate, CalendarCorrection>();
  for (const c of corrections) byDate.set(c.date, c); // a later entry for the same day wins
  return { data, corrections, byDate, dataYears: new Set(data.years) };
}

export function dayInfo(date: IsoDate, cal: WorkCalendar): DayInfo {
  const weekday = isoWeekday(date);
  const weekend = weekday >= 6;
  const correction = cal.byDate.get(date);
  const holidayName = cal.data.holidays[date];
  const workdayName = cal.data.workdays[date];
  let working: boolean;
  let name: string | null;
  if (correction) {
    working = correction.type === 'workday';
    name = correction.name?.trim() || (working ? (workdayName ?? null) : (holidayName ?? null));
  } else if (workdayName !== undefined) {
    [working, name] = [true, workdayName];
  } else if (holidayName !== undefined) {
    [working, name] = [false, holidayName];
  } else {
    [working, name] = [!weekend, null];
  }
  const kind: DayKind = working ? (weekend ? 'makeup' : 'workday') : weekend && name === null ? 'weekend' : 'holiday';
  return { date, weekday, kind, working, name, corrected: correction !== undefined };
}

export function isWorkingDay(date: IsoDate, cal: WorkCalendar): boolean {
  return dayInfo(date, cal).working;
}

/** The first working day strictly after `date` (there always is one: holidays are finitely many). */
export function nextWorkingDay(date: IsoDate, cal: WorkCalendar): IsoDate {
  let d = addDays(date, 1);
  while (!isWorkingDay(d, cal)) d = addDays(d, 1);
  return d;
}

/** `date` itself when it is a working day, else the next one. */
export function workingDayOnOrAfter(date: IsoDate, cal: WorkCalendar): IsoDate {
  return isWorkingDay(date, cal) ? date : nextWorkingDay(date, cal);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: IsoDate, to: IsoDate, cal: WorkCalendar): DayInfo[] {
  const out: DayInfo[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) out.push(dayInfo(fromDayNumber(n), cal));
  return out;
}

/**
 * data: the official schedule for the year is loaded; corrections: it is not, but administrators have entered days
 * of that year; none: neither, so only weekends are days off.
 */
export type YearCoverage = 'data' | 'corrections' | 'none';

export function yearCoverage(year: number, cal: WorkCalendar): YearCoverage {
  if (cal.dataYears.has(year)) return 'data';
  return cal.corrections.some((c) => c.date.startsWith(`${year}-`)) ? 'corrections' : 'none';
}

/** Does the official schedule cover the year? */
export function coversYear(year: number, cal: WorkCalendar): boolean {
  return yearCoverage(year, cal) === 'data';
}

/** The warning to show wherever a year without the official schedule is used; null when the year is covered. */
export function coverageWarning(year: number, cal: WorkCalendar): string | null {
  const coverage = yearCoverage(year, cal);
  if (coverage === 'data') return null;
  if (coverage === 'corrections') {
    const n = cal.corrections.filter((c) => c.date.startsWith(`${year}-`)).length;
    return `${year}年节假日安排尚未收录日历数据，目前按周末和管理员补录的 ${n} 天计算，请核对是否已按国务院办公厅通知补录完整。`;
  }
  return `${year}年节假日安排尚未收录（国务院办公厅通常于上一年11月公布），暂只按周末休息计算；公布后请升级日历数据或用“diaodu calendar add”补录。`;
}

export type HolidayPeriod = { names: string[]; from: IsoDate; to: IsoDate; days: number };

/**
 * Runs of consecutive holidays, as a notice lists them ("中秋节、国庆节：9月29日至10月6日，共8天"): adjacent holidays
 * of different names make one run; a holiday entered without a name is called 休息日.
 */
export function holidayPeriods(days: readonly DayInfo[]): HolidayPeriod[] {
  const out: HolidayPeriod[] = [];
  for (const d of days) {
    if (d.kind !== 'holiday') continue;
    const name = d.name ?? '休息日';
    const last = out[out.length - 1];
    if (last && addDays(last.to, 1) === d.date) {
      last.to = d.date;
      last.days += 1;
      if (!last.names.includes(name)) last.names.push(name);
    } else out.push({ names: [name], from: d.date, to: d.date, days: 1 });
  }
  return out;
}

/** The `n`th working day after `date` (n ≥ 1): the last day of "within n working days" counted from `date`. */
export function addWorkingDays(date: IsoDate, n: number, cal: WorkCalendar): IsoDate {
  let d = date;
  for (let i = 0; i < n; i++) d = nextWorkingDay(d, cal);
  return d;
}

/** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function workingDaysAfter(from: IsoDate, to: IsoDate, cal: WorkCalendar): number {
  let n = 0;
  for (let d = dayNumber(from) + 1; d <= dayNumber(to); d++) if (isWorkingDay(fromDayNumber(d), cal)) n += 1;
  return n;
}
