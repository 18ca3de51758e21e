// Display in the bulletin's words: exact half-away-from-zero rounding, rates, gaps in 个百分点, periods. (亿元/万元:
// test/unit/money.test.ts.)
import { describe, expect, it } from 'vitest';
import { decimalRatio, ratio, roundToString, type Ratio } from '../../src/domain/exact';
import {
  formatAsOf,
  formatConversionStep,
  formatCountRate,
  formatGap,
  formatGapPoints,
  formatLight,
  formatPeriod,
  formatRate,
  formatTimeProgress,
} from '../../src/domain/format';
import { completionRate, conversionChain, finishRate, gapToTimeProgress, productionRate, startRate } from '../../src/domain/rates';
import { timeProgress, type AsOf } from '../../src/domain/time-progress';

describe('roundToString: half away from zero, on the decimal as written', () => {
  it.each<[number | Ratio, number, string]>([
    [0.05, 1, '0.1'],
    [0.15, 1, '0.2'],
    [0.25, 1, '0.3'],
    [0.35, 1, '0.4'],
    [2.675, 2, '2.68'], // (2.675).toFixed(2) is "2.67"
    [1.005, 2, '1.01'], // (1.005).toFixed(2) is "1.00"
    [1.045, 2, '1.05'],
    [14.5, 0, '15'],
    [-0.05, 1, '-0.1'], // away from zero, not up
    [-2.675, 2, '-2.68'],
    [0.04999, 1, '0.0'],
    [-0.04, 1, '0.0'], // no "-0.0"
    [0, 1, '0.0'],
    [1e-7, 2, '0.00'],
    [1.5e21, 0, '1500000000000000000000'],
    [123.456, 0, '123'],
    [ratio(1573, 20), 1, '78.7'], // 78.65 exactly
    [ratio(1, 3), 4, '0.3333'],
    [ratio(-2, 3), 2, '-0.67'],
  ])('%s to %i places → %s', (x, places, text) => {
    expect(roundToString(x, places)).toBe(text);
  });

  it('reads floats by their shortest decimal form', () => {
    expect(decimalRatio(0.1)).toEqual({ num: 1n, den: 10n });
    expect(decimalRatio(2.675)).toEqual({ num: 107n, den: 40n });
    expect(decimalRatio(1e-7)).toEqual({ num: 1n, den: 10_000_000n });
    expect(() => decimalRatio(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatRate: one decimal', () => {
  it.each<[string, ReturnType<typeof completionRate> | number, string]>([
    ['386.42 of 491.62', completionRate(38_642_000_000, 49_162_000_000), '78.6%'],
    ['1573 of 2000, exactly 78.65 (the float would give 78.6)', completionRate(1573, 2000), '78.7%'],
    ['186 of 210', completionRate(186, 210), '88.6%'],
    ['231 of 210', completionRate(231, 210), '110.0%'],
    ['0 of 210', completionRate(0, 210), '0.0%'],
    ['the number 100', 100, '100.0%'],
    ['no plan', completionRate(5, 0), '—'],
  ])('%s → %s', (_, rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });
});

describe('formatTimeProgress: up to two decimals, day-based figures labelled', () => {
  it.each<[AsOf, 'months' | 'half_months' | 'days', string]>([
    [{ year: 2026, month: 2 }, 'months', '16.67%'],
    [{ year: 2026, month: 6 }, 'months', '50%'],
    [{ year: 2026, month: 10 }, 'months', '83.33%'],
    [{ year: 2026, month: 8, half: 'first' }, 'half_months', '62.5%'],
    [{ year: 2026, month: 3, day: 18 }, 'days', '21.1%（按天数计算）'],
  ])('%j by %s → %s', (asOf, rule, text) => {
    expect(formatTimeProgress(timeProgress(asOf, { rule }))).toBe(text);
  });
});

describe('formatGap: 个百分点, never "%"', () => {
  it.each<[number | null, string]>([
    [0.7333, '高于序时进度0.7个百分点'],
    [-4.732, '低于序时进度4.7个百分点'],
    [0.05, '高于序时进度0.1个百分点'],
    [-0.05, '低于序时进度0.1个百分点'],
    [-0.04, '与序时进度持平'],
    [0, '与序时进度持平'],
    [41.7, '高于序时进度41.7个百分点'],
    [null, '—'],
  ])('%s → %s', (gap, text) => {
    expect(formatGap(gap)).toBe(text);
    expect(formatGap(gap)).not.toContain('%');
  });

  it('rounds the exact gap: 78.65 % against 序时 75 % is 3.65 → 3.7 (floats would give 3.6499… → 3.6)', () => {
    const rate = completionRate(1573, 2000);
    const gap = gapToTimeProgress(rate, timeProgress({ year: 2026, month: 9 }, { rule: 'months' }).percent);
    expect(formatGap(gap)).toBe('高于序时进度3.7个百分点');
    expect((1573 / 2000) * 100 - 75).toBeLessThan(3.65);
  });

  it.each<[number, string]>([
    [0.7333, '+0.7'],
    [-4.732, '-4.7'],
    [-0.04, '0.0'],
    [0.05, '+0.1'],
  ])('as a table cell: %s → %s', (gap, text) => {
    expect(formatGapPoints(gap)).toBe(text);
  });
});

describe('formatCountRate: the denominator printed with the rate', () => {
  const projects = [
    ...Array.from({ length: 9 }, () => ({ nature: '新开工', started: true })),
    { nature: '新开工', started: false },
    { nature: '续建', started: true },
    { nature: '前期', started: false },
  ];
  it.each<[string, ReturnType<typeof finishRate>, string]>([
    ['new starts', startRate(projects, 'new_starts'), '计划新开工10个，已开工9个，开工率90.0%'],
    ['all projects', startRate(projects, 'all'), '全部项目12个，已开工10个，开工率83.3%'],
    ['all but 前期', startRate(projects, 'all_but_preparatory'), '应开复工11个（不含前期项目），已开复工10个，开复工率90.9%'],
    ['completions', finishRate(25, 30), '计划竣工30个，已竣工25个，竣工率83.3%'],
    ['production', productionRate(0, 0), '计划投产0个，已投产0个，投产率—'],
  ])('%s', (_, r, text) => {
    expect(formatCountRate(r)).toBe(text);
  });
});

describe('formatConversionStep', () => {
  it('shows both counts and the rate', () => {
    const steps = conversionChain([
      { name: '签约', count: 87 },
      { name: '开工', count: 80 },
    ]);
    expect(steps.map(formatConversionStep)).toEqual(['签约87个→开工80个，转化率92.0%']);
  });
});

describe('formatLight', () => {
  it('says 红灯/黄灯/绿灯 in full', () => {
    expect([formatLight('red'), formatLight('yellow'), formatLight('green'), formatLight(null)]).toEqual(['红灯', '黄灯', '绿灯', '—']);
  });
});

describe('formatPeriod and formatAsOf', () => {
  it.each<[AsOf, string, string]>([
    [{ year: 2026, month: 10 }, '1–10月', '截至10月底'],
    [{ year: 2026, month: 1 }, '1月', '截至1月底'],
    [{ year: 2026, month: 8, half: 'first' }, '1至8月上半月', '截至8月15日'],
    [{ year: 2026, month: 1, half: 'first' }, '1月上半月', '截至1月15日'],
    [{ year: 2026, month: 3, day: 18 }, '1月1日至3月18日', '截至3月18日'],
  ])('%j → %s, %s', (asOf, period, phrase) => {
    expect(formatPeriod(asOf)).toBe(period);
    expect(formatAsOf(asOf)).toBe(phrase);
  });
});
