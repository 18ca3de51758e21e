// 综合评价排序 for 2026-H1 on the sample register: 青河县's projects all report on time in June at 40 % of their annual
// plan (one 新开工 project not yet started), two problems raised there (one closed), a 观摩 of two of its projects;
// 西山县 reports nothing. Every part of both counties worked out here from the register; the parts a county lacks
// (no 观摩, no problems, no node plans, no 招商 enterprises) are stated and left out of its weights, not scored zero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveReport } from '../../src/db/reports';
import { addTourScore } from '../../src/db/tours';
import { DEFAULT_WEIGHTS } from '../../src/domain/evaluation';
import { engines } from '../helpers/db';
import { SAMPLE, readSheets, sampleRegister } from '../fixtures/register-workbooks';
import { bj, prepareRoundWorld, type RoundWorld } from '../helpers/round';

const R = await sampleRegister();
const QH = R.projects.filter((p) => p.county === '青河县');
const XS = R.projects.filter((p) => p.county === '西山县');
const notStarted = QH.find((p) => p.nature === '新开工')!;
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
    const problem = (status: string, closedAt: string | null, raisedAt: string) => ({
      project_id: ids.get(QH[0]!.code)!,
      category: '用地',
      description: '征地拆迁未完成',
      status,
      raised_by: null,
      raised_at: raisedAt,
      report_revision_id: null,
      lead_unit_id: null,
      helper_unit_ids: null,
      deadline: null,
      closed_at: closedAt,
      updated_at: raisedAt,
    });
    await w.t.db
      .insertInto('problems')
      .values([problem('已销号', '2026-06-20T02:00:00.000Z', '2026-06-09T02:00:00.000Z'), problem('办理中', null, '2026-06-10T02:00:00.000Z')])
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
    await w?.t.drop();
  });

  it('a half not yet ended is refused; 2026-H1 scores every part traceably, missing parts stated', async () => {
    const early = await w.cli(['evaluate', '--half', '2026-H2'], bj('2026-07-10 10:00'));
    expect(early.code).toBe(1);
    expect(early.err.split('\n').at(-1)).toBe('2026年下半年尚未结束，综合评价在半年结束后提供。');
    const r = await w.cli(['evaluate', '--half', '2026-H1', '--format', 'json'], bj('2026-07-10 10:00'));
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out) as { half: string; asOf: string; counties: Array<{ name: string; score: number; rank: number; parts: Part[] }> };
    expect([e.half, e.asOf]).toEqual(['2026-H1', '2026-06-30']);

    const plan = QH.reduce((a, p) => a + p.annual, 0);
    const done = QH.reduce((a, p) => a + reported(p), 0);
    const rate = (done / plan) * 100; // about 40 %
    const planned = QH.filter((p) => p.nature === '新开工').length;
    const W = DEFAULT_WEIGHTS;
    const qh = e.counties.find((c) => c.name === '青河县')!;
    const completionPoints = (W.completion * Math.min(100, (rate / 50) * 100)) / 100;
    const startsRate = ((planned - 1) / planned) * 100;
    const qhParts: Part[] = [
      { name: '投资完成率（与序时进度比）', raw: rate, points: completionPoints, weight: 30, note: expect.stringMatching(/^完成率\d+\.\d%，序时进度50\.0%/) },
      { name: '新开工项目开工率', raw: startsRate, points: (W.starts * startsRate) / 100, weight: 15, note: `计划新开工${planned}个，已开工${planned - 1}个` },
      { name: '按时报送率', raw: 100, points: 15, weight: 15, note: `应报${QH.length}次，按时报送${QH.length}次` },
      { name: '问题办结率', raw: 50, points: 5, weight: 10, note: '提出问题2个，已办结1个' },
      nodesPart(QH, '2026-01-01', '2026-06-30'),
      { name: '观摩得分', raw: 85, points: 8.5, weight: 10, note: '观摩平均得分85.00分（满分100分），得分率85.0%' },
      batchesPart(conversion('青河县')),
    ];
    expect(qh.parts).toEqual(qhParts);
    // The composite: points of the parts present over their weights, × 100 (a missing part counts in neither).
    const composite = (parts: Part[]) => {
      const present = parts.filter((x) => x.points !== null);
      return (present.reduce((a, x) => a + (x.points ?? 0), 0) / present.reduce((a, x) => a + x.weight, 0)) * 100;
    };
    const qhScore = composite(qhParts);
    expect(qh.score).toBeCloseTo(qhScore, 10);

    const xs = e.counties.find((c) => c.name === '西山县')!;
    const xsPlanned = XS.filter((p) => p.nature === '新开工').length;
    const xsParts: Part[] = [
      { name: '投资完成率（与序时进度比）', raw: 0, points: 0, weight: 30, note: '完成率0.0%，序时进度50.0%，得分率0.0%（完成率÷序时进度，最高100%）' },
      xsPlanned
        ? { name: '新开工项目开工率', raw: 0, points: 0, weight: 15, note: `计划新开工${xsPlanned}个，已开工0个` }
        : { name: '新开工项目开工率', raw: null, points: null, weight: 15, note: '无计划新开工项目，本项不计' },
      { name: '按时报送率', raw: 0, points: 0, weight: 15, note: `应报${XS.length}次，按时报送0次` },
      { name: '问题办结率', raw: null, points: null, weight: 10, note: '本期未提出问题，本项不计' },
      nodesPart(XS, '2026-01-01', '2026-06-30'),
      { name: '观摩得分', raw: null, points: null, weight: 10, note: '本期未列入观摩或观摩未评分，本项不计' },
      batchesPart(conversion('西山县')),
    ];
    expect(xs.parts).toEqual(xsParts);
    expect(xs.score).toBeCloseTo(composite(xsParts), 10);
    expect(qh.rank).toBe(1);
    const text = await w.cli(['evaluate', '--half', '2026-H1'], bj('2026-07-10 10:00'));
    expect(text.out).toContain('2026年上半年重点项目综合评价排序（数据截至2026-06-30）');
    expect(text.out).toContain(`  1. 青河县 ${qhScore.toFixed(2)}分`);
    expect(text.out).toContain('     观摩得分：8.50/10分（观摩平均得分85.00分（满分100分），得分率85.0%）');

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
    const text = await w.cli(['evaluate', '--year', '2026'], bj('2027-01-15 10:00'));
    expect(text.out).toContain('2026年度重点项目综合评价排序（数据截至2026-12-31）');
    const assessment = await w.cli(['ask', '2026年度考核', '--as', R.leaders[0]!.mobile], bj('2027-01-15 10:00'));
    expect(assessment.out).toContain('综合评价排序');
    expect(assessment.out).toContain(`${qh.rank}. 青河县 ${qh.score.toFixed(2)}分`);
  });
});
