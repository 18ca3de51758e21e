// The monthly bulletin composed from a small plan year whose figures were worked out by hand (test/fixtures/
// bulletin-world.ts): the October JSON to the last digit, September published and then amended, the amendment listed
// once as a correction, and the text in the bulletin's words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeBulletin } from '../../src/bulletin/compose/compose';
import { bulletinForMonth } from '../../src/bulletin/compose/snapshot';
import { serializeSnapshot } from '../../src/domain/bulletin-snapshot';
import { bulletinText } from '../../src/bulletin/render/text';
import type { Bulletin } from '../../src/domain/bulletin';
import { saveReport } from '../../src/db/reports';
import { loadSettings, saveSetting } from '../../src/db/settings';
import { renderBulletinCards } from '../../cards/bulletin/cards';
import { bulletinDocx } from '../../src/bulletin/render/docx';
import { type DocxParagraph, readDocx } from '../helpers/docx';
import { cardText } from '../helpers/round';
import { type Settings, settingDefinitions } from '../../src/domain/settings';
import { amendQingheSeptember, type BulletinWorld, OCTOBER_COMPOSED_AT, SEPTEMBER_PUBLISHED_AT, seedBulletinWorld } from '../fixtures/bulletin-world';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { bj } from '../helpers/round';

const at = (s: string) => new Date(bj(s));

/**
 * October 2026 by hand. 序时进度 10/12 = 250/3 %. Month-end figures (万元): JB-001 8,500, JB-002 0, JB-003 8,800,
 * QH-001 33,000, QH-002 5,000 (no month-end figure: its latest before the month end), SZ-001 none, SZ-002 2,500 —
 * 57,800 of a plan of 110,000 (SZ-002's plan cut to 5,000 on 15 September): 578/11 %, gap 578/11 − 250/3 = −1016/33.
 * 本月新增 = October's figures − September's (now, after QH-001's amendment: 7,000, 0, 7,500, 30,000, 4,500, –, 1,000).
 */
const OCTOBER: Omit<Bulletin, 'requirements' | 'composedAt'> = {
  // Composed on 10 November with September published (第1期): it would be the second issue of 2026, dated that day.
  issue: { office: '市重点项目建设工作领导小组办公室', title: '全市重点项目建设情况通报', year: 2026, number: 2, date: '2026-11-10' },
  // 环比 with September as the data are now (QH-001 amended to 30,000): 50,000 of 110,000 = 500/11 %, gap 500/11 − 75.
  // JB-002, QH-002 and SZ-002 were red already at the end of September: no project is newly 进度滞后.
  change: { previousMonth: '2026-09', completionRate: 45.45454545454545, gapPoints: -29.545454545454547, newLaggards: [] },
  month: '2026-10',
  asOf: '2026-10-31',
  timeProgress: 83.33333333333333,
  timeProgressRule: 'months',
  timeProgressBasis: '按整月计算',
  planVersion: '2026年度计划（第2版，2026-09-15 调整）',
  projects: 7,
  annualPlanWan: 110_000,
  completedWan: 57_800,
  completionRate: 52.54545454545455, // 578/11
  gapPoints: -30.78787878787879, // −1016/33, from exact values (the float difference would be −30.787878787878782)
  plannedStarts: 3,
  started: 1,
  // SZ-002 planned for October, building since September: early. JB-002 planned for July, not started: late.
  // SZ-001 never reported: neither. JB-003 (竣工) reported 竣工.
  starts: { plannedStarts: 3, started: 1, early: 1, onTime: 0, late: 1, plannedCompletions: 1, completed: 1, inProduction: 0 },
  levels: [
    { name: '省重点', projects: 2, annualPlanWan: 25_000, completedWan: 2_500, completionRate: 10, gapPoints: -73.33333333333333, monthNewWan: 1_500 },
    {
      name: '市重点',
      projects: 4,
      annualPlanWan: 73_000,
      completedWan: 50_300,
      completionRate: 68.9041095890411,
      gapPoints: -14.429223744292237,
      monthNewWan: 5_800,
    },
    {
      name: '县重点',
      projects: 1,
      annualPlanWan: 12_000,
      completedWan: 5_000,
      completionRate: 41.666666666666664,
      gapPoints: -41.666666666666664,
      monthNewWan: 500,
    },
  ],
  categories: [
    {
      name: '基础设施',
      projects: 3,
      annualPlanWan: 58_000,
      completedWan: 50_300,
      completionRate: 86.72413793103448,
      gapPoints: 3.3908045977011496,
      monthNewWan: 5_800,
    },
    { name: '产业发展', projects: 2, annualPlanWan: 25_000, completedWan: 2_500, completionRate: 10, gapPoints: -73.33333333333333, monthNewWan: 1_500 },
    {
      name: '社会民生',
      projects: 2,
      annualPlanWan: 27_000,
      completedWan: 5_000,
      completionRate: 18.51851851851852,
      gapPoints: -64.81481481481481,
      monthNewWan: 500,
    },
  ],
  counties: [
    {
      name: '青河县',
      projects: 2,
      annualPlanWan: 52_000,
      completedWan: 38_000,
      completionRate: 73.07692307692308,
      gapPoints: -10.256410256410257,
      monthNewWan: 3_500,
      rank: 1,
    },
    {
      name: '江北区',
      projects: 3,
      annualPlanWan: 38_000,
      completedWan: 17_300,
      completionRate: 45.526315789473685,
      gapPoints: -37.80701754385965,
      monthNewWan: 2_800,
      rank: 2,
    },
    { name: '市直', projects: 2, annualPlanWan: 20_000, completedWan: 2_500, completionRate: 12.5, gapPoints: -70.83333333333333, monthNewWan: 1_500, rank: 3 },
  ],
  countyOrder: 'highest_first',
  // Worst first. JB-002 had no August figure, so its run is two months; QH-001 was exactly at 序时 in September
  // (30,000 of 40,000 = 75 %), so its run is one.
  lagging: [
    {
      code: 'JB2026-002',
      name: '江北区智能制造产业园',
      county: '江北区',
      unit: '江北区工信局',
      leader: '李卫东',
      completionRate: 0,
      gapPoints: -83.33333333333333,
      light: 'red',
      reasons: ['投资滞后', '开工滞后'],
      monthsLagging: 2,
      // The world's reports begin in August and JB-002 has none before September: the run is from its first data.
      runSince: { month: 9, firstData: true },
    },
    {
      code: 'QH2026-002',
      name: '青河县人民医院新院区',
      county: '青河县',
      unit: '青河县卫健局',
      leader: null,
      completionRate: 41.666666666666664,
      gapPoints: -41.666666666666664,
      light: 'red',
      reasons: ['投资滞后'],
      monthsLagging: 3,
      runSince: { month: 8, firstData: true },
    },
    {
      code: 'SZ2026-002',
      name: '市大数据中心',
      county: '市直',
      unit: '市工信局',
      leader: '李卫东',
      completionRate: 50,
      gapPoints: -33.333333333333336,
      light: 'red',
      reasons: ['投资滞后'],
      monthsLagging: 3,
      runSince: { month: 8, firstData: true },
    },
    {
      code: 'QH2026-001',
      name: '青河县城区污水处理厂',
      county: '青河县',
      unit: '市水利局',
      leader: '金俊杰',
      completionRate: 82.5,
      gapPoints: -0.8333333333333334,
      light: 'green',
      reasons: ['投资滞后'],
      monthsLagging: 1,
      runSince: { month: 10, firstData: false },
    },
  ],
  unreported: [{ unit: '市文旅局', codes: ['SZ2026-001'] }],
  estimated: ['QH2026-002'],
  // Raised by the end of October: three (the fourth came in November). The 已交办 one is past its deadline.
  problems: {
    // Every status and category of the ledger is counted, those with no item as 0 (the bulletin lists them all).
    byStatus: { 待梳理: 0, 已交办: 1, 办理中: 1, 申请销号: 0, 已销号: 1 },
    byCategory: { 用地: 1, 审批手续: 1, 资金: 1, 外部条件: 0, 政策制约: 0, 天气季节: 0, 企业自身: 0, 统计入库: 0 },
    newThisMonth: 2,
    closedThisMonth: 1,
    closureRate: 33.333333333333336,
    overdue: [
      {
        id: 1,
        project: '青河县城区污水处理厂',
        category: '用地',
        description: '污水管网途经地块征地尚有3户未签约',
        leadUnit: '市水利局',
        deadline: '2026-10-15',
      },
    ],
  },
  // Three October rounds. 江北区住建局: JB-001 补报 once, JB-003 missed once; 市文旅局: SZ-001 missed all three.
  // QH-001's amendment after the deadline does not make its on-time first report late.
  timeliness: {
    onTimeUnits: 4,
    totalUnits: 6,
    lateUnits: [
      { unit: '江北区住建局', late: 1, missed: 1 },
      { unit: '市文旅局', late: 0, missed: 3 },
    ],
    rounds: 3,
  },
  corrections: [{ month: '2026-09', code: 'QH2026-001', name: '青河县城区污水处理厂', publishedWan: 28_000, nowWan: 30_000 }],
  table: [
    {
      code: 'JB2026-001',
      name: '江北区滨江安置房二期',
      county: '江北区',
      category: '基础设施',
      level: '市重点',
      nature: '续建',
      unit: '江北区住建局',
      leader: '金俊杰',
      totalInvestmentWan: 50_000,
      annualPlanWan: 10_000,
      completedWan: 8_500,
      estimated: false,
      completionRate: 85,
      gapPoints: 1.6666666666666667,
      light: 'green',
      status: '在建',
      progressText: '主体结构施工至18层',
    },
    {
      code: 'JB2026-002',
      name: '江北区智能制造产业园',
      county: '江北区',
      category: '产业发展',
      level: '省重点',
      nature: '新开工',
      unit: '江北区工信局',
      leader: '李卫东',
      totalInvestmentWan: 80_000,
      annualPlanWan: 20_000,
      completedWan: 0,
      estimated: false,
      completionRate: 0,
      gapPoints: -83.33333333333333,
      light: 'red',
      status: '未开工',
      progressText: '前期手续办理中，已完成立项和规划许可2项',
    },
    {
      code: 'JB2026-003',
      name: '江北区城东快速路',
      county: '江北区',
      category: '基础设施',
      level: '市重点',
      nature: '竣工',
      unit: '江北区住建局',
      leader: '金俊杰',
      totalInvestmentWan: 30_000,
      annualPlanWan: 8_000,
      completedWan: 8_800,
      estimated: false,
      completionRate: 110,
      gapPoints: 26.666666666666668,
      light: 'green',
      status: '竣工',
      progressText: '主线全部完工，完成交工验收3个标段',
    },
    {
      code: 'QH2026-001',
      name: '青河县城区污水处理厂',
      county: '青河县',
      category: '基础设施',
      level: '市重点',
      nature: '续建',
      unit: '市水利局',
      leader: '金俊杰',
      totalInvestmentWan: 120_000,
      annualPlanWan: 40_000,
      completedWan: 33_000,
      estimated: false,
      completionRate: 82.5,
      gapPoints: -0.8333333333333334,
      light: 'green',
      status: '在建',
      progressText: '完成管网铺设12.5公里',
    },
    {
      code: 'QH2026-002',
      name: '青河县人民医院新院区',
      county: '青河县',
      category: '社会民生',
      level: '县重点',
      nature: '续建',
      unit: '青河县卫健局',
      leader: null,
      totalInvestmentWan: 60_000,
      annualPlanWan: 12_000,
      completedWan: 5_000,
      estimated: true,
      // The figure of the week of 26 October (ISO week 44), submitted on 28 October.
      estimatedFrom: { week: '2026-W44', date: '2026-10-28' },
      completionRate: 41.666666666666664,
      gapPoints: -41.666666666666664,
      light: 'red',
      status: '停工',
      progressText: '主体结构施工至5层，因资金问题停工',
    },
    {
      code: 'SZ2026-001',
      name: '市体育中心',
      county: '市直',
      category: '社会民生',
      level: '市重点',
      nature: '新开工',
      unit: '市文旅局',
      leader: '李卫东',
      totalInvestmentWan: 90_000,
      annualPlanWan: 15_000,
      completedWan: null,
      estimated: false,
      completionRate: null,
      gapPoints: null,
      light: null,
      status: null,
      progressText: null,
    },
    {
      code: 'SZ2026-002',
      name: '市大数据中心',
      county: '市直',
      category: '产业发展',
      level: '省重点',
      nature: '新开工',
      unit: '市工信局',
      leader: '李卫东',
      totalInvestmentWan: 20_000,
      annualPlanWan: 5_000,
      completedWan: 2_500,
      estimated: false,
      completionRate: 50,
      gapPoints: -33.333333333333336,
      light: 'red',
      status: '在建',
      progressText: '机房设备安装完成60%',
    },
  ],
};

const CITY_TP = { timeProgress: 83.33333333333333, timeProgressSource: 'city' as const };

async function publish(t: TestDatabase, b: Bulletin, decidedAt: string): Promise<string> {
  const snapshot = serializeSnapshot(b);
  await t.db
    .insertInto('bulletins')
    .values({ month: b.month, status: 'published', snapshot, composed_at: b.composedAt, decided_by: null, decided_at: at(decidedAt).toISOString(), note: null })
    .execute();
  return snapshot;
}

describe.each(engines)('the monthly bulletin on %s', (engine) => {
  let t: TestDatabase;
  let world: BulletinWorld;
  let settings: Settings;
  let septemberSnapshot: string;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    world = await seedBulletinWorld(t.db);
    settings = (await loadSettings(t.db)).settings;
    // September is composed and published before QH-001 corrects its September month-end figure.
    const september = await composeBulletin(t.db, '2026-09', { settings, now: at(SEPTEMBER_PUBLISHED_AT) });
    septemberSnapshot = await publish(t, september, SEPTEMBER_PUBLISHED_AT);
    await amendQingheSeptember(t.db, world);
  });
  afterAll(async () => t.drop());

  it('composes October with the figures worked out by hand', async () => {
    const october = await composeBulletin(t.db, '2026-10', { settings, now: at(OCTOBER_COMPOSED_AT) });
    // 倒排工期 (issue 19), by hand: the world's first round is the week of 24 August, so at July's end every project
    // stood at 0 and the last three months' pace is October's total ÷ 3; two months are left. No project has a 节点计划.
    const pace = (planWan: number, doneWan: number) => ({
      requiredMonthlyWan: (planWan - doneWan) / 2,
      forecastYearEndWan: (doneWan * 10_000 + ((doneWan * 10_000) / 3) * 2) / 10_000,
      forecastCompletionRate: ((doneWan * 10_000 + ((doneWan * 10_000) / 3) * 2) / (planWan * 10_000)) * 100,
    });
    const byCounty: Record<string, ReturnType<typeof pace>> = { 青河县: pace(52_000, 38_000), 江北区: pace(38_000, 17_300), 市直: pace(20_000, 2_500) };
    expect(pace(110_000, 57_800).requiredMonthlyWan).toBe(26_100);
    expect(october).toEqual({
      ...OCTOBER,
      requirements: settingDefinitions['bulletin.requirements'].default,
      composedAt: '2026-11-10T01:00:00.000Z',
      ...pace(110_000, 57_800),
      overdueNodes: [],
      // QH2026-002 reported 停工 in the weeks of 19 and 26 October: since 19 October, 12 days to the month end, 1 whole week.
      stopped: [{ code: 'QH2026-002', name: '青河县人民医院新院区', status: '停工', since: '2026-10-19', sinceSource: 'derived', weeks: 1 }],
      counties: OCTOBER.counties.map((c) => ({ ...c, ...byCounty[c.name] })),
      // No project of this world has a 月度计划: every measured one says it stands on the city-wide 序时 (10/12).
      lagging: OCTOBER.lagging.map((r) => ({ ...r, ...CITY_TP })),
      table: OCTOBER.table.map((r) => (r.completedWan === null ? r : { ...r, ...CITY_TP })),
    });
  });

  it('gives September as published, byte for byte, although a figure behind it was amended since', async () => {
    const published = await bulletinForMonth(t.db, '2026-09', { settings, now: at(OCTOBER_COMPOSED_AT) });
    expect(serializeSnapshot(published)).toBe(septemberSnapshot);
    // 48,000 of 110,000 with QH-001 at 28,000; the data now gives 50,000 with its amended 30,000.
    expect([published.completedWan, published.completionRate]).toEqual([48_000, 43.63636363636363]);
    const fresh = await composeBulletin(t.db, '2026-09', { settings, now: at(OCTOBER_COMPOSED_AT) });
    expect([fresh.completedWan, fresh.completionRate]).toEqual([50_000, 45.45454545454545]);
  });

  it('writes October in the bulletin’s words', async () => {
    const text = bulletinText(await composeBulletin(t.db, '2026-10', { settings, now: at(OCTOBER_COMPOSED_AT) }));
    expect(text.split('\n').slice(0, 3)).toEqual(['市重点项目建设工作领导小组办公室', '全市重点项目建设情况通报', '2026年第2期']);
    expect(text).toContain('全市重点项目7个，年度计划投资11.00亿元；1–10月完成投资5.78亿元，完成年度计划的52.5%，低于序时进度30.8个百分点。');
    expect(text).toContain(
      '环比：年度计划完成率由9月底的45.5%变为10月底的52.5%，提高7.1个百分点；与序时进度相比，由低于序时进度29.5个百分点变为低于序时进度30.8个百分点。',
    );
    expect(text).toContain('本月无新增进度滞后项目。');
    // Red and yellow are 进度滞后, named; the green one below 序时 is only 未达序时进度.
    expect(text).toContain('江北区智能制造产业园、青河县人民医院新院区、市大数据中心等3个项目进度滞后（红灯3个、黄灯0个）。');
    expect(text).toContain('另有1个项目未达序时进度，低于序时不足预警线（绿灯）。');
    expect(text).toContain(
      '4. 青河县城区污水处理厂——青河县，责任单位：市水利局，包联领导：金俊杰；完成率82.5%，低于序时进度0.8个百分点；绿灯；未达序时进度；连续1个月未达序时进度。',
    );
    const green = text.split('\n').find((l) => l.startsWith('4. 青河县城区污水处理厂'));
    expect(green).not.toContain('滞后');
    expect(text.endsWith('\n\n市重点项目建设工作领导小组办公室\n2026年11月10日')).toBe(true);
    expect(text).toContain('计划新开工3个，已开工1个，开工率33.3%；其中提前开工1个，按计划开工0个，未按计划开工1个。');
    expect(text).toContain(
      '（按完成率由高到低排列，排名以完成率最高者为第1名）\n县区 | 项目个数 | 年度计划(亿元) | 累计完成(亿元) | 完成率 | 与序时进度差(个百分点) | 本月新增(亿元) | 排名\n青河县 | 2 | 5.20 | 3.80 | 73.1% | -10.3 | 0.35 | 1\n江北区 | 3 | 3.80 | 1.73 | 45.5% | -37.8 | 0.28 | 2\n市直 | 2 | 2.00 | 0.25 | 12.5% | -70.8 | 0.15 | 3',
    );
    expect(text).toContain('基础设施：3个项目，年度计划5.80亿元，累计完成5.03亿元，占年度计划的86.7%，高于序时进度3.4个百分点。');
    expect(text).toContain(
      '1. 江北区智能制造产业园——江北区，责任单位：江北区工信局，包联领导：李卫东；完成率0.0%，低于序时进度83.3个百分点；红灯；投资滞后、开工滞后；自9月有数据以来连续2个月未达序时进度。',
    );
    // Estimated projects by name and unit, with the one mark 估 and the week and day of the figure used.
    expect(text).toContain('按10月底前最近一次填报数计：青河县人民医院新院区（青河县卫健局，估（第44周 10月28日填报））。');
    expect(text).not.toContain('QH2026-002');
    expect(text).toContain(
      '更正：2026年9月通报发布后，填报单位更正了以下数据：青河县城区污水处理厂（QH2026-001）截至9月底累计完成投资由28,000.00万元更正为30,000.00万元。',
    );
    expect(text).toContain('停工项目1个：青河县人民医院新院区（青河县）。');
    // 倒排工期 by hand (see the composition above): the city needs (110,000 − 57,800) ÷ 2 = 26,100万元 a month; at
    // October's pace it ends at 57,800 × 5/3 = 96,333.33万元, 87.6 % of 110,000.
    expect(text).toContain(
      '其中10月完成投资0.78亿元；计划新开工3个，已开工1个，开工率33.3%。\n要完成全年目标，每月还需完成2.61亿元；按近三个月进度，预计全年完成9.63亿元，占年度计划的87.6%。\n',
    );
    // 青河县: (52,000 − 38,000) ÷ 2 = 7,000万元; 38,000 × 5/3 = 63,333.33万元 = 121.8 % of 52,000 (above 100 %).
    expect(text).toContain('\n青河县：要完成全年目标，每月还需完成0.70亿元；按近三个月进度，预计全年完成6.33亿元，占年度计划的121.8%。');
    // 市直: (20,000 − 2,500) ÷ 2 = 8,750万元; 2,500 × 5/3 = 4,166.67万元 = 20.8 %.
    expect(text).toContain('\n市直：要完成全年目标，每月还需完成0.88亿元；按近三个月进度，预计全年完成0.42亿元，占年度计划的20.8%。');
    // Stopped since the week of 19 October: one whole week to the month end; no node plans in this world.
    expect(text).toContain(
      '停工项目1个：青河县人民医院新院区（青河县）。\n停工、半停工持续时间：青河县人民医院新院区停工1周（自第43周起，据填报推算）。\n本期无逾期未完成节点。',
    );
    expect(text).toContain(`八、下步工作要求\n${settingDefinitions['bulletin.requirements'].default}`);
  });

  it('follows the wording rules everywhere in the text', async () => {
    const text = bulletinText(await composeBulletin(t.db, '2026-10', { settings, now: at(OCTOBER_COMPOSED_AT) }));
    const titles = [
      '本期综述',
      '分级别、分类别完成情况',
      '分县区完成情况',
      '开工、竣工、投产情况',
      '未达序时进度项目清单',
      '问题协调情况',
      '报送情况',
      '下步工作要求',
      '附表',
    ];
    const positions = titles.map((s, i) => text.indexOf(`${'一二三四五六七八九'[i]}、${s}\n`));
    expect(positions.every((p, i) => p > 0 && (i === 0 || p > (positions[i - 1] ?? 0)))).toBe(true);
    // A gap is never a percentage: no "%" after a 高于/低于序时进度 figure, and every such figure is in 个百分点.
    expect(text).not.toMatch(/[高低]于序时进度-?\d+(\.\d+)?%/);
    const gaps = [...text.matchAll(/[高低]于序时进度(\d+(?:\.\d+)?)(\S{0,4})/g)];
    expect(gaps.length).toBeGreaterThan(5);
    expect(gaps.every((g) => /^\d+\.\d$/.test(g[1] ?? '') && (g[2] ?? '').startsWith('个百分点'))).toBe(true);
    // 亿元 always with two decimals; rates with one.
    const yi = [...text.matchAll(/(\d[\d,]*(?:\.\d+)?)亿元/g)].map((m) => m[1] ?? '');
    expect(yi.length).toBeGreaterThan(10);
    expect(yi.filter((a) => !/^\d+\.\d\d$/.test(a))).toEqual([]);
    const rates = [...text.matchAll(/(?:占年度计划的|完成率|开工率|竣工率|办结率)(\d+(?:\.\d+)?)%/g)].map((m) => m[1] ?? '');
    expect(rates.filter((r) => !/^\d+\.\d$/.test(r))).toEqual([]);
    expect(text).toMatch(/红灯/);
    expect(text).not.toMatch(/[^红黄绿]灯/);
  });
  it('takes the 发文单位 and the title from the settings: the text’s head and 落款, the cards and the Word document', async () => {
    const when = at(OCTOBER_COMPOSED_AT);
    const office = '青河市重大项目建设推进办公室';
    const title = '全市重大项目推进情况通报';
    expect((await saveSetting(t.db, 'bulletin.office', office, 'test', when)).ok).toBe(true);
    expect((await saveSetting(t.db, 'bulletin.title', title, 'test', when)).ok).toBe(true);
    try {
      const own = (await loadSettings(t.db)).settings;
      const october = await composeBulletin(t.db, '2026-10', { settings: own, now: when });
      expect(october.issue).toEqual({ office, title, year: 2026, number: 2, date: '2026-11-10' });
      const text = bulletinText(october);
      expect(text.split('\n').slice(0, 3)).toEqual([office, title, '2026年第2期']);
      expect(text.split('\n').slice(-2)).toEqual([office, '2026年11月10日']);
      expect(text).not.toContain('市重点项目建设工作领导小组办公室');
      const cards = renderBulletinCards(october);
      for (const c of cards) {
        expect(cardText(c)).toContain(`2026年1–10月${title}`);
        expect(cardText(c)).toContain(`2026年第2期 · ${office}`);
      }
      expect(cardText(cards.at(-1))).toContain(`${office}\n2026年11月10日`);
      // The Word document, read back by a docx reader as Word opens it.
      const { blocks, html } = await readDocx(Buffer.from(await bulletinDocx(october)));
      const paragraphs = blocks.filter((b): b is DocxParagraph => b.kind === 'p' && b.text !== '').map((b) => b.text);
      expect(paragraphs.slice(0, 3)).toEqual([title, '2026年第2期', `${office}　　　　2026年11月10日`]);
      expect(paragraphs.slice(-2)).toEqual([office, '2026年11月10日']);
      expect(html).not.toContain('市重点项目建设工作领导小组办公室');
    } finally {
      await saveSetting(t.db, 'bulletin.office', settingDefinitions['bulletin.office'].default, 'test', when);
      await saveSetting(t.db, 'bulletin.title', settingDefinitions['bulletin.title'].default, 'test', when);
    }
  });

  // Last: it publishes October and amends one of its figures.
  it('lists an amendment once: in the next bulletin after publication, not again after that one is published', async () => {
    const october = await composeBulletin(t.db, '2026-10', { settings, now: at(OCTOBER_COMPOSED_AT) });
    await publish(t, october, '2026-11-10 15:00');
    const november = await composeBulletin(t.db, '2026-11', { settings, now: at('2026-12-07 09:00') });
    expect(november.corrections).toEqual([]);
    // JB-001 corrects its October month-end figure after October was published: November lists that one.
    const jb = world.projectId('JB2026-001');
    await saveReport(t.db, jb, world.periodIds[6] ?? -1, {
      ytdYuan: 88_000_000,
      monthEndYuan: 86_000_000,
      progressText: '主体结构施工至19层',
      status: 'building',
      problemCategories: [],
      problemText: null,
      coordination: null,
      nextPlan: null,
      correctionReason: null,
      noChange: false,
      late: true,
      submittedBy: null,
      submittedAt: at('2026-11-20 10:00'),
    });
    const again = await composeBulletin(t.db, '2026-11', { settings, now: at('2026-12-07 09:00') });
    expect(again.corrections).toEqual([{ month: '2026-10', code: 'JB2026-001', name: '江北区滨江安置房二期', publishedWan: 8_500, nowWan: 8_600 }]);
    expect(await bulletinForMonth(t.db, '2026-10', { settings, now: at('2026-12-07 09:00') })).toEqual(october);
  });
});
