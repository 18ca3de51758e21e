// What became of claimed outbox rows: sent, failed, or due again later; and rows let go of unsent. Each statement
// touches only rows the given owner still holds.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

type Q = Kysely<Database>;

/** A row's outcome: sent (with Feishu's message id), failed for good, or to retry at nextAttemptAt. */
export type OutboxOutcome =
  | { status: 'sent'; sentMessageId: string | null; sentAt: string }
  | { status: 'failed'; lastError: string }
  | { status: 'retry'; nextAttemptAt: string; lastError: string };

/** Writes the outcome of one attempt at row `id` held by `owner` (attempts counted), and lets go of it. */
export async function settleOutboxRow(db: Q, id: number, owner: string, attempts: number, outcome: OutboxOutcome): Promise<void> {
  const set =
    outcome.status === 'sent'
      ? { status: 'sent' as const, sent_message_id: outcome.sentMessageId, sent_at: outcome.sentAt, last_error: null }
      : outcome.status === 'failed'
        ? { status: 'failed' as const, last_error: outcome.lastError }
        : { next_attempt_at: outcome.nextAttemptAt, last_error: outcome.lastError };
  await db
    .updateTable('outbox')
    .set({ ...set, attempts, locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('locked_by', '=', owner)
    .execute();
}

/** Lets go of these rows unsent (they wait behind a row in backoff). */
export async function releaseOutboxRows(db: Q, ids: readonly number[], owner: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ locked_by: null, locked_until: null })
    .where('id', 'in', [...ids])
    .where('locked_by', '=', owner)
    .execute();
}
