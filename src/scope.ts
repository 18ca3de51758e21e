// What a handler receives, whichever transport, job or command calls it: the handler contract lives here, apart from
// the transports (src/transport/) that fulfil it, so that handlers never import a transport.
import type { Kysely } from 'kysely';
import type { AppContext } from './context';
import type { Database } from './db/schema';
import type { CardAction, Envelope } from './feishu/envelope';
import type { OutgoingMessage } from './db/sql/outbox-write';

type Tx = Kysely<Database>;

export type HandlerScope = {
  ctx: AppContext;
  /** The transaction this event's effects commit in; the inbox row turns 'done' in it too. */
  tx: Tx;
  now: Date;
  send(msg: OutgoingMessage, key?: string): Promise<void>;
};

/**
 * What an event handler gets. It runs outside any transaction (a slow handler must not hold SQLite's one connection
 * while other events wait to be stored): its messages are collected and committed together with the inbox row's
 * 'done'. If the process dies before that commit the handler runs again after the restart, so its own writes must
 * be idempotent (upserts); its messages are keyed (by default on the event and their order), so none is sent twice.
 */
export type EventScope = {
  ctx: AppContext;
  now: Date;
  send(msg: OutgoingMessage, key?: string): Promise<void>;
  /** For writes that must commit together. */
  transaction<T>(fn: (scope: HandlerScope) => Promise<T>): Promise<T>;
};

export type EventHandler = (scope: EventScope, event: Record<string, unknown>, envelope: Envelope) => Promise<void>;

export type CardReply = { toast?: { type: 'success' | 'error' | 'info' | 'warning'; content: string }; card?: unknown };

/** The toast of a card reply: the one line Feishu shows over the card after a click. */
export const toast = (type: NonNullable<CardReply['toast']>['type'], content: string): CardReply['toast'] => ({ type, content });
export type CardScope = {
  ctx: AppContext;
  now: Date;
  /** When the user clicked, as Feishu stamped it on the callback (its clock, not ctx.clock), but never later than `now`
   *  plus CLICK_CLOCK_SKEW_MS (domain/click-time.ts); null when not given. */
  clickedAt: Date | null;
  /** Runs `fn` in one transaction with an outbox at hand. */
  transaction<T>(fn: (scope: HandlerScope) => Promise<T>): Promise<T>;
};
export type CardHandler = (scope: CardScope, event: Record<string, unknown>, envelope: Envelope) => Promise<CardReply>;

/** A button's handler, given the click already parsed. */
export type CardActionHandler = (scope: CardScope, action: CardAction) => Promise<CardReply>;
