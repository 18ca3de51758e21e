// POST /feishu/events on the real server, as Feishu and a stranger would use it: what is answered, what is stored,
// what the bot sends back through the Feishu double — once, however often Feishu delivers.
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import { MAX_BODY_BYTES, MAX_UNSIGNED_BODY_BYTES, WEBHOOK_PATH } from '../../src/transport/webhook';
import { texts } from '../../src/handlers/texts';
import type { FeishuDouble } from '../../src/feishu-double';
import { createFeishuApi } from '../../src/feishu/api';
import type { CardHandler, EventHandler } from '../../src/scope';
import { type BotServer, type Harness, startBotServer, startHarness } from '../helpers/bot';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { BOT_OPEN_ID, eventSenderFor, feishuConfig, postOwnConnection, requestsTo, rowCounts, settled, sleep, startDouble, waitFor } from '../helpers/feishu';

/** Signature headers with a fresh timestamp (the signature itself wrong: the body is read before it can be checked). */
const signedHeaders = () => ({
  'x-lark-signature': 'not-checked-before-the-body',
  'x-lark-request-timestamp': String(Math.floor(Date.now() / 1000)),
  'x-lark-request-nonce': 'nonce',
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('what the webhook accepts and refuses', () => {
  let db: TestDatabase;
  let double: FeishuDouble;
  let bot: BotServer;
  let feishu: ReturnType<typeof eventSenderFor>;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    double = await startDouble();
    bot = await startBotServer({ database: db.target, double });
    feishu = eventSenderFor(double, bot.webhookUrl);
  });
  afterAll(async () => {
    await bot?.stop();
    await double?.close();
    await db?.drop();
  });

  /** Runs `act` and expects it to leave inbox, handled_events and outbox exactly as they were. */
  async function storesNothing(act: () => Promise<void>) {
    const before = await rowCounts(db.db);
    await act();
    await bot.bot?.pipeline.idle();
    expect(await rowCounts(db.db)).toEqual(before);
  }

  it('answers the URL verification challenge, plain and encrypted, with {"challenge"} only', async () => {
    const plain = await feishu.sendChallenge({ encrypted: false, challenge: 'plain-challenge-1' });
    expect(plain.status).toBe(200);
    expect(plain.json).toEqual({ challenge: 'plain-challenge-1' });
    const encrypted = await feishu.sendChallenge({ challenge: 'encrypted-challenge-2' });
    expect(JSON.parse(encrypted.rawBody)).toEqual({ encrypt: expect.any(String) }); // what went over the wire
    expect(encrypted.status).toBe(200);
    expect(encrypted.json).toEqual({ challenge: 'encrypted-challenge-2' });
  });

  it('refuses a challenge carrying another Verification Token with 401 and no challenge', async () => {
    const stranger = eventSenderFor(double, bot.webhookUrl, { verificationToken: 'someone-elses-token' });
    for (const encrypted of [false, true]) {
      const res = await stranger.sendChallenge({ encrypted, challenge: 'echo-me' });
      expect(res.status).toBe(401);
      expect(res.text).not.toContain('echo-me');
    }
  });

  it('refuses a tampered body, a wrong signature and missing signature headers with 401, storing nothing', async () => {
    await storesNothing(async () => {
      for (const tamper of ['body', 'signature', 'no_signature'] as const) {
        const res = await feishu.sendMessage({ text: '本周进度', sender: { open_id: 'ou_zhang' } }, { tamper });
        expect(res.status, tamper).toBe(401);
        expect(res.json).toEqual({ error: 'unauthorized' });
      }
      // Ciphertext changed after signing: it no longer decrypts, and it is the signature that decides the answer.
      const flipped = await feishu.sendMessage(
        { text: '本周进度', sender: { open_id: 'ou_zhang' } },
        {
          tamper: (raw) => raw.replace(/"encrypt":"(.)/, (_, c: string) => `"encrypt":"${c === 'A' ? 'B' : 'A'}`),
        },
      );
      expect(flipped.status).toBe(401);
      // An unencrypted body claiming to be an event, unsigned, while an Encrypt Key is configured.
      const unsigned = await feishu.sendMessage({ text: '你好', sender: { open_id: 'ou_zhang' } }, { encrypt: false, sign: false });
      expect(unsigned.status).toBe(401);
    });
    expect(double.messages).toHaveLength(0);
  });

  it('refuses a signed event carrying another Verification Token with 401, storing nothing', async () => {
    const stranger = eventSenderFor(double, bot.webhookUrl, { verificationToken: 'someone-elses-token' });
    await storesNothing(async () => {
      const res = await stranger.sendMessage({ text: '你好', sender: { open_id: 'ou_zhang' } });
      expect(res.status).toBe(401);
    });
  });

  it('answers a 300 KB signed body that is not JSON with 400, and still answers /healthz', async () => {
    await storesNothing(async () => {
      const res = await postOwnConnection(bot.webhookUrl, Buffer.alloc(300 * 1024, 'x'), signedHeaders());
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toMatchObject({ error: 'bad_request' });
    });
    const health = await fetch(`${bot.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', feishu: 'webhook' });
  });

  it("answers a body over the limit with 413 (unsigned over a challenge's size: 401), with or without a Content-Length", async () => {
    await storesNothing(async () => {
      const sized = await postOwnConnection(bot.webhookUrl, Buffer.alloc(MAX_BODY_BYTES + 1, 0x20), signedHeaders());
      expect(sized.status).toBe(413);
      expect((await postOwnConnection(bot.webhookUrl, Buffer.alloc(MAX_UNSIGNED_BODY_BYTES + 1, 0x20))).status).toBe(401);
      // Chunked: the limit must hold while streaming, not only when the client declares the size.
      const chunks = Array.from({ length: 3 }, () => Buffer.alloc(1024 * 1024, 0x20));
      const chunked = await postOwnConnection(bot.webhookUrl, Readable.from(chunks), { 'transfer-encoding': 'chunked' });
      expect(chunked.status).toBe(413);
    });
    expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
  });

  it('answers 200 to an event type it does not handle, and ignores it', async () => {
    const env = feishu.build.message({ text: 'x', sender: { open_id: 'ou_zhang' } });
    const reaction = {
      ...env,
      header: { ...env.header, event_type: 'im.message.reaction.created_v1' },
      event: { message_id: 'om_x', reaction_type: { emoji_type: 'OK' } },
    };
    await storesNothing(async () => {
      const res = await feishu.post(reaction);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({});
    });
    expect(double.messages).toHaveLength(0);
  });

  it('answers a signed JSON body that is not a Feishu event with 400, encrypted or not', async () => {
    await storesNothing(async () => {
      for (const encrypt of [true, false]) {
        const res = await feishu.post({ hello: 'world' }, { encrypt });
        expect(res.status, `encrypt=${encrypt}`).toBe(400);
        expect(res.json).toMatchObject({ error: 'bad_request' });
      }
      const array = await feishu.post([1, 2, 3]);
      expect(array.status).toBe(400);
    });
  });

  it('does not accept a GET on the event path', async () => {
    const res = await fetch(`${bot.base}${WEBHOOK_PATH}`);
    expect(res.status).toBe(404);
  });
});

describe.each(engines)('events handled once, on %s', (engine) => {
  let db: TestDatabase;
  let double: FeishuDouble;
  let bot: BotServer;
  let feishu: ReturnType<typeof eventSenderFor>;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    double = await startDouble();
    bot = await startBotServer({ database: db.target, double });
    feishu = eventSenderFor(double, bot.webhookUrl);
  });
  afterEach(async () => {
    await bot?.stop();
    await double?.close();
    await db?.drop();
  });

  const replies = () => double.messages.filter((m) => m.via === 'reply');

  it('a signed, encrypted text message (from someone not in the register) gets the refusal as exactly one reply, with a uuid', async () => {
    const sent = await feishu.sendMessage({ text: '你好', sender: { open_id: 'ou_zhang' } });
    expect(sent.status).toBe(200);
    expect(sent.json).toEqual({});
    const messageId = (sent.envelope.event.message as { message_id: string }).message_id;
    await waitFor(
      'the reply',
      () => replies().length,
      (n) => n >= 1,
    );
    await settled(db.db);

    const calls = requestsTo(double, `/open-apis/im/v1/messages/${messageId}/reply`);
    expect(calls).toHaveLength(1);
    const body = calls[0]?.body as { msg_type: string; content: string; uuid: string };
    expect(body.msg_type).toBe('text');
    expect(typeof body.content).toBe('string'); // content is a JSON string, not an object
    expect(JSON.parse(body.content)).toEqual({ text: texts.notRegistered });
    expect(body.uuid).toMatch(UUID);
    expect(calls[0]?.headers.authorization).toMatch(/^Bearer t-/);
    expect(replies()).toEqual([expect.objectContaining({ parent_id: messageId, user_open_id: 'ou_zhang', uuid: body.uuid })]);

    const outbox = await db.db.selectFrom('outbox').selectAll().execute();
    expect(outbox).toEqual([expect.objectContaining({ status: 'sent', op: 'reply', uuid: body.uuid, sent_message_id: replies()[0]?.message_id })]);
    const inbox = await db.db.selectFrom('inbox').selectAll().execute();
    expect(inbox).toEqual([expect.objectContaining({ event_id: sent.envelope.header.event_id, status: 'done', attempts: 1 })]);
  });

  it('the same event delivered three times, across a restart of the bot, is handled once', async () => {
    const first = await feishu.sendMessage({ text: '你好', sender: { open_id: 'ou_zhang' } });
    const env = first.envelope;
    await waitFor(
      'the reply',
      () => replies().length,
      (n) => n >= 1,
    );
    const second = await feishu.post(env);
    expect([first.status, second.status]).toEqual([200, 200]);
    await bot.bot?.pipeline.idle();
    await settled(db.db);

    // Feishu's retry after 15 s may well reach a new process.
    await bot.stop();
    bot = await startBotServer({ database: db.target, double });
    const third = await feishu.post(env, { url: bot.webhookUrl });
    expect(third.status).toBe(200);
    await bot.bot?.pipeline.idle();
    await settled(db.db);

    expect(replies()).toHaveLength(1);
    expect(requestsTo(double, /\/reply$/)).toHaveLength(1);
    expect(await rowCounts(db.db)).toMatchObject({ inbox: 1, outbox: 1 });
  });

  it('the same message_id under a new event_id (a redelivery) is handled once', async () => {
    const input = { text: '本周进度', sender: { open_id: 'ou_li' }, messageId: 'om_redelivered_0001' };
    const a = await feishu.sendMessage(input);
    const b = await feishu.sendMessage(input);
    expect(a.envelope.header.event_id).not.toBe(b.envelope.header.event_id);
    expect([a.status, b.status]).toEqual([200, 200]);
    await bot.bot?.pipeline.idle();
    await settled(db.db);
    expect(replies()).toHaveLength(1);
    expect(replies()[0]?.parent_id).toBe('om_redelivered_0001');
    expect((await rowCounts(db.db)).inbox).toBe(1);
  });

  it('in a group: ignores a message without @bot, answers one with @bot', async () => {
    expect(bot.bot?.identity.openId).toBe(BOT_OPEN_ID);
    const chatter = await feishu.sendMessage({ text: '大家好', sender: { open_id: 'ou_zhang' }, chatType: 'group', chatId: 'oc_project' });
    expect(chatter.status).toBe(200);
    await bot.bot?.pipeline.idle();
    await settled(db.db);
    expect(double.messages).toHaveLength(0);
    expect(await db.db.selectFrom('inbox').select('status').execute()).toEqual([{ status: 'done' }]);
    expect((await rowCounts(db.db)).outbox).toBe(0);

    const addressed = await feishu.sendMessage({
      text: '@_user_1 本周进度',
      sender: { open_id: 'ou_li' },
      chatType: 'group',
      chatId: 'oc_project',
      mentions: [{ open_id: BOT_OPEN_ID, name: '调度助手' }],
    });
    const messageId = (addressed.envelope.event.message as { message_id: string }).message_id;
    await waitFor(
      'the reply in the group',
      () => replies().length,
      (n) => n >= 1,
    );
    await settled(db.db);
    expect(replies()).toEqual([expect.objectContaining({ parent_id: messageId, chat_id: 'oc_project', chat_type: 'group' })]);
  });

  it('remembers a group when the bot is added to it', async () => {
    const res = await feishu.sendBotAdded({ chatId: 'oc_new_group', name: '城东片区项目群', operator: { open_id: 'ou_zhang' } });
    expect(res.status).toBe(200);
    await bot.bot?.pipeline.idle();
    const chats = await db.db.selectFrom('chats').selectAll().execute();
    expect(chats).toEqual([expect.objectContaining({ chat_id: 'oc_new_group', name: '城东片区项目群', removed_at: null })]);
  });

  it('answers a card callback within the budget with a toast; the same callback again gets {}', async () => {
    const sent = await feishu.sendCardAction({
      operator: { open_id: 'ou_zhang' },
      action: { value: { kind: 'no_such_card' } },
      openMessageId: 'om_card_0001',
      openChatId: 'oc_project',
    });
    expect(sent.status).toBe(200);
    // No card kind is handled yet: the product answers that the card is stale, as a toast (not an error page).
    expect(sent.json).toEqual({ toast: { type: 'warning', content: texts.cardExpired } });
    const again = await feishu.post(sent.envelope, { url: bot.webhookUrl });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({});
    expect(await db.db.selectFrom('handled_events').select('key').execute()).toEqual([{ key: `event:${sent.envelope.header.event_id}` }]);
  });

  it('refuses a message whose body was tampered with, and stores nothing', async () => {
    const before = await rowCounts(db.db);
    const res = await feishu.sendMessage({ text: '你好', sender: { open_id: 'ou_zhang' } }, { tamper: 'body' });
    expect(res.status).toBe(401);
    expect(await rowCounts(db.db)).toEqual(before);
    expect(before).toEqual({ inbox: 0, handled_events: 0, outbox: 0, chats: 0 });
  });

  it('logs a refused signature as a warning an operator can find', async () => {
    // The server was started silent; a second one with a captured log shows the line.
    await bot.stop();
    const lines: string[] = [];
    const log = { info: () => {}, warn: (m: string) => void lines.push(m), error: (m: string) => void lines.push(m) };
    bot = await startBotServer({ database: db.target, double, log });
    const res = await feishu.sendMessage({ text: '你好', sender: { open_id: 'ou_zhang' } }, { tamper: 'signature', url: bot.webhookUrl });
    expect(res.status).toBe(401);
    expect(lines.some((l) => l.includes('签名校验失败'))).toBe(true);
  });
});

/** A card as the bot would send it (JSON 2.0, accepted by the double's card checks). */
function card(title: string) {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: title }, template: 'blue' },
    body: { elements: [{ tag: 'markdown', content: `**${title}**` }] },
  };
}

/** Waits `ms`, or less if `gate` opens first (so a "10 s" handler need not hold the test for 10 s). */
function slowFor(ms: number, gate: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([new Promise<void>((r) => (timer = setTimeout(r, ms))), gate]).finally(() => clearTimeout(timer));
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0 };
}

describe.each(engines)('slow handlers on %s', (engine) => {
  let db: TestDatabase;
  let double: FeishuDouble;
  let harness: Harness | null = null;
  let open: () => void = () => {};
  let gate: Promise<void>;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    double = await startDouble();
    gate = new Promise<void>((r) => (open = r));
  });
  afterEach(async () => {
    open();
    await harness?.close();
    harness = null;
    await double?.close();
    await db?.drop();
  });

  it('answers an event in under 1 s while its handler takes 10 s, and the handler still completes', async () => {
    let started = 0;
    let finished = 0;
    const slow: EventHandler = async (scope) => {
      started += 1;
      await slowFor(10_000, gate);
      finished += 1;
      await scope.send({ op: 'create', receiveIdType: 'open_id', receiveId: 'ou_zhang', msgType: 'text', content: { text: '处理完毕' } });
    };
    harness = await startHarness({ db: db.db, double, handlers: { 'im.message.receive_v1': slow } });
    const feishu = eventSenderFor(double, harness.webhookUrl);

    const { value: res, ms } = await timed(() => feishu.sendMessage({ text: '生成通报', sender: { open_id: 'ou_zhang' } }));
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(1000);
    await waitFor(
      'the handler starts',
      () => started,
      (n) => n === 1,
    );
    expect(finished).toBe(0); // answered while the handler was still working

    open();
    await harness.pipeline.idle();
    await settled(db.db);
    expect(finished).toBe(1);
    expect(double.messages.map((m) => JSON.parse(m.content))).toEqual([{ text: '处理完毕' }]);
    expect(await db.db.selectFrom('inbox').select('status').execute()).toEqual([{ status: 'done' }]);
  });

  // kysely's SQLite dialect has one connection: a handler holding a transaction would make every other event wait to be
  // stored (past Feishu's 3 s) and /healthz too. Handlers therefore run outside any transaction (see EventScope).
  it('answers other events in under 1 s while a slow handler is working', async () => {
    const slow: EventHandler = async (_scope, event) => {
      const text = JSON.parse((event.message as { content: string }).content) as { text: string };
      if (text.text === '慢') await slowFor(10_000, gate);
    };
    harness = await startHarness({ db: db.db, double, handlers: { 'im.message.receive_v1': slow } });
    const feishu = eventSenderFor(double, harness.webhookUrl);
    expect((await feishu.sendMessage({ text: '慢', sender: { open_id: 'ou_zhang' } })).status).toBe(200);
    await sleep(100);
    setTimeout(open, 2500); // bounds the wait where the defect holds
    const { value: res, ms } = await timed(() => feishu.sendMessage({ text: '快', sender: { open_id: 'ou_li' } }));
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(1000);
    const health = await timed(() => fetch(`${harness?.base}/healthz`));
    expect(health.value.status).toBe(200);
    expect(health.ms).toBeLessThan(1000);
  });

  it("answers a card callback within the budget with the handler's toast; a second delivery is handled once", async () => {
    let calls = 0;
    const onCard: CardHandler = async () => {
      calls += 1;
      return { toast: { type: 'success', content: '已提交本周进度' } };
    };
    harness = await startHarness({ db: db.db, double, card: onCard, cardBudgetMs: 800 });
    const feishu = eventSenderFor(double, harness.webhookUrl);
    const input = { operator: { open_id: 'ou_zhang' }, action: { value: { kind: 'weekly_submit' } }, openMessageId: 'om_card_1', openChatId: 'oc_project' };
    const { value: first, ms } = await timed(() => feishu.sendCardAction(input));
    expect(first.status).toBe(200);
    expect(ms).toBeLessThan(800);
    expect(first.json).toEqual({ toast: { type: 'success', content: '已提交本周进度' } });
    const again = await feishu.post(first.envelope, { url: harness.webhookUrl });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({});
    expect(calls).toBe(1);
  });

  it('a card handler slower than the budget: the interim toast when the budget runs out, then the card updated by its callback token', async () => {
    // The budget runs on the pipeline's clock, a manual one: the answer must not come a millisecond before it runs out.
    const clock = createManualClock('2026-11-23T09:00:00+08:00');
    const api = createFeishuApi(feishuConfig(double));
    const { messageId } = await api.send({
      receiveIdType: 'open_id',
      receiveId: 'ou_zhang',
      msgType: 'interactive',
      content: JSON.stringify(card('本周进度填报')),
      uuid: 'card-weekly-ou_zhang',
    });
    const token = double.issueCardToken(messageId);
    let started = 0;
    const onCard: CardHandler = async () => {
      started += 1;
      await gate;
      return { toast: { type: 'success', content: '已提交' }, card: card('已提交') };
    };
    harness = await startHarness({ db: db.db, double, card: onCard, cardBudgetMs: 2500, clock });
    const feishu = eventSenderFor(double, harness.webhookUrl, { clock });

    let answered = false;
    const answer = feishu
      .sendCardAction({
        operator: { open_id: 'ou_zhang' },
        token,
        action: { value: { kind: 'weekly_submit' } },
        openMessageId: messageId,
        openChatId: 'oc_p2p_zhang',
      })
      .finally(() => {
        answered = true;
      });
    // The budget's timer is set before the handler starts.
    await waitFor(
      'the card handler starts',
      () => started,
      (n) => n === 1,
    );
    await clock.advance(2499);
    await sleep(50); // a reply wrongly sent early would be in by now
    expect(answered).toBe(false);
    await clock.advance(1);
    const res = await answer;
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ toast: { type: 'info', content: expect.stringContaining('正在处理') } });
    expect(double.updates).toHaveLength(0);

    open(); // the handler finishes
    await waitFor(
      'the card update',
      () => double.updates.length,
      (n) => n >= 1,
      5000,
    );
    const calls = requestsTo(double, '/open-apis/interactive/v1/card/update');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toEqual({ token, card: card('已提交') });
    expect(double.updates).toEqual([expect.objectContaining({ message_id: messageId, via: 'card_update' })]);
    expect(double.contentOf(messageId)).toEqual(card('已提交'));
  });

  it('pipeline.idle() (what stop() waits for) includes a slow card handler still finishing after its interim answer', async () => {
    const clock = createManualClock('2026-11-23T09:00:00+08:00');
    let started = 0;
    const onCard: CardHandler = async () => {
      started += 1;
      await gate;
      return { card: card('已提交') };
    };
    harness = await startHarness({ db: db.db, double, card: onCard, cardBudgetMs: 100, clock });
    const feishu = eventSenderFor(double, harness.webhookUrl, { clock });
    const answer = feishu.sendCardAction({
      operator: { open_id: 'ou_zhang' },
      token: 'c-late0001',
      action: { value: { kind: 'x' } },
      openMessageId: 'om_1',
      openChatId: 'oc_project',
    });
    await waitFor(
      'the card handler starts',
      () => started,
      (n) => n === 1,
    );
    await clock.advance(100);
    expect((await answer).json).toMatchObject({ toast: { type: 'info' } });
    let idle = false;
    const idled = harness.pipeline.idle().then(() => {
      idle = true;
    });
    await sleep(50); // an idle() that did not wait for the handler would have resolved by now
    expect(idle).toBe(false);
    open();
    await idled;
    // Had stop() not waited, the database would be closed under the handler and the card update lost.
    const rows = await db.db.selectFrom('outbox').select(['op', 'content']).execute();
    expect(rows).toEqual([{ op: 'card_update', content: JSON.stringify({ token: 'c-late0001', card: card('已提交') }) }]);
  });
});
