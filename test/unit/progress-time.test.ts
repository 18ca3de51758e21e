// 序时进度 by each configured rule, what "as of" means for a cut-off and for a date, and the Asia/Shanghai month end.
import { describe, expect, it } from 'vitest';
import { lastCompletedMonth, progressSettingsOf, shanghaiDate, timeProgress, type AsOf, type ProgressSettings } from '../../src/domain/time-progress';

const months: ProgressSettings = { rule: 'months' };
const halves: ProgressSettings = { rule: 'half_months' };
const days: ProgressSettings = { rule: 'days' };
// A quarterly target (20/50/75/100) spread over the months by the level above.
const QUARTERLY = [6, 13, 20, 30, 40, 50, 58, 66, 75, 83, 91, 100];
const curve: ProgressSettings = { rule: 'curve', curve: QUARTERLY };
// "100% by the end of November"; fractional targets are read as written.
const byNovember: ProgressSettings = { rule: 'curve', curve: [9.1, 18.2, 27.3, 36.4, 45.5, 54.5, 63.6, 72.7, 81.8, 90.9, 100, 100] };

/** The exact percentage as "num/den" — exact, so 16.666… is checked as 50/3 and not to some float digits. */
function exact(asOf: AsOf, s: ProgressSettings): string {
  const { num, den } = timeProgress(asOf, s).percent.exact;
  return den === 1n ? `${num}` : `${num}/${den}`;
}

describe('timeProgress by whole months (the default: months elapsed ÷ 12)', () => {
  it.each<[string, AsOf, string, number]>([
    ['end of February (1–2月)', { year: 2026, month: 2 }, '50/3', 16.666666666666668],
    ['end of June (1–6月)', { year: 2026, month: 6 }, '50', 50],
    ['end of October (1–10月)', { year: 2026, month: 10 }, '250/3', 83.33333333333333],
    ['end of December', { year: 2026, month: 12, half: 'full' }, '100', 100],
    ['first half of August counts July only', { year: 2026, month: 8, half: 'first' }, '175/3', 58.333333333333336],
    ['a mid-month date counts the previous month end', { year: 2026, month: 3, day: 18 }, '50/3', 16.666666666666668],
    ['the last day of a month counts that month', { year: 2026, month: 3, day: 31 }, '25', 25],
    ['1 January: nothing has elapsed', { year: 2026, month: 1, day: 1 }, '0', 0],
  ])('%s', (_, asOf, fraction, value) => {
    expect(exact(asOf, months)).toBe(fraction);
    expect(timeProgress(asOf, months).percent.value).toBe(value);
    expect(timeProgress(asOf, months).basis).toBe('按整月计算');
  });
});

describe('timeProgress by half-months (half-months elapsed ÷ 24)', () => {
  it.each<[string, AsOf, string]>([
    ['1至8月上半月 = 7.5/12 = 62.5 %', { year: 2026, month: 8, half: 'first' }, '125/2'],
    ['1–8月', { year: 2026, month: 8 }, '200/3'],
    ['1月上半月', { year: 2026, month: 1, half: 'first' }, '25/6'],
    ['a date from the 15th counts the first half', { year: 2026, month: 8, day: 15 }, '125/2'],
    ['the 14th does not', { year: 2026, month: 8, day: 14 }, '175/3'],
    ['28 February is the month end in 2026', { year: 2026, month: 2, day: 28 }, '50/3'],
    ['but not in the leap year 2028', { year: 2028, month: 2, day: 28 }, '25/2'],
  ])('%s', (_, asOf, fraction) => {
    expect(exact(asOf, halves)).toBe(fraction);
  });
});

describe('timeProgress by a target curve (12 monthly cumulative targets)', () => {
  it.each<[string, AsOf, ProgressSettings, string]>([
    ['end of September on the quarterly curve', { year: 2026, month: 9 }, curve, '75'],
    ['end of June', { year: 2026, month: 6 }, curve, '50'],
    ['a first-half cut-off takes the previous month end, nothing interpolated', { year: 2026, month: 6, half: 'first' }, curve, '40'],
    ['a mid-month date likewise', { year: 2026, month: 10, day: 20 }, curve, '75'],
    ['end of January', { year: 2026, month: 1 }, curve, '6'],
    ['before any month has ended', { year: 2026, month: 1, day: 10 }, curve, '0'],
    ['fractional targets exactly as written', { year: 2026, month: 2 }, byNovember, '91/5'],
    ['100 % already at the end of November', { year: 2026, month: 11 }, byNovember, '100'],
  ])('%s', (_, asOf, s, fraction) => {
    expect(exact(asOf, s)).toBe(fraction);
    expect(timeProgress(asOf, s).basis).toBe('按月度目标计算');
  });

  it('refuses to compute without a 12-month curve (the settings check should have stopped this)', () => {
    expect(() => timeProgress({ year: 2026, month: 3 }, { rule: 'curve', curve: null })).toThrow(/12 monthly/);
    expect(() => timeProgress({ year: 2026, month: 3 }, { rule: 'curve', curve: [10, 20] })).toThrow(/12 monthly/);
  });
});

describe('timeProgress by days (days elapsed ÷ days in year, the as-of day included)', () => {
  it.each<[string, AsOf, string]>([
    ['18 March 2026: 77 of 365 days', { year: 2026, month: 3, day: 18 }, '1540/73'],
    ['18 March 2028 (leap year): 78 of 366', { year: 2028, month: 3, day: 18 }, '1300/61'],
    ['31 December is the whole year', { year: 2026, month: 12, day: 31 }, '100'],
    ['a month-end cut-off: 1–2月 is 59 of 365 days', { year: 2026, month: 2 }, '1180/73'],
    ['a first-half cut-off ends on the 15th: day 227', { year: 2026, month: 8, half: 'first' }, '4540/73'],
  ])('%s', (_, asOf, fraction) => {
    expect(exact(asOf, days)).toBe(fraction);
  });

  it('carries the label that says it is day-based', () => {
    expect(timeProgress({ year: 2026, month: 3, day: 18 }, days)).toMatchObject({ rule: 'days', basis: '按天数计算' });
  });
});

describe('an as-of that is not a real day or month is a bug, not a value', () => {
  it.each<AsOf>([
    { year: 2026, month: 13 },
    { year: 2026, month: 0 },
    { year: 2026, month: 2, day: 29 },
    { year: 2026, month: 4, day: 31 },
    { year: 2026.5, month: 4 },
  ])('%j', (asOf) => {
    expect(() => timeProgress(asOf, months)).toThrow(RangeError);
  });
});

describe('progressSettingsOf', () => {
  it('picks the two progress keys out of the stored settings', () => {
    expect(progressSettingsOf({ 'progress.rule': 'curve', 'progress.curve': QUARTERLY })).toEqual(curve);
  });
});

describe('shanghaiDate', () => {
  it.each<[string, string]>([
    ['2026-02-28T15:59:59.999Z', '2026-02-28'],
    ['2026-02-28T16:00:00.000Z', '2026-03-01'],
    ['2024-02-29T12:00:00Z', '2024-02-29'],
    ['2025-12-31T16:00:00Z', '2026-01-01'],
    ['1970-01-01T00:00:00Z', '1970-01-01'],
    ['1969-12-31T15:59:59Z', '1969-12-31'],
    ['2100-03-01T00:00:00+08:00', '2100-03-01'],
  ])('%s is %s in Asia/Shanghai', (iso, ymd) => {
    const d = shanghaiDate(new Date(iso));
    expect(`${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`).toBe(ymd);
  });
});

describe('lastCompletedMonth (for "截至X月底")', () => {
  it.each<[string, number, number]>([
    ['2026-11-05T09:00:00+08:00', 2026, 10],
    ['2026-03-01T00:00:00+08:00', 2026, 2],
    ['2026-02-28T23:59:59+08:00', 2026, 1],
    // 16:00 UTC on 31 January is already 1 February in Shanghai.
    ['2026-01-31T16:00:00Z', 2026, 1],
    ['2026-01-05T09:00:00+08:00', 2025, 12],
  ])('at %s it is %i-%i', (iso, year, month) => {
    expect(lastCompletedMonth(new Date(iso))).toEqual({ year, month, half: 'full' });
  });
});
