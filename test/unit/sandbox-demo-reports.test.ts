// The sandbox's demo reports: the same every time, and shaped like real ones for each kind of project.
import { describe, expect, it } from 'vitest';
import { type DemoProject, demoReport, demoYtdYuan } from '../../src/sandbox/demo-reports';

const WAN = 10_000;
const building: DemoProject = {
  code: 'T-001',
  category: '基础设施',
  nature: '续建',
  annualPlanYuan: 20_000 * WAN,
  totalInvestmentYuan: 90_000 * WAN,
  priorCompletedYuan: 40_000 * WAN,
  plannedStart: '2025-03-01',
  plannedEnd: '2027-10-31',
};

describe('demo reports', () => {
  it('are the same for the same project and date, and the cumulative figure grows week by week', () => {
    expect(demoReport(building, '2026-11-18', 2026)).toEqual(demoReport(building, '2026-11-18', 2026));
    const weeks = ['2026-10-14', '2026-10-21', '2026-10-28', '2026-11-04', '2026-11-11', '2026-11-18'];
    const ytd = weeks.map((d) => demoYtdYuan(building, d, 2026));
    for (let i = 1; i < ytd.length; i++) expect(ytd[i]).toBeGreaterThan(ytd[i - 1]!);
    // Whole tenths of a 万元, as reporters type them.
    for (const y of ytd) expect(y % 1000).toBe(0);
  });

  it('never report more than the project has left to invest', () => {
    const nearlyDone = { ...building, code: 'T-002', totalInvestmentYuan: 41_000 * WAN };
    expect(demoYtdYuan(nearlyDone, '2026-12-30', 2026)).toBeLessThanOrEqual(1_000 * WAN);
  });

  it('a 前期 project and a new start planned later have not started, and say what stage they are at', () => {
    const early = demoReport({ ...building, code: 'T-003', nature: '前期' }, '2026-11-18', 2026);
    const later = { ...building, code: 'T-004', nature: '新开工', plannedStart: '2026-12-15' };
    expect(early?.status).toBe('not_started');
    expect(demoYtdYuan(later, '2026-11-18', 2026)).toBe(0);
    const report = demoReport(later, '2026-11-18', 2026);
    expect(report?.status).toBe('not_started');
    expect(report?.progressText).toContain('计划12月开工');
  });

  it('a 竣工 project past its planned end reports 竣工', () => {
    const done = demoReport({ ...building, code: 'T-006', nature: '竣工', plannedEnd: '2026-09-30' }, '2026-11-18', 2026);
    expect(done?.status).toBe('completed');
    expect(done?.progressText).toContain('竣工验收');
  });
});
