// What happens to an accepted event, whichever way it came (webhook or long connection): remembered once, stored
// in the inbox before Feishu gets its answer, handled in the background in the transaction of its effects.
import type { Kysely } from 'kysely';
import type { AppContext } from '../context';
import type { Database } from '../db/schema';
import type { Envelope } from '../feishu/envelope';
import { enqueue, type OutgoingMessage } from '../feishu/outbox';
import { retryBusy } from '../db/connect';

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
export type CardScope = {
  ctx: AppContext;
  now: Date;
  /** When the user clicked, as Feishu stamped it on the callback (its clock, not ctx.clock); null when not given. */
  clickedAt: Date | null;
  /** Runs `fn` in one transaction with an outbox at hand. */
  transaction<T>(fn: (scope: HandlerScope) => Promise<T>): Promise<T>;
};
export type CardHandler = (scope: CardScope, event: Record<string, unknown>, envelope: Envelope) => Promise<CardReply>;

export type PipelineOptions = {
  ctx: AppContext;
  handlers: Record<string, EventHandler>;
  card: CardHandler;
  /** Told when a transaction queued messages, so the sender looks now. */
  onQueued?: () => void;
  cardBudgetMs?: number;
  maxAttempts?: number;
  /** Wait before retrying a failed event, times its attempts so far (default 2 s: 2, 4, 6, 8 s). */
  retryDelayMs?: number;
};

/** Returns true the first time a key is remembered, false ever after (until the key is swept after 7+ days). */
export async function rememberOnce(tx: Tx, key: string, now: Date): Promise<boolean> {
  const row = await tx
    .insertInto('handled_events')
    .values({ key, handled_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

export function createPipeline(o: PipelineOptions) {
  const { ctx } = o;
  const budget = o.cardBudgetMs ?? 2500;
  const maxAttempts = o.maxAttempts ?? 5;
  const retryDelay = o.retryDelayMs ?? 2000;
  let working: Promise<void> | null = null;
  let rerun = false;
  let stopped = false;
  /** A failed event is retried by this timer: without it, it waited for the next event to arrive, or a restart. */
  let retryTimer: NodeJS.Timeout | null = null;
  function retryLater(attempts: number) {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      kick();
    }, retryDelay * attempts);
    retryTimer.unref();
  }
  /** Card handlers still finishing after their interim answer: stop() must wait for them before the database closes. */
  const lateCards = new Set<Promise<void>>();

  /** Own entries only: an event_type such as "__proto__" or "constructor" must not find Object's members. */
  const handlerFor = (eventType: string): EventHandler | undefined => (Object.hasOwn(o.handlers, eventType) ? o.handlers[eventType] : undefined);

  function scopeFor(tx: Tx, now: Date, queued: { n: number }): HandlerScope {
    return {
      ctx,
      tx,
      now,
      send: async (msg, key) => {
        const r = await enqueue(tx, msg, now, key);
        if (r.queued) queued.n += 1;
      },
    };
  }

  async function transaction<T>(fn: (scope: HandlerScope) => Promise<T>): Promise<T> {
    const queued = { n: 0 };
    const now = ctx.clock.now();
    const result = await retryBusy(() => {
      queued.n = 0;
      return ctx.db.transaction().execute((tx) => fn(scopeFor(tx, now, queued)));
    });
    if (queued.n > 0) o.onQueued?.();
    return result;
  }

  /** Stores an event for handling; returns false when it was seen before (by event_id, or message_id for messages). */
  async function acceptEvent(env: Envelope): Promise<'accepted' | 'duplicate' | 'ignored'> {
    if (!handlerFor(env.eventType)) {
      ctx.log.info('忽略未处理的事件类型', { eventType: env.eventType, eventId: env.eventId });
      return 'ignored';
    }
    const now = ctx.clock.now();
    const messageId = (env.event.message as { message_id?: unknown } | undefined)?.message_id;
    const fresh = await retryBusy(() => ctx.db.transaction().execute(async (tx) => {
      const byEvent = await rememberOnce(tx, `event:${env.eventId}`, now);
      // Feishu advises de-duplicating messages on message_id: a redelivery may carry a new event_id.
      const byMessage = typeof messageId === 'string' ? await rememberOnce(tx, `message:${messageId}`, now) : true;
      if (!byEvent || !byMessage) return false;
      await tx
        .insertInto('inbox')
        .values({ event_id: env.eventId, event_type: env.eventType, payload: JSON.stringify(env), status: 'pending', received_at: now.toISOString(), processed_at: null, error: null })
        .execute();
      return true;
    }));
    if (!fresh) return 'duplicate';
    kick();
    return 'accepted';
  }

  async function processOne(id: number): Promise<void> {
    const row = await ctx.db.selectFrom('inbox').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.status !== 'pending') return;
    const env = JSON.parse(row.payload) as Envelope;
    const handler = handlerFor(env.eventType);
    try {
      const outgoing: Array<{ msg: OutgoingMessage; key: string }> = [];
      const scope: EventScope = {
        ctx,
        now: ctx.clock.now(),
        send: async (msg, key) => void outgoing.push({ msg, key: key ?? `event:${env.eventId}:${outgoing.length}` }),
        transaction,
      };
      if (handler) await handler(scope, env.event, env);
      await transaction(async (t) => {
        // Only one finisher wins: another instance that handled the same row meanwhile finds it done and sends nothing.
        const claimed = await t.tx
          .updateTable('inbox')
          .set({ status: 'done', processed_at: t.now.toISOString(), attempts: row.attempts + 1 })
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .returning('id')
          .executeTakeFirst();
        if (!claimed) return;
        for (const m of outgoing) await t.send(m.msg, m.key);
      });
    } catch (err) {
      const attempts = row.attempts + 1;
      const failed = attempts >= maxAttempts;
      await retryBusy(() =>
        ctx.db
          .updateTable('inbox')
          .set({ attempts, status: failed ? 'failed' : 'pending', error: (err as Error).message })
          .where('id', '=', id)
          .execute(),
      );
      ctx.log.error(failed ? '事件处理多次失败，已停止重试' : '事件处理失败，稍后重试', { eventId: env.eventId, eventType: env.eventType, error: (err as Error).message });
      if (!failed) retryLater(attempts);
    }
  }

  /** Handles every pending inbox row in arrival order. */
  async function processInbox(): Promise<number> {
    const rows = await ctx.db.selectFrom('inbox').select('id').where('status', '=', 'pending').orderBy('id').limit(100).execute();
    for (const r of rows) await processOne(r.id);
    return rows.length;
  }

  function kick() {
    if (stopped) return;
    if (working) {
      rerun = true;
      return;
    }
    working = (async () => {
      do {
        rerun = false;
        const n = await processInbox().catch((err) => {
          ctx.log.error('处理收件箱出错', { error: (err as Error).message });
          return 0;
        });
        if (n >= 100) rerun = true;
      } while (rerun);
    })().finally(() => {
      working = null;
    });
  }

  /** Answers a card callback inside the budget; slower work finishes afterwards and updates the card by token. */
  async function acceptCard(env: Envelope): Promise<CardReply | null> {
    // The budget runs from the callback's arrival: time spent waiting for a busy database counts against Feishu's
    // 3 s as well. (It used to start after the callback was remembered, so a locked database meant a late answer.)
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => {
      timer = setTimeout(() => r('late'), budget);
    });
    const now = ctx.clock.now();
    const clickedAt = typeof env.createdMs === 'number' ? new Date(env.createdMs) : null;
    const work = (async (): Promise<CardReply | null> => {
      const fresh = await retryBusy(() => ctx.db.transaction().execute((tx) => rememberOnce(tx, `event:${env.eventId}`, now)));
      if (!fresh) return null;
      return o.card({ ctx, now, clickedAt, transaction }, env.event, env);
    })().catch((err): CardReply => {
      ctx.log.error('卡片操作处理失败', { eventId: env.eventId, error: (err as Error).message });
      return { toast: { type: 'error', content: '处理失败，请稍后重试；如多次失败请联系重点项目办。' } };
    });
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first !== 'late') return first;
    const token = (env.event as { token?: unknown }).token;
    // Tracked and caught: left floating, a shutdown closed the database under it, the card update was lost and the
    // rejection went unhandled (which ends a Node process).
    const finishing = work
      .then(async (reply) => {
        if (reply?.card && typeof token === 'string') {
          await transaction((s) => s.send({ op: 'card_update', token, card: reply.card }));
        }
      })
      .catch((err) => ctx.log.error('卡片处理完成后未能排入卡片更新', { eventId: env.eventId, error: (err as Error).message }))
      .finally(() => lateCards.delete(finishing));
    lateCards.add(finishing);
    return { toast: { type: 'info', content: '已收到，正在处理，完成后卡片会自动更新。' } };
  }

  return {
    acceptEvent,
    acceptCard,
    processInbox,
    transaction,
    /** Resume what a previous run left pending (called at start). */
    resume: kick,
    /** No more retries by timer; what is running finishes (wait for it with idle()). */
    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    },
    async idle() {
      while (working || lateCards.size > 0) {
        await working;
        await Promise.all(lateCards);
      }
    },
  };
}

export type Pipeline = ReturnType<typeof createPipeline>;

/** The answer Feishu expects for a card callback: {} or {toast, card:{type:'raw', data}}. */
export function cardResponseBody(reply: CardReply | null): Record<string, unknown> {
  if (!reply) return {};
  const body: Record<string, unknown> = {};
  if (reply.toast) body.toast = reply.toast;
  if (reply.card) body.card = { type: 'raw', data: reply.card };
  return body;
}
