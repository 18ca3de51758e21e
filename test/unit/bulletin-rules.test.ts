// The rules a bulletin's figures rest on: which figure is a month's end figure, which plan version is in force at a
// month end, when a month has ended (Beijing time), and how counties share ranks.
import { describe, expect, it } from 'vitest';
import type { BulletinProject, RegisterPlan } from '../../src/bulletin/read/data';
import { ranksOf } from '../../src/bulletin/compose/groups';
import { monthEndOf } from '../../src/bulletin/compose/month-end';
import { hasEnded, parseMonth, parseQuarter } from '../../src/bulletin/month';
import { planAt, planHistoryOf, planVersionText } from '../../src/bulletin/compose/plan-version';
import { percentOf, ratio } from '../../src/domain/progress';
import { validateSetting } from '../../src/domain/settings';

const report = (periodId: number, ytd: number, me: number | null = null) => ({
  periodId,
  ytdYuan: ytd,
  monthEndYuan: me,
  status: 'building',
  progressText: null,
});

describe('a month-end figure', () => {
  const inMonth = new Set([7, 8]);
  it('is the figure the round after the month asked for, when given', () => {
    expect(monthEndOf(report(8, 900), report(9, 1_000, 950), inMonth)).toMatchObject({ figureYuan: 950, estimated: false, reportedInMonth: true });
  });
  it('else is the latest cumulative figure before the month ended, marked estimated', () => {
    expect(monthEndOf(report(8, 900), report(9, 1_000, null), inMonth)).toMatchObject({ figureYuan: 900, estimated: true, reportedInMonth: true });
    expect(monthEndOf(report(8, 900), undefined, inMonth)).toMatchObject({ figureYuan: 900, estimated: true });
  });
  it('is carried from an earlier month when the project reported nothing this month, which counts as not reported', () => {
    expect(monthEndOf(report(3, 400), undefined, inMonth)).toMatchObject({ figureYuan: 400, estimated: true, reportedInMonth: false });
  });
  it('is not guessed from a report after the month end that left the month-end figure out', () => {
    expect(monthEndOf(undefined, report(9, 1_000, null), inMonth)).toMatchObject({ figureYuan: null, estimated: false, reportedInMonth: false });
  });
});

describe('the plan in force at a month end', () => {
  const plan = (version: number, wan: number, recordedAt: string): RegisterPlan => ({
    version,
    annualPlanYuan: wan * 10_000,
    totalInvestmentYuan: 0,
    plannedStart: null,
    recordedAt,
  });
  const project = (id: number, plans: RegisterPlan[], droppedAt: string | null = null) => ({ id, code: `P${id}`, plans, droppedAt }) as BulletinProject;
  // Imported on 20 March (the city started using the bot then); one plan cut in June, one project added in July
  // and one dropped in August.
  const projects = [
    project(1, [plan(1, 1_000, '2026-03-20T02:00:00.000Z'), plan(2, 800, '2026-06-30T08:00:00.000Z')]),
    project(2, [plan(1, 500, '2026-07-15T02:00:00.000Z')]),
    project(3, [plan(1, 300, '2026-03-20T03:00:00.000Z')], '2026-08-10T02:00:00.000Z'),
  ];
  const h = planHistoryOf(2026, projects);
  const wanAt = (month: string) => projects.map((p) => planAt(h, p, parseMonth(month)!)?.annualPlanYuan ?? null);

  it('takes the register as first imported from 1 January, and later changes from when they were recorded', () => {
    expect(wanAt('2026-01')).toEqual([10_000_000, null, 3_000_000]);
    expect(wanAt('2026-06')).toEqual([8_000_000, null, 3_000_000]);
    expect(wanAt('2026-07')).toEqual([8_000_000, 5_000_000, 3_000_000]);
    expect(wanAt('2026-08')).toEqual([8_000_000, 5_000_000, null]);
  });

  it('names the version: one per day on which the plan changed', () => {
    expect(planVersionText(h, projects, parseMonth('2026-05')!)).toBe('2026年度计划（第1版，2026-03-20 导入）');
    expect(planVersionText(h, projects, parseMonth('2026-09')!)).toBe('2026年度计划（第4版，2026-08-10 调整）');
  });
});

describe('months and quarters', () => {
  it('ends a month at midnight Beijing time, not UTC', () => {
    const oct = parseMonth('2026-10')!;
    expect([oct.lastDay, oct.endsAt]).toEqual(['2026-10-31', '2026-10-31T16:00:00.000Z']);
    expect(hasEnded(oct, new Date('2026-10-31T23:59:59+08:00'))).toBe(false);
    expect(hasEnded(oct, new Date('2026-11-01T00:00:00+08:00'))).toBe(true);
  });
  it('reads months and quarters as written, and nothing else', () => {
    expect(parseMonth('2026-2')?.key).toBe('2026-02');
    expect(['2026-13', '2026-00', '26-10', '2026/10', ''].map(parseMonth)).toEqual([null, null, null, null, null]);
    expect(parseQuarter('2026-q3')?.months.map((m) => m.key)).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(parseQuarter('2026-Q5')).toBeNull();
  });
});

describe('county ranks', () => {
  it('gives 1 to the highest rate, equal rates the same rank, and no rate the last', () => {
    const p = (n: number, d = 1) => percentOf(ratio(n, d));
    expect(ranksOf([p(50), p(80), null, p(1, 3), p(100, 300), p(80)])).toEqual([3, 1, 6, 4, 4, 1]);
  });
});

describe('the bulletin settings', () => {
  it('take a non-empty 下步工作要求 and one of the two county orders', () => {
    expect(validateSetting('bulletin.requirements', '  各单位要加快推进。 ')).toEqual({ ok: true, value: '各单位要加快推进。' });
    expect(validateSetting('bulletin.requirements', '  ')).toEqual({ ok: false, error: 'bulletin.requirements 的值无效：下步工作要求不能为空' });
    expect(validateSetting('bulletin.countyOrder', 'lowest_first')).toEqual({ ok: true, value: 'lowest_first' });
    expect(validateSetting('bulletin.countyOrder', 'asc').ok).toBe(false);
  });
});
