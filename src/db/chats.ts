// chats: the groups the bot is in (is_bulletin_group marks those that receive the bulletin and the digest).
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** The bot joined (or rejoined) a group: remembered, its name refreshed. */
export async function chatJoined(db: Kysely<Database>, chat: { chatId: string; name: string | null }, now: Date): Promise<void> {
  await db
    .insertInto('chats')
    .values({ chat_id: chat.chatId, name: chat.name, added_at: now.toISOString(), removed_at: null })
    .onConflict((oc) => oc.column('chat_id').doUpdateSet({ name: chat.name, removed_at: null }))
    .execute();
}
