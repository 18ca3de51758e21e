// What happens to an accepted event, whichever way it came (webhook or long connection): remembered once, stored
// in the inbox before Feishu gets its answer, handled in the background in the transaction of its effects.
import type { Kysely } from 'kysely';
import type { Timer } from '../clock';
import type { AppContext } from '../context';
import type { Database } from '../db/schema';
import type { Envelope } from '../feishu/envelope';
import type { OutgoingMessage } from '../db/sql/outbox-write';
import { enqueue } from '../feishu/outbox';
import { rememberOnce } from '../db/handled-events';
import { type InboxRow, MAX_STORE_BATCH, markInboxDone, markInboxFailed, pendingInboxRows, storeInboxEvents } from '../db/sql/inbox';
import type { CardHandler, CardReply, EventHandler, EventScope, HandlerScope } from '../scope';

type Tx = Kysely<Database>;

/** How long a handled row with nothing to send may wait for its 'done' to be written with others. */
const MARK_DELAY_MS = 20;

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

export function createPipeline(o: PipelineOptions) {
  const { ctx } = o;
  const budget = o.cardBudgetMs ?? 2500;
  const maxAttempts = o.maxAttempts ?? 5;
  const retryDelay = o.retryDelayMs ?? 2000;
  let working: Promise<void> | null = null;
  let rerun = false;
  let stopped = false;
  /** A failed event is retried by this timer: without it, it waited for the next event to arrive, or a restart. */
  let retryTimer: Timer | null = null;
  function retryLater(attempts: number) {
    if (stopped || retryTimer) return;
    retryTimer = ctx.clock.after(retryDelay * attempts, () => {
      retryTimer = null;
      kick();
    });
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
    const result = await ctx.engine.retry(() => {
      queued.n = 0;
      return ctx.db.transaction().execute((tx) => fn(scopeFor(tx, now, queued)));
    });
    if (queued.n > 0) o.onQueued?.();
    return result;
  }

  /**
   * Events waiting to be stored. Requests that arrive together are stored in one transaction (a group commit): under
   * load each event cost two b-tree writes per key, an inbox row and a commit of its own, and the commits were most of
   * the server's CPU per event. Feishu still gets its 200 only after the event is committed. One batch at a time.
   */
  let waiting: Array<{ env: Envelope; done: (r: 'accepted' | 'duplicate') => void; fail: (err: unknown) => void }> = [];
  /** The storing under way, if any: idle() waits for it, so a shutdown does not close the database under it. */
  let storing: Promise<void> | null = null;

  function startStoring() {
    // setImmediate: the requests already read in this turn of the event loop join the first batch.
    storing = new Promise<void>((r) => setImmediate(r))
      .then(storeWaiting)
      .catch((err) => ctx.log.error('收件箱写入出错', { error: (err as Error).message }))
      .finally(() => {
        storing = null;
        if (waiting.length > 0) startStoring();
      });
  }

  /** Stores an event for handling; 'duplicate' when it was seen before (by event_id, or message_id for messages). */
  async function acceptEvent(env: Envelope): Promise<'accepted' | 'duplicate' | 'ignored'> {
    if (!handlerFor(env.eventType)) {
      ctx.log.info('忽略未处理的事件类型', { eventType: env.eventType, eventId: env.eventId });
      return 'ignored';
    }
    const stored = new Promise<'accepted' | 'duplicate'>((done, fail) => waiting.push({ env, done, fail }));
    if (!storing) startStoring();
    return stored;
  }

  async function storeWaiting(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_STORE_BATCH);
      waiting = waiting.slice(batch.length);
      try {
        settle(batch, await storeEvents(batch.map((w) => w.env)));
      } catch {
        // One event that cannot be stored must not cost the others their 200: each is tried on its own.
        for (const w of batch) {
          try {
            settle([w], await storeEvents([w.env]));
          } catch (one) {
            w.fail(one);
          }
        }
      }
    }
  }

  function settle(batch: Array<{ done: (r: 'accepted' | 'duplicate') => void }>, fresh: boolean[]) {
    for (const [i, w] of batch.entries()) w.done(fresh[i] ? 'accepted' : 'duplicate');
    if (fresh.some(Boolean)) kick();
  }

  /**
   * Remembers the events' keys and stores the new ones in the inbox, in one transaction; true for each event stored.
   * Exactly as if they came one by one in this order: an event is new when its event key and (for a message) its
   * message key are both new, and the first event in the batch to carry a key takes it.
   */
  async function storeEvents(envs: Envelope[]): Promise<boolean[]> {
    const now = ctx.clock.now();
    const at = now.toISOString();
    const keysOf = envs.map((env) => {
      // Feishu advises de-duplicating messages on message_id: a redelivery may carry a new event_id.
      const messageId = (env.event.message as { message_id?: unknown } | undefined)?.message_id;
      return typeof messageId === 'string' ? [`event:${env.eventId}`, `message:${messageId}`] : [`event:${env.eventId}`];
    });
    const events = envs.map((env, i) => ({ eventId: env.eventId, eventType: env.eventType, payload: JSON.stringify(env), keys: keysOf[i] ?? [] }));
    return ctx.engine.retry(() => ctx.db.transaction().execute((tx) => storeInboxEvents(tx, events, at)));
  }

  type Outgoing = Array<{ msg: OutgoingMessage; key: string }>;

  /** Runs one row's handler; its messages, or null when it failed (the failure is recorded for a retry). */
  async function handle(row: InboxRow): Promise<Outgoing | null> {
    const env = JSON.parse(row.payload) as Envelope;
    const outgoing: Outgoing = [];
    try {
      const handler = handlerFor(env.eventType);
      const scope: EventScope = {
        ctx,
        now: ctx.clock.now(),
        send: async (msg, key) => void outgoing.push({ msg, key: key ?? `event:${env.eventId}:${outgoing.length}` }),
        transaction,
      };
      if (handler) await handler(scope, env.event, env);
      return outgoing;
    } catch (err) {
      await recordFailure(row, env.eventType, err);
      return null;
    }
  }

  async function recordFailure(row: InboxRow, eventType: string, err: unknown) {
    const attempts = row.attempts + 1;
    const failed = attempts >= maxAttempts;
    await ctx.engine.retry(() => markInboxFailed(ctx.db, row.id, attempts, failed, (err as Error).message));
    ctx.log.error(failed ? '事件处理多次失败，已停止重试' : '事件处理失败，稍后重试', { eventId: row.eventId, eventType, error: (err as Error).message });
    if (!failed) retryLater(attempts);
  }

  /**
   * Marks handled rows 'done' and queues their messages, in one transaction. Only one finisher wins a row: another
   * instance that handled it meanwhile finds it done, and the loser sends nothing for it.
   */
  async function finish(handled: Array<{ row: InboxRow; outgoing: Outgoing }>): Promise<void> {
    if (handled.length === 0) return;
    try {
      await transaction(async (t) => {
        const won = await markInboxDone(
          t.tx,
          handled.map((h) => h.row.id),
          t.now.toISOString(),
        );
        for (const h of handled) if (won.has(h.row.id)) for (const m of h.outgoing) await t.send(m.msg, m.key);
      });
    } catch (err) {
      for (const h of handled) await recordFailure(h.row, (JSON.parse(h.row.payload) as Envelope).eventType, err);
    }
  }

  /**
   * Rows handled with nothing to send whose 'done' is not yet written: most group chatter. Their marks are written
   * together — after 100 of them, when no new row is waiting, at the latest MARK_DELAY_MS later, or with the next row
   * that has messages — instead of one commit per batch of arrivals, which was the other half of the commits under
   * load. Until then their ids stay in `inFlight` and are not read again. A crash in between only means they are
   * handled again after the restart, which every handler allows (and they had nothing to send).
   */
  const unmarked: Array<{ row: InboxRow; outgoing: Outgoing }> = [];
  const inFlight = new Set<number>();
  let markTimer: NodeJS.Timeout | null = null;

  async function markDone(withMessages?: { row: InboxRow; outgoing: Outgoing }): Promise<void> {
    const batch = unmarked.splice(0, unmarked.length);
    if (withMessages) batch.push(withMessages);
    try {
      await finish(batch);
    } finally {
      for (const h of batch) inFlight.delete(h.row.id);
    }
  }

  /** Handles pending inbox rows in arrival order, up to 100 at a time; a row with messages commits at once. */
  async function processInbox(): Promise<number> {
    const rows = await pendingInboxRows(ctx.db, [...inFlight], 100);
    for (const row of rows) {
      const outgoing = await handle(row);
      if (outgoing === null) continue;
      inFlight.add(row.id);
      if (outgoing.length > 0) await markDone({ row, outgoing });
      else unmarked.push({ row, outgoing });
    }
    if (unmarked.length >= 100 || (rows.length === 0 && unmarked.length > 0)) await markDone();
    else if (unmarked.length > 0 && !markTimer && !stopped) {
      // Real time, not the program's clock: this is a group-commit window (throughput under load), not a wait the
      // program means — on a test's stopped clock the rows would otherwise never be marked.
      markTimer = setTimeout(() => {
        markTimer = null;
        kick();
      }, MARK_DELAY_MS);
      markTimer.unref();
    }
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
      // A kick that came after the loop's last look but before this (an event stored in between, its commit resolved
      // in a microtask) only set `rerun`: without this it was lost, and the event waited for the next one to arrive.
      if (rerun) kick();
    });
  }

  /** Answers a card callback inside the budget; slower work finishes afterwards and updates the card by token. */
  async function acceptCard(env: Envelope): Promise<CardReply | null> {
    // The budget runs from the callback's arrival: time spent waiting for a busy database counts against Feishu's
    // 3 s as well. (It used to start after the callback was remembered, so a locked database meant a late answer.)
    // It is measured on the program's clock, so a test runs it out by moving the clock, not by waiting.
    let timer: Timer | undefined;
    const late = new Promise<'late'>((r) => {
      timer = ctx.clock.after(budget, () => r('late'));
    });
    const now = ctx.clock.now();
    const clickedAt = typeof env.createdMs === 'number' ? new Date(env.createdMs) : null;
    const work = (async (): Promise<CardReply | null> => {
      const fresh = await ctx.engine.retry(() => ctx.db.transaction().execute((tx) => rememberOnce(tx, `event:${env.eventId}`, now)));
      if (!fresh) return null;
      return o.card({ ctx, now, clickedAt, transaction }, env.event, env);
    })().catch((err): CardReply => {
      ctx.log.error('卡片操作处理失败', { eventId: env.eventId, error: (err as Error).message });
      return { toast: { type: 'error', content: '处理失败，请稍后重试；如多次失败请联系重点项目办。' } };
    });
    const first = await Promise.race([work, late]);
    timer?.cancel();
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
      retryTimer?.cancel();
      retryTimer = null;
      if (markTimer) clearTimeout(markTimer);
      markTimer = null;
    },
    /** Resolves when nothing is running and every handled row is marked done. */
    async idle() {
      while (storing || working || lateCards.size > 0 || unmarked.length > 0) {
        await storing;
        await working;
        await Promise.all(lateCards);
        if (!working && unmarked.length > 0) await markDone();
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
