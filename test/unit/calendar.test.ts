// The working-day calendar: the State Council schedules 2024–2026, corrections over them, uncovered years, ISO weeks.
import { describe, expect, it } from 'vitest';
import {
  calendarDataFrom,
  coverageWarning,
  coversYear,
  createWorkCalendar,
  dayInfo,
  daysBetween,
  holidayPeriods,
  isIsoDate,
  isoWeekLabel,
  isoWeeksInYear,
  isWorkingDay,
  nextWorkingDay,
  officialCalendarData,
  parseIsoWeek,
  weekStartOf,
  workCalendarOf,
  yearCoverage,
} from '../../src/domain/calendar';

const cal = workCalendarOf({ 'calendar.corrections': [] });

describe('the official schedule, as the State Council notices for 2024, 2025 and 2026 give it', () => {
  it.each([
    // 2026 (国办发明电〔2025〕7号)
    ['2026-01-01', 'holiday', '元旦'],
    ['2026-01-04', 'makeup', '元旦'],
    ['2026-02-14', 'makeup', '春节'],
    ['2026-02-15', 'holiday', '春节'],
    ['2026-02-23', 'holiday', '春节'],
    ['2026-02-28', 'makeup', '春节'],
    ['2026-04-06', 'holiday', '清明节'],
    ['2026-05-05', 'holiday', '劳动节'],
    ['2026-05-09', 'makeup', '劳动节'],
    ['2026-06-19', 'holiday', '端午节'],
    ['2026-09-20', 'makeup', '国庆节'],
    ['2026-09-25', 'holiday', '中秋节'],
    ['2026-10-01', 'holiday', '国庆节'],
    ['2026-10-07', 'holiday', '国庆节'],
    ['2026-10-08', 'workday', null],
    ['2026-10-10', 'makeup', '国庆节'],
    ['2026-10-11', 'weekend', null],
    // 2025 (国办发明电〔2024〕12号): 国庆、中秋 together, 8 days
    ['2025-01-26', 'makeup', '春节'],
    ['2025-02-04', 'holiday', '春节'],
    ['2025-10-06', 'holiday', '中秋节'],
    ['2025-10-08', 'holiday', '国庆节'],
    ['2025-10-11', 'makeup', '国庆节'],
    // 2024 (国办发明电〔2023〕7号)
    ['2024-02-18', 'makeup', '春节'],
    ['2024-04-07', 'makeup', '清明节'],
    ['2024-09-14', 'makeup', '中秋节'],
    ['2024-10-07', 'holiday', '国庆节'],
    ['2024-10-12', 'makeup', '国庆节'],
  ] as const)('%s is %s (%s)', (date, kind, name) => {
    const d = dayInfo(date, cal);
    expect(d.kind).toBe(kind);
    expect(d.name).toBe(name);
    expect(d.working).toBe(kind === 'workday' || kind === 'makeup');
    expect(d.corrected).toBe(false);
  });

  it('gives 2026 248 working days: 261 weekdays, less 19 holiday weekdays, plus 6 调休 days', () => {
    const year = daysBetween('2026-01-01', '2026-12-31', cal);
    expect(year.filter((d) => d.working)).toHaveLength(248);
    expect(year.filter((d) => d.kind === 'makeup').map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('lists holiday periods as a notice does, 中秋 and 国庆 of 2025 as one', () => {
    const periods = holidayPeriods(daysBetween('2025-09-01', '2025-10-31', cal));
    expect(periods).toEqual([{ names: ['国庆节', '中秋节'], from: '2025-10-01', to: '2025-10-08', days: 8 }]);
    const spring = holidayPeriods(daysBetween('2026-02-01', '2026-02-28', cal));
    expect(spring).toEqual([{ names: ['春节'], from: '2026-02-15', to: '2026-02-23', days: 9 }]);
  });
});

describe('next working day', () => {
  it.each([
    ['2026-09-30', '2026-10-08', 'over National Day'],
    ['2026-10-09', '2026-10-10', 'onto a 调休 Saturday'],
    ['2026-02-13', '2026-02-14', 'onto the 调休 Saturday before Spring Festival'],
    ['2026-02-14', '2026-02-24', 'over Spring Festival'],
    ['2026-04-03', '2026-04-07', 'over 清明 and its Monday'],
    ['2026-11-27', '2026-11-30', 'over an ordinary weekend'],
  ])('after %s is %s (%s)', (date, next) => {
    expect(nextWorkingDay(date, cal)).toBe(next);
  });
});

describe('administrators’ corrections win over the data', () => {
  const corrected = createWorkCalendar(officialCalendarData, [
    { date: '2026-10-08', type: 'holiday', name: '国庆节' },
    { date: '2026-10-10', type: 'holiday' },
    { date: '2026-10-01', type: 'workday' },
    { date: '2026-10-11', type: 'workday', name: '国庆节' },
    { date: '2026-11-02', type: 'holiday', name: '第一次' },
    { date: '2026-11-02', type: 'holiday', name: '第二次' },
  ]);

  it.each([
    ['2026-10-08', 'holiday', false, '国庆节', 'an ordinary Thursday given as a holiday'],
    ['2026-10-10', 'weekend', false, null, 'a 调休 Saturday taken back'],
    ['2026-10-01', 'workday', true, null, 'a holiday worked'],
    ['2026-10-11', 'makeup', true, '国庆节', 'a Sunday made a working day'],
    ['2026-11-02', 'holiday', false, '第二次', 'the later of two entries for one day'],
  ] as const)('%s → %s (%s)', (date, kind, working, name, _why) => {
    const d = dayInfo(date, corrected);
    expect([d.kind, d.working, d.name, d.corrected]).toEqual([kind, working, name, true]);
    expect(isWorkingDay(date, corrected)).toBe(working);
  });

  it('moves the next working day accordingly', () => {
    expect(nextWorkingDay('2026-10-07', corrected)).toBe('2026-10-09');
    expect(nextWorkingDay('2026-09-30', corrected)).toBe('2026-10-01');
  });
});

describe('a year without data', () => {
  it('is covered for 2024–2026 and not for 2027 until the State Council publishes it', () => {
    expect([2024, 2025, 2026].map((y) => coversYear(y, cal))).toEqual([true, true, true]);
    expect(coversYear(2027, cal)).toBe(false);
    expect(yearCoverage(2027, cal)).toBe('none');
    expect(coverageWarning(2026, cal)).toBeNull();
    expect(coverageWarning(2027, cal)).toMatch(/^2027年节假日安排尚未收录.*只按周末休息计算/);
  });

  it('counts weekends only: 2027 Spring Festival days are working days until someone enters them', () => {
    expect(isWorkingDay('2027-02-08', cal)).toBe(true);
    expect(isWorkingDay('2027-02-06', cal)).toBe(false);
  });

  it('is still flagged, more mildly, once administrators have entered days of it', () => {
    const entered = createWorkCalendar(officialCalendarData, [{ date: '2027-02-08', type: 'holiday', name: '春节' }]);
    expect(isWorkingDay('2027-02-08', entered)).toBe(false);
    expect(yearCoverage(2027, entered)).toBe('corrections');
    expect(coverageWarning(2027, entered)).toContain('管理员补录的 1 天');
  });

  it('counts a year as covered by its 春节, not by a stray day of the next year’s notice', () => {
    const data = calendarDataFrom({ holidays: { '2030-12-31': "New Year's Day,元旦,1", '2031-01-23': 'Spring Festival,春节,3' }, workdays: {} }, 'test');
    expect(data.years).toEqual([2031]);
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2025-12-29', '2026-W01'],
    ['2026-01-01', '2026-W01'],
    ['2026-01-04', '2026-W01'],
    ['2026-01-05', '2026-W02'],
    ['2026-11-23', '2026-W48'],
    ['2026-12-28', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in %s', (date, label) => {
    expect(isoWeekLabel(date)).toBe(label);
  });

  it.each([
    ['2026-W48', '2026-11-23'],
    ['2026-W01', '2025-12-29'],
    ['2026-W53', '2026-12-28'],
    ['2020-W53', '2020-12-28'],
    ['2027-W01', '2027-01-04'],
    ['2026w08', '2026-02-16'],
    ['2025-W53', null],
    ['2026-W00', null],
    ['2026-W54', null],
    ['2026-48', null],
    ['第48周', null],
  ])('%s starts on %s', (label, monday) => {
    expect(parseIsoWeek(label)).toBe(monday);
  });

  it('has 53 weeks in a year starting on a Thursday (or a Wednesday in a leap year)', () => {
    expect([2015, 2020, 2025, 2026, 2027, 2032].map(isoWeeksInYear)).toEqual([53, 53, 52, 53, 52, 53]);
  });

  it('round-trips every week of 2020–2030', () => {
    for (let y = 2020; y <= 2030; y++) {
      for (let w = 1; w <= isoWeeksInYear(y); w++) {
        const label = `${y}-W${String(w).padStart(2, '0')}`;
        expect(isoWeekLabel(parseIsoWeek(label) ?? '')).toBe(label);
      }
    }
  });

  it('finds the Monday of an instant in Beijing time, whatever the machine’s zone', () => {
    expect(weekStartOf(new Date('2026-11-29T15:59:00Z'))).toBe('2026-11-23'); // Sunday 23:59 in Beijing
    expect(weekStartOf(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30'); // Monday 00:00 in Beijing
  });

  it('accepts only real dates', () => {
    expect(['2024-02-29', '2026-02-29', '2026-13-01', '2026-1-1', '2026-02-30'].map(isIsoDate)).toEqual([true, false, false, false, false]);
  });
});
