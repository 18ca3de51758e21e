// Posts events and card callbacks to a bot exactly as Feishu does: encrypted body, signature over the raw bytes.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { computeSignature, encryptEvent } from '../feishu/crypto';
import {
  botAddedEvent,
  cardActionEvent,
  messageEvent,
  urlVerification,
  type BotAddedInput,
  type CardActionInput,
  type EnvelopeContext,
  type MessageEventInput,
} from './event-builders';
import type { InboundMessage } from './types';

export type EventSenderOptions = {
  /** Where events go (the console's 事件配置 request URL). */
  botUrl: string;
  /** The callback URL (回调配置); defaults to botUrl. */
  cardUrl?: string;
  /** Empty or null: plain JSON bodies and no signature headers, as Feishu sends without an Encrypt Key. */
  encryptKey?: string | null;
  verificationToken: string;
  appId: string;
  tenantKey?: string;
  clock?: Clock;
  /** Usually the double: told about each user message first, so the bot can reply to it. */
  inbound?: { recordInbound(msg: InboundMessage): void };
};

export type Tamper =
  | 'signature' // a wrong X-Lark-Signature
  | 'no_signature' // signature headers left out
  | 'body' // body changed after signing
  | 'stale_timestamp' // correctly signed, but the timestamp is an hour old (a replay)
  | ((raw: string) => string); // any other change to the raw bytes after signing

export type PostOptions = {
  tamper?: Tamper;
  encrypt?: boolean;
  sign?: boolean;
  url?: string;
  /** X-Lark-Request-Timestamp as sent (signed with it), instead of the clock's seconds: a replay, a wrong clock. */
  timestamp?: string;
};

export type PostResult = {
  status: number;
  text: string;
  /** The answer parsed as JSON, or undefined if it was not JSON. */
  json: unknown;
  /** Exactly the bytes that were sent, and the headers with them. */
  rawBody: string;
  sentHeaders: Record<string, string>;
  /** The plaintext payload before encryption. */
  payload: unknown;
};

const STALE_MS = 60 * 60 * 1000;

export function createEventSender(opts: EventSenderOptions) {
  const clock = opts.clock ?? systemClock;
  const key = opts.encryptKey || null;
  const ctx: EnvelopeContext = {
    appId: opts.appId,
    verificationToken: opts.verificationToken,
    tenantKey: opts.tenantKey ?? 'tenant_double',
    now: () => clock.now(),
  };

  function serialise(payload: unknown, encrypt: boolean): string {
    // Compact JSON, like Feishu; the SDK's own signature check only works on bodies in this form.
    const plain = JSON.stringify(payload);
    return key && encrypt ? JSON.stringify({ encrypt: encryptEvent(key, plain) }) : plain;
  }

  function tamperBody(tamper: Tamper | undefined, raw: string, payload: unknown, encrypt: boolean): string {
    if (typeof tamper === 'function') return tamper(raw);
    if (tamper !== 'body') return raw;
    return serialise({ ...(payload as Record<string, unknown>), tampered: true }, encrypt);
  }

  async function post(payload: unknown, o: PostOptions = {}): Promise<PostResult> {
    const encrypt = o.encrypt ?? true;
    const signed = serialise(payload, encrypt);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key && (o.sign ?? true) && o.tamper !== 'no_signature') {
      const nowMs = clock.now().getTime() - (o.tamper === 'stale_timestamp' ? STALE_MS : 0);
      // X-Lark-Request-Timestamp is in seconds.
      const timestamp = o.timestamp ?? String(Math.floor(nowMs / 1000));
      const nonce = randomBytes(8).toString('hex');
      let signature = computeSignature(timestamp, nonce, key, signed);
      if (o.tamper === 'signature') signature = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
      headers['x-lark-request-timestamp'] = timestamp;
      headers['x-lark-request-nonce'] = nonce;
      headers['x-lark-signature'] = signature;
    }
    const rawBody = tamperBody(o.tamper, signed, payload, encrypt);
    const res = await fetch(o.url ?? opts.botUrl, { method: 'POST', headers, body: rawBody });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, rawBody, sentHeaders: headers, payload };
  }

  return {
    post,
    build: {
      message: (input: MessageEventInput) => messageEvent(ctx, input),
      botAdded: (input: BotAddedInput) => botAddedEvent(ctx, input),
      cardAction: (input: CardActionInput) => cardActionEvent(ctx, input),
      challenge: (challenge?: string) => urlVerification(ctx, challenge),
    },
    /** A user's text message (p2p, or group with mentions); the double learns of it before the bot does. */
    async sendMessage(input: MessageEventInput, o?: PostOptions) {
      const env = messageEvent(ctx, input);
      const m = env.event.message as { message_id: string; chat_id: string; chat_type: 'p2p' | 'group' };
      opts.inbound?.recordInbound({ ...m, sender_open_id: input.sender.open_id, at: clock.now() });
      return { envelope: env, ...(await post(env, o)) };
    },
    async sendBotAdded(input: BotAddedInput, o?: PostOptions) {
      const env = botAddedEvent(ctx, input);
      return { envelope: env, ...(await post(env, o)) };
    },
    async sendCardAction(input: CardActionInput, o?: PostOptions) {
      const env = cardActionEvent(ctx, input);
      return { envelope: env, ...(await post(env, { url: opts.cardUrl, ...o })) };
    },
    /** URL verification: encrypted when an Encrypt Key is set (unless `encrypted: false`); never signed. */
    async sendChallenge(o: { challenge?: string; encrypted?: boolean } = {}) {
      const payload = urlVerification(ctx, o.challenge);
      return { challenge: payload.challenge, ...(await post(payload, { encrypt: o.encrypted ?? true, sign: false })) };
    },
  };
}

export type EventSender = ReturnType<typeof createEventSender>;
