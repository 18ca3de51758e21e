// Every figure says as of when and from whom (issue 18, item 4): a project card names the week, the unit, the reporter
// and the revision, or says its figure is carried from an earlier week; summaries and lists say how many projects
// reported this week and that the rest count by their last report; the weekly digest tells a project that fell behind
// on its report from one that fell behind because 序时 moved on when a month ended, in a week without any report.
//
// The world: the sample register; week 44 (10月26日—11月1日, deadline 10月30日, 序时 at the end of September 9/12) with
// six reports; week 45 (deadline 11月6日, 序时 at the end of October 10/12) with none; week 46 with one project's first
// report, corrected twice by its named reporter. One database per engine; each `it` picks up where the one before left off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCardText } from '../../cards/text-render';
import { bulletinGroups, setBulletinGroup } from '../../src/bulletin/publish/store';
import { createManualClock } from '../../src/clock';
import { type ReportInput, saveReport } from '../../src/db/reports';
import { answerQuestion } from '../../src/handlers/answer/answer';
import { askerFor } from '../../src/handlers/answer/asker';
import { tickBulletin } from '../../src/jobs/bulletin';
import { tickRounds } from '../../src/jobs/rounds';
import { sampleLookup } from '../fixtures/sample-lookup';
import { type BotServer, startBotServer } from '../helpers/bot';
import { checkCardRules } from '../helpers/card-rules';
import { engines } from '../helpers/db';
import { settled } from '../helpers/feishu';
import { bj, cardText, prepareRoundWorld, type RoundWorld } from '../helpers/round';

const ADMIN_MOBILE = '13900010001'; // 金俊杰: an administrator and city leader, sees everything
const DISPATCH = { chat_id: 'oc_dispatch', name: '重点项目调度群' };
const W44 = '2026-10-26';
const W45 = '2026-11-02';
const W46 = '2026-11-09';

const S = await sampleLookup();
// Six 续建 projects on the city-wide 序时 (no 月度计划 of their own, no late start to confound the lights).
const [P, Q, A1, A2, A3, C] = S.projects.filter((p) => p.nature === '续建' && !p.ownPlan && p.planWan > 0).slice(0, 6) as [
  (typeof S.projects)[number],
  (typeof S.projects)[number],
  (typeof S.projects)[number],
  (typeof S.projects)[number],
  (typeof S.projects)[number],
  (typeof S.projects)[number],
];
/** Shares of the annual plan reported in week 44: ahead of September’s 75% but behind October’s 83.33% (A1–A3), behind both (C, Q). */
const W44_SHARES = new Map([
  [Q!.code, 0.5],
  [A1!.code, 0.8],
  [A2!.code, 0.78],
  [A3!.code, 0.76],
  [C!.code, 0.7],
]);
/** P's first report in week 46 and its two corrections. */
const P_SHARES = [0.5, 0.55, 0.6];
const ytdWan = (p: { planWan: number }, share: number) => Math.round(p.planWan * share);

// Figures as the answers print them, worked out here.
const tpOf = (month: number) => (month / 12) * 100;
const tpText = (month: number) =>
  `${tpOf(month)
    .toFixed(2)
    .replace(/\.?0+$/u, '')}%`;
const wan = (w: number) => w.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const yi = (w: number) => (Math.round(w / 100) / 100).toFixed(2);
const pct = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
/** The default lights: green less than 10 points below 序时, yellow 10–30 below, red beyond. */
const lightOf = (rate: number, tp: number) => (tp - rate < 10 ? '绿灯' : tp - rate <= 30 ? '黄灯' : '红灯');

describe.each(engines)('as of when and from whom, on %s', (engine) => {
  let w: RoundWorld;
  let server: BotServer;
  const clock = createManualClock(bj('2026-10-26 08:00'));
  const db = () => w.t.db;

  const tickAt = async (at: string) => {
    await clock.set(bj(at));
    await tickRounds(server.ctx);
    const done = await tickBulletin(server.ctx, server.bot!.bulletin);
    server.bot!.sender.wake();
    await settled(db(), 15_000);
    return done;
  };
  const digestOf = (weekLabel: string) => {
    const found = w.double.messages.filter(
      (m) => m.chat_id === DISPATCH.chat_id && m.msg_type === 'interactive' && cardText(JSON.parse(m.content)).includes(weekLabel),
    );
    expect(found).toHaveLength(1);
    const content = JSON.parse(found[0]!.content) as unknown;
    expect(checkCardRules(content)).toEqual([]);
    return renderCardText(content);
  };
  const idOf = async (code: string) => (await db().selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const periodOf = async (week: string) => (await db().selectFrom('weekly_periods').select('id').where('week_start', '=', week).executeTakeFirstOrThrow()).id;
  const personOf = async (mobile: string) => (await db().selectFrom('people').select('id').where('mobile', '=', mobile).executeTakeFirstOrThrow()).id;
  const reporterOf = (p: { unit: string }) => S.unit(p.unit).reporters[0]!;
  const report = async (p: { code: string; planWan: number; unit: string }, week: string, share: number, at: string) => {
    const input: ReportInput = {
      ytdYuan: ytdWan(p, share) * 10_000,
      monthEndYuan: null,
      progressText: `主体结构施工至${Math.round(share * 20)}层`,
      status: 'building',
      problemCategories: [],
      problemText: null,
      coordination: null,
      nextPlan: null,
      correctionReason: null,
      noChange: false,
      late: false,
      submittedBy: await personOf(reporterOf(p).mobile),
      submittedAt: new Date(bj(at)),
    };
    await saveReport(db(), await idOf(p.code), await periodOf(week), input);
  };
  const ask = async (question: string, at: string) => {
    const a = await answerQuestion(db(), new Date(bj(at)), await askerFor(db(), ADMIN_MOBILE), question, 'nonce001');
    expect('card' in a).toBe(true);
    const card = (a as { card: unknown }).card;
    expect(checkCardRules(card)).toEqual([]);
    return renderCardText(card);
  };

  beforeAll(async () => {
    w = await prepareRoundWorld(engine, ADMIN_MOBILE);
    w.double.addChat({ ...DISPATCH, members: [w.people[0]!.openId] });
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    await setBulletinGroup(db(), DISPATCH.chat_id, true, clock.now());
    expect(await bulletinGroups(db())).toHaveLength(1);
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  it('week 44: six projects report; its digest, the year’s first, has nothing to compare with', async () => {
    await tickAt('2026-10-26 09:00');
    for (const [code, share] of W44_SHARES) await report(S.byCode(code), W44, share, '2026-10-28 10:00');
    expect(await tickAt('2026-10-30 18:00')).toContain(`${W44}:digest`);
    expect(digestOf('第44周（10月26日—11月1日）')).toContain('本年度首轮调度');
  });

  it('week 45, no report and the month turned: 序时 moving on is told apart from anything reported', async () => {
    await tickAt('2026-11-02 09:00');
    expect(await tickAt('2026-11-06 18:00')).toContain(`${W45}:digest`);
    const text = digestOf('第45周（11月2日—11月8日）');
    expect(text).toContain(`应报${S.projects.length}个项目，已报0个`);
    expect(text).toContain('据本周填报转为未达序时进度：无（本周暂无项目填报）。');
    // Behind on week 44's figures against October's 序时, not against September's.
    const [before, after] = [tpOf(9), tpOf(10)];
    const moved = [...W44_SHARES].filter(([, s]) => s * 100 >= before && s * 100 < after).map(([code]) => S.byCode(code));
    expect(moved.map((p) => p.code).sort()).toEqual([A1!.code, A2!.code, A3!.code].sort());
    expect(text).toContain(
      `因序时进度调整转为未达序时进度：${moved.length}个。序时进度由${tpText(9)}（截至9月底）调至${tpText(10)}（截至10月底），以下项目按最近一次填报未达新的序时进度：`,
    );
    for (const p of moved) expect(text).toContain(`${p.name}（${p.county}）［${lightOf(W44_SHARES.get(p.code)! * 100, after)}］`);
    expect(text).not.toContain('新增未达序时进度');
    // Already behind in week 44, their lights got worse only because 序时 moved: C green → yellow, Q yellow → red.
    expect([lightOf(70, before), lightOf(70, after), lightOf(50, before), lightOf(50, after)]).toEqual(['绿灯', '黄灯', '黄灯', '红灯']);
    expect(text).toContain('预警灯加重：因序时进度调整2个（绿灯转黄灯1个、黄灯转红灯1个）。');
    expect(text).not.toContain('据本周填报1个');
  });

  it('after week 45’s deadline, a list says no project reported that week and the figures are week 44’s', async () => {
    const text = await ask('滞后项目', '2026-11-07 10:00');
    const lagging = [...W44_SHARES.values()].filter((s) => s * 100 < tpOf(10)).length;
    expect(text).toContain('数据截至11月7日（第45周） · 序时进度截至10月底');
    expect(text).toContain(
      `全市重点项目${S.projects.length}个，本周（第45周）无项目填报，${W44_SHARES.size}个项目按最近一次填报（第44周）计算，另有${S.projects.length - W44_SHARES.size}个暂无填报；其中未达序时进度项目${lagging}个。`,
    );
    expect(text).not.toContain(`已填报${W44_SHARES.size}个`);
  });

  it('week 46, Thursday: one project reported and corrected twice; the others are carried from week 44', async () => {
    await tickAt('2026-11-09 09:00');
    await report(P!, W46, P_SHARES[0]!, '2026-11-10 09:30');
    await report(P!, W46, P_SHARES[1]!, '2026-11-10 16:00');
    await report(P!, W46, P_SHARES[2]!, '2026-11-11 15:00');
    const at = '2026-11-12 10:00';
    const name = reporterOf(P!).name;
    const pYtd = ytdWan(P!, P_SHARES[2]!);
    const card = await ask(P!.code, at);
    expect(card).toContain(`最新填报：第46周（11月9日—11月15日），${P!.unit} ${name}于11月11日（周三）15:00第2次修改`);
    expect(card).toContain(`年度累计完成投资：${wan(pYtd)}万元（第46周 ${P!.unit} ${name} 第2次修改）`);
    expect(card).toContain(`年度投资完成率：${pct((pYtd / P!.planWan) * 100)}%（按第46周填报计算）`);
    expect(card).toContain('形象进度（第46周填报）：主体结构施工至12层');
    expect(card).not.toContain('沿用');

    const carried = await ask(Q!.code, at);
    const qYtd = ytdWan(Q!, W44_SHARES.get(Q!.code)!);
    expect(carried).toContain(
      `最新填报：第44周（10月26日—11月1日），${Q!.unit} ${reporterOf(Q!).name}于10月28日（周三）10:00首次填报；本周（第46周）尚未填报，沿用第44周填报`,
    );
    expect(carried).toContain(`年度累计完成投资：${wan(qYtd)}万元（本周尚未填报，沿用第44周填报）`);
    expect(carried).toContain(`年度投资完成率：${pct((qYtd / Q!.planWan) * 100)}%（按第44周填报计算）`);

    // The list and the city: 1 this week, the rest by their last report, and what they add up to.
    const others = W44_SHARES.size;
    const none = S.projects.length - others - 1;
    const shares = new Map([...W44_SHARES, [P!.code, P_SHARES[2]!]]);
    const lagging = [...shares.values()].filter((s) => s * 100 < tpOf(10)).length;
    const list = await ask('滞后项目', at);
    expect(list).toContain('数据截至11月12日（第46周） · 序时进度截至10月底');
    expect(list).toContain(
      `全市重点项目${S.projects.length}个，本周（第46周）已填报1个，其余${others}个按最近一次填报（第44周）计算，另有${none}个暂无填报；其中未达序时进度项目${lagging}个。完成率与序时进度83.33%（截至10月底）比较。`,
    );
    const city = await ask('全市进度', at);
    const done = [...shares].reduce((sum, [code, s]) => sum + ytdWan(S.byCode(code), s), 0);
    const plan = S.projects.reduce((sum, p) => sum + p.planWan, 0);
    const rate = (done / plan) * 100;
    expect(city).toContain(
      `全市重点项目共${S.projects.length}个，年度计划投资${yi(plan)}亿元。本周（第46周）已填报1个，其余${others}个按最近一次填报（第44周）计算。累计完成投资${yi(done)}亿元，占年度计划的${pct(rate)}%，低于序时进度${pct(tpOf(10) - rate)}个百分点（序时进度83.33%，截至10月底）。另有${none}个项目暂无填报，其完成投资未计入。`,
    );
    expect(city).not.toContain(`已填报${others + 1}个`);

    // `diaodu ask` prints the same as-of lines.
    const printed = await w.cli(['ask', Q!.code, '--as', ADMIN_MOBILE], bj(at));
    expect(printed.code).toBe(0);
    expect(printed.out).toContain(`年度累计完成投资：${wan(qYtd)}万元（本周尚未填报，沿用第44周填报）`);
    const printedList = await w.cli(['ask', '滞后项目', '--as', ADMIN_MOBILE], bj(at));
    expect(printedList.out).toContain(`本周（第46周）已填报1个，其余${others}个按最近一次填报（第44周）计算`);
  });

  it('week 46’s digest: the project that fell behind did so on its report, and 序时 did not move', async () => {
    expect(await tickAt('2026-11-13 18:00')).toContain(`${W46}:digest`);
    const text = digestOf('第46周（11月9日—11月15日）');
    expect(text).toContain(`应报${S.projects.length}个项目，已报1个`);
    expect(text).toContain('据本周填报转为未达序时进度：1个。');
    expect(text).toContain(`${P!.name}（${P!.county}）［${lightOf(P_SHARES[2]! * 100, tpOf(10))}］`);
    expect(text).not.toContain('因序时进度调整');
    expect(text).toContain('本周新增完成投资：本周填报的项目均为首次填报，暂无可比较的数据。');
  });
});
