// The monthly bulletin with two bot instances on one database (the real composer, a manual clock shared by both), and
// what can arrive out of order or at the wrong time: both schedulers at 09:00 on the 5th, one approval callback
// delivered to both instances, 退回 after 发布, a recomposition racing 发布, Feishu down while publishing, and the
// clock jumping over the monthly time. Each `it` picks up where the one before left off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeBulletin } from '../../src/bulletin/compose/compose';
import { createBulletinService } from '../../src/bulletin/publish/publish';
import { bulletinWorkbook } from '../../src/bulletin/render/xlsx';
import { createManualClock } from '../../src/clock';
import { tickBulletin } from '../../src/jobs/bulletin';
import { type BotServer, startBotServer } from '../helpers/bot';
import { type BulletinWorld, approvalCards, expectEveryGroupGotItOnce, groupMessages, prepareBulletinWorld } from '../helpers/bulletin';
import { engines } from '../helpers/db';
import { eventSenderFor, requestsTo, settled, sleep } from '../helpers/feishu';
import { bj, cardText, tap } from '../helpers/round';

describe.each(engines)('the monthly bulletin on two instances on %s', (engine) => {
  let w: BulletinWorld;
  let a: BotServer;
  let b: BotServer;
  const clock = createManualClock(bj('2026-11-05 08:50'));

  beforeAll(async () => {
    w = await prepareBulletinWorld(engine, 3);
    // Two instances share Feishu's limits, as the README tells a deployment to set them: each sending at its full
    // default, together they went over the per-receiver limit, and the 429's retry waited on this test's stopped clock.
    const limits = await w.cli(['settings', 'set', 'feishu.sendLimits', '{"perSecond":25,"perMinute":500,"perReceiverPerSecond":2}'], bj('2026-11-05 08:40'));
    expect(limits.code, limits.err).toBe(0);
    // Two instances of the real bot (real composer and 附表), each with its own connections, on one database.
    a = await startBotServer({ database: w.t.target, double: w.double, clock });
    b = await startBotServer({ database: w.t.target, double: w.double, clock });
  }, 90_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  const settle = async () => {
    a.bot!.sender.wake();
    b.bot!.sender.wake();
    await settled(w.t.db, 20_000);
  };
  const rowsOf = (month: string) => w.t.db.selectFrom('bulletins').selectAll().where('month', '=', month).orderBy('id').execute();
  const senderOf = (s: BotServer) => eventSenderFor(w.double, s.webhookUrl, { clock });
  const jin = () => w.admins[0]!;
  const li = () => w.admins[1]!;
  const toAdmins = (since: number) => w.double.messages.slice(since).filter((m) => w.admins.some((x) => x.openId === m.user_open_id));
  const groupsSince = (since: number) => w.groups.flatMap((g) => groupMessages(w, g.chat_id, since));
  /** October's approval cards as they first arrived (the double keeps a message as last updated). */
  let october: ReturnType<typeof approvalCards>[number][] = [];

  it('both schedulers tick at 09:00 on the 5th together: one October draft, one set of approval messages', async () => {
    await clock.set(bj('2026-11-05 09:00'));
    await Promise.all([tickBulletin(a.ctx, a.bot!.bulletin), tickBulletin(b.ctx, b.bot!.bulletin)]);
    await Promise.all([tickBulletin(a.ctx, a.bot!.bulletin), tickBulletin(b.ctx, b.bot!.bulletin)]); // the minute after
    await settle();
    expect((await rowsOf('2026-10')).map((r) => r.status)).toEqual(['draft']);
    expect(await w.t.db.selectFrom('job_runs').select('run_key').where('job', '=', 'bulletin.monthly').execute()).toEqual([{ run_key: '2026-10' }]);
    const perAdmin = toAdmins(0).length / 2;
    for (const admin of w.admins) {
      expect(approvalCards(w, admin.openId), admin.name).toHaveLength(1);
      expect(
        w.double.messages.filter((m) => m.user_open_id === admin.openId),
        admin.name,
      ).toHaveLength(perAdmin);
      expect(
        w.double.messages.filter((m) => m.user_open_id === admin.openId && m.msg_type === 'file'),
        admin.name,
      ).toHaveLength(2); // the 附表 and the Word document
    }
    expect(groupsSince(0)).toEqual([]);
    october = w.admins.map((x) => approvalCards(w, x.openId)[0]!);
  });

  it('one 发布 callback delivered to both instances at once: published once, each group gets it once', async () => {
    await clock.set(bj('2026-11-05 09:30'));
    const mark = w.double.messages.length;
    const card = october[0];
    // Feishu delivering the same callback (same event) to both instances behind a load balancer.
    const env = senderOf(a).build.cardAction({
      operator: { open_id: jin().openId },
      token: w.double.issueCardToken(card!.messageId),
      openMessageId: card!.messageId,
      openChatId: card!.chatId,
      action: { tag: 'button', value: card!.publish.value },
    });
    const answers = (await Promise.all([senderOf(a).post(env), senderOf(b).post(env)])).map((r) => r.json);
    // One instance handles it; the other recognises the event as taken and answers nothing (Feishu keeps the first).
    expect(answers).toContainEqual({});
    expect(answers).toContainEqual(expect.objectContaining({ toast: { type: 'success', content: '已发布，本期通报和附表正在发送到3个通报群。' } }));
    await settle();
    const rows = await rowsOf('2026-10');
    expect(rows.map((r) => r.status)).toEqual(['published']);
    expectEveryGroupGotItOnce(w, rows[0]!, mark);
    // 黎家豪's approval card was updated once to say so; nothing else went to the administrators.
    expect(toAdmins(mark)).toEqual([]);
    const patched = w.double.updates.filter((u) => u.message_id === october[1]!.messageId);
    expect(patched).toHaveLength(1);
  });

  it('退回 arriving after 发布 (though clicked before it) cannot unpublish; nothing more reaches the groups', async () => {
    await clock.set(bj('2026-11-05 09:40'));
    const mark = w.double.messages.length;
    const updates = w.double.updates.length;
    const before = await rowsOf('2026-10');
    const card = october[1];
    const late = await tap(senderOf(b), w.double, card!, card!.ret, { form: { reason: '数据待核实' }, clickedAt: new Date(bj('2026-11-05 09:29')) });
    expect(late.toast).toEqual({ type: 'info', content: '本期通报已经发布，无需重复操作。' });
    expect(cardText(late.card)).toContain('发布');
    expect(cardText(late.card)).not.toContain('数据待核实');
    await settle();
    expect(await rowsOf('2026-10')).toEqual(before);
    expect(groupsSince(mark)).toEqual([]);
    expect(w.double.updates.slice(updates)).toEqual([]);
  });

  it('发布 on a draft while it is being recomposed: the recomposition finds it published and sends no second draft', async () => {
    await clock.set(bj('2026-11-06 10:00'));
    await a.bot!.bulletin!.submitDraft(a.ctx, '2026-09');
    await settle();
    const draft = (await rowsOf('2026-09'))[0]!;
    const card = approvalCards(w, jin().openId).find((c) => c.publish.value.bulletinId === draft.id)!;
    // `diaodu bulletin --month 2026-09 --post` in another process, its composition slow: it has checked that
    // September is not published and is composing when 金俊杰 clicks 发布 on the draft he already has.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let composing!: () => void;
    const started = new Promise<void>((r) => (composing = r));
    const cli = createBulletinService({
      compose: async (db, month, o) => {
        composing();
        await gate;
        return composeBulletin(db, month, o);
      },
      workbook: bulletinWorkbook,
    });
    const recomposed = cli.submitDraft(b.ctx, '2026-09');
    await started;
    const mark = w.double.messages.length;
    expect((await tap(senderOf(a), w.double, card, card.publish)).toast?.type).toBe('success');
    release();
    expect((await recomposed).kind).toBe('alreadyPublished');
    await settle();
    const rows = await rowsOf('2026-09');
    expect(rows.map((r) => r.status)).toEqual(['published']);
    expectEveryGroupGotItOnce(w, rows[0]!, mark);
    expect(toAdmins(mark).filter((m) => m.msg_type === 'interactive')).toEqual([]); // no new approval card
  });

  it('Feishu down for ten minutes of the clock while publishing: afterwards every group gets the bulletin in order, once', async () => {
    await clock.set(bj('2026-11-06 11:00'));
    await a.bot!.bulletin!.submitDraft(a.ctx, '2026-08');
    await settle();
    const draft = (await rowsOf('2026-08'))[0]!;
    const card = approvalCards(w, li().openId).find((c) => c.publish.value.bulletinId === draft.id)!;
    const mark = w.double.messages.length;
    const failedBefore = requestsTo(w.double, '/open-apis/im/v1/messages').filter((r) => r.fault).length;
    w.double.failRate({ unavailable: 0.5, server_error: 0.3, network: 0.2 });
    expect((await tap(senderOf(b), w.double, card, card.publish)).toast?.type).toBe('success');
    for (let minute = 0; minute < 10; minute++) {
      a.bot!.sender.wake();
      b.bot!.sender.wake();
      await sleep(150);
      await clock.advance(60_000);
    }
    expect(requestsTo(w.double, '/open-apis/im/v1/messages').filter((r) => r.fault).length).toBeGreaterThan(failedBefore);
    expect(groupsSince(mark)).toEqual([]);
    w.double.failRate(null);
    // Back up: the retries fall due within a few minutes of the clock.
    for (let minute = 0; minute < 30; minute++) {
      await clock.advance(60_000);
      a.bot!.sender.wake();
      b.bot!.sender.wake();
      const pending = await w.t.db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute();
      if (pending.length === 0) break;
      await sleep(200);
    }
    await settle();
    const rows = await rowsOf('2026-08');
    expect(rows.map((r) => r.status)).toEqual(['published']);
    expectEveryGroupGotItOnce(w, rows[0]!, mark);
  }, 60_000);

  it('the clock jumping over 5 December 09:00: November is composed once, late; going back runs nothing again', async () => {
    const monthlyRuns = async () =>
      (await w.t.db.selectFrom('job_runs').select('run_key').where('job', '=', 'bulletin.monthly').orderBy('run_key').execute()).map((r) => r.run_key);
    const tickAt = async (at: string) => {
      await clock.set(bj(at));
      await Promise.all([tickBulletin(a.ctx, a.bot!.bulletin), tickBulletin(b.ctx, b.bot!.bulletin)]);
      await settle();
    };
    await tickAt('2026-12-05 08:59');
    expect(await rowsOf('2026-11')).toEqual([]);
    const mark = w.double.messages.length;
    // Down from the evening of the 4th to the morning of the 8th.
    await tickAt('2026-12-08 10:00');
    expect((await rowsOf('2026-11')).map((r) => r.status)).toEqual(['draft']);
    expect(await monthlyRuns()).toEqual(['2026-10', '2026-11']);
    const november = (await rowsOf('2026-11'))[0]!;
    for (const admin of w.admins) expect(approvalCards(w, admin.openId).filter((c) => c.publish.value.bulletinId === november.id)).toHaveLength(1);
    const sent = w.double.messages.length;
    expect(sent).toBeGreaterThan(mark);
    // An NTP correction back over the monthly time, then forward again; and back into November's window for October.
    for (const at of ['2026-12-05 08:00', '2026-12-05 09:00', '2026-12-08 10:05', '2026-11-05 09:00', '2026-12-09 09:00']) await tickAt(at);
    expect((await rowsOf('2026-11')).map((r) => r.status)).toEqual(['draft']);
    expect((await rowsOf('2026-10')).map((r) => r.status)).toEqual(['published']);
    expect(await monthlyRuns()).toEqual(['2026-10', '2026-11']);
    expect(w.double.messages).toHaveLength(sent);
  });
});
