// The worked examples of domain.md, reproduced from integer 元 and counts through the public progress API.
import { describe, expect, it } from 'vitest';
import {
  completionRate,
  conversionChain,
  formatAsOf,
  formatConversionStep,
  formatCountRate,
  formatGap,
  formatRate,
  formatTimeProgress,
  gapToTimeProgress,
  lastCompletedMonth,
  startRate,
  timeProgress,
  type StartFacts,
} from '../../src/domain/progress';
import { formatYi } from '../../src/domain/money';

const months = { rule: 'months' } as const;

describe('domain.md §4.1: 序时进度', () => {
  it('is 16.67 % for 1–2月, 50 % for 1–6月, 83.33 % for 1–10月, 62.5 % for 1至8月上半月', () => {
    expect(formatTimeProgress(timeProgress({ year: 2026, month: 2 }, months))).toBe('16.67%');
    expect(formatTimeProgress(timeProgress({ year: 2026, month: 6 }, months))).toBe('50%');
    expect(formatTimeProgress(timeProgress({ year: 2026, month: 10 }, months))).toBe('83.33%');
    expect(formatTimeProgress(timeProgress({ year: 2026, month: 8, half: 'first' }, { rule: 'half_months' }))).toBe('62.5%');
  });
});

describe('domain.md §4.2: a completion of 17.4 % at the end of February', () => {
  it('is 0.7 points above 序时 (16.67)', () => {
    const rate = completionRate(17_400_000, 100_000_000); // 0.174 亿元 of 1 亿元
    const gap = gapToTimeProgress(rate, timeProgress({ year: 2026, month: 2 }, months).percent);
    expect(formatRate(rate)).toBe('17.4%');
    expect(formatGap(gap)).toBe('高于序时进度0.7个百分点');
  });
});

describe('domain.md §5: the 本期综述 of the October bulletin', () => {
  // A bulletin composed on 5 November reports the month that ended last.
  const asOf = lastCompletedMonth(new Date('2026-11-05T09:00:00+08:00'));
  const planYuan = 49_162_000_000; // 491.62亿元
  const completedYuan = 38_642_000_000; // 386.42亿元

  it('"截至10月底，全市652个重点项目累计完成投资386.42亿元，占年度计划的78.6%，低于序时进度4.7个百分点。"', () => {
    const rate = completionRate(completedYuan, planYuan);
    const gap = gapToTimeProgress(rate, timeProgress(asOf, months).percent);
    const text = `${formatAsOf(asOf)}，全市652个重点项目累计完成投资${formatYi(completedYuan)}，占年度计划的${formatRate(rate)}，${formatGap(gap)}。`;
    expect(text).toBe('截至10月底，全市652个重点项目累计完成投资386.42亿元，占年度计划的78.6%，低于序时进度4.7个百分点。');
    // From the unrounded values: 78.6014 − 83.3333 = −4.7320.
    expect(gap?.value).toBeCloseTo(-4.732, 4);
  });

  it('"计划新开工210个，已开工186个，开工率88.6%"', () => {
    const projects: StartFacts[] = [
      ...Array.from({ length: 186 }, () => ({ nature: '新开工', started: true })),
      ...Array.from({ length: 24 }, () => ({ nature: '新开工', started: false })),
      ...Array.from({ length: 400 }, () => ({ nature: '续建', started: true })),
      ...Array.from({ length: 42 }, () => ({ nature: '前期', started: false })),
    ];
    expect(projects).toHaveLength(652);
    expect(formatCountRate(startRate(projects, 'new_starts'))).toBe('计划新开工210个，已开工186个，开工率88.6%');
  });
});

describe('domain.md §4.2: the conversion chain', () => {
  it('签约 87 → 投产达效 65 = 74.7 %', () => {
    const [step] = conversionChain([
      { name: '签约', count: 87 },
      { name: '投产达效', count: 65 },
    ]);
    expect(step && formatConversionStep(step)).toBe('签约87个→投产达效65个，转化率74.7%');
  });
});
