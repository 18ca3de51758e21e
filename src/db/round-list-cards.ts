// The messages that show a unit's list card of a week (0011): remembered when sent, updated when the unit saves.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

type Q = Kysely<Database>;

/** Remembers that the message queued under `key` shows the unit's list of the period; again is a no-op. */
export async function rememberListCard(db: Q, key: string, periodId: number, unitId: number, now: Date): Promise<void> {
  await db
    .insertInto('round_list_cards')
    .values({ message_key: key, period_id: periodId, unit_id: unitId, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('message_key').doNothing())
    .execute();
}

/** The outbox keys of the unit's list cards of the period, with when each was queued, oldest first. */
export async function listCardsOf(db: Q, periodId: number, unitId: number): Promise<Array<{ key: string; createdAt: string }>> {
  const rows = await db
    .selectFrom('round_list_cards')
    .select(['message_key', 'created_at'])
    .where('period_id', '=', periodId)
    .where('unit_id', '=', unitId)
    .orderBy('created_at')
    .orderBy('message_key')
    .execute();
  return rows.map((r) => ({ key: r.message_key, createdAt: r.created_at }));
}
