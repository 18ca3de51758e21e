// The handling loop: pending inbox rows in arrival order, each through its handler, failures retried later by timer.
import type { Timer } from '../clock';
import type { AppContext } from '../context';
import { type InboxRow, markInboxFailed, pendingInboxRows } from '../db/sql/inbox';
import type { Envelope } from '../feishu/envelope';
import type { EventHandler, EventScope } from '../scope';
import { createInboxMarks } from './inbox-marks';
import type { Outgoing, Transaction } from './transaction';

export type WorkerOptions = {
  ctx: AppContext;
  handlerFor: (eventType: string) => EventHandler | undefined;
  transaction: Transaction;
  maxAttempts: number;
  /** Wait before retrying a failed event, times its attempts so far. */
  retryDelayMs: number;
};

export function createInboxWorker(o: WorkerOptions) {
  const { ctx } = o;
  let working: Promise<void> | null = null;
  let rerun = false;
  let stopped = false;
  /** A failed event is retried by this timer: without it, it waited for the next event to arrive, or a restart. */
  let retryTimer: Timer | null = null;
  const marks = createInboxMarks({ transaction: o.transaction, recordFailure: (row, err) => recordFailure(row, eventTypeOf(row), err), wake: kick });

  const eventTypeOf = (row: InboxRow) => (JSON.parse(row.payload) as Envelope).eventType;

  function retryLater(attempts: number) {
    if (stopped || retryTimer) return;
    retryTimer = ctx.clock.after(o.retryDelayMs * attempts, () => {
      retryTimer = null;
      kick();
    });
  }

  /** Runs one row's handler; its messages, or null when it failed (the failure is recorded for a retry). */
  async function handle(row: InboxRow): Promise<Outgoing | null> {
    const env = JSON.parse(row.payload) as Envelope;
    const outgoing: Outgoing = [];
    try {
      const handler = o.handlerFor(env.eventType);
      const scope: EventScope = {
        ctx,
        now: ctx.clock.now(),
        send: async (msg, key) => void outgoing.push({ msg, key: key ?? `event:${env.eventId}:${outgoing.length}` }),
        transaction: o.transaction,
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
    const failed = attempts >= o.maxAttempts;
    await ctx.engine.retry(() => markInboxFailed(ctx.db, row.id, attempts, failed, (err as Error).message));
    ctx.log.error(failed ? '事件处理多次失败，已停止重试' : '事件处理失败，稍后重试', { eventId: row.eventId, eventType, error: (err as Error).message });
    if (!failed) retryLater(attempts);
  }

  /** Handles pending inbox rows in arrival order, up to 100 at a time; a row with messages commits at once. */
  async function processInbox(): Promise<number> {
    const rows = await pendingInboxRows(ctx.db, marks.inFlight(), 100);
    for (const row of rows) {
      const outgoing = await handle(row);
      if (outgoing === null) continue;
      await marks.handled({ row, outgoing });
    }
    await marks.afterLook(rows.length);
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

  return {
    kick,
    processInbox,
    /** The handling under way, or null. */
    working: () => working,
    marks,
    /** No more retries by timer; what is running finishes. */
    stop() {
      stopped = true;
      retryTimer?.cancel();
      retryTimer = null;
      marks.stop();
    },
  };
}
