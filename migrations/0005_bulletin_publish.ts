// Publishing the monthly bulletin: files the outbox sends (the 附表 .xlsx), one published bulletin per month, and the
// bulletin groups kept in one place (chats.is_bulletin_group) instead of also in the `bulletin.groups` setting.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  // A file to be sent as a file message, stored once however many chats get it. The outbox row of each send names
  // the file by id; file_key is Feishu's key after the first upload, so later sends (other chats, retries after a
  // crash) reuse it instead of uploading again.
  await (pg
    ? db.schema.createTable('outbox_files').addColumn('id', 'serial', (c) => c.primaryKey())
    : db.schema.createTable('outbox_files').addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('name', 'text', (c) => c.notNull().unique()) // the caller's key, e.g. 'bulletin:12'
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull()) // Feishu's file_type: xls, pdf, doc, stream…
    .addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('file_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // A month is published at most once, whichever instance or click gets there first.
  await db.schema
    .createIndex('bulletins_published_month')
    .on('bulletins')
    .column('month')
    .unique()
    .where(sql.ref('status'), '=', sql.lit('published'))
    .execute();

  // Groups named in the retired `bulletin.groups` setting stay bulletin groups.
  const stored = await db.selectFrom('settings').select(['value', 'updated_at']).where('key', '=', 'bulletin.groups').executeTakeFirst();
  let groups: unknown = [];
  try {
    groups = stored ? JSON.parse(stored.value as string) : [];
  } catch {
    groups = [];
  }
  // When the groups were configured is the closest thing to when they were added.
  const addedAt = (stored?.updated_at as string | undefined) ?? '';
  for (const chatId of Array.isArray(groups) ? groups : []) {
    if (typeof chatId !== 'string' || chatId === '') continue;
    await db
      .insertInto('chats')
      .values({ chat_id: chatId, name: null, is_bulletin_group: 1, added_at: addedAt, removed_at: null })
      .onConflict((oc) => oc.column('chat_id').doUpdateSet({ is_bulletin_group: 1 }))
      .execute();
  }
  await db.deleteFrom('settings').where('key', '=', 'bulletin.groups').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('bulletins_published_month').ifExists().execute();
  await db.schema.dropTable('outbox_files').ifExists().execute();
}
