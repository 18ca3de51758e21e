// Feishu out of reach for ten minutes of the bot's clock (a manual clock: the sender's backoff is measured on it, so
// the test does not wait ten real minutes): five minutes of connections refused, then five of the gateway answering
// 500, 503 and dropped connections. The queued messages wait, retried with backoff, and then all arrive, once each,
// in order per person, within a minute or two of Feishu coming back. The sender's rate limiter and the double's
// limits run on the same manual clock; while a drain waits for a window to free, the test moves the clock to it.
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import { createFeishuApi, type FeishuApi } from '../../src/feishu/api';
import { enqueue } from '../../src/feishu/outbox';
import { createOutboxSender } from '../../src/feishu/sender';
import type { FeishuDouble } from '../../src/feishu-double';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { drive } from '../helpers/clock';
import { captureLog, feishuConfig, outboxStatus, requestsTo, startDouble } from '../helpers/feishu';

const MESSAGES_PATH = '/open-apis/im/v1/messages';
const STEP_MS = 5000;
const MINUTE = 60_000;
const people = Array.from({ length: 20 }, (_, i) => ({ open_id: `ou_d${String(i).padStart(2, '0')}`, name: `用户${i}` }));

/** A port nothing listens on: connecting to it is refused. */
async function refusingPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe.each(engines)('Feishu unreachable for ten minutes on %s', (engine) => {
  let t: TestDatabase;
  let double: FeishuDouble;
  const clock = createManualClock('2026-11-23T01:00:00Z');
  beforeEach(async () => {
    t = await createTestDatabase(engine);
    await clock.set('2026-11-23T01:00:00Z');
    double = await startDouble({ users: people, clock });
  });
  afterEach(async () => {
    await double?.close();
    await t?.drop();
  });

  it('the outbox waits with backoff and catches up afterwards: everything delivered once, in order per person', async () => {
    const up = createFeishuApi(feishuConfig(double));
    const refused = createFeishuApi(feishuConfig(double, { domain: `http://127.0.0.1:${await refusingPort()}` }));
    // The network between the bot and Feishu: the same SDK client code either way, only where it connects differs.
    let route: FeishuApi = up;
    const api: FeishuApi = {
      send: (i) => route.send(i),
      reply: (i) => route.reply(i),
      patch: (i) => route.patch(i),
      updateCardByToken: (i) => route.updateCardByToken(i),
      botInfo: () => route.botInfo(),
      batchGetIds: (i) => route.batchGetIds(i),
      uploadFile: (i) => route.uploadFile(i),
      userName: (id) => route.userName(id),
      evictToken: () => route.evictToken(),
    };
    const log = captureLog();
    const sender = createOutboxSender({ db: t.db, api, clock, pace: clock, log, pollMs: 50 });
    const queue = async (n: number) =>
      t.db.transaction().execute(async (tx) => {
        for (const p of people)
          await enqueue(tx, { op: 'create', receiveIdType: 'open_id', receiveId: p.open_id, msgType: 'text', content: { text: `序号 ${n}` } }, clock.now());
      });
    const drainFor = async (ms: number, until: () => Promise<boolean> = async () => false) => {
      for (let spent = 0; spent < ms; spent += STEP_MS) {
        await drive(clock, sender.drainOnce());
        if (await until()) return spent;
        await clock.advance(STEP_MS);
      }
      return ms;
    };

    await queue(0);
    await drive(clock, sender.drainOnce());
    expect(double.messages).toHaveLength(20); // a working connection, and a tenant token in the cache

    // Feishu goes away; the bot queues five more messages for everybody meanwhile.
    route = refused;
    for (let n = 1; n <= 5; n++) await queue(n);
    await drainFor(5 * MINUTE);
    route = up;
    double.failRate({ server_error: 0.34, unavailable: 0.33, network: 0.33 }, 20261123);
    await drainFor(5 * MINUTE);
    expect(double.messages).toHaveLength(20); // nothing got through
    const duringOutage = requestsTo(double, MESSAGES_PATH).filter((r) => r.fault !== null);
    expect(duringOutage.length).toBeGreaterThan(20);
    const rows = await t.db.selectFrom('outbox').select(['uuid', 'receive_id', 'content', 'attempts', 'status']).orderBy('id').execute();
    const firstOfOutage = new Set(people.map((p) => rows.find((r) => r.receive_id === p.open_id && r.content.includes('序号 1'))!.uuid));
    // Each person's next message was tried and retried; the four queued behind it were not tried at all (order).
    expect(duringOutage.filter((r) => !firstOfOutage.has((r.body as { uuid: string }).uuid))).toEqual([]);
    for (const r of rows.filter((x) => x.status === 'pending')) {
      if (firstOfOutage.has(r.uuid)) {
        // Backoff, not a tight loop: ten minutes in five-second steps would be 120 tries.
        expect(r.attempts).toBeGreaterThan(5);
        expect(r.attempts).toBeLessThanOrEqual(30);
      } else expect(r.attempts).toBe(0);
    }
    expect(log.lines.filter((l) => l.includes('不再重试'))).toEqual([]); // nothing given up

    // Feishu is back; the token the bot held did not survive the outage.
    double.failRate(null);
    double.revokeTokens();
    const caughtUpAfter = await drainFor(10 * MINUTE, async () => (await outboxStatus(t.db)).pending === undefined);
    expect(await outboxStatus(t.db)).toEqual({ sent: 120 });
    // The longest backoff is a minute: by then every person's waiting message has been tried again.
    expect(caughtUpAfter).toBeLessThanOrEqual(2 * MINUTE);

    expect(double.messages).toHaveLength(120);
    expect(new Set(double.messages.map((m) => m.uuid)).size).toBe(120);
    const delivered = requestsTo(double, MESSAGES_PATH)
      .filter((r) => r.status === 200)
      .map((r) => (r.body as { uuid: string }).uuid);
    expect(delivered).toHaveLength(120); // not one message answered 200 twice
    for (const p of people) {
      const texts = double.messages.filter((m) => m.user_open_id === p.open_id).map((m) => (JSON.parse(m.content) as { text: string }).text);
      expect(texts, p.open_id).toEqual(['序号 0', '序号 1', '序号 2', '序号 3', '序号 4', '序号 5']);
    }
  }, 120_000);
});
