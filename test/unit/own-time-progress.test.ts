// A project's own 序时 from its 月度计划: the planned cumulative of the last completed month ÷ the annual plan, unrounded.
import { describe, expect, it } from 'vitest';
import { ownTimeProgress } from '../../src/domain/time-progress';

const PLAN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => m * 25_000); // 元; annual 300,000

describe('ownTimeProgress', () => {
  it('reads the last completed month end: a first-half cut-off or a mid-month date counts the month before', () => {
    expect(ownTimeProgress({ year: 2026, month: 10 }, PLAN, 300_000)?.exact).toEqual({ num: 250n, den: 3n });
    expect(ownTimeProgress({ year: 2026, month: 10, half: 'first' }, PLAN, 300_000)?.value).toBe(75);
    expect(ownTimeProgress({ year: 2026, month: 3, day: 20 }, PLAN, 300_000)?.exact).toEqual({ num: 50n, den: 3n });
    expect(ownTimeProgress({ year: 2026, month: 1, day: 31 }, PLAN, 300_000)?.exact).toEqual({ num: 25n, den: 3n });
  });
  it('is 0 before any month has ended, 100 in December', () => {
    expect(ownTimeProgress({ year: 2026, month: 1, day: 30 }, PLAN, 300_000)?.value).toBe(0);
    expect(ownTimeProgress({ year: 2026, month: 12 }, PLAN, 300_000)?.value).toBe(100);
  });
  it('is null without a usable plan, so the city-wide rule applies', () => {
    expect(ownTimeProgress({ year: 2026, month: 10 }, null, 300_000)).toBeNull();
    expect(ownTimeProgress({ year: 2026, month: 10 }, PLAN.slice(0, 11), 300_000)).toBeNull();
    expect(
      ownTimeProgress(
        { year: 2026, month: 10 },
        PLAN.map(() => 0),
        0,
      ),
    ).toBeNull();
  });
});
