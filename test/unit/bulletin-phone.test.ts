// Issue 18 (phones): every card of the monthly bulletin, the quarter's analysis and the year's assessment reads at
// phone width (360 px), as the answer cards do: no table of more than three narrow columns (a wider one shows only
// its first column on a phone), the rest as one item a block. The figures the wide tables carried are all still there.
import { describe, expect, it } from 'vitest';
import { renderQuarterCards, renderYearCards } from '../../cards/bulletin/analysis';
import { renderBulletinCards } from '../../cards/bulletin/cards';
import { PHONE_MAX_COLUMNS } from '../../cards/answer/rows';
import type { Card } from '../../cards/elements';
import { checkCard } from '../../cards/limits';
import { renderCardText } from '../../cards/text-render';
import type { QuarterAnalysis, TrendPoint, TrendRow, YearAssessment, YearRow } from '../../src/domain/analysis';
import { checkCardRules } from '../helpers/card-rules';
import { OCTOBER_TP, SAMPLE_COUNTIES, sampleBulletin, withManyLaggards } from '../fixtures/bulletin-sample';

type Obj = Record<string, unknown>;
const tablesOf = (v: unknown): Obj[] =>
  Array.isArray(v)
    ? v.flatMap(tablesOf)
    : v && typeof v === 'object'
      ? [...((v as Obj).tag === 'table' ? [v as Obj] : []), ...Object.values(v).flatMap(tablesOf)]
      : [];

/** Within Feishu's rules and limits, and readable on a phone: every table at most three columns, its cells wrapping. */
function phoneReadable(cards: Card[]): void {
  expect(cards.length).toBeGreaterThan(0);
  for (const c of cards) {
    expect(checkCardRules(c)).toEqual([]);
    expect(checkCard(c)).toMatchObject({ ok: true });
    for (const t of tablesOf(c)) {
      expect((t.columns as unknown[]).length).toBeLessThanOrEqual(PHONE_MAX_COLUMNS);
      expect(t.row_height).toBe('auto');
    }
  }
}

const text = (cards: Card[]) => cards.map(renderCardText).join('\n');

// The sample's counties at the end of each month of the third quarter, with June's as the base: completed grows by
// a tenth of the plan a month, so the rates and gaps below follow from the figures, not from the renderer.
const TP = { '2026-06': 50, '2026-07': (7 / 12) * 100, '2026-08': (8 / 12) * 100, '2026-09': 75 } as const;
type M = keyof typeof TP;
function point(month: M, plan: number, done: number, monthNew: number, projects: number): TrendPoint {
  const r = (done / plan) * 100;
  return { month, projects, completedWan: done, completionRate: r, gapPoints: r - TP[month], monthNewWan: monthNew };
}
function trend(name: string, plan: number, june: number, projects: number, rank: number | null): TrendRow {
  const step = plan / 10;
  const months: M[] = ['2026-07', '2026-08', '2026-09'];
  return {
    name,
    base: point('2026-06', plan, june, step, projects),
    points: months.map((m, i) => point(m, plan, june + step * (i + 1), step, projects)),
    quarterNewWan: step * 3,
    rank,
  };
}

function quarter(): QuarterAnalysis {
  return {
    quarter: '2026-Q3',
    months: ['2026-07', '2026-08', '2026-09'],
    publishedMonths: ['2026-07', '2026-08'],
    baseMonth: '2026-06',
    baseTimeProgress: 50,
    timeProgress: [TP['2026-07'], TP['2026-08'], TP['2026-09']],
    timeProgressRule: 'months',
    timeProgressBasis: null,
    city: trend('全市', 300_000, 150_000, 14, null),
    counties: SAMPLE_COUNTIES.map((c, i) => trend(c.name, c.annualPlanWan, c.annualPlanWan / 2, c.projects, i + 1)),
    categories: [trend('基础设施', 270_000, 130_000, 12, null), trend('社会民生', 30_000, 20_000, 2, null)],
    composedAt: '2026-10-08T09:00:00+08:00',
  };
}

function yearRow(name: string, projects: number, plan: number, done: number, rank: number, onTime: number, timelinessRank: number): YearRow {
  const r = (done / plan) * 100;
  return {
    name,
    projects,
    annualPlanWan: plan,
    completedWan: done,
    completionRate: r,
    gapPoints: r - OCTOBER_TP,
    rank,
    dueReports: 40,
    onTimeReports: onTime,
    lateReports: 40 - onTime,
    missedReports: 0,
    onTimeRate: (onTime / 40) * 100,
    timelinessRank,
  };
}

function year(units = 3): YearAssessment {
  return {
    year: 2026,
    month: '2026-10',
    asOf: '2026-10-31',
    final: false,
    published: false,
    timeProgress: OCTOBER_TP,
    timeProgressRule: 'months',
    timeProgressBasis: null,
    planVersion: '2026年度计划（第2版）',
    rounds: 40,
    estimated: [],
    projects: 14,
    counties: SAMPLE_COUNTIES.map((c, i) => yearRow(c.name, c.projects, c.annualPlanWan, c.completedWan, i + 1, 40 - i, i + 1)),
    units: Array.from({ length: units }, (_, i) => yearRow(`第${i + 1}责任单位`, 2, 20_000, 18_000 - i * 100, i + 1, 36, 1)),
    composedAt: '2026-11-02T09:00:00+08:00',
  };
}

describe('at phone width (360 px)', () => {
  it('the monthly bulletin’s cards, published and draft, short and long, have no table wider than three columns', () => {
    for (const b of [sampleBulletin(), withManyLaggards(sampleBulletin(), 300)]) {
      phoneReadable(renderBulletinCards(b));
      phoneReadable(renderBulletinCards(b, { draft: true }));
    }
  });

  it('the quarter’s analysis keeps every month’s figures: the city in three columns, counties and categories a block each', () => {
    const cards = renderQuarterCards(quarter());
    phoneReadable(cards);
    phoneReadable(renderQuarterCards(quarter(), { draft: true }));
    const t = text(cards);
    // 9月: 150,000 + 3 × 30,000 = 240,000 万元 = 24.00亿元 of 30.00: 80.0%, +5.0 against 序时 75%; 当月 3.00亿元.
    expect(t).toContain('9月 累计完成24.00亿元，当月完成3.00亿元，序时进度75% | 80.0% | +5.0');
    // 江北区: 60,000 in June of 120,000 (50.0%), then +12,000 a month: 60.0%, 70.0%, 80.0%; 序时 75% at September's end.
    expect(t).toContain(
      '2. 江北区\n完成率(7月→8月→9月)：60.0%→70.0%→80.0%\n上季末(6月底)完成率：50.0%　较上季末：提高30.0个百分点\n季末与序时差(个百分点)：+5.0　本季度完成(亿元)：3.60',
    );
    expect(t).toContain('社会民生\n完成率(7月→8月→9月)：76.7%→86.7%→96.7%');
  });

  it('the year’s assessment keeps both ranks and the reporting rate under each name, and splits a long list over cards', () => {
    const cards = renderYearCards(year());
    phoneReadable(cards);
    phoneReadable(renderYearCards(year(120)));
    const t = text(cards);
    // 东阳县: 37,500 of 60,000 万元 = 62.5%, 62.5 − 83.33 = −20.8; 37 of 40 on time = 92.5%.
    expect(t).toContain('东阳县 3个项目，年度计划6.00亿元，累计完成3.75亿元；完成率排名4，按时报送率92.5%，报送排名4 | 62.5% | -20.8');
    expect(t).toContain('第1责任单位 2个项目，年度计划2.00亿元，累计完成1.80亿元；完成率排名1，按时报送率90.0%，报送排名1 | 90.0% | +6.7');
  });
});
