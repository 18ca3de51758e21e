// Approval and posting of the monthly bulletin end to end (issue 6): the real server on a manual clock against the
// Feishu double, a composer and a workbook builder injected as the integrator will wire the real ones, administrators
// tapping the cards the double received. One database per engine; each `it` picks up where the one before left off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBulletinCards } from '../../cards/bulletin/cards';
import { type BulletinDeps, submitOutcomeText } from '../../src/bulletin/publish/publish';
import { bulletinGroups } from '../../src/bulletin/publish/store';
import type { Bulletin } from '../../src/domain/bulletin';
import { createManualClock } from '../../src/clock';
import { saveSetting } from '../../src/db/settings';
import type { DeliveredMessage, FeishuDouble } from '../../src/feishu-double/index';
import { tickAdmins } from '../../src/jobs/admins';
import { tickBulletin } from '../../src/jobs/bulletin';
import { tickRounds } from '../../src/jobs/rounds';
import { saveReport } from '../../src/db/reports';
import { formatRate, rateOf } from '../../src/domain/progress';
import { renderCardText } from '../../cards/text-render';
import { type BotServer, startBotServer } from '../helpers/bot';
import { checkCardRules } from '../helpers/card-rules';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { feishuTime } from '../helpers/clock';
import { BOT_OPEN_ID, eventSenderFor, requestsTo, settled, startDouble, waitFor } from '../helpers/feishu';
import { bj, type CardButton, cardButtons, cardText, prepareRoundWorld, type RoundWorld, type Shown, tap } from '../helpers/round';
import { sampleBulletin, sampleWorkbook } from '../fixtures/bulletin-sample';
import { formatYi } from '../../src/domain/money';
import { syncUsers } from '../../src/people/sync-users';

const JIN = { openId: 'ou_admin_jin', name: '金俊杰', mobile: '13900010001' };
const LI = { openId: 'ou_admin_li', name: '黎家豪', mobile: '13900010002' };
const ZHANG = { openId: 'ou_zhang', name: '张三', mobile: '13011111111' };
/** An administrator the register does not hold: named in `admins` by open_id, known only to the Feishu directory. */
const WANG = { openId: 'ou_admin_wang', name: '王志强', mobile: '13900010003' };
/** An administrator named in `admins` by mobile only, not in the register: entered by `users sync` from the directory. */
const ZHAO = { openId: 'ou_admin_zhao', name: '赵文静', mobile: '13900010004' };
/** Another such administrator, entered by the hourly job (src/jobs/admins.ts) without anyone running users sync. */
const SUN = { openId: 'ou_admin_sun', name: '孙雅琴', mobile: '13900010005' };
const DISPATCH = { chat_id: 'oc_dispatch', name: '重点项目调度群' };
const GOV = { chat_id: 'oc_gov', name: '市政府工作群' };

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
/** The sample bulletin as composition would give it for `month`. */
const bulletinOf = (month: string): Bulletin => sampleBulletin({ month, asOf: monthEnd(month) });
const titleOf = (month: string) => `2026年1–${Number(month.slice(5))}月全市重点项目建设情况通报`;

describe.each(engines)('approving and posting the monthly bulletin on %s', (engine) => {
  let t: TestDatabase;
  let double: FeishuDouble;
  let server: BotServer;
  let feishu: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-11-05 08:30'));
  /** Feishu's time, for the double: real, moved on by a restart. */
  const feishuClock = feishuTime();
  const composed: string[] = [];
  const deps: BulletinDeps = {
    compose: async (_db, month) => {
      composed.push(month);
      return bulletinOf(month);
    },
    workbook: sampleWorkbook,
  };

  const start = async () => {
    server = await startBotServer({ database: t.target, double, clock, bulletin: deps });
    feishu = eventSenderFor(double, server.webhookUrl, { clock });
  };
  const service = () => server.bot!.bulletin!;
  const settle = async () => {
    server.bot!.sender.wake();
    await settled(t.db, 15_000, { clock, wake: () => server.bot!.sender.wake() });
  };
  const personId = async (openId: string) => (await t.db.selectFrom('people').select('id').where('open_id', '=', openId).executeTakeFirstOrThrow()).id;
  const rowsOf = (month: string) => t.db.selectFrom('bulletins').selectAll().where('month', '=', month).orderBy('id').execute();
  const to = (who: { openId: string }, since = 0) => double.messages.slice(since).filter((m) => m.user_open_id === who.openId);
  const inGroup = (chatId: string, since = 0) => double.messages.slice(since).filter((m) => m.chat_id === chatId && m.via === 'create');
  const card = (m: DeliveredMessage) => JSON.parse(m.content) as Record<string, unknown>;
  const fileName = (m: DeliveredMessage) => {
    const key = (JSON.parse(m.content) as { file_key: string }).file_key;
    return double.state.files.get(key)?.file_name;
  };
  /** An administrator's approval card of a month, as on their screen. */
  const approvalOf = (who: { openId: string }, month: string): Shown & { publish: CardButton; ret: CardButton } => {
    const hits = to(who).filter(
      (m) =>
        m.msg_type === 'interactive' && cardButtons(card(m)).some((b) => b.value.kind === 'bulletin_publish') && cardText(card(m)).includes(titleOf(month)),
    );
    const m = hits.at(-1)!;
    expect(m, `${who.openId}'s approval card of ${month}`).toBeDefined();
    const buttons = cardButtons(card(m));
    return {
      messageId: m.message_id,
      chatId: m.chat_id,
      openId: who.openId,
      card: card(m),
      publish: buttons.find((b) => b.value.kind === 'bulletin_publish')!,
      ret: buttons.find((b) => b.value.kind === 'bulletin_return')!,
    };
  };
  /** An @-mention of the bot in a group; returns the bot's reply. */
  const say = async (who: { openId: string; name: string }, chatId: string, text: string) => {
    const sent = await feishu.sendMessage({
      text,
      sender: { open_id: who.openId, name: who.name },
      chatType: 'group',
      chatId,
      mentions: [{ open_id: BOT_OPEN_ID, name: '调度助手' }],
    });
    const id = (sent.envelope.event as { message: { message_id: string } }).message.message_id;
    const reply = await waitFor(
      'the bot replies',
      () => double.messages.find((m) => m.parent_id === id),
      (m) => m !== undefined,
    );
    return (JSON.parse(reply!.content) as { text: string }).text;
  };
  /** Each group got the month's cards in order and then the 附表, once. */
  const expectPostedOnce = (month: string, since: number) => {
    const cards = renderBulletinCards(bulletinOf(month));
    for (const g of [DISPATCH, GOV]) {
      const got = inGroup(g.chat_id, since);
      expect(got.map((m) => m.msg_type)).toEqual([...cards.map(() => 'interactive'), 'file']);
      expect(got.slice(0, -1).map((m) => card(m))).toEqual(cards);
      expect(fileName(got.at(-1)!)).toBe(`2026年1–${Number(month.slice(5))}月全市重点项目完成情况表.xlsx`);
    }
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const now = new Date(bj('2026-11-01 10:00')).toISOString();
    for (const p of [JIN, LI, ZHANG]) {
      await t.db
        .insertInto('people')
        .values({ name: p.name, mobile: p.mobile, email: null, title: null, open_id: p.openId, resigned_at: null, created_at: now, updated_at: now })
        .execute();
    }
    // 金俊杰 by mobile, 黎家豪 by open_id: both ways the `admins` setting names people.
    expect((await saveSetting(t.db, 'admins', [JIN.mobile, LI.openId], 'test', new Date(now))).ok).toBe(true);
    // A fixed day of the month, as an office that composes on the 5th sets it (the default waits for the month-end round).
    expect((await saveSetting(t.db, 'bulletin.schedule', '5日 09:00', 'test', new Date(now))).ok).toBe(true);
    // A register to compose from (the composer here is a stand-in; the job waits for a register all the same).
    await t.db.insertInto('plan_years').values({ year: 2026, created_at: now }).execute();
    const county = await t.db.insertInto('counties').values({ name: '江北区' }).returning('id').executeTakeFirstOrThrow();
    const category = await t.db.insertInto('categories').values({ name: '基础设施' }).returning('id').executeTakeFirstOrThrow();
    const unit = await t.db.insertInto('units').values({ name: '市交通运输局', head_person_id: null }).returning('id').executeTakeFirstOrThrow();
    const project = await t.db
      .insertInto('projects')
      .values({
        plan_year: 2026,
        code: 'LJ2026-003',
        name: '江北区迎宾大道快速化改造工程',
        county_id: county.id,
        category_id: category.id,
        nature: '续建',
        level: '市重点',
        unit_id: unit.id,
        leader_id: null,
        owner: null,
        content: null,
        national_code: null,
        dropped_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // And one report from before October's end: the job does not compose a month nobody has reported on.
    const period = await t.db
      .insertInto('weekly_periods')
      .values({
        plan_year: 2026,
        week_start: '2026-06-01',
        opens_at: '2026-06-01T01:00:00.000Z',
        remind_at: '2026-06-04T07:00:00.000Z',
        deadline_at: '2026-06-05T10:00:00.000Z',
        asks_month_end: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.transaction().execute((tx) =>
      saveReport(tx, project.id, period.id, {
        ytdYuan: 1_000_000,
        monthEndYuan: null,
        progressText: '路基工程完成30%',
        status: 'building',
        problemCategories: [],
        problemText: null,
        coordination: null,
        nextPlan: null,
        correctionReason: null,
        noChange: false,
        late: false,
        submittedBy: null,
        submittedAt: new Date('2026-06-03T02:00:00Z'),
      }),
    );
    const members = [JIN.openId, LI.openId, ZHANG.openId];
    double = await startDouble({
      users: [JIN, LI, ZHANG, WANG, ZHAO, SUN].map((p) => ({ open_id: p.openId, name: p.name, mobile: p.mobile })),
      chats: [DISPATCH, GOV].map((c) => ({ ...c, members })),
      clock: feishuClock,
    });
    await start();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await double?.close();
    await t?.drop();
  });

  it('"设为通报群" from an administrator makes a group a bulletin group, "取消通报群" undoes it; others are refused', async () => {
    for (const g of [DISPATCH, GOV]) await feishu.sendBotAdded({ chatId: g.chat_id, name: g.name, operator: { open_id: JIN.openId } });
    expect(await say(ZHANG, DISPATCH.chat_id, '设为通报群')).toBe('只有管理员（重点项目办）可以设置或取消通报群。');
    expect(await bulletinGroups(t.db)).toEqual([]);
    expect(await say(JIN, DISPATCH.chat_id, '设为通报群')).toContain('已将本群设为月通报群');
    expect(await say(JIN, DISPATCH.chat_id, '设为通报群。')).toBe('本群已是月通报群，无需重复设置。');
    expect(await say(LI, GOV.chat_id, '设为通报群')).toContain('已将本群设为月通报群');
    expect(await say(LI, GOV.chat_id, '取消通报群')).toBe('已取消本群的月通报群设置，今后不再向本群发送月通报和周调度简报。');
    expect(await bulletinGroups(t.db)).toEqual([{ chatId: DISPATCH.chat_id, name: DISPATCH.name }]);
    expect(await say(LI, GOV.chat_id, '设为通报群')).toContain('已将本群设为月通报群');
    expect(await bulletinGroups(t.db)).toEqual([
      { chatId: DISPATCH.chat_id, name: DISPATCH.name },
      { chatId: GOV.chat_id, name: GOV.name },
    ]);
    await settle();
  });

  it('on the 5th at 09:00 the job composes October and sends each administrator the preview, the 附表 and the approval card', async () => {
    await clock.set(bj('2026-11-05 08:59'));
    expect(await tickBulletin(server.ctx, service())).toEqual([]);
    expect(await rowsOf('2026-10')).toEqual([]);
    const mark = double.messages.length;
    await clock.set(bj('2026-11-05 09:00'));
    await tickBulletin(server.ctx, service());
    await tickBulletin(server.ctx, service()); // the minute after, or a second instance: nothing more
    expect(composed).toContain('2026-10');
    expect((await rowsOf('2026-10')).map((r) => r.status)).toEqual(['draft']);
    await settle();

    const preview = renderBulletinCards(bulletinOf('2026-10'), { draft: true });
    for (const admin of [JIN, LI]) {
      const got = to(admin, mark);
      expect(got.map((m) => m.msg_type)).toEqual([...preview.map(() => 'interactive'), 'file', 'interactive']);
      expect(got.slice(0, preview.length).map(card)).toEqual(preview);
      for (const m of got.filter((x) => x.msg_type === 'interactive')) expect(checkCardRules(card(m))).toEqual([]);
      const approval = cardText(card(got.at(-1)!));
      expect(approval).toContain(`审定：${titleOf('2026-10')}`);
      expect(approval).toContain('发布后将发送到2个通报群：重点项目调度群、市政府工作群。');
    }
    expect(to(ZHANG, mark)).toEqual([]);
    expect(inGroup(DISPATCH.chat_id, mark)).toEqual([]);
    // One upload of the 附表, sent to both administrators.
    expect(requestsTo(double, '/open-apis/im/v1/files')).toHaveLength(1);
  });

  it('someone who is not an administrator is refused, and nothing is sent', async () => {
    const mark = double.messages.length;
    const forwarded = { ...approvalOf(JIN, '2026-10'), openId: ZHANG.openId };
    const r = await tap(feishu, double, forwarded, forwarded.publish);
    expect(r.toast).toEqual({ type: 'error', content: '只有管理员（重点项目办）可以审定和发布月通报、季度分析和年度考核排名。如需发布，请联系重点项目办。' });
    expect(r.card).toBeNull();
    await settle();
    expect(double.messages.slice(mark)).toEqual([]);
    expect((await rowsOf('2026-10')).map((x) => x.status)).toEqual(['draft']);
  });

  it('发布 clicked twice, and again by the other administrator, posts the cards and the 附表 to each group once', async () => {
    const mark = double.messages.length;
    const updates = double.updates.length;
    await clock.set(bj('2026-11-05 09:30'));
    const jin = approvalOf(JIN, '2026-10');
    const li = approvalOf(LI, '2026-10');
    const first = await tap(feishu, double, jin, jin.publish);
    expect(first.toast).toEqual({ type: 'success', content: '已发布，本期通报和附表正在发送到2个通报群。' });
    expect(cardText(first.card)).toContain('✅ 已由金俊杰于2026年11月5日 09:30发布。发送到2个通报群：重点项目调度群、市政府工作群。');
    expect(cardButtons(first.card)).toEqual([]);
    const again = await tap(feishu, double, jin, jin.publish);
    expect(again.toast).toEqual({ type: 'info', content: '已处理过这次操作，无需重复点击。' });
    await settle();
    const late = await tap(feishu, double, li, li.publish);
    expect(late.toast).toEqual({ type: 'info', content: '本期通报已经发布，无需重复操作。' });
    expect(cardText(late.card)).toContain('已由金俊杰于2026年11月5日 09:30发布');
    await settle();

    expectPostedOnce('2026-10', mark);
    expect(double.messages.slice(mark).filter((m) => m.chat_type === 'group')).toHaveLength(2 * (renderBulletinCards(bulletinOf('2026-10')).length + 1));
    expect(requestsTo(double, '/open-apis/im/v1/files')).toHaveLength(1); // the draft's upload, reused
    // 黎家豪's approval card was brought up to date on his screen as well.
    const patched = double.updates.slice(updates).filter((u) => u.message_id === li.messageId);
    expect(patched).toHaveLength(1);
    expect(cardText(JSON.parse(patched[0]!.content))).toContain('已由金俊杰于2026年11月5日 09:30发布');
    const [row] = await rowsOf('2026-10');
    expect(row).toMatchObject({ status: 'published', decided_by: await personId(JIN.openId), decided_at: new Date(bj('2026-11-05 09:30')).toISOString() });
  });

  it('a restart between the click and the sending still posts once', async () => {
    await clock.set(bj('2026-11-05 10:00'));
    // `diaodu bulletin --month 2026-09 --post`: the same submission the job makes.
    expect(submitOutcomeText('2026-09', await service().submitDraft(server.ctx, '2026-09'))).toBe(
      '已编制2026年9月的月通报，送2名管理员审定（由运行中的服务发出）；点“发布”后发送到2个通报群。',
    );
    await settle();
    const mark = double.messages.length;
    const jin = approvalOf(JIN, '2026-09');
    const li = approvalOf(LI, '2026-09');
    double.failRate({ server_error: 1 }); // Feishu answers nothing but errors from here until the restart
    expect((await tap(feishu, double, jin, jin.publish)).toast?.type).toBe('success');
    server.bot!.sender.wake();
    await waitFor(
      'a first attempt to post',
      () => requestsTo(double, '/open-apis/im/v1/messages').filter((r) => r.fault === 'server_error').length,
      (n) => n > 0,
    );
    await server.stop();
    double.failRate(null);
    // A restart takes over a second of Feishu's time: its per-second limits no longer count the old server's sends.
    feishuClock.moveAhead(1100);
    await clock.set(bj('2026-11-05 10:05')); // the retries are due
    await start();
    expect((await tap(feishu, double, li, li.publish)).toast).toEqual({ type: 'info', content: '本期通报已经发布，无需重复操作。' });
    await settle();
    expectPostedOnce('2026-09', mark);
  });

  it('退回 needs a reason, records it on every administrator’s card, and a recomposed draft can be published later', async () => {
    await clock.set(bj('2026-11-05 11:00'));
    await service().submitDraft(server.ctx, '2026-08');
    await settle();
    const jin = approvalOf(JIN, '2026-08');
    const li = approvalOf(LI, '2026-08');
    expect((await tap(feishu, double, jin, jin.ret, { form: { reason: '  ' } })).toast).toEqual({ type: 'error', content: '请填写退回原因。' });
    const reason = '东阳县工业园标准厂房8月数据待核实';
    const updates = double.updates.length;
    const returned = await tap(feishu, double, jin, jin.ret, { form: { reason } });
    expect(returned.toast).toEqual({ type: 'success', content: '已退回，退回原因已记录并告知其他管理员。' });
    expect(cardText(returned.card)).toContain('已由金俊杰于2026年11月5日 11:00退回。');
    expect(cardText(returned.card)).toContain(`退回原因：${reason}`);
    await settle();
    const patched = double.updates.slice(updates).filter((u) => u.message_id === li.messageId);
    expect(cardText(JSON.parse(patched[0]!.content))).toContain(`退回原因：${reason}`);
    expect(await rowsOf('2026-08')).toMatchObject([{ status: 'returned', note: reason, decided_by: await personId(JIN.openId) }]);
    const mark = double.messages.length;
    expect((await tap(feishu, double, li, li.publish)).toast).toEqual({ type: 'info', content: '本稿已被退回，不能再发布；如需发布，请重新编制送审。' });

    // Recomposed twice: the second draft replaces the first, whose cards say so; the latest is published once.
    await clock.set(bj('2026-11-06 09:00'));
    await service().submitDraft(server.ctx, '2026-08');
    await settle();
    const stale = approvalOf(JIN, '2026-08');
    await service().submitDraft(server.ctx, '2026-08');
    await settle();
    expect((await rowsOf('2026-08')).map((r) => r.status)).toEqual(['returned', 'superseded', 'draft']);
    expect((await tap(feishu, double, stale, stale.publish)).toast).toEqual({ type: 'info', content: '本稿已被重新编制的新稿替代，请审定新稿。' });
    const fresh = approvalOf(LI, '2026-08');
    expect((await tap(feishu, double, fresh, fresh.publish)).toast?.type).toBe('success');
    await settle();
    expectPostedOnce('2026-08', mark);
    expect(submitOutcomeText('2026-08', await service().submitDraft(server.ctx, '2026-08'))).toBe(
      '2026年8月的月通报已于2026年11月6日 09:00发布，不再重新编制；此后的数据更正将在下一期通报中列出。',
    );
  });

  it('two instances: both administrators click 发布 at the same moment, each on another instance, and each group gets it once', async () => {
    await clock.set(bj('2026-11-06 10:00'));
    await service().submitDraft(server.ctx, '2026-07');
    await settle();
    const mark = double.messages.length;
    const other = await startBotServer({ database: t.target, double, clock, bulletin: deps });
    try {
      const jin = approvalOf(JIN, '2026-07');
      const li = approvalOf(LI, '2026-07');
      const results = await Promise.all([
        tap(feishu, double, jin, jin.publish),
        tap(eventSenderFor(double, other.webhookUrl, { clock }), double, li, li.publish),
      ]);
      expect(results.map((r) => r.toast?.type).sort()).toEqual(['info', 'success']);
      other.bot!.sender.wake();
      await settle();
      expectPostedOnce('2026-07', mark);
    } finally {
      await other.stop();
    }
  });

  it('an administrator known only by open_id is named by the Feishu directory on the card that says who published', async () => {
    await clock.set(bj('2026-11-06 10:30'));
    expect((await saveSetting(t.db, 'admins', [JIN.mobile, LI.openId, WANG.openId], 'test', clock.now())).ok).toBe(true);
    await service().submitDraft(server.ctx, '2026-05');
    await settle();
    const wang = approvalOf(WANG, '2026-05');
    const jin = approvalOf(JIN, '2026-05');
    const lookups = requestsTo(double, `/open-apis/contact/v3/users/${WANG.openId}`, 'GET').length;
    const published = await tap(feishu, double, wang, wang.publish);
    expect(published.toast?.type).toBe('success');
    expect(cardText(published.card)).toContain('✅ 已由王志强于2026年11月6日 10:30发布。');
    expect(requestsTo(double, `/open-apis/contact/v3/users/${WANG.openId}`, 'GET').length).toBe(lookups + 1);
    await settle();
    // The other administrators' cards say the same, and the row keeps the name (he has no people row to point to).
    const patched = double.updates.filter((u) => u.message_id === jin.messageId).at(-1)!;
    expect(cardText(JSON.parse(patched.content))).toContain('已由王志强于2026年11月6日 10:30发布');
    expect(await rowsOf('2026-05')).toMatchObject([{ status: 'published', decided_by: null, decided_by_name: '王志强' }]);
    expect((await saveSetting(t.db, 'admins', [JIN.mobile, LI.openId], 'test', clock.now())).ok).toBe(true);
  });

  it('an administrator known only by mobile gets nothing until users sync enters them; then publishes and is named', async () => {
    await clock.set(bj('2026-11-06 10:40'));
    // The jobs' tick at the bot's start is over first: its look-up step would otherwise enter them alongside.
    await server.bot!.scheduler.runNow();
    expect((await saveSetting(t.db, 'admins', [JIN.mobile, LI.openId, ZHAO.mobile], 'test', clock.now())).ok).toBe(true);
    await service().submitDraft(server.ctx, '2026-04');
    await settle();
    expect(to(ZHAO)).toEqual([]); // not resolved: no open_id to send the approval to
    const report = await syncUsers(t.db, server.bot!.api, clock.now());
    expect(report.admins).toEqual({ added: [{ name: ZHAO.name, contact: ZHAO.mobile }], unresolved: [], elsewhere: [] });
    await service().submitDraft(server.ctx, '2026-04'); // recomposed: the new draft goes to him as well
    await settle();
    const zhao = approvalOf(ZHAO, '2026-04');
    const jin = approvalOf(JIN, '2026-04');
    const published = await tap(feishu, double, zhao, zhao.publish);
    expect(published.toast?.type).toBe('success');
    expect(cardText(published.card)).toContain('✅ 已由赵文静于2026年11月6日 10:40发布。');
    await settle();
    const patched = double.updates.filter((u) => u.message_id === jin.messageId).at(-1)!;
    expect(cardText(JSON.parse(patched.content))).toContain('已由赵文静于2026年11月6日 10:40发布');
    expect((await rowsOf('2026-04')).map((r) => [r.status, r.decided_by])).toEqual([
      ['superseded', null],
      ['published', await personId(ZHAO.openId)],
    ]);
    expect((await saveSetting(t.db, 'admins', [JIN.mobile, LI.openId], 'test', clock.now())).ok).toBe(true);
  });

  it('an administrator known only by mobile is entered by the hourly job, without users sync: gets the waiting draft, publishes and is named', async () => {
    await clock.set(bj('2026-11-06 10:50'));
    expect((await saveSetting(t.db, 'admins', [JIN.mobile, LI.openId, SUN.mobile], 'test', clock.now())).ok).toBe(true);
    expect(await t.db.selectFrom('people').select('id').where('mobile', '=', SUN.mobile).executeTakeFirst()).toBeUndefined();
    // A draft waits for approval before the job runs: it reaches the administrators the bot knows, not him.
    await service().submitDraft(server.ctx, '2026-03');
    await settle();
    expect(to(SUN)).toEqual([]);
    const approvalsOfJin = () => to(JIN).filter((m) => m.msg_type === 'interactive' && cardText(card(m)).includes(`审定：${titleOf('2026-03')}`));
    expect(approvalsOfJin()).toHaveLength(1);
    expect(await tickAdmins(server.ctx, server.bot!.api)).toEqual([`admin:${SUN.mobile}`]);
    const person = await t.db.selectFrom('people').select(['id', 'name', 'open_id']).where('mobile', '=', SUN.mobile).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ name: SUN.name, open_id: SUN.openId });
    // Entered, he gets the waiting draft — preview, 附表 and approval card — as the others did; they get nothing again.
    await settle();
    const preview = renderBulletinCards(bulletinOf('2026-03'), { draft: true });
    expect(to(SUN).map((m) => m.msg_type)).toEqual([...preview.map(() => 'interactive'), 'file', 'interactive']);
    expect(approvalsOfJin()).toHaveLength(1);
    const sun = approvalOf(SUN, '2026-03');
    const jin = approvalOf(JIN, '2026-03');
    const published = await tap(feishu, double, sun, sun.publish);
    expect(published.toast?.type).toBe('success');
    expect(cardText(published.card)).toContain('✅ 已由孙雅琴于2026年11月6日 10:50发布。');
    await settle();
    const patched = double.updates.filter((u) => u.message_id === jin.messageId).at(-1)!;
    expect(cardText(JSON.parse(patched.content))).toContain('已由孙雅琴于2026年11月6日 10:50发布');
    expect((await rowsOf('2026-03')).map((r) => [r.status, r.decided_by])).toEqual([['published', person.id]]);
    expect((await saveSetting(t.db, 'admins', [JIN.mobile, LI.openId], 'test', clock.now())).ok).toBe(true);
  });

  it('with bulletin.autoPublish on, a composed bulletin goes to the groups at once and the administrators are told', async () => {
    await clock.set(bj('2026-11-06 11:00'));
    expect((await saveSetting(t.db, 'bulletin.autoPublish', true, 'test', clock.now())).ok).toBe(true);
    const mark = double.messages.length;
    expect(await service().submitDraft(server.ctx, '2026-06')).toMatchObject({ kind: 'published' });
    await settle();
    expectPostedOnce('2026-06', mark);
    for (const admin of [JIN, LI]) {
      expect(to(admin, mark).map((m) => (JSON.parse(m.content) as { text?: string }).text)).toEqual([
        `【月通报】${titleOf('2026-06')}已按设置（bulletin.autoPublish）自动发布到2个通报群：重点项目调度群、市政府工作群。`,
      ]);
    }
    expect(await rowsOf('2026-06')).toMatchObject([{ status: 'published', decided_by: null }]);
  });
});

/** 金俊杰, a city leader of the sample register, is the administrator there. */
const ADMIN_MOBILE = '13900010001';

describe.each(engines)('the weekly digest on %s', (engine) => {
  let w: RoundWorld;
  let server: BotServer;
  const clock = createManualClock(bj('2026-11-16 08:00'));
  const db = () => w.t.db;

  /** Runs what the scheduler runs each minute at `at`: the round's steps, then the bulletin's. */
  const tickAt = async (at: string) => {
    await clock.set(bj(at));
    await tickRounds(server.ctx);
    const done = await tickBulletin(server.ctx, server.bot!.bulletin);
    server.bot!.sender.wake();
    await settled(db(), 15_000);
    return done;
  };
  const digestsOf = (week: string) =>
    w.double.messages.filter((m) => m.chat_id === DISPATCH.chat_id && m.msg_type === 'interactive' && cardText(JSON.parse(m.content)).includes(week));
  const plan = async (code: string) => {
    const p = await db()
      .selectFrom('projects as p')
      .innerJoin('project_plans as pp', 'pp.project_id', 'p.id')
      .where('p.code', '=', code)
      .select(['p.id', 'p.name', 'pp.annual_plan_yuan as plan'])
      .orderBy('pp.version', 'desc')
      .executeTakeFirstOrThrow();
    return { id: p.id, name: p.name, plan: Number(p.plan) };
  };
  const report = async (projectId: number, week: string, ytdYuan: number) => {
    const period = await db().selectFrom('weekly_periods').select('id').where('week_start', '=', week).executeTakeFirstOrThrow();
    const blank = {
      monthEndYuan: null,
      problemCategories: [],
      problemText: null,
      coordination: null,
      nextPlan: null,
      correctionReason: null,
      noChange: false,
      late: false,
      submittedBy: null,
    };
    await saveReport(db(), projectId, period.id, { ...blank, ytdYuan, progressText: '主体结构施工至8层', status: 'building', submittedAt: clock.now() });
  };
  const problem = async (projectId: number, category: string, raisedAt: string) => {
    const at = new Date(bj(raisedAt)).toISOString();
    await db()
      .insertInto('problems')
      .values({
        project_id: projectId,
        category,
        description: '用地指标未落实',
        status: '待梳理',
        raised_by: null,
        raised_at: at,
        report_revision_id: null,
        lead_unit_id: null,
        helper_unit_ids: null,
        deadline: null,
        closed_at: null,
        updated_at: at,
      })
      .execute();
  };

  beforeAll(async () => {
    w = await prepareRoundWorld(engine, ADMIN_MOBILE);
    w.double.addChat({ ...DISPATCH, members: [w.people[0]!.openId] });
    // No composer wired: groups and the digest work all the same.
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    const feishu = eventSenderFor(w.double, server.webhookUrl, { clock });
    const admin = w.people.find((p) => p.mobile === ADMIN_MOBILE)!;
    await feishu.sendMessage({
      text: '设为通报群',
      sender: { open_id: admin.openId, name: admin.name },
      chatType: 'group',
      chatId: DISPATCH.chat_id,
      mentions: [{ open_id: BOT_OPEN_ID, name: '调度助手' }],
    });
    await waitFor(
      'the group is a bulletin group',
      () => bulletinGroups(db()),
      (g) => g.length === 1,
    );
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  it('after each round’s deadline, and only then, posts n of m reported, the new investment, new laggards and new problems', async () => {
    const total = Number(
      (
        await db()
          .selectFrom('projects')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('dropped_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const [a, b, c] = [await plan('LJ2026-005'), await plan('LJ2026-049'), await plan('LJ2026-104')];
    const W47 = '第47周（11月16日—11月22日）';
    const W48 = '第48周（11月23日—11月29日）';

    expect(await tickAt('2026-11-16 09:00')).toEqual([]);
    await report(a.id, '2026-11-16', (a.plan * 90) / 100);
    await report(b.id, '2026-11-16', (b.plan * 10) / 100);
    await problem(b.id, 'funding', '2026-11-18 10:00');
    expect(await tickAt('2026-11-20 17:59')).toEqual([]);
    expect(digestsOf(W47)).toEqual([]);
    expect(await tickAt('2026-11-20 18:00')).toEqual(['2026-11-16:digest']);
    const [w47] = digestsOf(W47);
    expect(checkCardRules(JSON.parse(w47!.content))).toEqual([]);
    const first = renderCardText(JSON.parse(w47!.content));
    expect(first).toContain(`应报${total}个项目，已报2个，报送率${formatRate(rateOf(2, total))}`);
    expect(first).toContain('本周新增完成投资：本周填报的项目均为首次填报，暂无可比较的数据。');
    expect(first).toContain('本年度首轮调度');
    expect(first).toContain('新增问题：1个（资金1个）');

    await problem(a.id, 'land', '2026-11-20 19:00'); // after W47's deadline: the next digest's
    expect(await tickAt('2026-11-23 09:00')).toEqual([]);
    await report(a.id, '2026-11-23', (a.plan * 95) / 100);
    await report(b.id, '2026-11-23', (b.plan * 12) / 100);
    await report(c.id, '2026-11-23', (c.plan * 20) / 100);
    await problem(c.id, 'land', '2026-11-24 10:00');
    expect(await tickAt('2026-11-27 18:00')).toEqual(['2026-11-23:digest']);
    expect(await tickAt('2026-11-27 18:01')).toEqual([]);
    const digests = digestsOf(W48);
    expect(digests).toHaveLength(1);
    const text = renderCardText(JSON.parse(digests[0]!.content));
    expect(text).toContain(`应报${total}个项目，已报3个，报送率${formatRate(rateOf(3, total))}`);
    // 90% → 95% of one plan and 10% → 12% of the other; the third reported for the first time.
    expect(text).toContain(`本周新增完成投资：${formatYi((a.plan * 5) / 100 + (b.plan * 2) / 100)}`);
    expect(text).toContain('另有1个项目本周首次填报');
    // At 20% against 序时 83.33% the newcomer is red; 12% was behind last week already, 95% is ahead.
    // 序时 was 83.33% at both deadlines: the newcomer fell behind on its report, not because 序时 moved.
    expect(text).toContain('据本周填报转为未达序时进度：1个');
    expect(text).not.toContain('因序时进度调整');
    expect(text).toContain(`${c.name}（`);
    expect(text).toContain('［红灯］');
    expect(text).not.toContain(b.name);
    expect(text).toContain('新增问题：2个（用地2个）');
    expect(text).toContain('序时进度83.33%（截至10月底）');
  });
});
