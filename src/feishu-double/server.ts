// Starts the Feishu test double on a local port and hands back its records and controls.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createFeishuDoubleApp } from './app';
import { createFaultInjector } from './faults';
import type { DoubleEnv } from './http';
import { createDoubleState, issueCardToken, recordInbound, type DoubleState } from './state';
import { attachWsServer } from './ws-server';
import type { WsDouble } from './ws-types';
import type {
  DeliveredMessage,
  DoubleChat,
  DoubleUser,
  FailNextOptions,
  FailRates,
  FailureKind,
  FeishuDoubleOptions,
  InboundMessage,
  LimitHit,
  MessageUpdate,
  RateLimits,
  RecordedRequest,
} from './types';

export type FeishuDouble = {
  /** Base URL to pass as the SDK's `domain` (no trailing slash). */
  url: string;
  port: number;
  app: Hono<DoubleEnv>;
  /** Every request, in arrival order, including refused ones. */
  requests: RecordedRequest[];
  /** Messages actually delivered (a uuid retry adds nothing); `content` follows later updates. */
  messages: DeliveredMessage[];
  updates: MessageUpdate[];
  /** Every time an enforced rate limit refused a call; empty means the client stayed within the limits. */
  limitHits: LimitHit[];
  limits: RateLimits;
  /** Next n matching calls fail with `kind` (token endpoint excluded unless `match` names it). */
  failNext(n: number, kind: FailureKind, opts?: FailNextOptions): void;
  failRate(rates: FailRates | null, seed?: number): void;
  pendingFailures(): number;
  addUser(user: DoubleUser): void;
  updateUser(openId: string, patch: Partial<DoubleUser>): void;
  addChat(chat: DoubleChat): void;
  updateChat(chatId: string, patch: Partial<DoubleChat>): void;
  /** Makes a user's message (sent by the event sender) repliable, as it would exist in Feishu. */
  recordInbound(msg: InboundMessage): void;
  /** A `c-…` token as a card.action.trigger callback on that message would carry. */
  issueCardToken(messageId: string): string;
  /** Server-side invalidation of every tenant token: the next calls answer 99991663. */
  revokeTokens(): void;
  /** Parsed `content` of a delivered message (cards come back as objects). */
  contentOf(messageId: string): unknown;
  /** The long connection: clients of POST /callback/ws/endpoint's socket, pushes to them, drops and silences. */
  ws: WsDouble;
  close(): Promise<void>;
  state: DoubleState;
};

export async function startFeishuDouble(opts: FeishuDoubleOptions): Promise<FeishuDouble> {
  const state = createDoubleState(opts);
  const faults = createFaultInjector();
  const app = createFeishuDoubleApp(state, faults);
  const { server, port } = await listen(app, opts.port ?? 0);
  const ws = attachWsServer(server as Server, state);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    app,
    state,
    requests: state.requests,
    messages: state.messages,
    updates: state.updates,
    limitHits: state.limiter.hits,
    limits: state.limiter.limits,
    failNext: (n, kind, o) => faults.failNext(n, kind, o),
    failRate: (rates, seed) => faults.failRate(rates, seed),
    pendingFailures: () => faults.pending(),
    addUser: (user) => void state.users.set(user.open_id, { ...user }),
    updateUser: (openId, patch) => {
      const user = state.users.get(openId);
      if (!user) throw new Error(`no user ${openId} in the double`);
      Object.assign(user, patch);
    },
    addChat: (chat) => void state.chats.set(chat.chat_id, { ...chat, members: [...chat.members] }),
    updateChat: (chatId, patch) => {
      const chat = state.chats.get(chatId);
      if (!chat) throw new Error(`no chat ${chatId} in the double`);
      Object.assign(chat, patch);
    },
    recordInbound: (msg) => recordInbound(state, msg),
    issueCardToken: (messageId) => issueCardToken(state, messageId),
    revokeTokens: () => state.tokens.clear(),
    contentOf: (messageId) => {
      const msg = state.byId.get(messageId);
      return msg ? (JSON.parse(msg.content) as unknown) : undefined;
    },
    ws: { clients: ws.clients, history: ws.history, push: ws.push, dropAll: ws.dropAll, goSilent: ws.goSilent },
    close: () => {
      // Upgraded sockets are not the HTTP server's any more: closeAllConnections would not cut them.
      ws.close();
      return close(server);
    },
  };
}

function listen(app: Hono<DoubleEnv>, port: number): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({ server, port: info.port });
    });
    server.once('error', reject);
  });
}

function close(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    // Keep-alive sockets from axios would hold close() open; slow answers in flight are cut too.
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close((err) => (err ? reject(err) : resolve()));
  });
}
