// The bulletin's text for situations the hand-worked plan year does not reach: a gap that rounds to nothing, laggards
// listed first, sections without data, long lists, a day-based 序时进度.
import { describe, expect, it } from 'vitest';
import { bulletinText } from '../../src/bulletin/text';
import type { Bulletin, BulletinCountyRow, BulletinProjectRow } from '../../src/domain/bulletin';

const county = (name: string, rate: number, rank: number): BulletinCountyRow => ({
  name,
  projects: 1,
  annualPlanWan: 10_000,
  completedWan: rate * 100,
  completionRate: rate,
  gapPoints: rate - 75,
  monthNewWan: 1_000,
  rank,
});

const row = (code: string, over: Partial<BulletinProjectRow> = {}): BulletinProjectRow => ({
  code,
  name: `项目${code}`,
  county: '江北区',
  category: '基础设施',
  level: '市重点',
  nature: '续建',
  unit: '市住建局',
  leader: null,
  totalInvestmentWan: 50_000,
  annualPlanWan: 10_000,
  completedWan: 7_500,
  estimated: false,
  completionRate: 75,
  gapPoints: 0,
  light: 'green',
  status: '在建',
  progressText: '主体结构施工至10层',
  ...over,
});

/** A September bulletin with nothing to report beyond the headline; tests override what they look at. */
function bulletin(over: Partial<Bulletin> = {}): Bulletin {
  return {
    month: '2026-09',
    asOf: '2026-09-30',
    timeProgress: 75,
    timeProgressRule: 'months',
    timeProgressBasis: '按整月计算',
    planVersion: '2026年度计划（第1版，2026-01-10 导入）',
    projects: 1,
    annualPlanWan: 10_000,
    completedWan: 7_503,
    completionRate: 75.03,
    gapPoints: 0.03,
    plannedStarts: 0,
    started: 0,
    starts: { plannedStarts: 0, started: 0, early: 0, onTime: 0, late: 0, plannedCompletions: 0, completed: 0, inProduction: 0 },
    levels: [],
    categories: [],
    counties: [county('江北区', 75.03, 1)],
    countyOrder: 'highest_first',
    lagging: [],
    unreported: [],
    estimated: [],
    problems: { byStatus: {}, byCategory: {}, newThisMonth: 0, closedThisMonth: 0, closureRate: null, overdue: [] },
    timeliness: { onTimeUnits: 1, totalUnits: 1, lateUnits: [], rounds: 4 },
    corrections: [],
    requirements: '请各单位加快推进。',
    table: [row('JB2026-001')],
    composedAt: '2026-10-05T01:00:00.000Z',
    ...over,
  };
}

describe('the bulletin text', () => {
  it('says 持平 when the gap rounds to nothing, never "低于…0.0"', () => {
    const text = bulletinText(bulletin());
    expect(text).toContain('截至9月底，全市1个重点项目累计完成投资0.75亿元，占年度计划的75.0%，与序时进度持平。');
    expect(text).not.toContain('0.0个百分点');
  });

  it('says when the county table lists laggards first, with rank 1 still the highest rate', () => {
    const text = bulletinText(bulletin({ countyOrder: 'lowest_first', counties: [county('市直', 50, 3), county('青河县', 60, 2), county('江北区', 80, 1)] }));
    expect(text).toContain('（按完成率由低到高排列，排名以完成率最高者为第1名）');
    expect(text.indexOf('市直 | 1 | 1.00 | 0.50 | 50.0% | -25.0')).toBeLessThan(text.indexOf('江北区 | 1 | 1.00 | 0.80 | 80.0% | +5.0'));
  });

  it('says so for each section without data', () => {
    const text = bulletinText(bulletin({ timeliness: { onTimeUnits: 0, totalUnits: 1, lateUnits: [], rounds: 0 } }));
    for (const line of [
      '本年度无计划新开工项目。',
      '本期无停工、半停工项目。',
      '本期无未达序时进度项目。',
      '截至9月底，本年度问题台账暂无记录。',
      '9月无已截止的周调度，不统计按时报送情况。',
      '9月全部项目均已填报。',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toContain('（一）分级别\n暂无数据。');
  });

  it('cuts long lists short in the text (the 附表 and the JSON keep them all)', () => {
    const codes = Array.from({ length: 40 }, (_, i) => `JB2026-${String(i + 1).padStart(3, '0')}`);
    const text = bulletinText(bulletin({ estimated: codes, table: codes.map((c) => row(c, { estimated: true })) }));
    expect(text).toContain('以下40个项目未填报9月底累计完成投资，按9月底前最近一次填报数计：JB2026-001、');
    expect(text).toContain('JB2026-030等40个。');
    expect(text).not.toContain('JB2026-031');
  });

  it('names a day-based 序时进度 as such', () => {
    const text = bulletinText(bulletin({ timeProgressRule: 'days', timeProgressBasis: '按天数计算', timeProgress: 74.79452054794521 }));
    expect(text).toContain('序时进度74.79%（按天数计算）；');
  });

  it('prints a rate-less project in the lagging list without a rate', () => {
    const lagging = [
      {
        code: 'SZ2026-009',
        name: '市会展中心',
        county: '市直',
        unit: '市商务局',
        leader: '王建国',
        completionRate: null,
        gapPoints: null,
        light: 'red' as const,
        reasons: ['开工滞后' as const],
        monthsLagging: 0,
      },
    ];
    const text = bulletinText(bulletin({ lagging }));
    expect(text).toContain('1. 市会展中心（SZ2026-009）——市直，责任单位：市商务局，包联领导：王建国；红灯；开工滞后。');
  });
});
