// 季分析 and 年考核 asked in chat (issue 16, item 5), through the Feishu double on the real server: the figures on the
// cards worked out here from the month-end reports this test submits, the quarter measured against the end of June,
// an administrator's request approved and posted once to each bulletin group, a leader who is not an administrator
// refused 发布, and the year's assessment saying how many December figures were estimated, approved and posted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalReplies } from '../../src/bulletin/publish/actions';
import { createManualClock } from '../../src/clock';
import { saveReport } from '../../src/db/reports';
import type { DeliveredMessage } from '../../src/feishu-double';
import { sampleLookup } from '../fixtures/sample-lookup';
import { approvalCards, type BulletinWorld, groupMessages, prepareBulletinWorld } from '../helpers/bulletin';
import { type BotServer, startBotServer } from '../helpers/bot';
import { checkCardRules } from '../helpers/card-rules';
import { engines } from '../helpers/db';
import { eventSenderFor, settled, waitFor } from '../helpers/feishu';
import { bj, cardText, tap } from '../helpers/round';

const S = await sampleLookup();
const N = S.projects.length;
const PLAN = S.projects.reduce((a, p) => a + p.planWan, 0);
const yi = (wan: number) => (Math.round(wan / 100) / 100).toFixed(2);
const pct = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
const rate = (wan: number) => (wan / PLAN) * 100;
const share = (plan: number, f: number) => Math.round(plan * f);

describe.each(engines)('季分析 and 年考核 in chat on %s', (engine) => {
  let w: BulletinWorld;
  let server: BotServer;
  let feishu: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-10-20 10:00'));
  let A: (typeof S.projects)[number];
  let B: (typeof S.projects)[number];
  let C: (typeof S.projects)[number];
  const fig = { jun: { a: 0, b: 0 }, sep: { a: 0, b: 0, c: 0 }, dec: { a: 0, b: 0 } };
  let leader: { openId: string; name: string };
  let reporter: { openId: string; name: string };

  /** Everything sent; the clock moved on a second or two where the per-person sending rate makes the sender wait. */
  const settle = async () => {
    for (let i = 0; ; i++) {
      server.bot!.sender.wake();
      try {
        await settled(w.t.db, 3000, { clock, wake: () => server.bot!.sender.wake() });
        return;
      } catch (err) {
        if (i >= 5) throw err;
        clock.set(new Date(clock.now().getTime() + 2000));
      }
    }
  };
  const card = (m: DeliveredMessage) => JSON.parse(m.content) as Record<string, unknown>;
  /** A direct message to the bot; the reply's text (a card's every text). */
  const ask = async (who: { openId: string; name: string }, text: string) => {
    const sent = await feishu.sendMessage({ text, sender: { open_id: who.openId, name: who.name } });
    expect(sent.status).toBe(200);
    const id = (sent.envelope.event.message as { message_id: string }).message_id;
    // Settled first: the reply may wait behind the previews sent to the same person (Feishu's per-person rate).
    await settle();
    const reply = await waitFor(`the reply to “${text}”`, () => w.double.messages.find((m) => m.via === 'reply' && m.parent_id === id), Boolean);
    if (reply!.msg_type === 'interactive') {
      expect(checkCardRules(card(reply!))).toEqual([]);
      return cardText(card(reply!));
    }
    return String((JSON.parse(reply!.content) as { text: string }).text);
  };

  async function period(weekStart: string, planYear: number, asks: string | null) {
    const monday = Date.parse(`${weekStart}T09:00:00+08:00`);
    const row = await w.t.db
      .insertInto('weekly_periods')
      .values({
        plan_year: planYear,
        week_start: weekStart,
        opens_at: new Date(monday).toISOString(),
        remind_at: new Date(monday + 78 * 3600_000).toISOString(),
        deadline_at: new Date(monday + 105 * 3600_000).toISOString(),
        asks_month_end: asks,
        created_at: new Date(monday).toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  async function report(code: string, periodId: number, wan: number, at: string) {
    const p = await w.t.db.selectFrom('projects').select('id').where('code', '=', code).where('plan_year', '=', 2026).executeTakeFirstOrThrow();
    await w.t.db.transaction().execute((tx) =>
      saveReport(tx, p.id, periodId, {
        ytdYuan: wan * 10_000,
        monthEndYuan: wan * 10_000,
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
        submittedAt: new Date(bj(at)),
      }),
    );
  }

  beforeAll(async () => {
    w = await prepareBulletinWorld(engine, 2);
    // A is the project prepareBulletinWorld reported on in September (its month-end figures below replace that).
    const first = await w.t.db.selectFrom('projects').select('code').orderBy('id').executeTakeFirstOrThrow();
    A = S.projects.find((p) => p.code === first.code)!;
    [B, C] = S.projects.filter((p) => p.code !== A.code) as [typeof A, typeof A];
    fig.jun = { a: share(A.planWan, 0.3), b: share(B.planWan, 0.4) };
    fig.sep = { a: share(A.planWan, 0.7), b: share(B.planWan, 0.65), c: share(C.planWan, 0.2) };
    fig.dec = { a: share(A.planWan, 0.95), b: B.planWan };
    const june = await period('2026-07-06', 2026, '2026-06');
    await report(A.code, june, fig.jun.a, '2026-07-07 10:00');
    await report(B.code, june, fig.jun.b, '2026-07-07 10:00');
    const september = await period('2026-10-12', 2026, '2026-09');
    await report(A.code, september, fig.sep.a, '2026-10-13 10:00');
    await report(B.code, september, fig.sep.b, '2026-10-13 10:00');
    await report(C.code, september, fig.sep.c, '2026-10-13 10:00');
    // December's end figure: A and B give it; C does not, so its figure is its latest before the year ended (估).
    const december = await period('2027-01-04', 2026, '2026-12');
    await report(A.code, december, fig.dec.a, '2027-01-05 10:00');
    await report(B.code, december, fig.dec.b, '2027-01-05 10:00');

    // Nothing else on the clock: this week's round, its digest and the monthly bulletins have run (the round of
    // the week of 2 November is marked by prepareBulletinWorld).
    const at = new Date(bj('2026-10-19 09:00')).toISOString();
    const done = [
      ...['2026-10-19', '2027-01-18'].flatMap((week) => ['round.open', 'round.remind', 'round.close', 'bulletin.digest'].map((job) => [job, week])),
      ['bulletin.monthly', '2026-09'],
      ['bulletin.monthly', '2026-12'],
    ];
    for (const [job, key] of done)
      await w.t.db.insertInto('job_runs').values({ job: job!, run_key: key!, status: 'done', started_at: at, finished_at: at, error: null }).execute();
    const admins = new Set(w.admins.map((a) => a.openId));
    const l = S.leaders.find((x) => !admins.has(`ou_${x.mobile}`))!;
    leader = { openId: `ou_${l.mobile}`, name: l.name };
    const r = S.unit(A.unit).reporters.find((x) => !admins.has(`ou_${x.mobile}`))!;
    reporter = { openId: `ou_${r.mobile}`, name: r.name };
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    feishu = eventSenderFor(w.double, server.webhookUrl, { clock });
  });
  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  const sepTotal = () => fig.sep.a + fig.sep.b + fig.sep.c;
  const junTotal = () => fig.jun.a + fig.jun.b;
  const quarterLines = () => {
    const r6 = rate(junTotal());
    const r9 = rate(sepTotal());
    return [
      `截至9月底，全市${N}个重点项目累计完成投资${yi(sepTotal())}亿元，占年度计划的${pct(r9)}%，低于序时进度${pct(75 - r9)}个百分点；本季度完成投资${yi(sepTotal() - junTotal())}亿元。`,
      `与上季末（6月底）相比，全市年度投资完成率由${pct(r6)}%变为${pct(r9)}%，提高${pct(r9 - r6)}个百分点；6月底低于序时进度${pct(50 - r6)}个百分点，9月底低于序时进度${pct(75 - r9)}个百分点。`,
    ];
  };

  it('a leader asking “三季度分析” gets the analysis, compared with the end of June', async () => {
    const text = await ask(leader, '三季度分析');
    expect(text).toContain('2026年第三季度重点项目建设分析');
    for (const line of quarterLines()) expect(text).toContain(line);
    expect(text).not.toContain('审定');
  });

  it('the first quarter says it has no earlier quarter to compare with; a quarter or year not ended is said so', async () => {
    expect(await ask(leader, '一季度分析')).toContain('一季度为本计划年度的首个季度（计划年度即公历年度，年度累计完成投资自1月起算），不与上年末比较。');
    expect(await ask(leader, '四季度分析')).toBe(
      '2026年四季度尚未结束，季度分析在2027年1月初季度结束、各项目报送12月底累计完成投资后提供。可先问“全市进度”了解截至目前的完成情况。',
    );
    expect(await ask(leader, '2026年度考核')).toBe(
      '2026年度尚未结束，年度考核排名在2027年1月初年度结束、各项目报送12月底累计完成投资后提供。可先问“全市进度”了解截至目前的完成情况。',
    );
    expect(await ask(reporter, '三季度分析')).toBe('季度分析和年度考核排名向管理员（重点项目办）和市领导提供。如需了解，请联系重点项目办。');
  });

  it('an administrator’s “2026年第三季度分析” goes for approval; 发布 posts it once to each bulletin group, a leader cannot', async () => {
    const [jin, li] = w.admins as [{ openId: string; name: string }, { openId: string; name: string }];
    const before = w.double.messages.length;
    expect(await ask(jin, '2026年第三季度分析')).toBe(
      '已编制2026年第三季度重点项目建设分析，连同审定卡片发送给2名管理员审定（见本单聊中的卡片）；点“发布”后发送到2个通报群。',
    );
    // Every administrator gets the preview (the same figures, tagged 待审定) and an approval card.
    for (const a of [jin, li]) {
      const preview = w.double.messages.slice(before).find((m) => m.user_open_id === a.openId && m.via === 'create' && m.content.includes('待审定的内容'));
      for (const line of quarterLines()) expect(cardText(card(preview!))).toContain(line);
      expect(approvalCards(w, a.openId)).toHaveLength(1);
    }
    const jinCard = approvalCards(w, jin.openId)[0]!;
    expect(cardText(jinCard.card)).toContain('审定：2026年第三季度重点项目建设分析');

    // A leader who is not an administrator cannot publish, whatever card reaches them.
    const refused = await tap(feishu, w.double, { ...jinCard, openId: leader.openId }, jinCard.publish);
    expect(refused.toast).toEqual({ type: 'error', content: approvalReplies.notAdmin });
    await settle();
    for (const g of w.groups) expect(groupMessages(w, g.chat_id, before)).toHaveLength(0);

    const since = w.double.messages.length;
    const published = await tap(feishu, w.double, jinCard, jinCard.publish);
    expect(published.toast?.type).toBe('success');
    expect(cardText(published.card)).toContain(`已由${jin.name}于2026年10月20日 10:00发布`);
    // The other administrator clicks too, and the first again: nothing more is posted.
    const liCard = approvalCards(w, li.openId)[0]!;
    expect((await tap(feishu, w.double, liCard, liCard.publish)).toast?.type).toBe('info');
    expect((await tap(feishu, w.double, jinCard, jinCard.publish)).toast?.type).toBe('info');
    await settle();
    for (const g of w.groups) {
      const got = groupMessages(w, g.chat_id, since);
      expect(got.map((m) => m.msg_type)).toEqual(['interactive']);
      const text = cardText(card(got[0]!));
      for (const line of quarterLines()) expect(text).toContain(line);
      expect(text).not.toContain('待审定');
    }
    const rows = await w.t.db.selectFrom('bulletins').select(['kind', 'month', 'status']).where('kind', '=', 'quarter').execute();
    expect(rows).toEqual([{ kind: 'quarter', month: '2026-Q3', status: 'published' }]);

    // Asked again once published, the analysis is what was published, and nothing new goes for approval.
    const again = await ask(jin, '三季度分析');
    for (const line of quarterLines()) expect(again).toContain(line);
    expect(approvalCards(w, jin.openId)).toHaveLength(1);
  });

  it('in January, “2026年度考核” says how many December figures were estimated, by name and unit, with the week and day of the figure used', async () => {
    clock.set(new Date(bj('2027-01-20 10:00')));
    // C's latest figure before the year ended is the one of the round of 12 October (ISO week 42), given on the 13th:
    // marked as the monthly bulletin marks an estimate.
    const estimated = `${N}个项目中，1个项目未填报12月底累计完成投资，按12月底前最近一次填报数计入，标“估”：${C.name}（${C.unit}，估（第42周 10月13日填报））。`;
    const forLeader = await ask(leader, '年度考核排名');
    expect(forLeader).toContain('2026年度重点项目建设考核排名');
    expect(forLeader).toContain(estimated);
    expect(forLeader).toContain('数据截至2026年12月31日');
    const [jin] = w.admins as [{ openId: string; name: string }];
    const before = w.double.messages.length;
    expect(await ask(jin, '2026年度考核')).toContain('已编制2026年度重点项目建设考核排名，连同审定卡片发送给2名管理员审定');
    const preview = w.double.messages.slice(before).find((m) => m.user_open_id === jin.openId && m.content.includes('待审定的内容'));
    expect(cardText(card(preview!))).toContain(estimated);
    const yearCard = approvalCards(w, jin.openId).find((c) => cardText(c.card).includes('审定：2026年度重点项目建设考核排名'));
    expect(yearCard).toBeDefined();
    // 发布 posts it once to each bulletin group, as the monthly bulletin and the quarter's analysis are posted.
    const since = w.double.messages.length;
    const published = await tap(feishu, w.double, yearCard!, yearCard!.publish);
    expect(published.toast?.type).toBe('success');
    expect(cardText(published.card)).toContain(`已由${jin.name}于2027年1月20日 10:00发布`);
    expect((await tap(feishu, w.double, yearCard!, yearCard!.publish)).toast?.type).toBe('info');
    await settle();
    for (const g of w.groups) {
      const got = groupMessages(w, g.chat_id, since);
      expect(got.map((m) => m.msg_type)).toEqual(['interactive']);
      const text = cardText(card(got[0]!));
      expect(text).toContain('2026年度重点项目建设考核排名');
      expect(text).toContain(estimated);
      expect(text).not.toContain('待审定');
    }
    const rows = await w.t.db.selectFrom('bulletins').select(['kind', 'month', 'status']).where('kind', '=', 'year').execute();
    expect(rows).toEqual([{ kind: 'year', month: '2026', status: 'published' }]);
  });
});
