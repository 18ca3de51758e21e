// Issue 17, row 10: a signed event nested thousands deep is refused with 400 before anything is stored (it used to
// overflow the stack in JSON.stringify while storing, a 500).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSignature, encryptEvent } from '../../src/feishu/crypto';
import { MAX_JSON_DEPTH } from '../../src/feishu/envelope';
import type { FeishuDouble } from '../../src/feishu-double';
import { type BotServer, startBotServer } from '../helpers/bot';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { APP, rowCounts, startDouble } from '../helpers/feishu';

/** A message event whose `event.extra` nests `depth` objects, encrypted and signed as Feishu would. */
function deepSignedEvent(depth: number) {
  const head = JSON.stringify({
    schema: '2.0',
    header: { event_id: `ev_deep_${depth}`, event_type: 'im.message.receive_v1', token: APP.verificationToken, app_id: APP.appId },
  }).slice(0, -1);
  const plain = `${head},"event":{"extra":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`;
  const body = JSON.stringify({ encrypt: encryptEvent(APP.encryptKey, plain) });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = 'deep-nonce';
  const headers = {
    'content-type': 'application/json',
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': computeSignature(timestamp, nonce, APP.encryptKey, body),
  };
  return { body, headers };
}

describe.each(engines)('deeply nested signed events on %s', (engine) => {
  let t: TestDatabase;
  let double: FeishuDouble;
  let bot: BotServer;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    double = await startDouble();
    bot = await startBotServer({ database: t.target, double });
  });
  afterAll(async () => {
    await bot?.stop();
    await double?.close();
    await t?.drop();
  });

  it('refuses a body nested 20 000 deep (still under MAX_BODY_BYTES) with 400, storing nothing', async () => {
    const before = await rowCounts(t.db);
    const { body, headers } = deepSignedEvent(20_000);
    const res = await fetch(bot.webhookUrl, { method: 'POST', headers, body });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_request' });
    await bot.bot?.pipeline.idle();
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('refuses one level past the limit and accepts the limit itself', async () => {
    const over = deepSignedEvent(MAX_JSON_DEPTH);
    expect((await fetch(bot.webhookUrl, { method: 'POST', headers: over.headers, body: over.body })).status).toBe(400);
    const at = deepSignedEvent(MAX_JSON_DEPTH - 2); // with the envelope and `event` above it: exactly the limit
    expect((await fetch(bot.webhookUrl, { method: 'POST', headers: at.headers, body: at.body })).status).toBe(200);
    await bot.bot?.pipeline.idle();
  });
});
