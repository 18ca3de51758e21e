// POST /feishu/events under hostile input, on the real server: random bodies and headers, bodies signed correctly
// but carrying garbage, well-formed events with random contents, huge strings. The server answers 400/401 (or 200
// for what it accepts or ignores), never 500; nothing is left failing in the background. The parsing functions
// under it never throw on anything. Runs are kept modest (the whole file takes a few seconds).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSignature, decryptEvent, encryptEvent, verifySignature } from '../../src/feishu/crypto';
import { cardActionSchema, createdMsOf, messageEventSchema, parseBody } from '../../src/feishu/envelope';
import type { FeishuDouble } from '../../src/feishu-double';
import { MAX_BODY_BYTES } from '../../src/transport/webhook';
import { type BotServer, startBotServer } from '../helpers/bot';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { APP, captureLog, type CapturedLog, postOwnConnection, startDouble } from '../helpers/feishu';

const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,80}$/);
const EVENT_TYPES = ['im.message.receive_v1', 'im.chat.member.bot.added_v1', 'card.action.trigger', 'im.message.message_read_v1'];
/** Names that are members of every JavaScript object: a lookup by an untrusted name must not find them. */
const OBJECT_MEMBERS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const CARD_KINDS = ['round_form', 'round_list', 'round_submit', 'round_no_change', 'ask_project', ...OBJECT_MEMBERS];

/** JSON of any shape, deep and wide, with strings of any unicode. */
const anyJson = fc.jsonValue({ maxDepth: 6 });
/** An object shaped like a Feishu event where it matters (ids, types), random everywhere else. */
const eventLike = fc.record(
  {
    sender: fc.oneof(
      anyJson,
      fc.record(
        {
          sender_id: fc.record({ open_id: fc.oneof(fc.string(), fc.constant('ou_zhang')) }, { requiredKeys: [] }),
          sender_type: fc.oneof(fc.constant('user'), fc.string()),
        },
        { requiredKeys: [] },
      ),
    ),
    message: fc.oneof(
      anyJson,
      fc.record(
        {
          message_id: fc.string(),
          chat_id: fc.string(),
          chat_type: fc.constantFrom('p2p', 'group', ''),
          message_type: fc.constantFrom('text', 'image', ''),
          content: fc.oneof(fc.json(), fc.string()),
          mentions: anyJson,
        },
        { requiredKeys: [] },
      ),
    ),
    operator: fc.oneof(anyJson, fc.record({ open_id: fc.string() })),
    action: fc.oneof(
      anyJson,
      fc.record({ value: anyJson, form_value: anyJson, tag: fc.string(), name: fc.string() }, { requiredKeys: [] }),
      // A button's value as the bot's cards carry it, with ids and form fields of any kind.
      fc.record(
        {
          value: fc.record(
            {
              kind: fc.constantFrom(...CARD_KINDS),
              periodId: fc.oneof(fc.integer(), fc.string(), anyJson),
              projectId: fc.oneof(fc.integer({ min: -2, max: 200 }), fc.string()),
              page: fc.oneof(fc.integer(), anyJson),
              unitId: anyJson,
            },
            { requiredKeys: ['kind'] },
          ),
          form_value: fc.oneof(
            anyJson,
            fc.dictionary(
              fc.constantFrom('ytd_investment', 'month_end_investment', 'progress_text', 'status', 'problem_category', 'correction_reason', '__proto__'),
              anyJson,
            ),
          ),
        },
        { requiredKeys: ['value'] },
      ),
    ),
    context: anyJson,
    token: fc.string(),
    chat_id: fc.oneof(fc.string(), anyJson),
    extra: anyJson,
  },
  { requiredKeys: [] },
);

describe('the webhook under hostile input', () => {
  let t: TestDatabase;
  let double: FeishuDouble;
  let bot: BotServer;
  let log: CapturedLog;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    double = await startDouble();
    log = captureLog();
    bot = await startBotServer({ database: t.target, double, log });
  });
  afterAll(async () => {
    await bot?.stop();
    await double?.close();
    await t?.drop();
  });

  async function post(raw: string | Buffer, headers: Record<string, string> = {}): Promise<number> {
    const res = await fetch(bot.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
    await res.arrayBuffer();
    return res.status;
  }
  const signed = (raw: string, timestamp = String(Math.floor(Date.now() / 1000)), nonce = 'n0nce') => ({
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': computeSignature(timestamp, nonce, APP.encryptKey, raw),
  });
  const encrypted = (plain: string) => JSON.stringify({ encrypt: encryptEvent(APP.encryptKey, plain) });
  const afterwards = async () => {
    await bot.bot!.pipeline.idle();
    // The app's 500 handler never ran, and no handler failed on what it was given.
    expect(log.lines.filter((l) => /请求处理出错|卡片操作处理失败|事件处理失败|事件处理多次失败/.test(l)).map((l) => l.slice(0, 300))).toEqual([]);
    const failed = await t.db.selectFrom('inbox').select(['event_type', 'status', 'error', 'payload']).where('status', '!=', 'done').execute();
    expect(failed.map((f) => ({ ...f, payload: f.payload.slice(0, 400) }))).toEqual([]);
  };

  it('random bodies with random signature headers: refused with 400 or 401', async () => {
    const body = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.json({ maxDepth: 4 }),
      anyJson.map((v) => JSON.stringify({ encrypt: v })),
      fc.base64String({ maxLength: 200 }).map((b) => JSON.stringify({ encrypt: b })),
    );
    const headers = fc.record(
      { 'x-lark-request-timestamp': headerValue, 'x-lark-request-nonce': headerValue, 'x-lark-signature': headerValue },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, headers, async (raw, h) => {
        expect([400, 401], raw.slice(0, 200)).toContain(await post(raw, h));
      }),
      { numRuns: 300 },
    );
    await afterwards();
  });

  it('correctly signed bodies that are not Feishu events, plain or encrypted: 400 or 401, never 500', async () => {
    const garbage = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json({ maxDepth: 5 }),
      anyJson.map((v) => JSON.stringify({ schema: '2.0', header: v, event: v })),
    );
    await fc.assert(
      fc.asyncProperty(garbage, fc.boolean(), async (plain, encrypt) => {
        const raw = encrypt ? encrypted(plain) : plain;
        expect([200, 400, 401], plain.slice(0, 200)).toContain(await post(raw, signed(raw)));
      }),
      { numRuns: 300 },
    );
    await afterwards();
  });

  it('well-formed, correctly signed events with random contents: accepted or ignored with 200, handled without failing', async () => {
    const envelope = fc.record({
      schema: fc.constant('2.0'),
      header: fc.record({
        event_id: fc.uuid(),
        event_type: fc.oneof(fc.constantFrom(...EVENT_TYPES, ...OBJECT_MEMBERS), fc.string({ minLength: 1 })),
        create_time: fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        token: fc.constant(APP.verificationToken),
        app_id: fc.constant(APP.appId),
      }),
      event: eventLike,
    });
    await fc.assert(
      fc.asyncProperty(envelope, fc.boolean(), async (env, encrypt) => {
        const plain = JSON.stringify(env);
        const raw = encrypt ? encrypted(plain) : plain;
        expect(await post(raw, signed(raw)), plain.slice(0, 300)).toBe(200);
      }),
      { numRuns: 300 },
    );
    await afterwards();
  });

  it('huge strings inside a signed event (hundreds of KB): 200, handled without failing', async () => {
    // Each string is put in twice and the body is encrypted (base64, 4/3): kept under MAX_BODY_BYTES (384 KiB).
    const big = fc
      .integer({ min: 100_000, max: Math.floor(MAX_BODY_BYTES * 1.2) })
      .chain((n) => fc.constantFrom('字', 'a', '\u0000', '😀').map((c) => c.repeat(Math.floor(n / (Buffer.byteLength(JSON.stringify(c)) - 2) / 4))));
    await fc.assert(
      fc.asyncProperty(big, fc.constantFrom(...EVENT_TYPES), async (s, type) => {
        const env = {
          schema: '2.0',
          header: { event_id: crypto.randomUUID(), event_type: type, token: APP.verificationToken },
          event: {
            message: { message_id: s.slice(0, 50), content: s, chat_id: 'oc_x', chat_type: 'p2p', message_type: 'text' },
            sender: { sender_id: { open_id: 'ou_zhang' } },
            action: { value: { kind: s } },
            operator: { open_id: 'ou_zhang' },
          },
        };
        const raw = encrypted(JSON.stringify(env));
        expect(Buffer.byteLength(raw)).toBeLessThan(MAX_BODY_BYTES);
        expect(await post(raw, signed(raw))).toBe(200);
      }),
      { numRuns: 8 },
    );
    await afterwards();
  });

  it('any body over the limit is refused before it is read: 413 signed, 401 unsigned', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: MAX_BODY_BYTES + 1, max: MAX_BODY_BYTES + 500_000 }), fc.boolean(), async (size, withSignature) => {
        const raw = Buffer.alloc(size, 0x7b);
        // A connection of its own: the server answers before reading the rest and closes it.
        expect((await postOwnConnection(bot.webhookUrl, raw, withSignature ? signed(raw.toString()) : {})).status).toBe(withSignature ? 413 : 401);
      }),
      { numRuns: 5 },
    );
  });
});

describe('the parsing under the webhook never throws', () => {
  it('parseBody, the event schemas and create_time on any JSON value', () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, fc.record({ schema: fc.constant('2.0'), header: anyJson, event: eventLike })), (v) => {
        const parsed = parseBody(v);
        expect(['challenge', 'envelope', 'invalid']).toContain(parsed.kind);
        messageEventSchema.safeParse(v);
        cardActionSchema.safeParse(v);
        const ms = createdMsOf(v);
        expect(ms === null || Number.isSafeInteger(ms)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('decryption and signature checks on any strings', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.oneof(fc.string({ unit: 'binary' }), fc.base64String()),
        fc.string(),
        fc.string(),
        fc.string(),
        (key, data, ts, nonce, sig) => {
          const r = decryptEvent(key, data);
          expect(r.ok ? typeof r.text : r.reason).toBeTruthy();
          expect(typeof verifySignature({ timestamp: ts, nonce, signature: sig, encryptKey: key, rawBody: data })).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
