// 序时进度: the share of the plan year elapsed at a cut-off, by the configured rule (progress.rule, progress.curve).
import { decimalRatio, percentOf, ratio, type Percent, type Ratio } from './exact';
import type { Settings } from './settings';

export type ProgressRule = Settings['progress.rule'];

/** A calendar month; month is 1–12. */
export type YearMonth = { year: number; month: number };

/**
 * A reporting cut-off, the "as of" of a bulletin: "截至10月底" is { year, month: 10 } (half 'full', the default),
 * "1至8月上半月" is { year, month: 8, half: 'first' } and ends with the 15th of that month.
 */
export type Cutoff = { year: number; month: number; half?: 'first' | 'full' };

/** A calendar day in Asia/Shanghai; as an "as of" it means the end of that day (the day itself has elapsed). */
export type LocalDate = { year: number; month: number; day: number };

/** Either kind of "as of". Any rule accepts either; see timeProgress for how each is read. */
export type AsOf = Cutoff | LocalDate;

export type ProgressSettings = { rule: ProgressRule; curve?: readonly number[] | null };

/** The progress settings out of the stored settings, so callers need not spell the keys. */
export function progressSettingsOf(s: Pick<Settings, 'progress.rule' | 'progress.curve'>): ProgressSettings {
  return { rule: s['progress.rule'], curve: s['progress.curve'] };
}

export type ProgressBasis = '按整月计算' | '按半月计算' | '按月度目标计算' | '按天数计算';

export type TimeProgress = { percent: Percent; rule: ProgressRule; basis: ProgressBasis };

const BASIS: Record<ProgressRule, ProgressBasis> = {
  months: '按整月计算',
  half_months: '按半月计算',
  curve: '按月度目标计算',
  days: '按天数计算',
};

/** The day that ends the first half of a month ("上半月" = 1–15日). */
export const FIRST_HALF_LAST_DAY = 15;

/** China has kept UTC+8 without daylight saving since 1991, so Asia/Shanghai is a fixed offset for every plan year. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** 1 for 1 January; 365 (or 366) for 31 December. */
export function dayOfYear(d: LocalDate): number {
  let n = d.day;
  for (let m = 1; m < d.month; m++) n += daysInMonth(d.year, m);
  return n;
}

/** A running month number, so months can be subtracted across years. */
export function monthIndex(ym: YearMonth): number {
  return ym.year * 12 + (ym.month - 1);
}

function isDate(a: AsOf): a is LocalDate {
  return 'day' in a;
}

function check(a: AsOf): void {
  const bad =
    !Number.isInteger(a.year) ||
    !Number.isInteger(a.month) ||
    a.month < 1 ||
    a.month > 12 ||
    (isDate(a) && (!Number.isInteger(a.day) || a.day < 1 || a.day > daysInMonth(a.year, a.month)));
  if (bad) throw new RangeError(`not a valid as-of: ${JSON.stringify(a)}`);
}

/** Half-months of the year completed by the as-of (0–24); a date counts a half only once its last day has ended. */
export function halvesCompleted(a: AsOf): number {
  check(a);
  if (!isDate(a)) return a.half === 'first' ? 2 * a.month - 1 : 2 * a.month;
  if (a.day === daysInMonth(a.year, a.month)) return 2 * a.month;
  return a.day >= FIRST_HALF_LAST_DAY ? 2 * a.month - 1 : 2 * (a.month - 1);
}

/** Whole months of the year completed by the as-of (0–12). */
export function monthsCompleted(a: AsOf): number {
  return Math.floor(halvesCompleted(a) / 2);
}

/** The last day an as-of covers: a cut-off's month end (or its 15th), or the date itself. */
export function asOfDate(a: AsOf): LocalDate {
  check(a);
  if (isDate(a)) return a;
  const day = a.half === 'first' ? FIRST_HALF_LAST_DAY : daysInMonth(a.year, a.month);
  return { year: a.year, month: a.month, day };
}

function curveAt(curve: readonly number[] | null | undefined, months: number): Ratio {
  if (curve?.length !== 12) throw new RangeError('progress.curve must hold 12 monthly cumulative targets');
  if (months === 0) return ratio(0);
  return decimalRatio(curve[months - 1] ?? 0);
}

/**
 * 序时进度 as an unrounded percentage.
 * - months: whole months completed ÷ 12 (a first-half cut-off or a mid-month date counts the previous month end);
 * - half_months: half-months completed ÷ 24 (a date counts its first half from the 15th on);
 * - curve: the cumulative target of the last completed month — the curve has only month-end points, so nothing is
 *   interpolated between them;
 * - days: days elapsed ÷ days in the year, counting the as-of day itself (31 December → 100 %).
 */
export function timeProgress(asOf: AsOf, settings: ProgressSettings): TimeProgress {
  const { rule } = settings;
  let exact: Ratio;
  switch (rule) {
    case 'months':
      exact = ratio(100 * monthsCompleted(asOf), 12);
      break;
    case 'half_months':
      exact = ratio(100 * halvesCompleted(asOf), 24);
      break;
    case 'curve':
      exact = curveAt(settings.curve, monthsCompleted(asOf));
      break;
    case 'days': {
      const d = asOfDate(asOf);
      exact = ratio(100 * dayOfYear(d), daysInYear(d.year));
      break;
    }
  }
  return { percent: percentOf(exact), rule, basis: BASIS[rule] };
}

/** The calendar day in Asia/Shanghai at an instant (computed from the epoch, so the machine's time zone is irrelevant). */
export function shanghaiDate(instant: Date): LocalDate {
  const days = Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / 86_400_000);
  // Civil-from-days (H. Hinnant): proleptic Gregorian, exact for any day count.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * The last month that has fully ended in Asia/Shanghai at an instant — what a bulletin composed then reports as
 * "截至X月底". On 5 January that is December of the previous (plan) year.
 */
export function lastCompletedMonth(instant: Date): Cutoff {
  const { year, month } = shanghaiDate(instant);
  return month === 1 ? { year: year - 1, month: 12, half: 'full' } : { year, month: month - 1, half: 'full' };
}

/** Which 序时 a project is measured against: its own 月度计划, or the city-wide rule. */
export type TimeProgressSource = 'own' | 'city';

/** The words every answer and the bulletin use to say which 序时 a figure was measured against. */
export const TIME_PROGRESS_SOURCE_TEXT: Record<TimeProgressSource, string> = {
  own: '序时进度按项目月度计划',
  city: '按全市统一序时',
};

/**
 * A project's own 序时进度 from its 月度计划 (the planned cumulative investment at each month end, 元, January first):
 * the planned cumulative of the last completed month ÷ the annual plan × 100, unrounded. Like the city's curve rule it
 * has only month-end points, so a mid-month as-of reads the previous month end (0 before the end of January).
 * null when there is no usable plan (not twelve months, or no annual plan to divide by).
 */
export function ownTimeProgress(asOf: AsOf, cumulativeYuan: readonly number[] | null | undefined, annualPlanYuan: number): Percent | null {
  if (cumulativeYuan?.length !== 12 || annualPlanYuan <= 0) return null;
  const months = monthsCompleted(asOf);
  const planned = months === 0 ? 0 : (cumulativeYuan[months - 1] ?? 0);
  return percentOf(ratio(100 * planned, annualPlanYuan));
}
