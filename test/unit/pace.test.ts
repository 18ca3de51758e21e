// 倒排工期 by hand: the monthly investment still needed and the year-end forecast at the last three months' pace.
import { describe, expect, it } from 'vitest';
import { paceOf, paceSentence, sumPace } from '../../src/domain/pace';

const wan = (n: number) => n * 10_000;

describe('paceOf', () => {
  it('at 9月底: plan 12,000 万元, 6,000 done, 4,500 at 6月底 → 2,000 万元 a month still needed; 500 a month → 7,500 (62.5%)', () => {
    expect(paceOf({ month: 9, annualPlanYuan: wan(12_000), completedYuan: wan(6_000), completedBackYuan: wan(4_500) })).toEqual({
      requiredMonthlyWan: 2_000,
      forecastYearEndWan: 7_500,
      forecastCompletionRate: 62.5,
    });
  });
  it('a project ahead of its plan: forecast above 100 % and nothing more needed', () => {
    // 10月底: 9,000 of 8,000 done, 6,000 at 7月底 → 1,000 a month × 2 → 11,000 = 137.5 %.
    expect(paceOf({ month: 10, annualPlanYuan: wan(8_000), completedYuan: wan(9_000), completedBackYuan: wan(6_000) })).toEqual({
      requiredMonthlyWan: 0,
      forecastYearEndWan: 11_000,
      forecastCompletionRate: 137.5,
    });
  });
  it('in 2月 the pace is of the two months so far; the odd 元 stays exact until printed', () => {
    // 1,000.0001 万元 in two months → 500.00005 a month × 10 → 6,000.0006 万元.
    const p = paceOf({ month: 2, annualPlanYuan: wan(12_000), completedYuan: 10_000_001, completedBackYuan: 0 });
    expect(p.forecastYearEndWan).toBeCloseTo(6_000.0006, 8);
    expect(p.requiredMonthlyWan).toBeCloseTo((120_000_000 - 10_000_001) / 10 / 10_000, 10);
  });
  it('December: no month left, the forecast is what was done', () => {
    expect(paceOf({ month: 12, annualPlanYuan: wan(100), completedYuan: wan(90), completedBackYuan: wan(60) })).toEqual({
      requiredMonthlyWan: null,
      forecastYearEndWan: 90,
      forecastCompletionRate: 90,
    });
  });
  it('a plan of 0 has no rate', () => {
    expect(paceOf({ month: 6, annualPlanYuan: 0, completedYuan: 0, completedBackYuan: 0 }).forecastCompletionRate).toBeNull();
  });
  it('a county sums its projects before dividing', () => {
    const county = sumPace(9, [
      { annualPlanYuan: wan(12_000), completedYuan: wan(6_000), completedBackYuan: wan(4_500) },
      { annualPlanYuan: wan(8_000), completedYuan: wan(9_000), completedBackYuan: wan(6_000) },
    ]);
    // plan 20,000, done 15,000, back 10,500 → need 5,000 ÷ 3; pace 1,500 → 19,500 = 97.5 %.
    expect(county.requiredMonthlyWan).toBeCloseTo(5_000 / 3, 10);
    expect(county.forecastYearEndWan).toBe(19_500);
    expect(county.forecastCompletionRate).toBe(97.5);
  });
  it('reads as the office writes it', () => {
    const p = paceOf({ month: 9, annualPlanYuan: wan(120_000), completedYuan: wan(60_000), completedBackYuan: wan(45_000) });
    expect(
      paceSentence(
        p,
        9,
        (w) => `${(w / 10_000).toFixed(2)}亿元`,
        (r) => `${r.toFixed(1)}%`,
      ),
    ).toBe('要完成全年目标每月还需完成2.00亿元；按近三个月进度，预计全年完成62.5%');
  });
});
