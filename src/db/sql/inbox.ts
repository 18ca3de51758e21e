// The inbox's statements: events stored with the keys that make them unique, pending rows read in arrival order,
// handled rows marked done (one finisher wins), failures recorded, and the old rows swept.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

type Q = Kysely<Database>;

/** Keys remembered, and events stored, per statement: well under SQLite's and PostgreSQL's limits on parameters. */
export const MAX_STORE_BATCH = 200;

/** An event to store, with the keys that make it unique (its event key and, for a message, its message key). */
export type NewInboxEvent = { eventId: string; eventType: string; payload: string; keys: string[] };
/** A pending inbox row as the handling loop reads it. */
export type InboxRow = { id: number; eventId: string; payload: string; attempts: number };

/**
 * Remembers the events' keys and stores the new ones in the inbox, in the caller's transaction; true for each event
 * stored. Exactly as if they came one by one in this order: an event is new when all its keys are new, and the first
 * event in the batch to carry a key takes it.
 */
export async function storeInboxEvents(tx: Q, events: NewInboxEvent[], at: string): Promise<boolean[]> {
  // Sorted: two instances inserting overlapping keys take their locks in the same order (no deadlock on PostgreSQL).
  const keys = [...new Set(events.flatMap((e) => e.keys))].sort();
  const taken = new Set<string>();
  for (let i = 0; i < keys.length; i += MAX_STORE_BATCH) {
    const rows = await tx
      .insertInto('handled_events')
      .values(keys.slice(i, i + MAX_STORE_BATCH).map((key) => ({ key, handled_at: at })))
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .execute();
    for (const r of rows) taken.add(r.key);
  }
  const fresh = events.map((e) => {
    const isNew = e.keys.every((k) => taken.has(k));
    for (const k of e.keys) taken.delete(k);
    return isNew;
  });
  const rows = events
    .filter((_, i) => fresh[i])
    .map((e) => ({
      event_id: e.eventId,
      event_type: e.eventType,
      payload: e.payload,
      status: 'pending' as const,
      received_at: at,
      processed_at: null,
      error: null,
    }));
  if (rows.length > 0) await tx.insertInto('inbox').values(rows).execute();
  return fresh;
}

/** Pending rows in arrival order, up to `limit`, leaving out `skip` (rows handled whose 'done' is not yet written). */
export async function pendingInboxRows(db: Q, skip: readonly number[], limit: number): Promise<InboxRow[]> {
  const rows = await db
    .selectFrom('inbox')
    .select(['id', 'event_id', 'payload', 'attempts'])
    .where('status', '=', 'pending')
    .$if(skip.length > 0, (q) => q.where('id', 'not in', [...skip]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), eventId: r.event_id, payload: r.payload, attempts: r.attempts }));
}

/** Marks these rows done if still pending; returns the ids this caller won (another instance may have finished some). */
export async function markInboxDone(tx: Q, ids: readonly number[], at: string): Promise<Set<number>> {
  const claimed = await tx
    .updateTable('inbox')
    .set((eb) => ({ status: 'done', processed_at: at, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', [...ids])
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  return new Set(claimed.map((r) => Number(r.id)));
}

/** Records a failed attempt: the row stays pending for a retry, or is failed for good. */
export async function markInboxFailed(db: Q, id: number, attempts: number, failed: boolean, error: string): Promise<void> {
  await db
    .updateTable('inbox')
    .set({ attempts, status: failed ? 'failed' : 'pending', error })
    .where('id', '=', id)
    .execute();
}

/** Forgets event keys, and done or ignored inbox rows, older than `cutoff`. */
export async function sweepInbox(db: Q, cutoff: string): Promise<void> {
  await db.deleteFrom('handled_events').where('handled_at', '<', cutoff).execute();
  await db.deleteFrom('inbox').where('status', 'in', ['done', 'ignored']).where('received_at', '<', cutoff).execute();
}
