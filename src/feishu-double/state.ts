// The double's memory: directory of users and chats, delivered messages, tokens, uploads and the request log.
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { newId } from './http';
import { createRateLimiter, type RateLimiter } from './rate-limiter';
import { createWsState, type WsState } from './ws-endpoint';
import type { DeliveredMessage, DoubleChat, DoubleUser, FeishuDoubleOptions, InboundMessage, MessageUpdate, RecordedRequest } from './types';

export const TOKEN_TTL_S = 7200;
/** Feishu hands out a new tenant token only when the current one has under 30 minutes left; both stay valid. */
const TOKEN_RENEW_BELOW_S = 30 * 60;
export const UUID_WINDOW_MS = 60 * 60 * 1000;
export const CARD_TOKEN_TTL_MS = 30 * 60 * 1000;
export const CARD_TOKEN_USES = 2;

export type CardToken = { message_id: string; issued_at: number; uses: number };

export type DoubleState = {
  appId: string;
  appSecret: string;
  tenantKey: string;
  bot: { open_id: string; app_name: string };
  acceptUnknownIds: boolean;
  clock: Clock;
  limiter: RateLimiter;
  users: Map<string, DoubleUser>;
  chats: Map<string, DoubleChat>;
  requests: RecordedRequest[];
  messages: DeliveredMessage[];
  updates: MessageUpdate[];
  inbound: Map<string, InboundMessage>;
  byId: Map<string, DeliveredMessage>;
  uuids: Map<string, { message_id: string; at: number }>;
  tokens: Map<string, number>;
  cardTokens: Map<string, CardToken>;
  images: Map<string, { size: number }>;
  files: Map<string, { file_type: string; file_name: string; size: number }>;
  /** The long connection: client config, issued socket tickets. */
  ws: WsState;
};

export function createDoubleState(opts: FeishuDoubleOptions): DoubleState {
  const clock = opts.clock ?? systemClock;
  return {
    appId: opts.appId,
    appSecret: opts.appSecret,
    tenantKey: opts.tenantKey ?? 'tenant_double',
    bot: { open_id: opts.botOpenId ?? 'ou_bot_double', app_name: opts.botName ?? '调度助手' },
    acceptUnknownIds: opts.acceptUnknownIds ?? false,
    clock,
    limiter: createRateLimiter(opts.limits, clock),
    users: new Map((opts.users ?? []).map((u) => [u.open_id, { ...u }])),
    chats: new Map((opts.chats ?? []).map((c) => [c.chat_id, { ...c, members: [...c.members] }])),
    requests: [],
    messages: [],
    updates: [],
    inbound: new Map(),
    byId: new Map(),
    uuids: new Map(),
    tokens: new Map(),
    cardTokens: new Map(),
    images: new Map(),
    files: new Map(),
    ws: createWsState(opts.ws),
  };
}

export function nowMs(state: DoubleState): number {
  return state.clock.now().getTime();
}

/** Returns the token to hand out and its remaining lifetime in seconds. */
export function issueTenantToken(state: DoubleState): { token: string; expire: number } {
  const now = nowMs(state);
  for (const [token, expiresAt] of state.tokens) {
    const left = Math.floor((expiresAt - now) / 1000);
    if (left >= TOKEN_RENEW_BELOW_S) return { token, expire: left };
  }
  const token = newId('t-g', 20);
  state.tokens.set(token, now + TOKEN_TTL_S * 1000);
  return { token, expire: TOKEN_TTL_S };
}

export function tokenValid(state: DoubleState, token: string): boolean {
  const expiresAt = state.tokens.get(token);
  return expiresAt !== undefined && expiresAt > nowMs(state);
}

/** A card-update token as a card.action.trigger callback would carry it. */
export function issueCardToken(state: DoubleState, messageId: string): string {
  const token = newId('c-', 20);
  state.cardTokens.set(token, { message_id: messageId, issued_at: nowMs(state), uses: 0 });
  return token;
}

export type UserIdType = 'open_id' | 'user_id' | 'union_id' | 'email';

export function findUser(state: DoubleState, type: UserIdType, id: string): DoubleUser | undefined {
  if (type === 'open_id') return state.users.get(id);
  for (const user of state.users.values()) {
    if (type === 'email' && user.email?.toLowerCase() === id.toLowerCase()) return user;
    if (type === 'user_id' && user.user_id === id) return user;
    if (type === 'union_id' && user.union_id === id) return user;
  }
  return undefined;
}

/** Mainland mobiles match with or without +86; others must carry their +country code, as Feishu requires. */
export function normaliseMobile(mobile: string): string {
  const compact = mobile.replace(/[\s-]/g, '');
  return compact.startsWith('+86') ? compact.slice(3) : compact;
}

export function recordDelivery(state: DoubleState, msg: DeliveredMessage): void {
  state.messages.push(msg);
  state.byId.set(msg.message_id, msg);
}

export function recordInbound(state: DoubleState, msg: InboundMessage): void {
  state.inbound.set(msg.message_id, msg);
  if (msg.chat_type === 'p2p' && !state.users.has(msg.sender_open_id) && state.acceptUnknownIds) {
    state.users.set(msg.sender_open_id, { open_id: msg.sender_open_id, name: msg.sender_open_id });
  }
}
