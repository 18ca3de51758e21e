// Counting in working days (deadlines of the problem ledger): holidays and weekends skipped, 调休 working days counted.
import { describe, expect, it } from 'vitest';
import { addWorkingDays, createWorkCalendar, officialCalendarData, workingDaysAfter } from '../../src/domain/calendar';

const cal = createWorkCalendar(officialCalendarData);

describe('addWorkingDays', () => {
  it('skips 中秋节 and 国庆节 2026 and counts the make-up Saturday 10 October', () => {
    expect(addWorkingDays('2026-09-22', 1, cal)).toBe('2026-09-23');
    expect(addWorkingDays('2026-09-22', 3, cal)).toBe('2026-09-28');
    expect(addWorkingDays('2026-09-22', 6, cal)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-22', 8, cal)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-22', 10, cal)).toBe('2026-10-13');
  });
  it('from a day off counts from the next working day', () => {
    expect(addWorkingDays('2026-10-03', 1, cal)).toBe('2026-10-08');
  });
  it('follows the administrators’ corrections', () => {
    const corrected = createWorkCalendar(officialCalendarData, [{ date: '2026-09-23', type: 'holiday', name: '停电' }]);
    expect(addWorkingDays('2026-09-22', 1, corrected)).toBe('2026-09-24');
  });
});

describe('workingDaysAfter', () => {
  it('counts working days after the first day up to and including the second', () => {
    expect(workingDaysAfter('2026-09-30', '2026-10-08', cal)).toBe(1);
    expect(workingDaysAfter('2026-09-30', '2026-10-12', cal)).toBe(4);
    expect(workingDaysAfter('2026-10-08', '2026-10-10', cal)).toBe(2);
  });
  it('is 0 for the same day, a later first day, or only days off between', () => {
    expect(workingDaysAfter('2026-10-08', '2026-10-08', cal)).toBe(0);
    expect(workingDaysAfter('2026-10-12', '2026-10-08', cal)).toBe(0);
    expect(workingDaysAfter('2026-09-30', '2026-10-07', cal)).toBe(0);
  });
});
