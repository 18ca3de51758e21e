// "三季度分析", "年度考核排名" and the other ways people ask for the quarter's analysis and the year's assessment: what
// the question model reads (through parseQuestion, with the sample register's names around), and which period a
// question means at the time it is asked.
import { beforeAll, describe, expect, it } from 'vitest';
import type { NameIndex } from '../../src/domain/name-index';
import { parseQuestion } from '../../src/domain/question';
import { resolvePeriod } from '../../src/domain/question-period';
import { sampleIndex } from '../helpers/question-index';

let index: NameIndex;
beforeAll(async () => {
  index = await sampleIndex();
});

const Q = (quarter: 1 | 2 | 3 | 4 | 'latest' | 'current', year: number | null = null) => ({ kind: 'quarter_analysis', year, quarter });
const Y = (year: number | 'latest' | 'current') => ({ kind: 'year_assessment', year });

describe('asking for 季分析 and 年考核', () => {
  const cases: Array<[string, unknown]> = [
    ['三季度分析', Q(3)],
    ['第三季度分析', Q(3)],
    ['2026年三季度分析', Q(3, 2026)],
    ['2026年第三季度分析', Q(3, 2026)],
    ['2026年第3季度分析', Q(3, 2026)],
    ['季度分析', Q('latest')],
    ['季分析', Q('latest')],
    ['上季度分析', Q('latest')],
    ['本季度分析', Q('current')],
    ['一季度分析', Q(1)],
    ['请问四季度分析？', Q(4)],
    ['Q3分析', Q(3)],
    ['2026 Q2 分析', Q(2, 2026)],
    ['看看三季度分析', Q(3)],
    ['三季度重点项目分析报告', Q(3)],
    ['年度考核排名', Y('latest')],
    ['年考核', Y('latest')],
    ['2026年度考核', Y(2026)],
    ['2026年度考核排名', Y(2026)],
    ['2026年考核结果', Y(2026)],
    ['考核排名', Y('latest')],
    ['去年考核', Y('latest')],
    ['今年的考核排名', Y('current')],
    ['2025年度重点项目考核', Y(2025)],
  ];
  it.each(cases)('“%s”', (text, intent) => {
    expect(parseQuestion(text, index)).toEqual(intent);
  });

  it('leaves other questions alone: a county, the city, a quarter without 分析', () => {
    expect(parseQuestion('江北区进度', index).kind).toBe('summary');
    expect(parseQuestion('全市进度', index).kind).toBe('city');
    expect(parseQuestion('三季度', index).kind).not.toBe('quarter_analysis');
  });
});

describe('which period a question means', () => {
  const oct = { year: 2026, month: 10 };
  const jan = { year: 2027, month: 1 };
  it('a named quarter is this year’s; one not begun yet this year is last year’s', () => {
    expect(resolvePeriod({ kind: 'quarter_analysis', year: null, quarter: 3 }, oct)).toMatchObject({ ok: true, key: '2026-Q3' });
    expect(resolvePeriod({ kind: 'quarter_analysis', year: null, quarter: 4 }, jan)).toMatchObject({ ok: true, key: '2026-Q4' });
  });
  it('a quarter that has not ended is said so', () => {
    expect(resolvePeriod({ kind: 'quarter_analysis', year: null, quarter: 4 }, oct)).toEqual({
      ok: false,
      reason: 'not_ended',
      kind: 'quarter',
      year: 2026,
      quarter: 4,
    });
    expect(resolvePeriod({ kind: 'quarter_analysis', year: null, quarter: 'current' }, oct)).toMatchObject({ ok: false, quarter: 4 });
    expect(resolvePeriod({ kind: 'quarter_analysis', year: 2026, quarter: 3 }, { year: 2026, month: 9 })).toMatchObject({ ok: false, quarter: 3 });
  });
  it('“季度分析” is the latest quarter that has ended, last year’s fourth in January', () => {
    expect(resolvePeriod({ kind: 'quarter_analysis', year: null, quarter: 'latest' }, oct)).toMatchObject({ ok: true, key: '2026-Q3' });
    expect(resolvePeriod({ kind: 'quarter_analysis', year: null, quarter: 'latest' }, jan)).toMatchObject({ ok: true, key: '2026-Q4' });
  });
  it('“年考核” is the last year that has ended; this year is not yet', () => {
    expect(resolvePeriod({ kind: 'year_assessment', year: 'latest' }, jan)).toEqual({ ok: true, kind: 'year', key: '2026', year: 2026 });
    expect(resolvePeriod({ kind: 'year_assessment', year: 2026 }, oct)).toEqual({ ok: false, reason: 'not_ended', kind: 'year', year: 2026 });
    expect(resolvePeriod({ kind: 'year_assessment', year: 'current' }, jan)).toMatchObject({ ok: false, year: 2027 });
  });
});
