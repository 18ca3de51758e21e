// When the monthly bulletin job is due (bulletin.schedule, Beijing time) and which month it composes.
import { describe, expect, it } from 'vitest';
import { monthlyDue } from '../../src/jobs/bulletin';

describe('the monthly bulletin job', () => {
  it('composes the month before, due on the scheduled day and time in Beijing', () => {
    expect(monthlyDue(new Date('2026-11-05T01:00:00Z'), '5日 09:00')).toEqual({ month: '2026-10', at: new Date('2026-11-05T01:00:00Z') });
    // 1 December 01:00 in Beijing is still 30 November in UTC: it is December's run, for November.
    expect(monthlyDue(new Date('2026-11-30T17:00:00Z'), '5日 09:00')).toEqual({ month: '2026-11', at: new Date('2026-12-05T01:00:00Z') });
  });

  it('composes December of the year before in January, at any configured hour', () => {
    expect(monthlyDue(new Date('2027-01-10T00:00:00Z'), '3日 07:30')).toEqual({ month: '2026-12', at: new Date('2027-01-02T23:30:00Z') });
  });
});
