// Month-end figures when the weekly periods were not created in week order (the clock was set back, or a week was
// opened by hand late): the latest report before the month end is still the latest by week, not by period id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeBulletin } from '../../src/bulletin/compose/compose';
import { latestFigures, latestReports } from '../../src/db/latest-reports';
import { saveReport } from '../../src/db/reports';
import { loadSettings } from '../../src/db/settings';
import { bulletinText } from '../../src/bulletin/render/text';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';

const T = '2026-01-10T02:00:00.000Z';
const WAN = 10_000;

describe.each(engines)('month-end figures with periods out of order on %s', (engine) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const db = t.db;
    await db.insertInto('plan_years').values({ year: 2026, created_at: T }).execute();
    await db.insertInto('counties').values({ name: '江北区' }).execute();
    await db.insertInto('categories').values({ name: '基础设施' }).execute();
    await db.insertInto('units').values({ name: '江北区住建局', head_person_id: null }).execute();
    const p = await db
      .insertInto('projects')
      .values({
        plan_year: 2026,
        code: 'JB2026-001',
        name: '江北区滨江安置房二期',
        county_id: 1,
        category_id: 1,
        nature: '续建',
        level: '市重点',
        unit_id: 1,
        leader_id: null,
        owner: null,
        content: null,
        national_code: null,
        dropped_at: null,
        created_at: T,
        updated_at: T,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('project_plans')
      .values({
        project_id: p.id,
        version: 1,
        total_investment_yuan: 50_000 * WAN,
        annual_plan_yuan: 10_000 * WAN,
        prior_completed_yuan: 0,
        planned_start: null,
        planned_end: null,
        source: 'x',
        recorded_at: T,
      })
      .execute();
    // Created in this order: the week of 28 September first, then 21 September, then 5 October (which asks for September).
    const ids: Record<string, number> = {};
    for (const [week, asks] of [
      ['2026-09-28', null],
      ['2026-09-21', null],
      ['2026-10-05', '2026-09'],
    ] as const) {
      const monday = Date.parse(`${week}T00:00:00+08:00`);
      const h = (n: number) => new Date(monday + n * 3600_000).toISOString();
      const row = await db
        .insertInto('weekly_periods')
        .values({ plan_year: 2026, week_start: week, opens_at: h(9), remind_at: h(87), deadline_at: h(114), asks_month_end: asks, created_at: h(9) })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[week] = row.id;
    }
    const report = (week: string, ytd: number) =>
      saveReport(db, p.id, ids[week] ?? -1, {
        ytdYuan: ytd * WAN,
        monthEndYuan: null,
        progressText: '主体结构施工至10层',
        status: 'building',
        problemCategories: [],
        problemText: null,
        coordination: null,
        nextPlan: null,
        correctionReason: null,
        noChange: false,
        late: false,
        submittedBy: null,
        submittedAt: new Date(Date.parse(`${week}T10:00:00+08:00`) + 2 * 86_400_000),
      });
    await report('2026-09-21', 6_000);
    await report('2026-09-28', 6_500);
    await report('2026-10-05', 7_000); // no month-end figure given: September is the week of 28 September's figure
  });
  afterAll(async () => t.drop());

  it('takes the latest week before the month end as the estimated figure', async () => {
    const { settings } = await loadSettings(t.db);
    const b = await composeBulletin(t.db, '2026-09', { settings, now: new Date('2026-10-20T09:00:00+08:00') });
    expect(b.table.map((r) => [r.code, r.completedWan, r.estimated])).toEqual([['JB2026-001', 6_500, true]]);
    expect(b.estimated).toEqual(['JB2026-001']);
    // August: no round had opened by its end.
    const august = await composeBulletin(t.db, '2026-08', { settings, now: new Date('2026-10-20T09:00:00+08:00') });
    expect(august.table.map((r) => r.completedWan)).toEqual([null]);
  });

  it('answers and summaries take the latest week too, not the highest period id', async () => {
    // Up to the week of 28 September: the report of that week (6,500万元), though 21 September's period id is higher.
    const latest = await latestReports(t.db, 2026, '2026-09-28');
    expect([...latest.values()].map((r) => [r.weekStart, r.ytdYuan / WAN])).toEqual([['2026-09-28', 6_500]]);
    const figures = await latestFigures(t.db, 2026, '2026-09-28');
    expect([...figures.byProject.values()].map((r) => [r.weekStart, r.ytdYuan / WAN])).toEqual([['2026-09-28', 6_500]]);
    // Up to 21 September only that week counts; up to 5 October the newest report.
    expect([...(await latestReports(t.db, 2026, '2026-09-21')).values()].map((r) => r.ytdYuan / WAN)).toEqual([6_000]);
    expect([...(await latestFigures(t.db, 2026, '2026-10-05')).byProject.values()].map((r) => r.ytdYuan / WAN)).toEqual([7_000]);
  });
});

// domain.md §3: an estimate is "the latest figure reported on or before the month end". A report of the last week of
// September first submitted in October (补报), or an amendment made in October, is not what stood at the month end.
describe.each(engines)('estimates from what was submitted by the month end on %s', (engine) => {
  let t: TestDatabase;
  const ids: Record<string, number> = {};
  const projects: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const db = t.db;
    await db.insertInto('plan_years').values({ year: 2026, created_at: T }).execute();
    await db.insertInto('counties').values({ name: '江北区' }).execute();
    await db.insertInto('categories').values({ name: '基础设施' }).execute();
    await db.insertInto('units').values({ name: '江北区住建局', head_person_id: null }).execute();
    for (const [code, name] of [
      ['JB2026-001', '江北区滨江安置房二期'],
      ['JB2026-002', '江北区滨江路改造'],
    ] as const) {
      const p = await db
        .insertInto('projects')
        .values({
          plan_year: 2026,
          code,
          name,
          county_id: 1,
          category_id: 1,
          nature: '续建',
          level: '市重点',
          unit_id: 1,
          leader_id: null,
          owner: null,
          content: null,
          national_code: null,
          dropped_at: null,
          created_at: T,
          updated_at: T,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      projects[code] = p.id;
      await db
        .insertInto('project_plans')
        .values({
          project_id: p.id,
          version: 1,
          total_investment_yuan: 50_000 * WAN,
          annual_plan_yuan: 10_000 * WAN,
          prior_completed_yuan: 0,
          planned_start: null,
          planned_end: null,
          source: 'x',
          recorded_at: T,
        })
        .execute();
    }
    // In week order; the week of 5 October asks for September's figure, which nobody gives.
    for (const [week, asks] of [
      ['2026-09-21', null],
      ['2026-09-28', null],
      ['2026-10-05', '2026-09'],
    ] as const) {
      const monday = Date.parse(`${week}T00:00:00+08:00`);
      const h = (n: number) => new Date(monday + n * 3600_000).toISOString();
      const row = await db
        .insertInto('weekly_periods')
        .values({ plan_year: 2026, week_start: week, opens_at: h(9), remind_at: h(87), deadline_at: h(114), asks_month_end: asks, created_at: h(9) })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[week] = row.id;
    }
    const report = (code: string, week: string, ytd: number, at: string, late = false) =>
      saveReport(db, projects[code] ?? -1, ids[week] ?? -1, {
        ytdYuan: ytd * WAN,
        monthEndYuan: null,
        progressText: '主体结构施工',
        status: 'building',
        problemCategories: [],
        problemText: null,
        coordination: null,
        nextPlan: null,
        correctionReason: null,
        noChange: false,
        late,
        submittedBy: null,
        submittedAt: new Date(`${at}+08:00`),
      });
    // JB-001: the week of 21 September on the 23rd; the week of 28 September only on 3 October, as a 补报.
    await report('JB2026-001', '2026-09-21', 6_000, '2026-09-23T10:00:00');
    await report('JB2026-001', '2026-09-28', 6_500, '2026-10-03T10:00:00', true);
    // JB-002: the week of 28 September on the 30th, amended on 2 October.
    await report('JB2026-002', '2026-09-28', 7_000, '2026-09-30T16:00:00');
    await report('JB2026-002', '2026-09-28', 7_200, '2026-10-02T09:00:00');
  });
  afterAll(async () => t.drop());

  it('counts each at the figure that stood at the month end, marked 估 with its week and day', async () => {
    const { settings } = await loadSettings(t.db);
    const now = new Date('2026-10-20T09:00:00+08:00');
    const b = await composeBulletin(t.db, '2026-09', { settings, now });
    expect(b.table.map((r) => [r.code, r.completedWan, r.estimated, r.estimatedFrom])).toEqual([
      ['JB2026-001', 6_000, true, { week: '2026-W39', date: '2026-09-23' }],
      ['JB2026-002', 7_000, true, { week: '2026-W40', date: '2026-09-30' }],
    ]);
    const text = bulletinText(b);
    expect(text).toContain('江北区滨江安置房二期（江北区住建局，估（第39周 9月23日填报））');
    expect(text).toContain('江北区滨江路改造（江北区住建局，估（第40周 9月30日填报））');
    // The combined read of earlier months (October's bulletin reads September through it) says the same: October's
    // new investment is measured from September's 6,000 + 7,000 万元.
    const october = await composeBulletin(t.db, '2026-10', { settings, now: new Date('2026-11-20T09:00:00+08:00') });
    expect(october.completedWan).toBe(6_500 + 7_200);
    expect(october.counties.map((c) => c.monthNewWan)).toEqual([500 + 200]);
  });
});
