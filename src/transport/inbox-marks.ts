// Writing 'done' on handled inbox rows, together with the messages they queue; rows with nothing to send are
// marked in groups, a little later.
import { type InboxRow, markInboxDone } from '../db/sql/inbox';
import type { Outgoing, Transaction } from './transaction';

/** How long a handled row with nothing to send may wait for its 'done' to be written with others. */
const MARK_DELAY_MS = 20;

export type Handled = { row: InboxRow; outgoing: Outgoing };

export type MarksOptions = {
  transaction: Transaction;
  /** Records a failed attempt at a row (its 'done' and messages could not be written). */
  recordFailure: (row: InboxRow, err: unknown) => Promise<void>;
  /** Look at the inbox again (the group-commit window ran out). */
  wake: () => void;
};

/**
 * Rows handled with nothing to send whose 'done' is not yet written: most group chatter. Their marks are written
 * together — after 100 of them, when no new row is waiting, at the latest MARK_DELAY_MS later, or with the next row
 * that has messages — instead of one commit per batch of arrivals, which was the other half of the commits under
 * load. Until then their ids stay in `inFlight` and are not read again. A crash in between only means they are
 * handled again after the restart, which every handler allows (and they had nothing to send).
 */
export function createInboxMarks(o: MarksOptions) {
  const unmarked: Handled[] = [];
  const inFlight = new Set<number>();
  let markTimer: NodeJS.Timeout | null = null;
  let stopped = false;

  /**
   * Marks handled rows 'done' and queues their messages, in one transaction. Only one finisher wins a row: another
   * instance that handled it meanwhile finds it done, and the loser sends nothing for it.
   */
  async function finish(handled: Handled[]): Promise<void> {
    if (handled.length === 0) return;
    try {
      await o.transaction(async (t) => {
        const won = await markInboxDone(
          t.tx,
          handled.map((h) => h.row.id),
          t.now.toISOString(),
        );
        for (const h of handled) if (won.has(h.row.id)) for (const m of h.outgoing) await t.send(m.msg, m.key);
      });
    } catch (err) {
      for (const h of handled) await o.recordFailure(h.row, err);
    }
  }

  async function markDone(withMessages?: Handled): Promise<void> {
    const batch = unmarked.splice(0, unmarked.length);
    if (withMessages) batch.push(withMessages);
    try {
      await finish(batch);
    } finally {
      for (const h of batch) inFlight.delete(h.row.id);
    }
  }

  return {
    /** Ids handled whose 'done' is not yet written: not to be read again. */
    inFlight: () => [...inFlight],
    /** A row handled: a row with messages commits at once, one without waits to be marked with others. */
    async handled(h: Handled): Promise<void> {
      inFlight.add(h.row.id);
      if (h.outgoing.length > 0) await markDone(h);
      else unmarked.push(h);
    },
    /** After a look at the inbox that read `read` rows: writes the waiting marks now, or sets their window. */
    async afterLook(read: number): Promise<void> {
      if (unmarked.length >= 100 || (read === 0 && unmarked.length > 0)) await markDone();
      else if (unmarked.length > 0 && !markTimer && !stopped) {
        // Real time, not the program's clock: this is a group-commit window (throughput under load), not a wait the
        // program means — on a test's stopped clock the rows would otherwise never be marked.
        markTimer = setTimeout(() => {
          markTimer = null;
          o.wake();
        }, MARK_DELAY_MS);
        markTimer.unref();
      }
    },
    /** How many handled rows wait for their 'done'. */
    waiting: () => unmarked.length,
    /** Writes the waiting marks now. */
    flush: () => markDone(),
    stop() {
      stopped = true;
      if (markTimer) clearTimeout(markTimer);
      markTimer = null;
    },
  };
}
