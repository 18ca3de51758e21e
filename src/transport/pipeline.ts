// What happens to an accepted event, whichever way it came (webhook or long connection): remembered once, stored
// in the inbox before Feishu gets its answer (inbox-store.ts), handled in the background in the transaction of its
// effects (inbox-worker.ts, inbox-marks.ts); card callbacks are answered within Feishu's budget (card-budget.ts).
import type { AppContext } from '../context';
import type { Envelope } from '../feishu/envelope';
import type { CardHandler, EventHandler } from '../scope';
import { createCardBudget } from './card-budget';
import { createInboxStore } from './inbox-store';
import { createInboxWorker } from './inbox-worker';
import { createTransaction } from './transaction';

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
  const transaction = createTransaction(ctx, o.onQueued);
  /** Own entries only: an event_type such as "__proto__" or "constructor" must not find Object's members. */
  const handlerFor = (eventType: string): EventHandler | undefined => (Object.hasOwn(o.handlers, eventType) ? o.handlers[eventType] : undefined);
  const worker = createInboxWorker({ ctx, handlerFor, transaction, maxAttempts: o.maxAttempts ?? 5, retryDelayMs: o.retryDelayMs ?? 2000 });
  const store = createInboxStore(ctx, worker.kick);
  const cards = createCardBudget({ ctx, card: o.card, transaction, budgetMs: o.cardBudgetMs ?? 2500 });

  /** Stores an event for handling; 'duplicate' when it was seen before (by event_id, or message_id for messages). */
  async function acceptEvent(env: Envelope): Promise<'accepted' | 'duplicate' | 'ignored'> {
    if (!handlerFor(env.eventType)) {
      ctx.log.info('忽略未处理的事件类型', { eventType: env.eventType, eventId: env.eventId });
      return 'ignored';
    }
    return store.accept(env);
  }

  return {
    acceptEvent,
    acceptCard: cards.acceptCard,
    processInbox: worker.processInbox,
    transaction,
    /** Resume what a previous run left pending (called at start). */
    resume: worker.kick,
    /** No more retries by timer; what is running finishes (wait for it with idle()). */
    stop: worker.stop,
    /** Resolves when nothing is running and every handled row is marked done. */
    async idle() {
      while (store.storing() || worker.working() || cards.finishing() > 0 || worker.marks.waiting() > 0) {
        await store.storing();
        await worker.working();
        await cards.settled();
        if (!worker.working() && worker.marks.waiting() > 0) await worker.marks.flush();
      }
    },
  };
}

export type Pipeline = ReturnType<typeof createPipeline>;
