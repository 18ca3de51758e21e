// POST /feishu/events: Feishu's events and card callbacks, verified over the raw bytes before anything is believed.
//
// Order: headers first (content type, declared length, signature headers present and timestamp fresh, bytes in
// flight), so that no body is buffered for what the headers already refuse; then the raw body, capped → JSON → (decrypt) → url_verification answered → signature over the raw bytes and a timestamp within
// REPLAY_WINDOW_MS (when an Encrypt Key is set) → verification token → envelope → once-only → dispatch. Feishu's
// url_verification is not signed, so it is recognised after decryption and checked by token only. Nothing a client
// sends produces a 500.
import type { IncomingMessage } from 'node:http';
import type { Context, Hono } from 'hono';
import type { Clock } from '../clock';
import type { FeishuConfig } from '../config';
import type { Logger } from '../log';
import { decryptEvent, verifySignature } from '../feishu/crypto';
import { parseBody } from '../feishu/envelope';
import { cardResponseBody } from './card-budget';
import type { Pipeline } from './pipeline';

export const WEBHOOK_PATH = '/feishu/events';
/**
 * The largest body Feishu sends here. A text message may carry up to 150 KB of text (Feishu's limit for a text
 * message; a card callback's form values are far smaller). The event puts that text in a JSON string inside the event
 * JSON (escaped once more), then AES + base64 add a third: 150 KB × 1.1 × 1.34 ≈ 221 KB. 384 KiB leaves a margin of
 * about 70 %. The double's largest builder output (a card callback with a filled form) is under 4 KiB.
 */
export const MAX_BODY_BYTES = 384 * 1024;
/** Feishu's url_verification (the only request it does not sign) is a few hundred bytes; unsigned bodies stop here. */
export const MAX_UNSIGNED_BODY_BYTES = 8 * 1024;
/**
 * Bytes of request bodies being read and not yet answered, over all connections: the memory anyone who knows the URL
 * (and no key) can make the server hold. Beyond it a request is answered 503 at once (Feishu retries later).
 */
export const MAX_BYTES_IN_FLIGHT = 16 * 1024 * 1024;
/**
 * Bodies up to this size are read even when MAX_BYTES_IN_FLIGHT is reached: Feishu's events and card callbacks are a
 * few KB, so a flood of large bodies cannot lock them out; their memory is bounded by the connection limit instead
 * (512 × 16 KiB = 8 MiB).
 */
export const SMALL_BODY_BYTES = 16 * 1024;
let bytesInFlight = 0;

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

type ReadBody = { ok: true; raw: Buffer; release(): void } | { ok: false; status: 400 | 413 | 503 };

/**
 * Reads the request body, never more than `cap` bytes, counting it in bytesInFlight until `release()`. Reads the Node
 * request directly (@hono/node-server's env.incoming): asking Hono for `c.req.raw.body` would build a full web Request
 * with a stream and an AbortSignal per request (about an eighth of the CPU per event, measured with --cpu-prof).
 */
function readBody(c: Context, cap: number): Promise<ReadBody> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) {
    return c.req.arrayBuffer().then((b) => (b.byteLength > cap ? { ok: false, status: 413 } : { ok: true, raw: Buffer.from(b), release: () => {} }));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: ReadBody, held: boolean) => {
      if (done) return;
      done = true;
      incoming.off('data', onData).off('end', onEnd).off('close', onClose).off('error', onClose);
      if (!held) bytesInFlight -= size;
      resolve(r);
    };
    const refuse = (status: 413 | 503) => {
      incoming.pause();
      chunks.length = 0;
      finish({ ok: false, status }, false);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      bytesInFlight += chunk.length;
      if (size > cap) return refuse(413);
      if (size > SMALL_BODY_BYTES && bytesInFlight > MAX_BYTES_IN_FLIGHT) return refuse(503);
      chunks.push(chunk);
    };
    const onEnd = () => {
      let released = false;
      const release = () => {
        if (!released) bytesInFlight -= size;
        released = true;
      };
      finish({ ok: true, raw: Buffer.concat(chunks, size), release }, true);
    };
    const onClose = () => finish({ ok: false, status: 400 }, false);
    incoming.on('data', onData).on('end', onEnd).on('close', onClose).on('error', onClose);
  });
}

/** A refusal that closes the connection: what the client has not sent yet is not waited for. */
const refuse = (c: Context, status: 400 | 401 | 413 | 415 | 503, body: Record<string, string>) => {
  c.header('connection', 'close');
  return c.json(body, status);
};
const REFUSALS = {
  400: { error: 'bad_request', reason: 'incomplete body' },
  413: { error: 'payload_too_large' },
  503: { error: 'busy' },
} as const;

export function mountWebhook(app: Hono, feishu: FeishuConfig, pipeline: Pipeline, log: Logger, clock: Clock): void {
  app.post(WEBHOOK_PATH, async (c) => {
    // Everything the headers can decide is decided before a byte of the body is read.
    const type = c.req.header('content-type');
    if (type !== undefined && !/json/i.test(type)) return refuse(c, 415, { error: 'unsupported_media_type' });
    const length = c.req.header('content-length');
    const chunked = c.req.header('transfer-encoding') !== undefined;
    if (length !== undefined && !chunked && !/^\d+$/.test(length)) return refuse(c, 400, { error: 'bad_request', reason: 'invalid Content-Length' });
    const declared = length !== undefined && !chunked ? Number(length) : null;
    const hasSignature = ['x-lark-signature', 'x-lark-request-timestamp', 'x-lark-request-nonce'].every((h) => c.req.header(h) !== undefined);
    // With an Encrypt Key, Feishu signs everything but url_verification, which is small: an unsigned body is read
    // only up to what a challenge can be, and a signed one only when its timestamp is fresh.
    let cap = MAX_BODY_BYTES;
    if (feishu.encryptKey && !hasSignature) {
      if (declared !== null && declared > MAX_UNSIGNED_BODY_BYTES) return refuse(c, 401, { error: 'unauthorized' });
      cap = MAX_UNSIGNED_BODY_BYTES;
    }
    if (feishu.encryptKey && hasSignature && !freshTimestamp(c.req.header('x-lark-request-timestamp'), clock.now().getTime())) {
      log.warn('飞书事件时间戳超出允许范围，已拒绝', { timestamp: c.req.header('x-lark-request-timestamp') ?? null });
      return refuse(c, 401, { error: 'unauthorized' });
    }
    if (declared !== null && declared > cap) return refuse(c, 413, REFUSALS[413]);
    if (declared !== null && declared > SMALL_BODY_BYTES && bytesInFlight + declared > MAX_BYTES_IN_FLIGHT) return refuse(c, 503, REFUSALS[503]);
    const read = await readBody(c, cap);
    if (!read.ok) return refuse(c, read.status, REFUSALS[read.status]);
    try {
      return await handle(c, read.raw);
    } finally {
      read.release();
    }
  });

  async function handle(c: Context, raw: Buffer) {
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
  }
}
