// 综合评价排序 for 2026-H1 on the sample register: 青河县's projects all report on time in June at 40 % of their annual
// plan (LJ2026-006, a 新开工 project planned for October, not yet started), two problems raised there (one closed, led
// by 青河县人民政府; one open, led by the project's own unit 市教育局), a 观摩 of two of its projects that counts once its
// ranking is published; 西山县 reports nothing. Every part of both counties and of two units worked out here from the
// register; the parts a county or unit lacks are stated and left out of its weights, not scored zero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCard } from '../../cards/limits';
import { decideDraft } from '../../src/bulletin/publish/store';
import { createManualClock } from '../../src/clock';
import { saveReport } from '../../src/db/reports';
import { addTourScore } from '../../src/db/tours';
import { DEFAULT_WEIGHTS } from '../../src/domain/evaluation';
import { type BotServer, startBotServer } from '../helpers/bot';
import { checkCardRules } from '../helpers/card-rules';
import { engines } from '../helpers/db';
import { eventSenderFor, settled, waitFor } from '../helpers/feishu';
import { SAMPLE, readSheets, sampleRegister } from '../fixtures/register-workbooks';
import { bj, cardText, prepareRoundWorld, type RoundWorld } from '../helpers/round';

const R = await sampleRegister();
const QH = R.projects.filter((p) => p.county === '青河县');
const XS = R.projects.filter((p) => p.county === '西山县');
// Planned to start in October: not started in June, and not counted in the first half's start rate at all.
const notStarted = R.project('LJ2026-006');
/** 新开工 projects planned to start by the end of June (计划开工日期 on or before 2026-06-30): the start rate's denominator. */
const dueByJune = (ps: readonly (typeof QH)[number][]) => ps.filter((p) => p.nature === '新开工' && p.start <= '2026-06-30');
const reported = (p: (typeof QH)[number]) => Math.round(p.annual * 0.4); // 万元, a whole number
// 四个一批 from the sample's 招商项目 sheet: a county's enterprises signed by 6月30日, and those 投产 (or 达效) by then.
const ENT = (await readSheets(SAMPLE)).招商项目!;
const at = (h: string) => (ENT[0] as unknown[]).indexOf(h);
const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v : '');
function conversion(county: string): number | null {
  const signed = ENT.slice(1).filter((r) => r[at('所属县区')] === county && day(r[at('签约日期')]) !== '' && day(r[at('签约日期')]) <= '2026-06-30');
  if (signed.length === 0) return null;
  const by = (h: string, r: unknown[]) => day(r[at(h)]) !== '' && day(r[at(h)]) <= '2026-06-30';
  return (signed.filter((r) => by('投产日期', r) || by('达效日期', r)).length / signed.length) * 100;
}

type Part = { name: string; raw: number | null; points: number | null; weight: number; note: string };
// 节点按期完成率 from the sample's 节点计划 sheet: a county's nodes planned within the period, and those done by their date.
const NODES = (await readSheets(SAMPLE)).节点计划!;
const nAt = (h: string) => (NODES[0] as unknown[]).indexOf(h);
function nodesPart(projects: ReadonlyArray<{ code: string }>, from: string, to: string): Part {
  const codes = new Set(projects.map((p) => p.code));
  const due = NODES.slice(1).filter((r) => codes.has(String(r[nAt('项目编号')])) && day(r[nAt('计划完成日期')]) >= from && day(r[nAt('计划完成日期')]) <= to);
  const name = '节点按期完成率';
  if (due.length === 0) return { name, raw: null, points: null, weight: 10, note: '本期无到期的计划节点（或未编制节点计划），本项不计' };
  const onTime = due.filter((r) => day(r[nAt('实际完成日期')]) !== '' && day(r[nAt('实际完成日期')]) <= day(r[nAt('计划完成日期')])).length;
  const raw = (onTime / due.length) * 100;
  return { name, raw, points: (10 * raw) / 100, weight: 10, note: `到期节点${due.length}个，按期完成${onTime}个` };
}
const pct = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
/** The 四个一批 part at 6月底, whose target is 50 % (setting batches.targets). */
function batchesPart(rate: number | null): Part {
  const name = '四个一批转化率（与目标比）';
  if (rate === null) return { name, raw: null, points: null, weight: 10, note: '无招商签约企业，本项不计' };
  const score = Math.min(100, (rate / 50) * 100);
  return { name, raw: rate, points: (10 * score) / 100, weight: 10, note: `转化率${pct(rate)}%，目标50.0%，得分率${pct(score)}%（转化率÷目标，最高100%）` };
}

// The units' parts worked out by hand (see the second test for how): the CLI's JSON and the chat card both equal them.
const qgRate = (84_400_000 / 211_000_000) * 100;
const qgParts: Part[] = [
  {
    name: '投资完成率（与序时进度比）',
    raw: qgRate,
    points: (30 * Math.min(100, (qgRate / 50) * 100)) / 100,
    weight: 30,
    note: '完成率40.0%，序时进度50.0%，得分率80.0%（完成率÷序时进度，最高100%）',
  },
  { name: '新开工项目开工率', raw: null, points: null, weight: 15, note: '本期无计划开工的新开工项目（计划开工日期在期末之后的不计），本项不计' },
  { name: '按时报送率', raw: 100, points: 15, weight: 15, note: '应报3次，按时报送3次' },
  { name: '问题办结率', raw: 100, points: 10, weight: 10, note: '提出问题1个，已办结1个' },
  { name: '节点按期完成率', raw: null, points: null, weight: 10, note: '本期无到期的计划节点（或未编制节点计划），本项不计' },
  { name: '观摩得分', raw: 90, points: 9, weight: 10, note: '观摩平均得分90.00分（满分100分），得分率90.0%' },
  { name: '四个一批转化率（与目标比）', raw: 50, points: 10, weight: 10, note: '转化率50.0%，目标50.0%，得分率100.0%（转化率÷目标，最高100%）' },
];
const jyRate = (18_600_000 / 1_032_500_000) * 100;
const jyParts: Part[] = [
  {
    name: '投资完成率（与序时进度比）',
    raw: jyRate,
    points: (30 * Math.min(100, (jyRate / 50) * 100)) / 100,
    weight: 30,
    note: '完成率1.8%，序时进度50.0%，得分率3.6%（完成率÷序时进度，最高100%）',
  },
  { name: '新开工项目开工率', raw: 0, points: 0, weight: 15, note: '计划开工日期在期末前的新开工项目1个，其中已开工0个' },
  { name: '按时报送率', raw: (1 / 6) * 100, points: (15 * ((1 / 6) * 100)) / 100, weight: 15, note: '应报6次，按时报送1次' },
  { name: '问题办结率', raw: 0, points: 0, weight: 10, note: '提出问题1个，已办结0个' },
  { name: '节点按期完成率', raw: 50, points: 5, weight: 10, note: '到期节点2个，按期完成1个' },
  { name: '观摩得分', raw: 80, points: 8, weight: 10, note: '观摩平均得分80.00分（满分100分），得分率80.0%' },
  { name: '四个一批转化率（与目标比）', raw: null, points: null, weight: 10, note: '无招商签约企业，本项不计' },
];

describe.each(engines)('综合评价 on %s', (engine) => {
  let w: RoundWorld;

  beforeAll(async () => {
    w = await prepareRoundWorld(engine, R.leaders[0]!.mobile);
    const ids = new Map((await w.t.db.selectFrom('projects').select(['id', 'code']).execute()).map((p) => [p.code, p.id]));
    const june = await w.t.db
      .insertInto('weekly_periods')
      .values({
        plan_year: 2026,
        week_start: '2026-06-08',
        opens_at: '2026-06-08T01:00:00.000Z',
        remind_at: '2026-06-11T07:00:00.000Z',
        deadline_at: '2026-06-12T10:00:00.000Z',
        asks_month_end: null,
        created_at: '2026-06-08T01:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const p of QH) {
      await w.t.db.transaction().execute((tx) =>
        saveReport(tx, ids.get(p.code)!, june.id, {
          ytdYuan: reported(p) * 10_000,
          monthEndYuan: null,
          progressText: p === notStarted ? '办理施工许可' : '主体结构施工',
          status: p === notStarted ? 'not_started' : 'building',
          problemCategories: [],
          problemText: null,
          coordination: null,
          nextPlan: null,
          correctionReason: null,
          noChange: false,
          late: false,
          submittedBy: null,
          submittedAt: new Date(bj('2026-06-10 10:00')),
        }),
      );
    }
    const leadUnit = (await w.t.db.selectFrom('units').select('id').where('name', '=', '青河县人民政府').executeTakeFirstOrThrow()).id;
    const problem = (status: string, closedAt: string | null, raisedAt: string, lead: number | null) => ({
      project_id: ids.get(QH[0]!.code)!,
      category: '用地',
      description: '征地拆迁未完成',
      status,
      raised_by: null,
      raised_at: raisedAt,
      report_revision_id: null,
      lead_unit_id: lead,
      helper_unit_ids: null,
      deadline: null,
      closed_at: closedAt,
      updated_at: raisedAt,
    });
    await w.t.db
      .insertInto('problems')
      .values([problem('已销号', '2026-06-20T02:00:00.000Z', '2026-06-09T02:00:00.000Z', leadUnit), problem('办理中', null, '2026-06-10T02:00:00.000Z', null)])
      .execute();
    const judge = w.people[5]!;
    const opened = await w.cli(
      ['tour', 'open', '--name', '青河县现场观摩', '--date', '2026-06-20', '--projects', `${QH[0]!.code},${QH[1]!.code}`, '--judges', judge.mobile],
      bj('2026-06-20 09:00'),
    );
    expect(opened.code, opened.err).toBe(0);
    for (const [i, total] of [800, 900].entries()) {
      await w.t.db
        .transaction()
        .execute((tx) =>
          addTourScore(
            tx,
            { tourId: 1, projectId: ids.get(QH[i]!.code)!, personId: judge.id, tenths: [total, 0, 0, 0], totalTenths: total },
            new Date(bj('2026-06-20 11:00')),
          ),
        );
    }
    expect((await w.cli(['tour', 'close', '1'], bj('2026-06-20 12:00'))).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await w?.double.close();
    await w?.t.drop();
  });

  type Row = { name: string; score: number; rank: number; parts: Part[] };
  type Evaluation = { half: string; asOf: string; counties: Row[]; units: Row[] };
  const evaluateH1 = async () => {
    const r = await w.cli(['evaluate', '--half', '2026-H1', '--format', 'json'], bj('2026-07-10 10:00'));
    expect(r.code, r.err).toBe(0);
    return JSON.parse(r.out) as Evaluation;
  };
  const tourPart = (e: Evaluation, kind: 'counties' | 'units', name: string) => e[kind].find((c) => c.name === name)!.parts.find((x) => x.name === '观摩得分');
  // The composite: points of the parts present over their weights, × 100 (a missing part counts in neither).
  const composite = (parts: Part[]) => {
    const present = parts.filter((x) => x.points !== null);
    return (present.reduce((a, x) => a + (x.points ?? 0), 0) / present.reduce((a, x) => a + x.weight, 0)) * 100;
  };

  it('a 观摩 counts only once its ranking is published: closed but awaiting approval, it is not yet public', async () => {
    const draft = await w.t.db.selectFrom('bulletins').select(['id', 'status']).where('month', '=', 'tour-1').executeTakeFirstOrThrow();
    expect(draft.status).toBe('draft');
    const missing = { name: '观摩得分', raw: null, points: null, weight: 10, note: '本期未列入已发布的观摩（观摩评分排名经管理员审定发布后计入），本项不计' };
    const before = await evaluateH1();
    expect(tourPart(before, 'counties', '青河县')).toEqual(missing);
    expect(tourPart(before, 'units', '青河县人民政府')).toEqual(missing);
    // The administrator approves the ranking (发布 on the approval card, as tours.test.ts does through the double).
    const admin = (await w.t.db.selectFrom('people').select('id').where('mobile', '=', R.leaders[0]!.mobile).executeTakeFirstOrThrow()).id;
    const decided = await decideDraft(w.t.db, draft.id, {
      status: 'published',
      decidedBy: admin,
      decidedAt: new Date(bj('2026-06-21 09:00')).toISOString(),
      note: null,
    });
    expect(decided?.status).toBe('published');
    const after = await evaluateH1();
    expect(tourPart(after, 'counties', '青河县')).toMatchObject({ raw: 85, points: 8.5 });
    expect(tourPart(after, 'units', '青河县人民政府')).toMatchObject({ raw: 90, points: 9 });
  });

  it('a half not yet ended is refused; 2026-H1 scores every part traceably, missing parts stated', async () => {
    const early = await w.cli(['evaluate', '--half', '2026-H2'], bj('2026-07-10 10:00'));
    expect(early.code).toBe(1);
    expect(early.err.split('\n').at(-1)).toBe('2026年下半年尚未结束，综合评价在半年结束后提供。');
    const e = await evaluateH1();
    expect([e.half, e.asOf]).toEqual(['2026-H1', '2026-06-30']);

    const plan = QH.reduce((a, p) => a + p.annual, 0);
    const done = QH.reduce((a, p) => a + reported(p), 0);
    const rate = (done / plan) * 100; // about 40 %
    const W = DEFAULT_WEIGHTS;
    const qh = e.counties.find((c) => c.name === '青河县')!;
    const completionPoints = (W.completion * Math.min(100, (rate / 50) * 100)) / 100;
    // 青河县's 新开工 projects: LJ2026-055 planned for March (started), LJ2026-006 for October (not started), LJ2026-091
    // for August and LJ2026-105, -116 for September (started early). Only LJ2026-055 was due by 30 June: 1 of 1.
    expect(dueByJune(QH).map((p) => p.code)).toEqual(['LJ2026-055']);
    expect(notStarted.start > '2026-06-30').toBe(true);
    const qhParts: Part[] = [
      { name: '投资完成率（与序时进度比）', raw: rate, points: completionPoints, weight: 30, note: expect.stringMatching(/^完成率\d+\.\d%，序时进度50\.0%/) },
      { name: '新开工项目开工率', raw: 100, points: 15, weight: 15, note: '计划开工日期在期末前的新开工项目1个，其中已开工1个' },
      { name: '按时报送率', raw: 100, points: 15, weight: 15, note: `应报${QH.length}次，按时报送${QH.length}次` },
      { name: '问题办结率', raw: 50, points: 5, weight: 10, note: '提出问题2个，已办结1个' },
      nodesPart(QH, '2026-01-01', '2026-06-30'),
      { name: '观摩得分', raw: 85, points: 8.5, weight: 10, note: '观摩平均得分85.00分（满分100分），得分率85.0%' },
      batchesPart(conversion('青河县')),
    ];
    expect(qh.parts).toEqual(qhParts);
    const qhScore = composite(qhParts);
    expect(qh.score).toBeCloseTo(qhScore, 10);

    const xs = e.counties.find((c) => c.name === '西山县')!;
    // 西山县: LJ2026-072 planned for April, never reported: 0 of 1.
    expect(dueByJune(XS).map((p) => p.code)).toEqual(['LJ2026-072']);
    const xsParts: Part[] = [
      { name: '投资完成率（与序时进度比）', raw: 0, points: 0, weight: 30, note: '完成率0.0%，序时进度50.0%，得分率0.0%（完成率÷序时进度，最高100%）' },
      { name: '新开工项目开工率', raw: 0, points: 0, weight: 15, note: '计划开工日期在期末前的新开工项目1个，其中已开工0个' },
      { name: '按时报送率', raw: 0, points: 0, weight: 15, note: `应报${XS.length}次，按时报送0次` },
      { name: '问题办结率', raw: null, points: null, weight: 10, note: '本期未提出问题，本项不计' },
      nodesPart(XS, '2026-01-01', '2026-06-30'),
      { name: '观摩得分', raw: null, points: null, weight: 10, note: '本期未列入已发布的观摩（观摩评分排名经管理员审定发布后计入），本项不计' },
      batchesPart(conversion('西山县')),
    ];
    expect(xs.parts).toEqual(xsParts);
    expect(xs.score).toBeCloseTo(composite(xsParts), 10);
    expect(qh.rank).toBe(1);

    // Units, by hand. 青河县人民政府: LJ2026-022 (竣工, 3,020万元), -105 (新开工, September, 16,280), -116 (新开工, September,
    // 1,800), all in 青河县, all reported at 40 %: 1,208 + 6,512 + 720 = 8,440 of 21,100 = 40 % → 80 % of 序时 → 24 points.
    // No 新开工 project due by June (both planned for September): stated, not scored. 3 of 3 reports on time → 15. The
    // closed problem is on LJ2026-006 (市教育局's) but led by 青河县人民政府: 1 raised, 1 closed → 10. No node plans.
    // 观摩: LJ2026-022 scored 90 → 9. 四个一批 (the 招商 sheet's 责任单位): ZS2026-008, -014, -015, -016, -021, -030 signed by
    // 30 June, -008, -014, -016 in production by then: 3 of 6 = 50 %, the target 50 % → 10. 68 of the 75 weighed.
    const qg = e.units.find((u) => u.name === '青河县人民政府')!;
    expect(qg.parts).toEqual(qgParts);
    expect(qg.score).toBeCloseTo((68 / 75) * 100, 10);
    // 市教育局: LJ2026-006 (青河县, 新开工, October, 4,650万元, reported 1,860, not started), -035 (江南区, 前期, 310), -080
    // (云台县, 新开工, May, 2,910), -081 (东阳县, 28,180), -100 (东阳县, 35,910), -106 (石门县, 新开工, August, 31,290); only
    // LJ2026-006 reported. 1,860 of 103,250. Due to start by June: LJ2026-080 alone, not started: 0 of 1 (-006 and
    // -106 not counted). 1 of 6 reports on time → 2.5. The open problem (led by the project's unit) → 0 of 1. Nodes of
    // LJ2026-080 due in the half: 开工 (2月21日, done 3月11日, late) and 基础完成 (4月11日, done 4月7日): 1 of 2 → 5. 观摩:
    // LJ2026-006 scored 80 → 8. No 招商 enterprises.
    const jy = e.units.find((u) => u.name === '市教育局')!;
    expect(R.projects.filter((p) => p.unit === '市教育局').map((p) => [p.code, p.annual])).toEqual([
      ['LJ2026-006', 4650],
      ['LJ2026-035', 310],
      ['LJ2026-080', 2910],
      ['LJ2026-081', 28180],
      ['LJ2026-100', 35910],
      ['LJ2026-106', 31290],
    ]);
    expect(jy.parts).toEqual(jyParts);
    expect(jy.score).toBeCloseTo(composite(jyParts), 10);
    expect(qg.rank).toBeLessThan(jy.rank);

    const text = await w.cli(['evaluate', '--half', '2026-H1'], bj('2026-07-10 10:00'));
    expect(text.out).toContain('2026年上半年重点项目综合评价排序（数据截至2026-06-30）');
    expect(text.out).toContain(`  1. 青河县 ${qhScore.toFixed(2)}分`);
    expect(text.out).toContain('     观摩得分：8.50/10分（观摩平均得分85.00分（满分100分），得分率85.0%）');
    // A unit's every part in words too: its points, weight and how they were reached.
    const units = text.out.slice(text.out.indexOf('责任单位：'));
    expect(units).toContain(
      [
        `  ${qg.rank}. 青河县人民政府 ${((68 / 75) * 100).toFixed(2)}分`,
        '     投资完成率（与序时进度比）：24.00/30分（完成率40.0%，序时进度50.0%，得分率80.0%（完成率÷序时进度，最高100%））',
        '     新开工项目开工率：—/15分（本期无计划开工的新开工项目（计划开工日期在期末之后的不计），本项不计）',
        '     按时报送率：15.00/15分（应报3次，按时报送3次）',
        '     问题办结率：10.00/10分（提出问题1个，已办结1个）',
        '     节点按期完成率：—/10分（本期无到期的计划节点（或未编制节点计划），本项不计）',
        '     观摩得分：9.00/10分（观摩平均得分90.00分（满分100分），得分率90.0%）',
        '     四个一批转化率（与目标比）：10.00/10分（转化率50.0%，目标50.0%，得分率100.0%（转化率÷目标，最高100%））',
      ].join('\n'),
    );

    // In chat: an administrator asks; a reporter is refused.
    const asked = await w.cli(['ask', '上半年综合评价', '--as', R.leaders[0]!.mobile], bj('2026-07-10 10:00'));
    expect(asked.out).toContain('2026年上半年重点项目综合评价排序');
    expect(asked.out).toContain(`1. 青河县 ${qhScore.toFixed(2)}分`);
    const qhNodes = nodesPart(QH, '2026-01-01', '2026-06-30');
    expect(asked.out).toContain(`  节点按期完成率：${qhNodes.points === null ? '—' : qhNodes.points.toFixed(2)}/10分（${qhNodes.note}）`);
    const reporter = R.units[0]!.reporters[0]!;
    const refused = await w.cli(['ask', '综合评价排序', '--as', reporter.mobile], bj('2026-07-10 10:00'));
    expect(refused.out).toContain('综合评价排序向管理员（重点项目办）和市领导提供。如需了解，请联系重点项目办。');
  });

  it("the weights are the setting evaluation.weights: each part's points and the composite follow it", async () => {
    const weights = { completion: 40, starts: 10, timeliness: 10, problems: 10, nodes: 10, tour: 10, batches: 10 };
    const set = await w.cli(['settings', 'set', 'evaluation.weights', JSON.stringify(weights)], bj('2026-07-10 10:05'));
    expect(set.code, set.err).toBe(0);
    const e = await evaluateH1();
    const qg = e.units.find((u) => u.name === '青河县人民政府')!;
    // 40 × 80 % = 32, 新开工 still missing, 10 × 100 % = 10, 10, nodes missing, 10 × 90 % = 9, 10 × 100 % = 10:
    // 71 of the 80 weighed → 88.75.
    expect(qg.parts.map((x) => [x.weight, x.points])).toEqual([
      [40, 32],
      [10, null],
      [10, 10],
      [10, 10],
      [10, null],
      [10, 9],
      [10, 10],
    ]);
    expect(qg.score).toBeCloseTo(88.75, 10);
    const bad = await w.cli(['settings', 'set', 'evaluation.weights', JSON.stringify({ ...weights, tour: 20 })], bj('2026-07-10 10:06'));
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('各项权重之和应为 100');
    const back = await w.cli(['settings', 'set', 'evaluation.weights', JSON.stringify(DEFAULT_WEIGHTS)], bj('2026-07-10 10:07'));
    expect(back.code, back.err).toBe(0);
    const again = await evaluateH1();
    expect(again.units.find((u) => u.name === '青河县人民政府')!.score).toBeCloseTo((68 / 75) * 100, 10);
  });

  it('the 年考核 of the ended year carries the same 综合评价 as diaodu evaluate --year', async () => {
    const early = await w.cli(['evaluate', '--year', '2026'], bj('2026-12-20 10:00'));
    expect(early.err.split('\n').at(-1)).toBe('2026年度尚未结束，年度综合评价在年度结束后提供。');
    const r = await w.cli(['evaluate', '--year', '2026', '--format', 'json'], bj('2027-01-15 10:00'));
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out) as { half: string; asOf: string; counties: Array<{ name: string; score: number; rank: number; parts: Part[] }> };
    expect([e.half, e.asOf]).toEqual(['2026', '2026-12-31']);
    const qh = e.counties.find((c) => c.name === '青河县')!;
    // The year's 序时进度 is 100 %: 青河县's ~40 % completes 40 % of the completion part.
    expect(qh.parts[0]).toMatchObject({ name: '投资完成率（与序时进度比）', weight: 30, note: expect.stringMatching(/序时进度100\.0%/) });
    // By the year's end all five 新开工 projects of 青河县 were due to start; LJ2026-006 has not: 4 of 5.
    expect(qh.parts[1]).toEqual({ name: '新开工项目开工率', raw: 80, points: 12, weight: 15, note: '计划开工日期在期末前的新开工项目5个，其中已开工4个' });
    const text = await w.cli(['evaluate', '--year', '2026'], bj('2027-01-15 10:00'));
    expect(text.out).toContain('2026年度重点项目综合评价排序（数据截至2026-12-31）');
    const assessment = await w.cli(['ask', '2026年度考核', '--as', R.leaders[0]!.mobile], bj('2027-01-15 10:00'));
    expect(assessment.out).toContain('综合评价排序');
    expect(assessment.out).toContain(`${qh.rank}. 青河县 ${qh.score.toFixed(2)}分`);
  });

  it("in chat through the Feishu double: an administrator gets the ranking and one unit's or county's parts within card limits; a reporter is refused", async () => {
    const clock = createManualClock(bj('2026-07-10 10:00'));
    const server: BotServer = await startBotServer({ database: w.t.target, double: w.double, clock });
    try {
      const feishu = eventSenderFor(w.double, server.webhookUrl, { clock });
      const ask = async (mobile: string, text: string) => {
        const who = w.people.find((p) => p.mobile === mobile)!;
        const sent = await feishu.sendMessage({ text, sender: { open_id: who.openId, name: who.name } });
        expect(sent.status).toBe(200);
        const id = (sent.envelope.event.message as { message_id: string }).message_id;
        server.bot!.sender.wake();
        await settled(w.t.db, 5000, { clock, wake: () => server.bot!.sender.wake() });
        return (await waitFor(`the reply to “${text}”`, () => w.double.messages.find((m) => m.via === 'reply' && m.parent_id === id), Boolean))!;
      };
      const e = await evaluateH1();
      const reply = await ask(R.leaders[0]!.mobile, '上半年综合评价');
      expect(reply.msg_type).toBe('interactive');
      const card = JSON.parse(reply.content) as Record<string, unknown>;
      expect(checkCardRules(card)).toEqual([]);
      expect(checkCard(card).ok).toBe(true);
      const text = cardText(card);
      expect(text).toContain('2026年上半年重点项目综合评价排序');
      const qh = e.counties.find((c) => c.name === '青河县')!;
      expect(text).toContain(`1. 青河县 ${qh.score.toFixed(2)}分`);
      expect(text).toContain('  观摩得分：8.50/10分（观摩平均得分85.00分（满分100分），得分率85.0%）');
      expect(text).toContain('  新开工项目开工率：15.00/15分（计划开工日期在期末前的新开工项目1个，其中已开工1个）');
      const qg = e.units.find((u) => u.name === '青河县人民政府')!;
      expect(text).toContain(`${qg.rank}. 青河县人民政府 ${qg.score.toFixed(2)}分`);
      // Units are listed by score; the card says how to ask for one unit's parts, not to use the command line.
      expect(text).toContain('发送「单位或县区名称＋综合评价」查看其各项得分');
      expect(text).not.toContain('diaodu');

      // One unit asked for: its score, rank of all units, and every part equal to the hand-computed 市教育局 above.
      const jy = e.units.find((u) => u.name === '市教育局')!;
      expect(jy.parts).toEqual(jyParts);
      const unitReply = await ask(R.leaders[0]!.mobile, '市教育局综合评价为什么排第几');
      expect(unitReply.msg_type).toBe('interactive');
      const unitCard = JSON.parse(unitReply.content) as { header: { title: { content: string } } };
      expect(checkCardRules(unitCard)).toEqual([]);
      expect(checkCard(unitCard).ok).toBe(true);
      expect(unitCard.header.title.content).toBe('市教育局2026年上半年综合评价');
      const unitText = cardText(unitCard);
      expect(unitText).toContain(`综合得分${jy.score.toFixed(2)}分，在${e.units.length}个责任单位中排第${jy.rank}名`);
      const present = jyParts.filter((x) => x.points !== null);
      const earned = present.reduce((a, x) => a + (x.points ?? 0), 0);
      expect(present.reduce((a, x) => a + x.weight, 0)).toBe(90);
      expect(unitText).toContain(
        `综合得分 = 各项得分之和${earned.toFixed(2)} ÷ 有数据各项权重之和90 × 100 = ${composite(jyParts).toFixed(2)}分（1项缺少数据，不计入）`,
      );
      // Each part as the card shows it, written out by hand from the figures above: the raw figure and its basis, the
      // points of the weight; the missing 四个一批 stated missing, not scored zero.
      expect(jyParts[0]!.points!.toFixed(2)).toBe('1.08');
      for (const lines of [
        ['原始数据：1.8%（完成率1.8%，序时进度50.0%，得分率3.6%（完成率÷序时进度，最高100%））', '得分：1.08分（权重30分）'],
        ['原始数据：0.0%（计划开工日期在期末前的新开工项目1个，其中已开工0个）', '得分：0.00分（权重15分）'],
        ['原始数据：16.7%（应报6次，按时报送1次）', '得分：2.50分（权重15分）'],
        ['原始数据：0.0%（提出问题1个，已办结0个）', '得分：0.00分（权重10分）'],
        ['原始数据：50.0%（到期节点2个，按期完成1个）', '得分：5.00分（权重10分）'],
        ['原始数据：80.00分（观摩平均得分80.00分（满分100分），得分率80.0%）', '得分：8.00分（权重10分）'],
        ['原始数据：缺项（无招商签约企业，本项不计）', '得分：不计（权重10分不计入综合得分的分母，不按零分计）'],
      ])
        expect(unitText).toContain(lines.join('\n'));
      for (const [i, part] of jyParts.entries()) expect(unitText).toContain(`**${i + 1}. ${part.name}**`);

      // One county, with the half named; a name like none is offered the nearest names.
      const county = await ask(R.leaders[0]!.mobile, '青河县上半年综合评价');
      const countyCard = JSON.parse(county.content) as { header: { title: { content: string } } };
      expect(checkCardRules(countyCard)).toEqual([]);
      expect(countyCard.header.title.content).toBe('青河县2026年上半年综合评价');
      expect(cardText(countyCard)).toContain(`综合得分${qh.score.toFixed(2)}分，在${e.counties.length}个县区中排第1名`);
      expect(cardText(countyCard)).toContain('原始数据：85.00分（观摩平均得分85.00分（满分100分），得分率85.0%）\n得分：8.50分（权重10分）');
      const slip = await ask(R.leaders[0]!.mobile, '市教肓局综合评价');
      expect(slip.msg_type).toBe('text');
      expect((JSON.parse(slip.content) as { text: string }).text).toContain('未找到名为“市教肓局”的县区或责任单位。您要找的是不是：市教育局');

      const reporter = R.units[0]!.reporters[0]!;
      const refused = await ask(reporter.mobile, '上半年综合评价');
      expect(refused.msg_type).toBe('text');
      expect((JSON.parse(refused.content) as { text: string }).text).toBe('综合评价排序向管理员（重点项目办）和市领导提供。如需了解，请联系重点项目办。');
      // Nor a unit's own breakdown: evaluations are for administrators and city leaders only.
      const own = await ask(reporter.mobile, `${R.units[0]!.name}综合评价`);
      expect((JSON.parse(own.content) as { text: string }).text).toBe('综合评价排序向管理员（重点项目办）和市领导提供。如需了解，请联系重点项目办。');
    } finally {
      await server.stop();
    }
  });
});
