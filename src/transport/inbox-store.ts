// Accepting events into the inbox: remembered once by their keys and stored before Feishu gets its answer, in
// batches of the requests that arrive together.
import type { AppContext } from '../context';
import { MAX_STORE_BATCH, storeInboxEvents } from '../db/sql/inbox';
import type { Envelope } from '../feishu/envelope';

type Waiting = { env: Envelope; done: (r: 'accepted' | 'duplicate') => void; fail: (err: unknown) => void };

/**
 * Events waiting to be stored. Requests that arrive together are stored in one transaction (a group commit): under
 * load each event cost two b-tree writes per key, an inbox row and a commit of its own, and the commits were most of
 * the server's CPU per event. Feishu still gets its 200 only after the event is committed. One batch at a time.
 * `onStored` is told when a batch stored something new.
 */
export function createInboxStore(ctx: AppContext, onStored: () => void) {
  let waiting: Waiting[] = [];
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
  function accept(env: Envelope): Promise<'accepted' | 'duplicate'> {
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
    if (fresh.some(Boolean)) onStored();
  }

  /**
   * Remembers the events' keys and stores the new ones in the inbox, in one transaction; true for each event stored.
   * Exactly as if they came one by one in this order: an event is new when its event key and (for a message) its
   * message key are both new, and the first event in the batch to carry a key takes it.
   */
  async function storeEvents(envs: Envelope[]): Promise<boolean[]> {
    const at = ctx.clock.now().toISOString();
    const events = envs.map((env) => {
      // Feishu advises de-duplicating messages on message_id: a redelivery may carry a new event_id.
      const messageId = (env.event.message as { message_id?: unknown } | undefined)?.message_id;
      const keys = typeof messageId === 'string' ? [`event:${env.eventId}`, `message:${messageId}`] : [`event:${env.eventId}`];
      return { eventId: env.eventId, eventType: env.eventType, payload: JSON.stringify(env), keys };
    });
    return ctx.engine.retry(() => ctx.db.transaction().execute((tx) => storeInboxEvents(tx, events, at)));
  }

  return {
    accept,
    /** The storing under way, or null. */
    storing: () => storing,
  };
}
