// When each month's end figure is asked and the bulletin composed (domain/calendar-month-end.ts), on the default
// round times and the official 2026–2027 holiday calendar, Beijing time.
import { describe, expect, it } from 'vitest';
import { askingRound, monthCycle } from '../../src/domain/calendar-month-end';
import { formatBeijing, roundTimesOf, workCalendarOf } from '../../src/domain/calendar';
import { settingDefaults } from '../../src/domain/settings';

const times = roundTimesOf(settingDefaults());
const cal = workCalendarOf(settingDefaults());
const auto = (month: string) => monthCycle(month, { times, cal, schedule: '自动' });

describe('the monthly cycle on the round calendar', () => {
  it('asks November in the first round that opens in December and composes the first working day after its deadline', () => {
    // 30 November 2026 is a Monday: that week's round opens in November, so December's first is the week of 7 December.
    const c = auto('2026-11');
    expect(c.ask?.week).toBe('2026-W50');
    expect(formatBeijing(c.ask!.opensAt)).toBe('12月7日（周一）09:00');
    expect(formatBeijing(c.ask!.deadlineAt)).toBe('12月11日（周五）18:00');
    expect(formatBeijing(c.composeAt)).toBe('12月14日（周一）09:00');
    expect(c.rule).toBe('auto');
    expect(c.warning).toBeNull();
  });

  it('moves past National Day: September is asked in the round that opens on the first working day of October', () => {
    const r = askingRound('2026-09', times, cal)!;
    // 1–7 October are off; the week of 5 October opens on Thursday 8 October.
    expect(r.openDay).toBe('2026-10-08');
    // Its deadline is Friday 9 October; Saturday 10 October is a 调休 working day, so the bulletin is composed then.
    expect(formatBeijing(auto('2026-09').ask!.deadlineAt)).toBe('10月9日（周五）18:00');
    expect(formatBeijing(auto('2026-09').composeAt)).toBe('10月10日（周六）09:00');
  });

  it('asks December in the new year and composes in January', () => {
    const c = auto('2026-12');
    expect(c.ask?.weekStart).toBe('2027-01-04');
    // The calendar's expectation only: the round is created once the 2027 register is in (jobs/bulletin.ts pendingCollection).
    expect(c.created).toBe(false);
    expect(c.composeAt.getTime()).toBe(Date.parse('2027-01-11T09:00:00+08:00'));
  });

  it('uses the asking round as created when there is one', () => {
    const asked = { week: '2026-W51', weekStart: '2026-12-14', opensAt: new Date('2026-12-14T01:00:00Z'), deadlineAt: new Date('2026-12-16T10:00:00Z') };
    const c = monthCycle('2026-11', { times, cal, schedule: '自动', asked });
    expect(c.ask?.week).toBe('2026-W51');
    expect(c.created).toBe(true);
    expect(formatBeijing(c.composeAt)).toBe('12月17日（周四）09:00');
  });

  it('keeps a fixed day when the administrator set one, and warns when it comes before the figures close', () => {
    const fixed = monthCycle('2026-11', { times, cal, schedule: '5日 09:00' });
    expect(fixed.rule).toBe('fixed');
    expect(fixed.composeAt.getTime()).toBe(Date.parse('2026-12-05T09:00:00+08:00'));
    expect(fixed.warning).toBe('编制时间早于月末数截止（12月11日（周五）18:00），通报将按估算数编制');
    const late = monthCycle('2026-11', { times, cal, schedule: '20日 09:00' });
    expect(late.warning).toBeNull();
    // 3 January at 07:30 for December: the year turns.
    expect(monthCycle('2026-12', { times, cal, schedule: '3日 07:30' }).composeAt.getTime()).toBe(Date.parse('2027-01-03T07:30:00+08:00'));
  });
});
