// Files sent as messages: stored once by name, uploaded to Feishu once (its file_key kept for every later send).
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

type Q = Kysely<Database>;

export type StoredFile = { name: string; fileName: string; fileType: 'xls' | 'pdf' | 'doc' | 'ppt' | 'stream'; data: Buffer };

/** Stores the file unless one of that name is stored (the first data is kept); returns its id. */
export async function storeOutboxFile(tx: Q, file: StoredFile, now: Date): Promise<number> {
  await tx
    .insertInto('outbox_files')
    .values({ name: file.name, file_name: file.fileName, file_type: file.fileType, data: file.data, file_key: null, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await tx.selectFrom('outbox_files').select('id').where('name', '=', file.name).executeTakeFirstOrThrow();
  return row.id;
}

/** The id of a stored file by name, or null. */
export async function outboxFileIdByName(tx: Q, name: string): Promise<number | null> {
  const row = await tx.selectFrom('outbox_files').select('id').where('name', '=', name).executeTakeFirst();
  return row?.id ?? null;
}

/** A stored file's names and its Feishu file_key if already uploaded; null when it is gone. */
export async function outboxFileHeader(db: Q, id: number): Promise<{ fileName: string; fileType: string; fileKey: string | null } | null> {
  const row = await db.selectFrom('outbox_files').select(['file_name', 'file_type', 'file_key']).where('id', '=', id).executeTakeFirst();
  return row ? { fileName: row.file_name, fileType: row.file_type, fileKey: row.file_key } : null;
}

/** A stored file's bytes. */
export async function outboxFileData(db: Q, id: number): Promise<Buffer> {
  return (await db.selectFrom('outbox_files').select('data').where('id', '=', id).executeTakeFirstOrThrow()).data;
}

/** Keeps the file_key of the first upload (a second upload's key is not written over it). */
export async function saveOutboxFileKey(db: Q, id: number, fileKey: string): Promise<void> {
  await db.updateTable('outbox_files').set({ file_key: fileKey }).where('id', '=', id).where('file_key', 'is', null).execute();
}
