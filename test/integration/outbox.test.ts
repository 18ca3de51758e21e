// The outbox sender against the Feishu double: every queued message delivered once, in order per person, within
// Feishu's limits, through injected failures; permanent refusals recorded in Chinese and not retried.
//
// Limits, to keep the run short: the 1,000-message test sets both sides — the double and the sender — to 100/s and
// 6000/min per app (Feishu: 50/s, 1000/min; at those numbers the test takes 23 s per engine, and 1,000 messages plus
// retries would wait 40 s more for the minute window), keeping Feishu's 5/s per person. The windows are the same
// code whatever their size, and twice the rate is the harder test of staying inside them. Feishu's own numbers are
// used by the two-instance test below (two halves of 50/s) and by transport-restart.test.ts (the product defaults).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock';
import { type Db, openDatabase, type OpenedDatabase } from '../../src/db/connect';
import { saveSetting } from '../../src/db/settings';
import { createFeishuApi, type FeishuApi } from '../../src/feishu/api';
import type { OutgoingMessage } from '../../src/db/sql/outbox-write';
import { enqueue, receiverOf } from '../../src/feishu/outbox';
import type { SendLimits } from '../../src/feishu/rate-limit';
import { createOutboxSender, type OutboxSender } from '../../src/feishu/sender';
import { createPrng, type FeishuDouble, p2pChatId } from '../../src/feishu-double';
import { silentLogger } from '../../src/log';
import { type BotServer, startBotServer } from '../helpers/bot';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { feishuConfig, outboxStatus, requestsTo, startDouble, USERS, waitFor } from '../helpers/feishu';

const MESSAGES_PATH = '/open-apis/im/v1/messages';
const LIMITS: SendLimits = { perSecond: 100, perMinute: 6000, perReceiverPerSecond: 5 };
const crowd = Array.from({ length: 200 }, (_, i) => ({ open_id: `ou_u${String(i).padStart(3, '0')}`, name: `用户${i}` }));

const text = (openId: string, t: string): OutgoingMessage => ({
  op: 'create',
  receiveIdType: 'open_id',
  receiveId: openId,
  msgType: 'text',
  content: { text: t },
});

/** Queues `n` messages spread over `people` (each gets n/people.length), in a seeded shuffled order; "序号 k" counts per person. */
async function queueMany(db: Db, n: number, people: Array<{ open_id: string }>, seed = 7): Promise<void> {
  const slots = Array.from({ length: n }, (_, i) => people[i % people.length]?.open_id as string);
  const random = createPrng(seed);
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [slots[i], slots[j]] = [slots[j] as string, slots[i] as string];
  }
  const seen = new Map<string, number>();
  const now = systemClock.now();
  await db.transaction().execute(async (tx) => {
    for (const openId of slots) {
      const k = (seen.get(openId) ?? 0) + 1;
      seen.set(openId, k);
      await enqueue(tx, text(openId, `序号 ${k}`), now);
    }
  });
}

/** Successful Feishu answers per uuid: more than one means the bot re-sent a message Feishu had already delivered. */
function successesPerUuid(double: FeishuDouble): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of requestsTo(double, MESSAGES_PATH)) {
    const uuid = (r.body as { uuid?: string } | undefined)?.uuid;
    if (uuid && r.status === 200) out.set(uuid, (out.get(uuid) ?? 0) + 1);
  }
  return out;
}

/** Each person's texts in the order the double delivered them, against the order they were queued. */
async function orderPerPerson(db: Db, double: FeishuDouble) {
  const queued = new Map<string, string[]>();
  for (const r of await db.selectFrom('outbox').select(['receive_id', 'content']).orderBy('id').execute()) {
    queued.set(r.receive_id ?? '', [...(queued.get(r.receive_id ?? '') ?? []), (JSON.parse(r.content) as { text: string }).text]);
  }
  const delivered = new Map<string, string[]>();
  for (const m of double.messages) {
    delivered.set(m.user_open_id ?? '', [...(delivered.get(m.user_open_id ?? '') ?? []), (JSON.parse(m.content) as { text: string }).text]);
  }
  return { queued: Object.fromEntries(queued), delivered: Object.fromEntries(delivered) };
}

async function untilNothingPending(db: Db, ms: number) {
  await waitFor(
    'every outbox row sent or failed',
    () => outboxStatus(db),
    (s) => !s.pending,
    ms,
    100,
  );
}

describe.each(engines)('the outbox on %s', (engine) => {
  let db: TestDatabase;
  let double: FeishuDouble;
  const senders: OutboxSender[] = [];
  const extraDbs: OpenedDatabase[] = [];
  let bot: BotServer | null = null;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    double = await startDouble({ users: [...USERS, ...crowd], limits: { apiPerSecond: LIMITS.perSecond, apiPerMinute: LIMITS.perMinute } });
  });
  afterEach(async () => {
    for (const s of senders.splice(0)) await s.stop();
    await bot?.stop();
    bot = null;
    for (const d of extraDbs.splice(0)) await d.close();
    await double?.close();
    await db?.drop();
  });

  function sender(o: { db?: Db; api?: FeishuApi; limits?: SendLimits; batchSize?: number } = {}): OutboxSender {
    const s = createOutboxSender({
      db: o.db ?? db.db,
      api: o.api ?? createFeishuApi(feishuConfig(double)),
      clock: systemClock,
      log: silentLogger,
      limits: o.limits ?? LIMITS,
      pollMs: 50,
      batchSize: o.batchSize,
    });
    senders.push(s);
    return s;
  }

  it('delivers 1,000 messages to 200 people exactly once, in order per person, within the limits, through 6 % injected failures', async () => {
    await queueMany(db.db, 1000, crowd);
    double.failRate({ rate_limit: 0.05, server_error: 0.01 }, 20260401);
    const s = sender();
    s.start();
    await untilNothingPending(db.db, 60_000);
    await s.stop();

    expect(await outboxStatus(db.db)).toEqual({ sent: 1000 });
    const uuids = double.messages.map((m) => m.uuid);
    expect(double.messages).toHaveLength(1000);
    expect(new Set(uuids).size).toBe(1000);
    const rows = await db.db.selectFrom('outbox').select(['uuid', 'sent_message_id', 'attempts', 'last_error']).execute();
    expect(new Set(uuids)).toEqual(new Set(rows.map((r) => r.uuid)));
    // Not only did Feishu's uuid de-duplication hold: the bot never sent an already delivered message again.
    expect([...successesPerUuid(double).values()].every((n) => n === 1)).toBe(true);
    expect(successesPerUuid(double).size).toBe(1000);
    // Each row knows the message_id Feishu gave it.
    const delivered = new Map(double.messages.map((m) => [m.uuid, m.message_id]));
    expect(rows.every((r) => r.sent_message_id === delivered.get(r.uuid) && r.last_error === null)).toBe(true);

    // The failures were injected, and retried: the bot itself never ran into a limit.
    const faults = requestsTo(double, MESSAGES_PATH).map((r) => r.fault);
    expect(faults.filter((f) => f === 'rate_limit').length).toBeGreaterThan(20);
    expect(faults.filter((f) => f === 'server_error').length).toBeGreaterThan(2);
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThan(20);
    expect(double.limitHits).toEqual([]);

    const { queued, delivered: got } = await orderPerPerson(db.db, double);
    expect(Object.keys(got)).toHaveLength(200);
    expect(got).toEqual(queued);
  });

  it('counts replies in a p2p chat and messages by open_id against one person: 12 at once stay within 5/s, in order', async () => {
    // An answer is a reply in the asker's p2p chat while, in the same second, cards addressed by open_id go to the
    // same person (a problem's card, the weekly prompt). Feishu counts both as that user's 5/s; keyed apart (chat id
    // vs open_id) the sender let up to ten through in one second and the double refused the sixth with 99991400.
    const openId = 'ou_zhang';
    const s = sender();
    const now = systemClock.now();
    await db.db.transaction().execute((tx) => enqueue(tx, text(openId, '第一条'), now));
    expect(await s.drainOnce()).toBe(1);
    const target = double.messages[0]!.message_id;
    const receiver = receiverOf({ chat_type: 'p2p', chat_id: p2pChatId(openId) }, openId);
    expect(receiver).toBe(openId);
    await db.db.transaction().execute(async (tx) => {
      for (let i = 1; i <= 6; i++) {
        await enqueue(tx, { op: 'reply', messageId: target, receiver, msgType: 'text', content: { text: `回复 ${i}` } }, now);
        await enqueue(tx, text(openId, `卡片 ${i}`), now);
      }
    });
    s.start();
    await untilNothingPending(db.db, 20_000);
    expect(await outboxStatus(db.db)).toEqual({ sent: 13 });
    expect(double.limitHits).toEqual([]);
    const texts = double.messages.slice(1).map((m) => (JSON.parse(m.content) as { text: string }).text);
    expect(texts).toEqual([1, 2, 3, 4, 5, 6].flatMap((i) => [`回复 ${i}`, `卡片 ${i}`]));
  });

  it('marks a resigned user, a user who blocked the bot and an unknown id as failed, with the reason in Chinese, and does not retry', async () => {
    const now = systemClock.now();
    await db.db.transaction().execute(async (tx) => {
      for (const id of ['ou_left', 'ou_blocker', 'ou_nobody', 'ou_zhang']) await enqueue(tx, text(id, '请填报本周进度'), now);
    });
    const s = sender();
    expect(await s.drainOnce()).toBe(4);

    const rows = await db.db.selectFrom('outbox').select(['receive_id', 'status', 'attempts', 'last_error', 'uuid']).orderBy('id').execute();
    expect(rows.map((r) => [r.receive_id, r.status, r.attempts])).toEqual([
      ['ou_left', 'failed', 1],
      ['ou_blocker', 'failed', 1],
      ['ou_nobody', 'failed', 1],
      ['ou_zhang', 'sent', 1],
    ]);
    expect(rows[0]?.last_error).toMatch(/该用户已离职.*（错误码 230029）$/);
    expect(rows[1]?.last_error).toMatch(/该用户已屏蔽机器人.*（错误码 230053）$/);
    expect(rows[2]?.last_error).toMatch(/接收者 ID 无效.*（错误码 230034）$/);

    // Nothing is due any more, however long the sender keeps looking.
    expect(await s.drainOnce()).toBe(0);
    s.start();
    await new Promise((r) => setTimeout(r, 300));
    await s.stop();
    for (const r of rows) expect(requestsTo(double, MESSAGES_PATH).filter((q) => (q.body as { uuid: string }).uuid === r.uuid)).toHaveLength(1);
    expect(double.messages.map((m) => m.user_open_id)).toEqual(['ou_zhang']);
  });

  it('on 99991663 drops the cached token, fetches a new one and sends again at once', async () => {
    const s = sender();
    await enqueue(db.db, text('ou_zhang', '第一条'), systemClock.now());
    await s.drainOnce();
    double.revokeTokens(); // e.g. the app secret was reset in the console
    await enqueue(db.db, text('ou_zhang', '第二条'), systemClock.now());
    expect(await s.drainOnce()).toBe(1);

    const rows = await db.db.selectFrom('outbox').select(['status', 'attempts', 'uuid']).orderBy('id').execute();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
    const second = requestsTo(double, MESSAGES_PATH).filter((r) => (r.body as { uuid: string }).uuid === rows[1]?.uuid);
    expect(second.map((r) => [r.status, r.code])).toEqual([
      [400, 99991663],
      [200, 0],
    ]);
    expect(second[0]?.headers.authorization).not.toBe(second[1]?.headers.authorization);
    expect(requestsTo(double, '/open-apis/auth/v3/tenant_access_token/internal')).toHaveLength(2);
    expect(double.messages).toHaveLength(2);
  });

  it('when the fresh token is refused too, keeps the message for a later retry instead of failing it', async () => {
    double.failNext(2, 'token_invalid');
    await enqueue(db.db, text('ou_zhang', '通知'), systemClock.now());
    const before = Date.now();
    await sender().drainOnce();
    const row = await db.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: '访问凭证无效或已过期', locked_by: null });
    expect(Date.parse(row.next_attempt_at)).toBeGreaterThan(before);
    expect(double.messages).toHaveLength(0);
  });

  it('on a missing scope (99991672) fails the message and tells the administrators once, through the running bot', async () => {
    const now = systemClock.now();
    await saveSetting(db.db, 'admins', ['13033333333'], 'test', now);
    await db.db
      .insertInto('people')
      .values({
        name: '重点项目办',
        mobile: '13033333333',
        email: null,
        title: null,
        open_id: 'ou_admin',
        resigned_at: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    double.failNext(2, 'missing_scope', { match: MESSAGES_PATH });
    await db.db.transaction().execute(async (tx) => {
      await enqueue(tx, text('ou_zhang', '请填报本周进度'), now);
      await enqueue(tx, text('ou_li', '请填报本周进度'), now);
    });
    bot = await startBotServer({ database: db.target, double });

    await waitFor(
      'a message to the administrator',
      () => double.messages.filter((m) => m.user_open_id === 'ou_admin').length,
      (n) => n >= 1,
    );
    await untilNothingPending(db.db, 5000);
    const rows = await db.db.selectFrom('outbox').select(['receive_id', 'status', 'last_error']).orderBy('id').execute();
    expect(rows.slice(0, 2).map((r) => [r.receive_id, r.status])).toEqual([
      ['ou_zhang', 'failed'],
      ['ou_li', 'failed'],
    ]);
    expect(rows[0]?.last_error).toMatch(/缺少所需权限.*（错误码 99991672）/);
    // One alert for both failures (one per kind per day), to the administrator, saying what is wrong.
    const alerts = double.messages.filter((m) => m.user_open_id === 'ou_admin');
    expect(alerts).toHaveLength(1);
    expect(JSON.parse(alerts[0]?.content ?? '{}').text).toMatch(/缺少所需权限.*99991672/);
    expect(double.messages).toHaveLength(1);
    expect(requestsTo(double, MESSAGES_PATH).filter((r) => r.fault === 'missing_scope')).toHaveLength(2);
  });

  it('two senders on one database (two instances) send each message exactly once, in order per person', async () => {
    const people = crowd.slice(0, 40);
    await queueMany(db.db, 200, people, 11);
    // A double with Feishu's own limits (50/s, 1000/min per app, 5/s per person) for this test.
    await double.close();
    double = await startDouble({ users: crowd });
    // Each instance gets half of Feishu's limits, as the feishu.sendLimits setting says to configure them.
    const half: SendLimits = { perSecond: 25, perMinute: 500, perReceiverPerSecond: 2 };
    const counts = [0, 0];
    const counted = (i: number): FeishuApi => {
      const api = createFeishuApi(feishuConfig(double));
      return {
        ...api,
        send: (input) => {
          counts[i] = (counts[i] ?? 0) + 1;
          return api.send(input);
        },
      };
    };
    // A database connection of their own each, as two processes would have.
    for (let i = 0; i < 2; i++) extraDbs.push(openDatabase(db.target, { poolSize: 4 }));
    // Small batches, so that the two take turns through the queue rather than one claiming all 200 at once.
    const a = sender({ db: extraDbs[0]?.db, api: counted(0), limits: half, batchSize: 20 });
    const b = sender({ db: extraDbs[1]?.db, api: counted(1), limits: half, batchSize: 20 });
    // Both look at the same moment, every round: the instants at which two instances' claims overlap.
    const deadline = Date.now() + 40_000;
    while ((await outboxStatus(db.db)).pending && Date.now() < deadline) await Promise.all([a.drainOnce(), b.drainOnce()]);

    expect(await outboxStatus(db.db)).toEqual({ sent: 200 });
    expect(double.messages).toHaveLength(200);
    expect(new Set(double.messages.map((m) => m.uuid)).size).toBe(200);
    expect([...successesPerUuid(double).values()].every((n) => n === 1)).toBe(true);
    expect(counts.every((n) => n > 25)).toBe(true); // both instances really took part
    const { queued, delivered } = await orderPerPerson(db.db, double);
    expect(delivered).toEqual(queued);
    expect(double.limitHits).toEqual([]);
  });
});
