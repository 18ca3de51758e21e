// The rates of §4.2 from integer 元 and counts: exact, unrounded, null where there is nothing to divide by.
import { describe, expect, it } from 'vitest';
import {
  completionRate,
  conversionChain,
  cumulativeRate,
  finishRate,
  gapToTimeProgress,
  hasStarted,
  productionRate,
  rateOf,
  startRate,
  type StartBasis,
  type StartFacts,
} from '../../src/domain/rates';
import { timeProgress } from '../../src/domain/time-progress';

const YI = 100_000_000; // 元 in 1 亿元
const WAN = 10_000; // 元 in 1 万元

describe('completionRate (年度投资完成率)', () => {
  it.each<[string, number, number, number | null]>([
    ['a plain share', 174 * WAN, 1000 * WAN, 17.4],
    ['past the plan: above 100 is kept', 1250 * WAN, 1000 * WAN, 125],
    ['nothing done yet', 0, 1000 * WAN, 0],
    ['no annual plan: no rate (shown "—")', 500 * WAN, 0, null],
    ['no plan and nothing done: still no rate', 0, 0, null],
  ])('%s', (_, completed, plan, expected) => {
    const r = completionRate(completed, plan);
    expect(r === null ? null : r.value).toBe(expected);
  });

  it('keeps the exact fraction, which the float cannot: 1573 ÷ 2000 is exactly 78.65', () => {
    const r = completionRate(1573, 2000);
    expect(r?.exact).toEqual({ num: 1573n, den: 20n });
    expect((1573 / 2000) * 100).toBe(78.64999999999999); // what naive float arithmetic would have displayed from
  });

  it('handles city-sized sums in 元 without loss', () => {
    const r = completionRate(38_642_000_000, 49_162_000_000);
    expect(r?.exact).toEqual({ num: 1932100n, den: 24581n });
  });

  it('refuses amounts that are not integer 元', () => {
    expect(() => completionRate(1.5, 100)).toThrow(RangeError);
    expect(() => rateOf(1, Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
  });
});

describe('gapToTimeProgress (与序时进度之差, 个百分点)', () => {
  it('is completion − 序时 from unrounded values', () => {
    const feb = timeProgress({ year: 2026, month: 2 }, { rule: 'months' }).percent;
    const gap = gapToTimeProgress(completionRate(174, 1000), feb);
    expect(gap?.exact).toEqual({ num: 11n, den: 15n }); // 17.4 − 50/3 = 11/15 = 0.7333…
  });

  it('is negative when behind and null without a rate', () => {
    const oct = timeProgress({ year: 2026, month: 10 }, { rule: 'months' }).percent;
    expect(gapToTimeProgress(completionRate(38_642_000_000, 49_162_000_000), oct)?.value).toBeCloseTo(-4.732, 3);
    expect(gapToTimeProgress(null, oct)).toBeNull();
  });

  it('takes plain numbers as written', () => {
    expect(gapToTimeProgress(78.65, 75)?.exact).toEqual({ num: 73n, den: 20n }); // 3.65 exactly, not 3.6499…
  });
});

describe('cumulativeRate (开累完成率)', () => {
  it.each<[string, number, number, number, number | null]>([
    ['prior years plus this year over the total', 3 * YI, 1 * YI, 8 * YI, 50],
    ['a project started this year', 0, 2 * YI, 10 * YI, 20],
    ['no total investment recorded', 0, 2 * YI, 0, null],
  ])('%s', (_, prior, thisYear, total, expected) => {
    const r = cumulativeRate(prior, thisYear, total);
    expect(r === null ? null : r.value).toBe(expected);
  });
});

describe('hasStarted', () => {
  it.each<[string | null, boolean]>([
    ['在建', true],
    ['停工', true],
    ['半停工', true],
    ['竣工', true],
    ['投产', true],
    ['未开工', false],
    [null, false],
  ])('%s → %s', (status, started) => {
    expect(hasStarted(status)).toBe(started);
  });
});

describe('startRate (开工率), always with its denominator', () => {
  const projects: StartFacts[] = [
    { nature: '新开工', started: true },
    { nature: '新开工', started: true },
    { nature: '新开工', started: false },
    { nature: '续建', started: true },
    { nature: '竣工', started: true },
    { nature: '前期', started: false },
  ];

  it.each<[StartBasis, number, number, string, string]>([
    ['all', 4, 6, '开工率', '全部项目'],
    ['new_starts', 2, 3, '开工率', '计划新开工'],
    ['all_but_preparatory', 4, 5, '开复工率', '应开复工'],
  ])('over %s: %i of %i', (basis, numerator, denominator, label, denominatorLabel) => {
    const r = startRate(projects, basis);
    expect(r).toMatchObject({ numerator, denominator, label, denominatorLabel });
    expect(r.rate?.value).toBeCloseTo((numerator / denominator) * 100, 12);
  });

  it('names what 开复工率 leaves out', () => {
    expect(startRate(projects, 'all_but_preparatory').denominatorNote).toBe('（不含前期项目）');
    expect(startRate(projects, 'new_starts').denominatorNote).toBe('');
  });

  it('has no rate when nothing was planned to start', () => {
    expect(startRate([{ nature: '续建', started: true }], 'new_starts')).toMatchObject({ rate: null, numerator: 0, denominator: 0 });
  });
});

describe('finishRate (竣工率) and productionRate (投产率)', () => {
  it('can exceed 100 when projects finish or go into production ahead of plan', () => {
    expect(finishRate(33, 30)).toMatchObject({ numerator: 33, denominator: 30, label: '竣工率', denominatorLabel: '计划竣工' });
    expect(finishRate(33, 30).rate?.value).toBe(110);
    expect(productionRate(12, 16)).toMatchObject({ numerator: 12, denominator: 16, label: '投产率', numeratorLabel: '已投产' });
    expect(productionRate(12, 16).rate?.value).toBe(75);
  });

  it('has no rate when none were planned', () => {
    expect(finishRate(2, 0).rate).toBeNull();
  });
});

describe('conversionChain (签约 → 开工 → 投产 → 达效)', () => {
  it('divides each stage by the one before, keeping both counts', () => {
    const steps = conversionChain([
      { name: '签约', count: 87 },
      { name: '开工', count: 80 },
      { name: '投产', count: 70 },
      { name: '达效', count: 0 },
    ]);
    expect(steps.map((s) => [s.from, s.fromCount, s.to, s.toCount])).toEqual([
      ['签约', 87, '开工', 80],
      ['开工', 80, '投产', 70],
      ['投产', 70, '达效', 0],
    ]);
    expect(steps.map((s) => s.rate?.value)).toEqual([(80 * 100) / 87, 87.5, 0]);
  });

  it('takes only the stages a city tracks', () => {
    const [step, ...rest] = conversionChain([
      { name: '签约', count: 87 },
      { name: '投产达效', count: 65 },
    ]);
    expect(rest).toEqual([]);
    expect(step?.rate?.exact).toEqual({ num: 6500n, den: 87n });
  });

  it('has no rate after an empty stage, and no steps for fewer than two stages', () => {
    expect(
      conversionChain([
        { name: '签约', count: 0 },
        { name: '开工', count: 0 },
      ])[0]?.rate,
    ).toBeNull();
    expect(conversionChain([{ name: '签约', count: 5 }])).toEqual([]);
  });
});
