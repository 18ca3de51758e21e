// The messages that show a unit's list card of a week (0011): remembered when sent, updated when the unit saves.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

type Q = Kysely<Database>;

/**
 * Remembers that the message queued under `key` shows the unit's list of the period; again is a no-op. `messageId`
 * is given for a message that came to show the list by a tap (its id known from the callback, not from the outbox).
 */
export async function rememberListCard(db: Q, key: string, periodId: number, unitId: number, now: Date, messageId: string | null = null): Promise<void> {
  await db
    .insertInto('round_list_cards')
    .values({ message_key: key, period_id: periodId, unit_id: unitId, created_at: now.toISOString(), message_id: messageId })
    .onConflict((oc) => oc.column('message_key').doNothing())
    .execute();
}

/** The outbox keys of the unit's list cards of the period, with when each was queued, oldest first. */
export async function listCardsOf(db: Q, periodId: number, unitId: number): Promise<Array<{ key: string; createdAt: string; messageId: string | null }>> {
  const rows = await db
    .selectFrom('round_list_cards')
    .select(['message_key', 'created_at', 'message_id'])
    .where('period_id', '=', periodId)
    .where('unit_id', '=', unitId)
    .orderBy('created_at')
    .orderBy('message_key')
    .execute();
  return rows.map((r) => ({ key: r.message_key, createdAt: r.created_at, messageId: r.message_id }));
}

export type CardView = 'list' | 'form' | 'saved';

/** Records what the round card in message `messageId` shows now, after its holder's tap was answered. */
export async function setCardView(db: Q, messageId: string, view: CardView, now: Date): Promise<void> {
  await db
    .insertInto('round_card_views')
    .values({ message_id: messageId, view, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('message_id').doUpdateSet({ view, updated_at: now.toISOString() }))
    .execute();
}

/** What the round card in message `messageId` shows, as far as is known (a card never tapped shows what was sent). */
export async function cardViewOf(db: Q, messageId: string): Promise<CardView | null> {
  return (await db.selectFrom('round_card_views').select('view').where('message_id', '=', messageId).executeTakeFirst())?.view ?? null;
}
