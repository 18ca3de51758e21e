// The figures behind the answers: a project without a report is not assessed; a group adds only what was reported.
import { describe, expect, it } from 'vitest';
import { lightSettingsOf, timeProgress, type Cutoff } from '../../src/domain/progress';
import { compareStanding, groupFigures, isLagging, isStopped, standingOf, yearMonthOf } from '../../src/domain/standing';
import { settingDefinitions as D } from '../../src/domain/settings';

const asOf: Cutoff = { year: 2026, month: 10, half: 'full' };
const lights = lightSettingsOf({
  'lights.rule': D['lights.rule'].default,
  'lights.points': D['lights.points'].default,
  'lights.ratio': D['lights.ratio'].default,
  'lights.ratioBelow': D['lights.ratioBelow'].default,
  'lights.lateStartRedMonths': D['lights.lateStartRedMonths'].default,
});
const m = { asOf, timeProgress: timeProgress(asOf, { rule: 'months' }), lights };
const plan = (annual: number, nature = '续建', start: string | null = null) => ({ annualPlanYuan: annual, nature, plannedStart: yearMonthOf(start) });

describe('question figures', () => {
  it('assesses a reported project against 序时 (10/12 at the end of October)', () => {
    const s = standingOf(plan(1_000_000), { ytdYuan: 500_000, status: 'building' }, m);
    expect(s.reported && [s.rate?.value, s.gap?.value.toFixed(4), s.assessment.light, s.status]).toEqual([50, '-33.3333', 'red', '在建']);
    expect(isLagging(s)).toBe(true);
  });

  it('never guesses for a project without a report, late start included', () => {
    const s = standingOf(plan(1_000_000, '新开工', '2026-03-01'), null, m);
    expect(s).toEqual({ reported: false });
    expect([isLagging(s), isStopped(s)]).toEqual([false, false]);
  });

  it('a reported 新开工 project not started months after its planned month is late, red after three', () => {
    const s = standingOf(plan(1_000_000, '新开工', '2026-03-01'), { ytdYuan: 0, status: 'not_started' }, m);
    expect(s.reported && [s.assessment.lateStart, s.assessment.light]).toEqual([{ light: 'red', monthsLate: 7 }, 'red']);
  });

  it('a group sums the reported projects against the whole plan and counts lights, lagging and stopped', () => {
    const items = [
      { plan: plan(1_000_000), ytdYuan: 900_000, standing: standingOf(plan(1_000_000), { ytdYuan: 900_000, status: 'building' }, m) },
      { plan: plan(1_000_000), ytdYuan: 100_000, standing: standingOf(plan(1_000_000), { ytdYuan: 100_000, status: 'stopped' }, m) },
      { plan: plan(2_000_000), ytdYuan: null, standing: { reported: false as const } },
    ];
    const f = groupFigures(items, m);
    expect({ ...f, rate: f.rate?.value, gap: f.gap?.value.toFixed(4) }).toEqual({
      count: 3,
      reported: 2,
      unreported: 1,
      annualPlanYuan: 4_000_000,
      completedYuan: 1_000_000,
      rate: 25,
      gap: '-58.3333',
      lights: { red: 1, yellow: 0, green: 1 },
      lagging: 1,
      stopped: 1,
      halfStopped: 0,
    });
    const sorted = [...items].sort((a, b) => compareStanding(a.standing, b.standing));
    expect(sorted.map((x) => x.ytdYuan)).toEqual([100_000, 900_000, null]);
  });
});
