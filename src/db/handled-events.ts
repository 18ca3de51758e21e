// The keys of events and clicks already handled: each is acted on once, however often Feishu delivers it.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** Returns true the first time a key is remembered, false ever after (until the key is swept after 7+ days). */
export async function rememberOnce(tx: Kysely<Database>, key: string, now: Date): Promise<boolean> {
  const row = await tx
    .insertInto('handled_events')
    .values({ key, handled_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}
