// The weekly round's dates: configured weekday and Beijing time, moved off holidays, skipped in a week without work.
import { describe, expect, it } from 'vitest';
import {
  createWorkCalendar,
  formatBeijing,
  officialCalendarData,
  parseWeekTime,
  type RoundSchedule,
  type RoundTimes,
  roundSchedule,
  roundsBetween,
  type ScheduledRound,
  workCalendarOf,
} from '../../src/domain/calendar';

const cal = workCalendarOf({ 'calendar.corrections': [] });
const DEFAULT: RoundTimes = { open: '周一 09:00', remind: '周四 15:00', deadline: '周五 18:00' };
const times = (t: Partial<RoundTimes> = {}): RoundTimes => ({ ...DEFAULT, ...t });

function scheduled(r: RoundSchedule): ScheduledRound {
  if (r.skipped) throw new Error(`expected a round, got skipped: ${r.reason}`);
  return r;
}
/** The three steps as a 重点项目办 user reads them: Beijing day and time. */
const steps = (r: RoundSchedule) => {
  const s = scheduled(r);
  return [formatBeijing(s.opensAt), formatBeijing(s.remindAt), formatBeijing(s.deadlineAt)];
};

describe('the default round (周一 09:00, 周四 15:00, 周五 18:00) through the 2024–2026 holidays', () => {
  it.each([
    ['2026-02-09', '调休 Saturday in the week changes nothing', ['2月9日（周一）09:00', '2月12日（周四）15:00', '2月13日（周五）18:00']],
    ['2026-02-23', 'Spring Festival Monday: opens Tuesday', ['2月24日（周二）09:00', '2月26日（周四）15:00', '2月27日（周五）18:00']],
    ['2026-04-06', '清明 Monday: opens Tuesday', ['4月7日（周二）09:00', '4月9日（周四）15:00', '4月10日（周五）18:00']],
    ['2026-05-04', '劳动节 Monday and Tuesday: opens Wednesday', ['5月6日（周三）09:00', '5月7日（周四）15:00', '5月8日（周五）18:00']],
    [
      '2026-09-28',
      'National Day from Thursday: reminder and deadline after the holiday',
      ['9月28日（周一）09:00', '10月8日（周四）15:00', '10月8日（周四）18:00'],
    ],
    ['2026-10-05', 'National Day Monday–Wednesday: opens Thursday 8 October', ['10月8日（周四）09:00', '10月8日（周四）15:00', '10月9日（周五）18:00']],
    ['2025-10-06', '2025 National Day to Wednesday: opens Thursday', ['10月9日（周四）09:00', '10月9日（周四）15:00', '10月10日（周五）18:00']],
    ['2024-10-07', '2024 National Day Monday: opens Tuesday', ['10月8日（周二）09:00', '10月10日（周四）15:00', '10月11日（周五）18:00']],
    [
      '2024-02-12',
      '2024 Spring Festival week: only the 调休 Sunday works, so all three fall on it',
      ['2月18日（周日）09:00', '2月18日（周日）15:00', '2月18日（周日）18:00'],
    ],
  ])('week of %s — %s', (monday, _why, expected) => {
    expect(steps(roundSchedule(monday, DEFAULT, cal))).toEqual(expected);
  });

  it('skips the 2026 Spring Festival week (16–22 February), which has no working day', () => {
    const r = roundSchedule('2026-02-16', DEFAULT, cal);
    expect(r).toMatchObject({ skipped: true, week: '2026-W08', planYear: 2026 });
    expect(r.skipped && r.reason).toBe('本周无工作日（春节），本周不开展调度');
  });

  it('says which step moved, from when, why and to when', () => {
    expect(scheduled(roundSchedule('2026-10-05', DEFAULT, cal)).moved).toEqual(['开始：10月5日（周一）国庆节放假，顺延至10月8日（周四）09:00']);
    expect(scheduled(roundSchedule('2026-09-28', DEFAULT, cal)).moved).toEqual([
      '提醒：10月1日（周四）国庆节放假，顺延至10月8日（周四）15:00',
      '截止：10月2日（周五）国庆节放假，顺延至10月8日（周四）18:00',
    ]);
    expect(scheduled(roundSchedule('2026-11-23', DEFAULT, cal)).moved).toEqual([]);
  });

  it('gives instants in Beijing time', () => {
    const r = scheduled(roundSchedule('2026-02-23', DEFAULT, cal));
    expect(r.opensAt.toISOString()).toBe('2026-02-24T01:00:00.000Z');
    expect(r.deadlineAt.toISOString()).toBe('2026-02-27T10:00:00.000Z');
    expect([r.openDay, r.remindDay, r.deadlineDay]).toEqual(['2026-02-24', '2026-02-26', '2026-02-27']);
  });
});

describe('调休 Saturdays are working days', () => {
  const saturday = times({ deadline: '周六 12:00' });
  it('a Saturday deadline stays on a 调休 Saturday', () => {
    const r = scheduled(roundSchedule('2026-10-05', saturday, cal));
    expect(formatBeijing(r.deadlineAt)).toBe('10月10日（周六）12:00');
    expect(r.moved.some((m) => m.startsWith('截止'))).toBe(false);
  });
  it('and moves to Monday from an ordinary Saturday', () => {
    const r = scheduled(roundSchedule('2026-10-12', saturday, cal));
    expect(formatBeijing(r.deadlineAt)).toBe('10月19日（周一）12:00');
    expect(r.moved).toEqual(['截止：10月17日（周六）休息日，顺延至10月19日（周一）12:00']);
  });
});

describe('order and configured weekdays', () => {
  const twoDaysOff = createWorkCalendar(officialCalendarData, [
    { date: '2026-11-23', type: 'holiday', name: '停电' },
    { date: '2026-11-24', type: 'holiday', name: '停电' },
  ]);

  it('a reminder never comes before the open: pushed to the next working day if its time is earlier', () => {
    const r = scheduled(roundSchedule('2026-11-23', times({ open: '周一 16:00', remind: '周二 10:00' }), twoDaysOff));
    expect(steps(r)).toEqual(['11月25日（周三）16:00', '11月26日（周四）10:00', '11月27日（周五）18:00']);
    expect(r.moved[1]).toBe('提醒：11月24日（周二）停电放假，为不早于开始时间，顺延至11月26日（周四）10:00');
  });

  it('or to the same day when its time is not earlier', () => {
    const r = scheduled(roundSchedule('2026-11-23', times({ open: '周一 10:00', remind: '周二 10:00' }), twoDaysOff));
    expect(steps(r).slice(0, 2)).toEqual(['11月25日（周三）10:00', '11月25日（周三）10:00']);
  });

  it('a deadline set earlier in the week than the open falls in the next week (开始周四、截止下周一)', () => {
    const r = roundSchedule('2026-11-23', { open: '周四 09:00', remind: '周五 15:00', deadline: '周一 12:00' }, cal);
    expect(steps(r)).toEqual(['11月26日（周四）09:00', '11月27日（周五）15:00', '11月30日（周一）12:00']);
  });

  it('skips a week whose configured open day and the rest of the week are off, rather than open in the next week', () => {
    const r = roundSchedule('2026-09-28', times({ open: '周四 09:00' }), cal);
    expect(r.skipped && r.reason).toBe('本周自10月1日（周四）起无工作日（国庆节），本周不开展调度');
  });

  it('refuses a weekStart that is not a Monday', () => {
    expect(() => roundSchedule('2026-11-24', DEFAULT, cal)).toThrow(RangeError);
  });

  it.each([
    ['周一 09:00', { weekday: 1, minutes: 540 }],
    ['星期天 08:30', { weekday: 7, minutes: 510 }],
    ['周四15:00', { weekday: 4, minutes: 900 }],
    ['周八 09:00', null],
    ['周一 24:00', null],
  ])('reads %s', (s, expected) => {
    expect(parseWeekTime(s)).toEqual(expected);
  });
});

describe('corrections reach the rounds', () => {
  it('a week the administrators give off entirely is skipped', () => {
    const off = createWorkCalendar(
      officialCalendarData,
      ['2026-10-08', '2026-10-09', '2026-10-10'].map((date) => ({ date, type: 'holiday' as const, name: '国庆节' })),
    );
    const r = roundSchedule('2026-10-05', DEFAULT, off);
    expect(r.skipped && r.reason).toBe('本周无工作日（国庆节），本周不开展调度');
  });

  it('a holiday Monday worked after all opens on Monday', () => {
    const worked = createWorkCalendar(officialCalendarData, [{ date: '2026-02-23', type: 'workday' }]);
    expect(steps(roundSchedule('2026-02-23', DEFAULT, worked))[0]).toBe('2月23日（周一）09:00');
  });
});

describe('plan year and years without data', () => {
  it('a round belongs to the plan year of its open day: 2026-W01 opens on 29 December 2025', () => {
    const r = scheduled(roundSchedule('2025-12-29', DEFAULT, cal));
    expect([r.week, r.planYear]).toEqual(['2026-W01', 2025]);
    expect(steps(r)).toEqual(['12月29日（周一）09:00', '1月4日（周日）15:00', '1月4日（周日）18:00']);
    const thursdayOpen = scheduled(roundSchedule('2025-12-29', times({ open: '周四 09:00' }), cal));
    expect([thursdayOpen.openDay, thursdayOpen.planYear]).toEqual(['2026-01-04', 2026]);
  });

  it('a round touching a year without data carries the warning', () => {
    const last = scheduled(roundSchedule('2026-12-28', DEFAULT, cal));
    expect([last.week, last.planYear, last.deadlineDay]).toEqual(['2026-W53', 2026, '2027-01-01']);
    expect(last.warnings).toEqual([expect.stringMatching(/^2027年节假日安排尚未收录/)]);
    expect(roundSchedule('2026-11-23', DEFAULT, cal).warnings).toEqual([]);
    expect(scheduled(roundSchedule('2027-02-08', DEFAULT, cal)).openDay).toBe('2027-02-08');
  });
});

describe('rounds between two dates', () => {
  it('2026 has one week without a round, 2026-W08', () => {
    const rounds = roundsBetween('2026-01-01', '2026-12-31', DEFAULT, cal);
    expect(rounds).toHaveLength(53);
    expect(rounds.filter((r) => r.skipped).map((r) => r.week)).toEqual(['2026-W08']);
  });

  it('warns when a moved deadline runs into the next round', () => {
    const [w40, w41] = roundsBetween('2026-09-28', '2026-10-05', DEFAULT, cal);
    expect(w40?.warnings).toEqual(['本轮截止（10月8日（周四））晚于下一轮（2026-W41）开始（10月8日（周四）），两轮同时进行']);
    expect(w41?.warnings).toEqual([]);
  });
});
