// Parses what Feishu delivers (webhook body after decryption, or a long-connection frame) into one envelope shape.
//
// Schema 2.0 nests {header, event}. The SDK's dispatcher hands handlers a flattened object in which the card
// callback's `token` (c-…, the card-update token) overwrites the header's verification token; one documentation page
// prints callbacks in that flattened form too, so both are accepted here and the verification token is read only
// from the nested header (or the 1.0 top-level `token` of a url_verification).
import { z } from 'zod';

const headerSchema = z.object({
  event_id: z.string().min(1),
  event_type: z.string().min(1),
  create_time: z.union([z.string(), z.number()]).optional(),
  token: z.string().optional(),
  app_id: z.string().optional(),
  tenant_key: z.string().optional(),
});

const nestedSchema = z.object({ schema: z.literal('2.0'), header: headerSchema, event: z.record(z.string(), z.unknown()) });

export type Envelope = {
  eventId: string;
  eventType: string;
  /** The verification token from the header; null when the body carried none (flattened form). */
  token: string | null;
  appId: string | null;
  /** When Feishu created the event (for a card callback: the click), in ms; null when the body did not say. */
  createdMs: number | null;
  event: Record<string, unknown>;
};

/**
 * header.create_time in milliseconds. Events carry milliseconds, the card callback page documents microseconds, as
 * a string or a number; seconds are read too. Anything else is null: the time is used for ordering only.
 */
export function createdMsOf(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,20}$/.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isSafeInteger(Math.floor(n)) || n <= 0) return null;
  if (n >= 1e14) return Math.floor(n / 1000);
  if (n >= 1e11) return Math.floor(n);
  return Math.floor(n * 1000);
}

export type ParsedBody =
  | { kind: 'challenge'; challenge: string; token: string | null }
  | { kind: 'envelope'; envelope: Envelope }
  | { kind: 'invalid'; reason: string };

/**
 * How deeply a body's objects and arrays may nest. Feishu's deepest payload (a message with mentions:
 * envelope → event → message → mentions → [i] → id) nests 6 deep; storing a body nested thousands deep overflows
 * the stack in JSON.stringify, so anything past this is refused before it is stored.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether `v` nests deeper than `max`; iterative, so it cannot itself overflow the stack. */
export function nestsDeeperThan(v: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[v, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

export function parseBody(body: unknown): ParsedBody {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'invalid', reason: 'body is not a JSON object' };
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) return { kind: 'invalid', reason: `body nests deeper than ${MAX_JSON_DEPTH} levels` };
  const obj = body as Record<string, unknown>;
  if (obj.type === 'url_verification') {
    if (typeof obj.challenge !== 'string') return { kind: 'invalid', reason: 'url_verification without challenge' };
    return { kind: 'challenge', challenge: obj.challenge, token: typeof obj.token === 'string' ? obj.token : null };
  }
  const nested = nestedSchema.safeParse(obj);
  if (nested.success) {
    const h = nested.data.header;
    return {
      kind: 'envelope',
      envelope: {
        eventId: h.event_id,
        eventType: h.event_type,
        token: h.token ?? null,
        appId: h.app_id ?? null,
        createdMs: createdMsOf(h.create_time),
        event: nested.data.event,
      },
    };
  }
  // Flattened form: header fields beside the event's own fields.
  if (obj.schema === '2.0' && typeof obj.event_id === 'string' && typeof obj.event_type === 'string') {
    const { schema: _s, event_id, event_type, create_time, app_id, tenant_key: _t, ...event } = obj;
    return {
      kind: 'envelope',
      envelope: {
        eventId: event_id,
        eventType: event_type,
        token: null,
        appId: typeof app_id === 'string' ? app_id : null,
        createdMs: createdMsOf(create_time),
        event,
      },
    };
  }
  return { kind: 'invalid', reason: 'not a Feishu schema 2.0 event' };
}

// ---- the events the bot handles ----

const idSchema = z.object({ open_id: z.string().optional(), user_id: z.string().optional(), union_id: z.string().optional() });

export const messageEventSchema = z.object({
  sender: z.object({ sender_id: idSchema, sender_type: z.string().optional() }),
  message: z.object({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z.array(z.object({ key: z.string(), id: idSchema, name: z.string().optional() })).optional(),
  }),
});
export type MessageEvent = z.infer<typeof messageEventSchema>;

export const botAddedEventSchema = z.object({
  chat_id: z.string().min(1),
  name: z.string().optional(),
  operator_id: idSchema.optional(),
});

export const cardActionSchema = z.object({
  operator: z.object({ open_id: z.string().min(1) }).passthrough(),
  token: z.string().optional(),
  action: z.object({
    tag: z.string().optional(),
    name: z.string().optional(),
    value: z.unknown().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    option: z.string().optional(),
  }),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
});
export type CardAction = z.infer<typeof cardActionSchema>;

/** The text a user typed, with the bot's and others' @-mention keys removed; whether the bot was mentioned. */
export function readTextMessage(m: MessageEvent, botOpenId: string | null): { text: string; mentionsBot: boolean } | null {
  if (m.message.message_type !== 'text') return null;
  let text: string;
  try {
    const parsed = JSON.parse(m.message.content) as { text?: unknown };
    if (typeof parsed.text !== 'string') return null;
    text = parsed.text;
  } catch {
    return null;
  }
  const mentions = m.message.mentions ?? [];
  const mentionsBot = botOpenId !== null && mentions.some((x) => x.id.open_id === botOpenId);
  for (const x of mentions) text = text.split(x.key).join('');
  return { text: text.replace(/\s+/g, ' ').trim(), mentionsBot };
}
