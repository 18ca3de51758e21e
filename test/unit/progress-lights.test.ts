// Warning lights under each rule at their exact boundaries, late starts, the mayor's labels and lagging streaks.
import { describe, expect, it } from 'vitest';
import { completionRate } from '../../src/domain/rates';
import {
  assessProject,
  investmentLight,
  isBelowTimeProgress,
  lateStart,
  lightSettingsOf,
  monthsLagging,
  worstLight,
  type Light,
  type LightSettings,
  type MonthRecord,
  type ProjectFacts,
} from '../../src/domain/lights';
import { timeProgress, type AsOf } from '../../src/domain/time-progress';

const DEFAULTS: LightSettings = {
  rule: 'points',
  points: { yellow: 10, red: 30 },
  ratio: { yellow: 80, red: 60 },
  ratioBelow: { red: 50 },
  lateStartRedMonths: 3,
};
const monthEnd = (month: number) => timeProgress({ year: 2026, month }, { rule: 'months' }).percent;

describe('isBelowTimeProgress (未达序时进度)', () => {
  it.each<[number | null, number, boolean]>([
    [49.99, 50, true],
    [50, 50, false],
    [50.01, 50, false],
    [null, 50, false],
  ])('%s against 序时 %s → %s', (rate, tp, below) => {
    expect(isBelowTimeProgress(rate, tp)).toBe(below);
  });
});

describe('investmentLight, points rule (default 10/30: yellow 10–30 points below inclusive, red beyond 30)', () => {
  it.each<[number, Light]>([
    [60, 'green'], // ahead of 序时
    [50, 'green'], // on 序时
    [40.01, 'green'], // 9.99 below
    [40, 'yellow'], // exactly 10 below
    [20, 'yellow'], // exactly 30 below
    [19.99, 'red'], // 30.01 below
    [0, 'red'],
  ])('completion %s against 序时 50 → %s', (rate, light) => {
    expect(investmentLight(rate, 50, DEFAULTS)).toBe(light);
  });

  it('holds the boundaries exactly where floats would miss them', () => {
    // End of May: 序时 125/3; 19 of 60 is 95/3, exactly 10 below (the float difference is 9.999999999999996).
    expect(investmentLight(completionRate(19, 60), monthEnd(5), DEFAULTS)).toBe('yellow');
    // End of April: 序时 100/3; 1 of 30 is 10/3, exactly 30 below (the float difference is 30.000000000000004).
    expect(investmentLight(completionRate(1, 30), monthEnd(4), DEFAULTS)).toBe('yellow');
  });

  it('follows configured thresholds', () => {
    const s: LightSettings = { ...DEFAULTS, points: { yellow: 5, red: 20 } };
    expect([45.01, 45, 30, 29.99].map((r) => investmentLight(r, 50, s))).toEqual(['green', 'yellow', 'yellow', 'red']);
  });

  it('never lights a project on or ahead of 序时, even with a zero yellow threshold', () => {
    expect(investmentLight(50, 50, { ...DEFAULTS, points: { yellow: 0, red: 0 } })).toBe('green');
    expect(investmentLight(49.9, 50, { ...DEFAULTS, points: { yellow: 0, red: 0 } })).toBe('red');
  });
});

describe('investmentLight, ratio rule (yellow below 80 % of 序时, red below 60 %)', () => {
  const s: LightSettings = { ...DEFAULTS, rule: 'ratio' };
  it.each<[number, Light]>([
    [50, 'green'],
    [40, 'green'], // exactly 80 % of 序时 is not below 80 %
    [39.99, 'yellow'],
    [30, 'yellow'], // exactly 60 %
    [29.99, 'red'],
  ])('completion %s against 序时 50 → %s', (rate, light) => {
    expect(investmentLight(rate, 50, s)).toBe(light);
  });

  it('is exact against a thirds-valued 序时', () => {
    // End of February: 序时 50/3; 40/3 is exactly 80 % of it.
    expect(investmentLight(completionRate(2, 15), monthEnd(2), s)).toBe('green');
  });
});

describe('investmentLight, ratio-below rule (yellow up to 50 % below 序时, red more than 50 % below)', () => {
  const s: LightSettings = { ...DEFAULTS, rule: 'ratio_below' };
  it.each<[number, Light]>([
    [50, 'green'],
    [49.99, 'yellow'], // any amount below
    [25, 'yellow'], // exactly 50 % below
    [24.99, 'red'],
    [0, 'red'],
  ])('completion %s against 序时 50 → %s', (rate, light) => {
    expect(investmentLight(rate, 50, s)).toBe(light);
  });
});

describe('investmentLight without a rate or before any 序时', () => {
  it.each<LightSettings['rule']>(['points', 'ratio', 'ratio_below'])('%s', (rule) => {
    expect(investmentLight(null, 50, { ...DEFAULTS, rule })).toBeNull();
    expect(investmentLight(0, 0, { ...DEFAULTS, rule })).toBe('green');
    expect(investmentLight(-1, 0, { ...DEFAULTS, rule })).toBe('green');
  });
});

describe('lateStart (新开工 not started in its planned month: yellow, then red after 3 more months)', () => {
  const due = { nature: '新开工', status: '未开工', plannedStart: { year: 2026, month: 3 } };
  it.each<[string, AsOf, { light: string; monthsLate: number } | null]>([
    ['before the planned month ends', { year: 2026, month: 2 }, null],
    ['the planned month has just ended', { year: 2026, month: 3 }, { light: 'yellow', monthsLate: 0 }],
    ['the last day of the planned month counts as its end', { year: 2026, month: 3, day: 31 }, { light: 'yellow', monthsLate: 0 }],
    ['the day before does not', { year: 2026, month: 3, day: 30 }, null],
    ['a first-half cut-off counts only ended months', { year: 2026, month: 4, half: 'first' }, { light: 'yellow', monthsLate: 0 }],
    ['two months on', { year: 2026, month: 5 }, { light: 'yellow', monthsLate: 2 }],
    ['three months on: red', { year: 2026, month: 6 }, { light: 'red', monthsLate: 3 }],
    ['and stays red', { year: 2026, month: 11 }, { light: 'red', monthsLate: 8 }],
  ])('%s', (_, asOf, expected) => {
    expect(lateStart(due, asOf, 3)).toEqual(expected);
  });

  it('counts across the year end', () => {
    const lastYear = { ...due, plannedStart: { year: 2025, month: 11 } };
    expect(lateStart(lastYear, { year: 2026, month: 1 }, 3)).toEqual({ light: 'yellow', monthsLate: 2 });
    expect(lateStart(lastYear, { year: 2026, month: 2 }, 3)).toEqual({ light: 'red', monthsLate: 3 });
  });

  it('follows lateStartRedMonths', () => {
    expect(lateStart(due, { year: 2026, month: 4 }, 1)).toEqual({ light: 'red', monthsLate: 1 });
  });

  it.each<[string, ProjectFacts['nature'], string | null, { year: number; month: number } | null]>([
    ['a started project', '新开工', '在建', { year: 2026, month: 3 }],
    ['a stopped one has started too', '新开工', '停工', { year: 2026, month: 3 }],
    ['a 续建 project', '续建', '未开工', { year: 2026, month: 3 }],
    ['no planned start', '新开工', '未开工', null],
  ])('is not lit for %s', (_, nature, status, plannedStart) => {
    expect(lateStart({ nature, status, plannedStart }, { year: 2026, month: 10 }, 3)).toBeNull();
  });
});

describe('worstLight', () => {
  it.each<[Array<Light | null>, Light | null]>([
    [['green', 'yellow'], 'yellow'],
    [['red', 'yellow'], 'red'],
    [[null, 'green'], 'green'],
    [[null, null], null],
  ])('%j → %s', (lights, worst) => {
    expect(worstLight(...lights)).toBe(worst);
  });
});

describe('assessProject: the light and the mayor’s labels', () => {
  const oct: AsOf = { year: 2026, month: 10 };
  const tp = monthEnd(10); // 83.33
  const base: ProjectFacts = { nature: '续建', status: '在建', plannedStart: null, rate: 90 };

  it.each<[string, Partial<ProjectFacts>, Light | null, string[], string[]]>([
    ['ahead of 序时', {}, 'green', [], []],
    ['a little behind: listed, still green', { rate: 80 }, 'green', ['未达序时进度'], ['投资滞后']],
    ['yellow: 进度较慢', { rate: 70 }, 'yellow', ['未达序时进度', '进度较慢'], ['投资滞后']],
    ['red: 进度滞后', { rate: 50 }, 'red', ['未达序时进度', '进度滞后'], ['投资滞后']],
    [
      'a late start is 进度滞后 even while its light is yellow',
      { nature: '新开工', status: '未开工', plannedStart: { year: 2026, month: 9 }, rate: 85 },
      'yellow',
      ['进度滞后'],
      ['开工滞后'],
    ],
    [
      'late start and far behind: the worse light',
      { nature: '新开工', status: '未开工', plannedStart: { year: 2026, month: 9 }, rate: 0 },
      'red',
      ['未达序时进度', '进度滞后'],
      ['投资滞后', '开工滞后'],
    ],
    [
      'a late start with no annual plan',
      { nature: '新开工', status: '未开工', plannedStart: { year: 2026, month: 9 }, rate: null },
      'yellow',
      ['进度滞后'],
      ['开工滞后'],
    ],
    ['停工 comes from the status, not the numbers', { status: '停工' }, 'green', ['停工'], []],
    ['半停工 alongside a light', { status: '半停工', rate: 70 }, 'yellow', ['未达序时进度', '进度较慢', '半停工'], ['投资滞后']],
    ['no plan, no light', { rate: null }, null, [], []],
  ])('%s', (_, overrides, light, labels, reasons) => {
    const a = assessProject({ ...base, ...overrides }, tp, oct, DEFAULTS);
    expect({ light: a.light, labels: a.labels, reasons: a.reasons }).toEqual({ light, labels, reasons });
  });
});

describe('lightSettingsOf', () => {
  it('picks the light keys out of the stored settings', () => {
    const stored = {
      'lights.rule': 'points',
      'lights.points': { yellow: 10, red: 30 },
      'lights.ratio': { yellow: 80, red: 60 },
      'lights.ratioBelow': { red: 50 },
      'lights.lateStartRedMonths': 3,
    } as const;
    expect(lightSettingsOf(stored)).toEqual(DEFAULTS);
  });
});

describe('monthsLagging (months in a row below 序时, counted back from the latest)', () => {
  const rec = (month: number, rate: number | null, year = 2026): MonthRecord => ({
    month: { year, month },
    rate,
    timeProgress: monthEnd(month),
  });

  it.each<[string, MonthRecord[], number]>([
    ['never behind', [rec(1, 10), rec(2, 20), rec(3, 30)], 0],
    ['behind only earlier', [rec(1, 1), rec(2, 1), rec(3, 30)], 0],
    ['three months running', [rec(1, 10), rec(2, 1), rec(3, 1), rec(4, 1)], 3],
    ['every month', [rec(1, 1), rec(2, 1)], 2],
    ['order of the input does not matter', [rec(4, 1), rec(2, 1), rec(3, 1), rec(1, 10)], 3],
    ['a missing month ends the run', [rec(1, 1), rec(2, 1), rec(4, 1), rec(5, 1)], 2],
    ['a month without a rate ends the run', [rec(1, 1), rec(2, null), rec(3, 1)], 1],
    ['exactly on 序时 is not behind', [rec(5, 1), rec(6, 50)], 0],
    ['no history', [], 0],
  ])('%s', (_, history, n) => {
    expect(monthsLagging(history)).toBe(n);
  });

  it('runs across the year end', () => {
    const dec: MonthRecord = { month: { year: 2025, month: 12 }, rate: 50, timeProgress: 100 };
    expect(monthsLagging([dec, rec(1, 1), rec(2, 1)])).toBe(3);
  });
});
