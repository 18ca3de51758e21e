// 环比 on stored reports (issue 16): in October one project turns red and one turns yellow after a green September,
// one stays red (not new) and one stays green (never named). The October bulletin, as `diaodu bulletin` prints it in
// text and JSON, names exactly the two new ones and gives September's rate and gap as the data say.
//
//   code        name              plan (万元)                       end of September       end of October
//   HX2026-001  河西区综合管廊一期  12,000 → 18,000 on 20 October     8,400  70% (−5) 绿灯    9,000  50% (−33.3) 红灯
//   HX2026-002  河西区职教园区     10,000                            7,000  70% (−5) 绿灯    7,200  72% (−11.3) 黄灯
//   HX2026-003  河西区污水处理厂   10,000                            2,000  20% (−55) 红灯   3,000  30% (−53.3) 红灯
//   HX2026-004  河西区人民医院     9,000                             7,700  85.6% 绿灯       8,100  90%  绿灯
//
// 序时进度 at the end of September 9/12 = 75%, of October 10/12 = 250/3 %. Every figure is a month-end figure
// reported in the first round of the next month, so nothing is estimated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { saveReport } from '../../src/db/reports';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { captureIo } from '../helpers/io';
import { insertProjectWithPlan } from '../fixtures/bulletin-world';
import { bj } from '../helpers/round';

const WAN = 10_000;
const iso = (beijing: string) => new Date(bj(beijing)).toISOString();
const IMPORTED_AT = iso('2026-01-10 10:00');
const PLAN_RAISED_AT = iso('2026-10-20 10:00');
const COMPOSED_AT = '2026-11-10 09:00';

type Seed = { code: string; name: string; planWan: number; raisedToWan?: number; septemberWan: number; octoberWan: number };
const PROJECTS: Seed[] = [
  { code: 'HX2026-001', name: '河西区综合管廊一期', planWan: 12_000, raisedToWan: 18_000, septemberWan: 8_400, octoberWan: 9_000 },
  { code: 'HX2026-002', name: '河西区职教园区', planWan: 10_000, septemberWan: 7_000, octoberWan: 7_200 },
  { code: 'HX2026-003', name: '河西区污水处理厂', planWan: 10_000, septemberWan: 2_000, octoberWan: 3_000 },
  { code: 'HX2026-004', name: '河西区人民医院', planWan: 9_000, septemberWan: 7_700, octoberWan: 8_100 },
];

/** Two rounds: the week of 12 October asks the September end figure, the week of 2 November the October one. */
const ROUNDS = [
  { week: '2026-10-12', asks: '2026-09', figure: (p: Seed) => p.septemberWan },
  { week: '2026-11-02', asks: '2026-10', figure: (p: Seed) => p.octoberWan },
];

async function seed(t: TestDatabase): Promise<void> {
  const db = t.db;
  await db.insertInto('plan_years').values({ year: 2026, created_at: IMPORTED_AT }).execute();
  const county = await db.insertInto('counties').values({ name: '河西区' }).returning('id').executeTakeFirstOrThrow();
  const category = await db.insertInto('categories').values({ name: '基础设施' }).returning('id').executeTakeFirstOrThrow();
  const unit = await db.insertInto('units').values({ name: '河西区住建局', head_person_id: null }).returning('id').executeTakeFirstOrThrow();
  const periods: number[] = [];
  for (const r of ROUNDS) {
    const monday = new Date(bj(`${r.week} 00:00`)).getTime();
    const h = (hours: number) => new Date(monday + hours * 3600_000).toISOString();
    const row = await db
      .insertInto('weekly_periods')
      .values({ plan_year: 2026, week_start: r.week, opens_at: h(9), remind_at: h(87), deadline_at: h(114), asks_month_end: r.asks, created_at: h(9) })
      .returning('id')
      .executeTakeFirstOrThrow();
    periods.push(row.id);
  }
  for (const p of PROJECTS) {
    const { id, plan } = await insertProjectWithPlan(db, {
      code: p.code,
      name: p.name,
      countyId: county.id,
      categoryId: category.id,
      nature: '续建',
      level: '市重点',
      unitId: unit.id,
      leaderId: null,
      totalWan: 50_000,
      planWan: p.planWan,
      plannedStart: null,
    });
    if (p.raisedToWan !== undefined)
      await db
        .insertInto('project_plans')
        .values({ ...plan, version: 2, annual_plan_yuan: p.raisedToWan * WAN, source: '计划调整.xlsx', recorded_at: PLAN_RAISED_AT })
        .execute();
    for (const [i, r] of ROUNDS.entries()) {
      const figure = r.figure(p) * WAN;
      await saveReport(db, id, periods[i] ?? -1, {
        ytdYuan: figure,
        monthEndYuan: figure,
        progressText: '主体结构施工中',
        status: 'building',
        problemCategories: [],
        problemText: null,
        coordination: null,
        nextPlan: null,
        correctionReason: null,
        noChange: false,
        late: false,
        submittedBy: null,
        submittedAt: new Date(new Date(bj(`${r.week} 00:00`)).getTime() + (2 * 24 + 10) * 3600_000), // Wednesday 10:00
      });
    }
  }
}

describe.each(engines)('环比 with new laggards on stored reports on %s', (engine) => {
  let t: TestDatabase;
  const cli = async (argv: string[]) => {
    const io = captureIo();
    const url = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
    const code = await runCli(argv, { DATABASE_URL: url, DIAODU_NOW: bj(COMPOSED_AT) }, io.io);
    return { code, out: io.out.join('\n'), err: io.err.join('\n') };
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seed(t);
  });
  afterAll(async () => t.drop());

  // By hand, from the figures above. September: 8,400 + 7,000 + 2,000 + 7,700 = 25,100 of 12,000 + 10,000 + 10,000 +
  // 9,000 = 41,000 (HX2026-001's plan as it stood then). October: 9,000 + 7,200 + 3,000 + 8,100 = 27,300 of 47,000.
  const septemberDone = PROJECTS.reduce((s, p) => s + p.septemberWan, 0);
  const septemberPlan = PROJECTS.reduce((s, p) => s + p.planWan, 0);
  const octoberDone = PROJECTS.reduce((s, p) => s + p.octoberWan, 0);
  const octoberPlan = PROJECTS.reduce((s, p) => s + (p.raisedToWan ?? p.planWan), 0);

  it('has the sums the table above says', () => {
    expect([septemberDone, septemberPlan, octoberDone, octoberPlan]).toEqual([25_100, 41_000, 27_300, 47_000]);
  });

  it('gives September’s rate and gap unrounded in the JSON, and the two projects newly red or yellow, worst first', async () => {
    const r = await cli(['bulletin', '--month', '2026-10', '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const b = JSON.parse(r.out);
    // Rate 25,100 ÷ 41,000 = 2,510/41 %; gap 2,510/41 − 75 = −565/41 个百分点 (from the exact values, one division each).
    expect(b.change).toEqual({
      previousMonth: '2026-09',
      completionRate: (septemberDone * 100) / septemberPlan,
      gapPoints: (septemberDone * 100 - 75 * septemberPlan) / septemberPlan,
      newLaggards: [
        { code: 'HX2026-001', name: '河西区综合管廊一期', light: 'red' },
        { code: 'HX2026-002', name: '河西区职教园区', light: 'yellow' },
      ],
    });
    expect([b.change.completionRate, b.change.gapPoints]).toEqual([2_510 / 41, -565 / 41]);
    // October itself: 27,300 ÷ 47,000 = 2,730/47 %; gap 2,730/47 − 250/3 = (8,190 − 11,750)/141 = −3,560/141.
    expect([b.completionRate, b.gapPoints]).toEqual([(octoberDone * 100) / octoberPlan, (octoberDone * 300 - 250 * octoberPlan) / (3 * octoberPlan)]);
    // The one that stays red is still in the laggards' list; the green one is not a laggard at all.
    expect(b.lagging.map((l: { code: string; light: string }) => [l.code, l.light])).toEqual([
      ['HX2026-003', 'red'],
      ['HX2026-001', 'red'],
      ['HX2026-002', 'yellow'],
    ]);
  });

  it('says the 环比 and names the new laggards in the text, rounded to one decimal', async () => {
    const r = await cli(['bulletin', '--month', '2026-10']);
    expect(r.code, r.err).toBe(0);
    // 2,510/41 = 61.219…% → 61.2%; 2,730/47 = 58.085…% → 58.1%; the change 2,730/47 − 2,510/41 = −3.134… → 下降3.1;
    // −565/41 = −13.780… → 13.8; −3,560/141 = −25.248… → 25.2.
    expect(((octoberDone * 100) / octoberPlan - (septemberDone * 100) / septemberPlan).toFixed(1)).toBe('-3.1');
    expect(r.out).toContain(
      '环比：年度计划完成率由9月底的61.2%变为10月底的58.1%，下降3.1个百分点；与序时进度相比，由低于序时进度13.8个百分点变为低于序时进度25.2个百分点。',
    );
    expect(r.out).toContain('\n本月新增进度滞后项目2个（红灯1个、黄灯1个）：河西区综合管廊一期、河西区职教园区。\n');
    const newLine = r.out.split('\n').find((l) => l.startsWith('本月新增进度滞后项目')) ?? '';
    expect(newLine).not.toContain('河西区污水处理厂');
    expect(newLine).not.toContain('河西区人民医院');
    expect(r.out).not.toMatch(/河西区人民医院[^\n]*滞后/);
  });
});
