// The question parser's figures, rankings, 月通报 and 报送情况 (src/domain/question-metrics.ts): the phrasings leaders
// type, with typos, spaces, full-width digits and Chinese numerals; and which period a question means on a given day.
import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/domain/question';
import { chineseNumber, type MetricPeriod, resolveMetricPeriod, takePeriod } from '../../src/domain/question-metrics';
import { sampleIndex } from '../helpers/question-index';

const index = await sampleIndex();
const idOf = (type: 'county' | 'unit' | 'category', name: string) => {
  const hit = [...index.names[type]].find(([, n]) => n === name);
  if (!hit) throw new Error(`no ${type} ${name}`);
  return hit[0];
};
const JIANGBEI = idOf('county', '江北区');
const TRANSPORT = idOf('unit', '市交通运输局');

const latest: MetricPeriod = { kind: 'latest' };
const month = (m: number | null, rel: 'this' | 'last' | null = null, year: number | null = null): MetricPeriod => ({ kind: 'month', year, month: m, rel });
const quarter = (q: 1 | 2 | 3 | 4 | null, cumulativeWord = false, rel: 'this' | 'last' | null = null): MetricPeriod => ({
  kind: 'quarter',
  year: null,
  quarter: q,
  rel,
  cumulativeWord,
});
const metric = (measure: 'amount' | 'rate', period: MetricPeriod, filter: object = {}, unit: 'yi' | 'wan' = 'yi') => ({
  kind: 'metric',
  measure,
  unit,
  period,
  filter,
});
const ranking = (
  subject: 'project' | 'county' | 'unit',
  by: 'rate' | 'plan' | 'done',
  order: 'asc' | 'desc',
  n: number | null,
  filter: object = {},
  period: MetricPeriod = latest,
) => ({ kind: 'ranking', subject, by, order, n, period, filter });

describe('figures of a period', () => {
  it.each([
    ['本月完成率', metric('rate', month(null, 'this'))],
    ['这个月完成率多少', metric('rate', month(null, 'this'))],
    ['上月完成率', metric('rate', month(null, 'last'))],
    ['上个月完成投资多少亿', metric('amount', month(null, 'last'))],
    ['10月完成投资多少', metric('amount', month(10))],
    ['十月完成投资多少', metric('amount', month(10))],
    ['十月份完成了多少投资', metric('amount', month(10))],
    ['１０月完成率', metric('rate', month(10))],
    ['1 0 月 完成率', metric('rate', month(10))],
    ['截至10月底完成多少', metric('amount', month(10))],
    ['截止10月底完成率', metric('rate', month(10))],
    ['截至十月底的完成率是多少？', metric('rate', month(10))],
    ['1-10月完成投资', metric('amount', month(10))],
    ['1至10月累计完成投资多少亿元', metric('amount', month(10))],
    ['前10个月完成投资', metric('amount', month(10))],
    ['2026年10月完成投资多少亿元', metric('amount', month(10, null, 2026))],
    ['9月份完成率', metric('rate', month(9))],
    ['十一月完成率', metric('rate', month(11))],
    ['12月完成率', metric('rate', month(12))],
    ['今年完成投资多少', metric('amount', latest)],
    ['去年完成率', metric('rate', { kind: 'last_year' })],
    ['今年以来完成投资多少亿', metric('amount', latest)],
    ['截至目前全市完成了多少投资', metric('amount', latest)],
    ['一季度完成投资', metric('amount', quarter(1))],
    ['第三季度完成率', metric('rate', quarter(3))],
    ['3季度完成率', metric('rate', quarter(3))],
    ['Q3完成率', metric('rate', quarter(3))],
    ['前三季度完成投资', metric('amount', quarter(3, true))],
    ['前3季度完成率', metric('rate', quarter(3, true))],
    ['1-3季度完成投资', metric('amount', quarter(3, true))],
    ['上半年完成率', metric('rate', quarter(2, true))],
    ['本季度完成率', metric('rate', quarter(null, false, 'this'))],
    ['上季度完成投资', metric('amount', quarter(null, false, 'last'))],
  ])('%s', (q, expected) => {
    expect(parseQuestion(q, index)).toEqual(expected);
  });
});

describe('aggregates in the unit asked, narrowed to a group', () => {
  it.each([
    ['全市完成投资多少亿', metric('amount', latest)],
    ['全市完成投资多少万', metric('amount', latest, {}, 'wan')],
    ['全市一共完成投资多少万元？', metric('amount', latest, {}, 'wan')],
    ['完成率', metric('rate', latest)],
    ['全市投资完成率', metric('rate', latest)],
    ['江北区完成投资多少亿', metric('amount', latest, { county: JIANGBEI })],
    ['江北区一共完成多少亿', metric('amount', latest, { county: JIANGBEI })],
    ['江北区10月完成投资多少万', metric('amount', month(10), { county: JIANGBEI }, 'wan')],
    ['江北 完成率', metric('rate', latest, { county: JIANGBEI })],
    ['市交通运输局完成率', metric('rate', latest, { unit: TRANSPORT })],
    ['我的项目完成率', metric('rate', latest, { mine: true })],
    ['我包联的项目完成投资多少', metric('amount', latest, { mine: true })],
  ])('%s', (q, expected) => {
    expect(parseQuestion(q, index)).toEqual(expected);
  });
});

describe('rankings and top-N', () => {
  it.each([
    ['完成率最低的5个项目', ranking('project', 'rate', 'asc', 5)],
    ['完成率最低的五个项目', ranking('project', 'rate', 'asc', 5)],
    ['完 成 率 最 低 的 5 个', ranking('project', 'rate', 'asc', 5)],
    ['完成率最高的10个', ranking('project', 'rate', 'desc', 10)],
    ['完成率最高的十个项目', ranking('project', 'rate', 'desc', 10)],
    ['完成率倒数前五', ranking('project', 'rate', 'asc', 5)],
    ['完成率排名前5', ranking('project', 'rate', 'desc', 5)],
    ['进度最慢的10个项目', ranking('project', 'rate', 'asc', 10)],
    ['投资最多的项目', ranking('project', 'plan', 'desc', null)],
    ['年度计划投资最大的5个项目', ranking('project', 'plan', 'desc', 5)],
    ['完成投资最多的项目', ranking('project', 'done', 'desc', null)],
    ['完成投资最少的3个项目', ranking('project', 'done', 'asc', 3)],
    ['江北区完成率最低的3个项目', ranking('project', 'rate', 'asc', 3, { county: JIANGBEI })],
    ['县区排名', ranking('county', 'rate', 'desc', null)],
    ['各县区完成率排名', ranking('county', 'rate', 'desc', null)],
    ['县区完成率排行榜', ranking('county', 'rate', 'desc', null)],
    ['区县排名', ranking('county', 'rate', 'desc', null)],
    ['10月县区排名', ranking('county', 'rate', 'desc', null, {}, month(10))],
    ['单位排名', ranking('unit', 'rate', 'desc', null)],
    ['各单位完成率排名', ranking('unit', 'rate', 'desc', null)],
    ['责任单位完成率最低的5个', ranking('unit', 'rate', 'asc', 5)],
  ])('%s', (q, expected) => {
    expect(parseQuestion(q, index)).toEqual(expected);
  });
});

describe('月通报 and 报送情况', () => {
  it.each([
    ['月通报', { kind: 'month_bulletin', year: null, month: null, rel: null, full: false }],
    ['最新月通报', { kind: 'month_bulletin', year: null, month: null, rel: null, full: false }],
    ['发一下最新一期月通报', { kind: 'month_bulletin', year: null, month: null, rel: null, full: false }],
    ['10月月通报', { kind: 'month_bulletin', year: null, month: 10, rel: null, full: false }],
    ['十月份通报', { kind: 'month_bulletin', year: null, month: 10, rel: null, full: false }],
    ['2026年9月月通报', { kind: 'month_bulletin', year: 2026, month: 9, rel: null, full: false }],
    ['上个月通报', { kind: 'month_bulletin', year: null, month: null, rel: 'last', full: false }],
    ['10月月通报全文', { kind: 'month_bulletin', year: null, month: 10, rel: null, full: true }],
    ['上周报送情况', { kind: 'week_reporting', week: 'last', filter: {} }],
    ['上周填报情况', { kind: 'week_reporting', week: 'last', filter: {} }],
    ['本周报送情况', { kind: 'week_reporting', week: 'this', filter: {} }],
    ['这周报送率', { kind: 'week_reporting', week: 'this', filter: {} }],
    ['报送情况', { kind: 'week_reporting', week: 'this', filter: {} }],
    ['江北区上周报送情况', { kind: 'week_reporting', week: 'last', filter: { county: JIANGBEI } }],
  ])('%s', (q, expected) => {
    expect(parseQuestion(q, index)).toEqual(expected);
  });
});

describe('questions that are not these stay what they were', () => {
  it.each([
    ['江北区进度', 'summary'],
    ['全市进度', 'city'],
    ['本周未报送', 'list'],
    ['滞后项目', 'list'],
    ['三季度分析', 'quarter_analysis'],
    ['年度考核排名', 'year_assessment'],
    ['待协调问题', 'problems'],
    ['帮助', 'help'],
  ])('%s → %s', (q, kind) => {
    expect(parseQuestion(q, index).kind).toBe(kind);
  });

  it('a project named with a figure word is not taken for the city', () => {
    const got = parseQuestion('江北区梅林棚户区改造安置房二期完成率', index);
    expect(got.kind).toBe('project');
  });
});

describe('numbers and periods', () => {
  it.each([
    ['十', 10],
    ['十一', 11],
    ['十二', 12],
    ['二十', 20],
    ['三', 3],
    ['两', 2],
    ['12', 12],
    ['百', null],
  ])('%s → %s', (s, n) => {
    expect(chineseNumber(s)).toBe(n);
  });

  it('"12月" is December, "1-12月" is January to December, "11月" is November', () => {
    expect(takePeriod('12月').period).toEqual(month(12));
    expect(takePeriod('112月').period).toEqual(month(12));
    expect(takePeriod('11月').period).toEqual(month(11));
  });

  const today = { year: 2026, month: 11 };
  it.each([
    [month(10), { kind: 'month_end', year: 2026, month: 10, quarter: null }],
    [month(null, 'last'), { kind: 'month_end', year: 2026, month: 10, quarter: null }],
    [month(null, 'this'), { kind: 'latest', running: { what: '本月（11月）' } }],
    [month(11), { kind: 'latest', running: { what: '11月' } }],
    [month(12), { kind: 'future', what: '2026年12月' }],
    [month(10, null, 2025), { kind: 'other_year', year: 2025 }],
    [quarter(3), { kind: 'month_end', year: 2026, month: 9, quarter: { q: 3, cumulativeWord: false } }],
    [quarter(3, true), { kind: 'month_end', year: 2026, month: 9, quarter: { q: 3, cumulativeWord: true } }],
    [quarter(null, false, 'last'), { kind: 'month_end', year: 2026, month: 9, quarter: { q: 3, cumulativeWord: false } }],
    [quarter(4), { kind: 'latest', running: { what: '四季度' } }],
    [quarter(null, false, 'this'), { kind: 'latest', running: { what: '本季度（四季度）' } }],
    [latest, { kind: 'latest', running: null }],
    [{ kind: 'last_year' } as MetricPeriod, { kind: 'other_year', year: 2025 }],
  ])('on 2026-11: %j → %j', (p, expected) => {
    expect(resolveMetricPeriod(p, today, 2026)).toEqual(expected);
  });

  it('in January the last quarter and the last month are the year before', () => {
    expect(resolveMetricPeriod(quarter(null, false, 'last'), { year: 2027, month: 1 }, 2026)).toEqual({
      kind: 'month_end',
      year: 2026,
      month: 12,
      quarter: { q: 4, cumulativeWord: false },
    });
    expect(resolveMetricPeriod(month(null, 'last'), { year: 2027, month: 1 }, 2026)).toEqual({ kind: 'month_end', year: 2026, month: 12, quarter: null });
    // Before the new year's register is imported, 去年 is the year the answers hold, at its December end.
    expect(resolveMetricPeriod({ kind: 'last_year' }, { year: 2027, month: 1 }, 2026)).toEqual({ kind: 'month_end', year: 2026, month: 12, quarter: null });
  });
});
