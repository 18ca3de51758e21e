// POST /feishu/events: Feishu's events and card callbacks, verified over the raw bytes before anything is believed.
//
// Order: raw body → JSON → (decrypt) → url_verification answered → signature over the raw bytes and a timestamp within
// REPLAY_WINDOW_MS (when an Encrypt Key is set) → verification token → envelope → once-only → dispatch. Feishu's
// url_verification is not signed, so it is recognised after decryption and checked by token only. Nothing a client
// sends produces a 500.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Clock } from '../clock';
import type { FeishuConfig } from '../config';
import type { Logger } from '../log';
import { decryptEvent, verifySignature } from '../feishu/crypto';
import { parseBody } from '../feishu/envelope';
import { cardResponseBody } from './card-budget';
import type { Pipeline } from './pipeline';

export const WEBHOOK_PATH = '/feishu/events';
/** Feishu's events are a few KB; anything near this is not from Feishu. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * How far X-Lark-Request-Timestamp may be from the program's clock. A signed request is valid forever, so without a
 * bound a captured one could be replayed once the once-only memory (handled_events, inbox) has forgotten it. Feishu
 * redelivers a failed event at 15 s, 5 min, 1 h and 6 h, about 7 h 05 min after the first attempt; a retry may carry
 * the original timestamp, so 12 h covers the schedule with a margin of almost 5 h (and clock drift). The once-only
 * memory must outlive this window (REMEMBER_MS in src/bot.ts is 8 days): a replay is then either too old or
 * remembered. Looking ahead the same 12 h costs nothing (only Feishu can sign) and tolerates a clock that is behind.
 */
export const REPLAY_WINDOW_MS = 12 * 3600_000;

/** The timestamp header (seconds since the epoch, digits only) within REPLAY_WINDOW_MS of `nowMs`. */
export function freshTimestamp(header: string | undefined, nowMs: number): boolean {
  if (header === undefined || !/^\d{1,12}$/.test(header.trim())) return false;
  return Math.abs(Number(header.trim()) * 1000 - nowMs) <= REPLAY_WINDOW_MS;
}

const tooLarge = (c: Context) => c.json({ error: 'payload_too_large' }, 413);
const streamedLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });

/**
 * Refuses a body over MAX_BODY_BYTES before reading it. Feishu sends a Content-Length: that header alone decides, and
 * the body is then read by @hono/node-server's direct path. Hono's bodyLimit is kept for chunked bodies only: it asks
 * for `c.req.raw.body`, which makes the adapter build a full web Request with a ReadableStream and an AbortSignal for
 * every request — about an eighth of the server's CPU per event under load (measured with --cpu-prof).
 */
const limitBody: MiddlewareHandler = async (c, next) => {
  const length = c.req.header('content-length');
  if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
    if (!/^\d+$/.test(length)) return c.json({ error: 'bad_request', reason: 'invalid Content-Length' }, 400);
    return Number(length) <= MAX_BODY_BYTES ? next() : tooLarge(c);
  }
  return streamedLimit(c, next);
};

export function mountWebhook(app: Hono, feishu: FeishuConfig, pipeline: Pipeline, log: Logger, clock: Clock): void {
  app.post(WEBHOOK_PATH, limitBody, async (c) => {
    const raw = Buffer.from(await c.req.arrayBuffer());
    let outer: unknown;
    try {
      outer = JSON.parse(raw.toString('utf8'));
    } catch {
      return c.json({ error: 'bad_request', reason: 'body is not JSON' }, 400);
    }
    const signed = () =>
      verifySignature({
        timestamp: c.req.header('x-lark-request-timestamp') ?? '',
        nonce: c.req.header('x-lark-request-nonce') ?? '',
        signature: c.req.header('x-lark-signature') ?? '',
        encryptKey: feishu.encryptKey,
        rawBody: raw,
      });

    let body: unknown = outer;
    const encrypted = outer && typeof outer === 'object' && typeof (outer as { encrypt?: unknown }).encrypt === 'string';
    if (encrypted) {
      if (!feishu.encryptKey) return c.json({ error: 'bad_request', reason: 'encrypted body but no FEISHU_ENCRYPT_KEY configured' }, 400);
      const plain = decryptEvent(feishu.encryptKey, (outer as { encrypt: string }).encrypt);
      if (!plain.ok) return signed() ? c.json({ error: 'bad_request', reason: 'cannot decrypt' }, 400) : c.json({ error: 'unauthorized' }, 401);
      try {
        body = JSON.parse(plain.text);
      } catch {
        return signed() ? c.json({ error: 'bad_request', reason: 'decrypted body is not JSON' }, 400) : c.json({ error: 'unauthorized' }, 401);
      }
    }

    const parsed = parseBody(body);
    if (parsed.kind === 'challenge') {
      if (parsed.token !== feishu.verificationToken) return c.json({ error: 'unauthorized' }, 401);
      return c.json({ challenge: parsed.challenge });
    }
    if (feishu.encryptKey && !signed()) {
      log.warn('飞书事件签名校验失败，已拒绝', { ip: c.req.header('x-forwarded-for') ?? null });
      return c.json({ error: 'unauthorized' }, 401);
    }
    // Events and card callbacks alike: a signed request outside the window is a replay (or not Feishu's).
    if (feishu.encryptKey && !freshTimestamp(c.req.header('x-lark-request-timestamp'), clock.now().getTime())) {
      log.warn('飞书事件时间戳超出允许范围，已拒绝', { timestamp: c.req.header('x-lark-request-timestamp') ?? null });
      return c.json({ error: 'unauthorized' }, 401);
    }
    if (parsed.kind === 'invalid') return c.json({ error: 'bad_request', reason: parsed.reason }, 400);
    if (parsed.envelope.token !== feishu.verificationToken) {
      log.warn('飞书事件 Verification Token 不符，已拒绝', { eventId: parsed.envelope.eventId });
      return c.json({ error: 'unauthorized' }, 401);
    }
    const env = parsed.envelope;
    if (env.eventType === 'card.action.trigger') return c.json(cardResponseBody(await pipeline.acceptCard(env)));
    await pipeline.acceptEvent(env);
    return c.json({});
  });
}
