// Month-end figures when the weekly periods were not created in week order (the clock was set back, or a week was
// opened by hand late): the latest report before the month end is still the latest by week, not by period id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeBulletin } from '../../src/bulletin/compose/compose';
import { latestFigures, latestReports } from '../../src/db/latest-reports';
import { saveReport } from '../../src/db/reports';
import { loadSettings } from '../../src/db/settings';
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
