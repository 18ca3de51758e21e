// 节点控制's rules, by hand: where a node stands on a day, its words, when it escalates, and a reporter's date checked.
import { describe, expect, it } from 'vitest';
import { checkDoneDate, nodeEscalationDue, nodeLight, nodeState, nodeStateText, parseNodeFields } from '../../src/domain/nodes';
import { stoppageOf, stoppageSinceText, weeksStopped } from '../../src/domain/stoppage';

describe('nodeState', () => {
  const today = '2026-10-09';
  it('done on or before its date is on time; after it, late by calendar days', () => {
    expect(nodeState({ plannedOn: '2026-03-01', doneOn: '2026-03-01' }, today, 14)).toEqual({ state: 'done', late: false, daysLate: 0 });
    expect(nodeState({ plannedOn: '2026-03-01', doneOn: '2026-02-20' }, today, 14)).toEqual({ state: 'done', late: false, daysLate: 0 });
    // 9月30日 → 10月9日: nine days, the National Day holiday counted (days, not working days).
    expect(nodeState({ plannedOn: '2026-09-30', doneOn: '2026-10-09' }, today, 14)).toEqual({ state: 'done', late: true, daysLate: 9 });
  });
  it('not done: overdue from the day after its date (red), yellow within the window including its last day, else pending', () => {
    expect(nodeState({ plannedOn: '2026-09-30', doneOn: null }, today, 14)).toEqual({ state: 'overdue', daysOverdue: 9 });
    expect(nodeState({ plannedOn: '2026-10-09', doneOn: null }, today, 14)).toEqual({ state: 'upcoming', daysLeft: 0 });
    expect(nodeState({ plannedOn: '2026-10-23', doneOn: null }, today, 14)).toEqual({ state: 'upcoming', daysLeft: 14 });
    expect(nodeState({ plannedOn: '2026-10-24', doneOn: null }, today, 14)).toEqual({ state: 'pending', daysLeft: 15 });
    expect(nodeLight(nodeState({ plannedOn: '2026-10-08', doneOn: null }, today, 14))).toBe('red');
    expect(nodeLight(nodeState({ plannedOn: '2026-10-10', doneOn: null }, today, 14))).toBe('yellow');
    expect(nodeLight(nodeState({ plannedOn: '2026-12-31', doneOn: null }, today, 14))).toBeNull();
  });
  it('reads in Chinese', () => {
    expect(nodeStateText({ state: 'overdue', daysOverdue: 12 }, null)).toBe('逾期12天');
    expect(nodeStateText({ state: 'upcoming', daysLeft: 0 }, null)).toBe('今日到期');
    expect(nodeStateText({ state: 'upcoming', daysLeft: 3 }, null)).toBe('还有3天到期');
    expect(nodeStateText({ state: 'done', late: true, daysLate: 5 }, '2026-05-20')).toBe('逾期完成（2026-05-20，晚5天）');
    expect(nodeStateText({ state: 'done', late: false, daysLate: 0 }, '2026-05-20')).toBe('已完成（2026-05-20）');
  });
});

describe('escalation of an overdue node', () => {
  it('the unit head first, the 包联领导 once the working days have passed, then nothing more', () => {
    expect(nodeEscalationDue(0, null, 3)).toBe(1);
    expect(nodeEscalationDue(1, 2, 3)).toBeNull();
    expect(nodeEscalationDue(1, 3, 3)).toBe(2);
    expect(nodeEscalationDue(2, 30, 3)).toBeNull();
  });
});

describe('a completion date from the form', () => {
  it('is a real date, not in the future, not before the year before the plan year', () => {
    expect(checkDoneDate('2026-10-09', '2026-10-09', 2026)).toBeNull();
    expect(checkDoneDate('2026-10-10', '2026-10-09', 2026)).toBe('完成日期不能晚于今天（2026-10-09）');
    expect(checkDoneDate('2024-12-31', '2026-10-09', 2026)).toBe('完成日期早于2025年，请核对');
    expect(checkDoneDate('2026-02-30', '2026-10-09', 2026)).toBe('完成日期应为 YYYY-MM-DD 格式的有效日期');
  });
  it('only the nodes the form showed are read; empty pickers are not a completion', () => {
    const form = { node_3: '2026-10-08 +0800', node_4: '', node_9: '2026-10-01 +0800', node_5: '2026-11-01 +0800', ytd_investment: '1' };
    const r = parseNodeFields(form, 'node_', new Set([3, 4, 5]), '2026-10-09', 2026);
    expect(r.done).toEqual([{ id: 3, date: '2026-10-08' }]);
    expect([...r.errors]).toEqual([[5, '完成日期不能晚于今天（2026-10-09）']]);
  });
});

describe('a stoppage', () => {
  it('runs from the week of the first 停工/半停工 report of the unbroken run up to the latest report', () => {
    const weeks = [
      { weekStart: '2026-08-31', status: 'stopped' },
      { weekStart: '2026-09-07', status: 'building' },
      { weekStart: '2026-09-14', status: 'half_stopped' },
      { weekStart: '2026-09-21', status: 'stopped' },
      { weekStart: '2026-10-05', status: 'stopped' },
    ];
    const derived = { since: '2026-09-14', sinceSource: 'derived', runStart: '2026-09-14' };
    expect(stoppageOf(weeks)).toEqual({ status: '停工', ...derived });
    expect(stoppageOf(weeks.slice(0, 3))).toEqual({ status: '半停工', ...derived });
    expect(stoppageOf(weeks.slice(0, 2))).toBeNull();
    expect(stoppageOf([])).toBeNull();
    expect(stoppageSinceText({ status: '停工', since: '2026-09-14', sinceSource: 'derived' })).toBe('自第38周起停工（据填报推算）');
  });
  it('counts from the 停工日期 entered in the run, the latest given; one of an earlier run does not count', () => {
    const weeks = [
      { weekStart: '2026-08-31', status: 'stopped', statusDate: '2026-08-20' },
      { weekStart: '2026-09-07', status: 'building', statusDate: null },
      { weekStart: '2026-09-14', status: 'half_stopped', statusDate: '2026-09-02' },
      { weekStart: '2026-09-21', status: 'stopped', statusDate: '2026-09-03' },
      { weekStart: '2026-10-05', status: 'stopped', statusDate: null },
    ];
    // The run starts in the week of 14 September (its escalation's key); its latest 停工日期 is 3 September.
    expect(stoppageOf(weeks)).toEqual({ status: '停工', since: '2026-09-03', sinceSource: 'entered', runStart: '2026-09-14' });
    expect(stoppageOf(weeks.slice(2, 3))).toEqual({ status: '半停工', since: '2026-09-02', sinceSource: 'entered', runStart: '2026-09-14' });
    expect(stoppageOf([...weeks.slice(0, 2), { weekStart: '2026-09-14', status: 'stopped', statusDate: null }])).toMatchObject({
      since: '2026-09-14',
      sinceSource: 'derived',
    });
    expect(stoppageSinceText({ status: '半停工', since: '2026-09-03', sinceSource: 'entered' })).toBe('自9月3日半停工（填报）');
    // 3 September to 5 October: 32 days, 4 whole weeks (from its first reported week, 14 September, only 3).
    expect(weeksStopped('2026-09-03', '2026-10-05')).toBe(4);
    expect(weeksStopped('2026-09-14', '2026-10-05')).toBe(3);
  });
  it('is counted in whole weeks: 27 days are 3 weeks, 28 are 4', () => {
    expect(weeksStopped('2026-10-05', '2026-11-01')).toBe(3);
    expect(weeksStopped('2026-10-05', '2026-11-02')).toBe(4);
  });
});
