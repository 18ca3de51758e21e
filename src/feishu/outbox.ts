// The outbox: every message the bot sends is a row written in the transaction that decided to send it.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { CardLimitError, checkCard } from '../../cards/limits';
import type { Database } from '../db/schema';

type Tx = Kysely<Database>;

export type OutgoingMessage =
  | { op: 'create'; receiveIdType: 'open_id' | 'chat_id' | 'user_id' | 'union_id' | 'email'; receiveId: string; msgType: string; content: unknown }
  | { op: 'reply'; messageId: string; chatId: string | null; msgType: string; content: unknown }
  | { op: 'patch'; messageId: string; chatId: string | null; card: unknown }
  | { op: 'card_update'; token: string; card: unknown }
  /** A file message: the file (stored with storeFile) is uploaded once, then sent like a create. */
  | { op: 'file'; receiveIdType: 'open_id' | 'chat_id'; receiveId: string; fileId: number };

export type StoredFile = { name: string; fileName: string; fileType: 'xls' | 'pdf' | 'doc' | 'ppt' | 'stream'; data: Buffer };

/**
 * Queues a message. `key`, when given, names the message for good (e.g. "round:2026-11-23:prompt:ou_x"): queuing the
 * same key twice keeps one row, so a step replayed after a crash cannot send twice. Feishu's own de-duplication
 * uuid (≤ 50 characters, one message per uuid per hour) is derived from the row, so a retry after a lost response
 * does not post twice either.
 */
export async function enqueue(tx: Tx, msg: OutgoingMessage, now: Date, key?: string, notBefore?: Date): Promise<{ uuid: string; queued: boolean }> {
  // A card that Feishu would refuse is a bug in the card's builder: fail here, inside the caller's transaction, so the
  // state change that wanted to send it is rolled back with it rather than recorded as sent.
  const card = msg.op === 'patch' || msg.op === 'card_update' ? msg.card : msg.op !== 'file' && msg.msgType === 'interactive' ? msg.content : null;
  if (card !== null) {
    const checked = checkCard(typeof card === 'string' ? JSON.parse(card) : card);
    if (!checked.ok) throw new CardLimitError(checked.problems);
  }
  const uuid = key ? keyUuid(key) : randomUUID();
  const content = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const due = notBefore && notBefore > now ? notBefore : now;
  const base = { uuid, status: 'pending' as const, next_attempt_at: due.toISOString(), created_at: now.toISOString() };
  const row =
    msg.op === 'create'
      ? {
          ...base,
          op: 'create',
          receive_id_type: msg.receiveIdType,
          receive_id: msg.receiveId,
          target_message_id: null,
          msg_type: msg.msgType,
          content: content(msg.content),
        }
      : msg.op === 'reply'
        ? {
            ...base,
            op: 'reply',
            receive_id_type: null,
            receive_id: msg.chatId,
            target_message_id: msg.messageId,
            msg_type: msg.msgType,
            content: content(msg.content),
          }
        : msg.op === 'patch'
          ? {
              ...base,
              op: 'patch',
              receive_id_type: null,
              receive_id: msg.chatId,
              target_message_id: msg.messageId,
              msg_type: 'interactive',
              content: content(msg.card),
            }
          : msg.op === 'file'
            ? {
                ...base,
                op: 'file',
                receive_id_type: msg.receiveIdType,
                receive_id: msg.receiveId,
                target_message_id: null,
                msg_type: 'file',
                content: JSON.stringify({ fileId: msg.fileId }),
              }
            : {
                ...base,
                op: 'card_update',
                receive_id_type: null,
                receive_id: null,
                target_message_id: null,
                msg_type: 'interactive',
                content: JSON.stringify({ token: msg.token, card: msg.card }),
              };
  const inserted = await tx
    .insertInto('outbox')
    .values(row)
    .onConflict((oc) => oc.column('uuid').doNothing())
    .returning('id')
    .executeTakeFirst();
  return { uuid, queued: inserted !== undefined };
}

/**
 * Stores a file for `op: 'file'` messages in the caller's transaction; the same name stores it once (the first data
 * is kept). Returns its id. A workbook of 10,000 rows is about a megabyte: it lives in its own table, not in the
 * outbox rows, and is sent to every chat from the one copy.
 */
export async function storeFile(tx: Tx, file: StoredFile, now: Date): Promise<number> {
  await tx
    .insertInto('outbox_files')
    .values({ name: file.name, file_name: file.fileName, file_type: file.fileType, data: file.data, file_key: null, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await tx.selectFrom('outbox_files').select('id').where('name', '=', file.name).executeTakeFirstOrThrow();
  return row.id;
}

/** The id of a stored file by name, or null. */
export async function storedFileId(tx: Tx, name: string): Promise<number | null> {
  const row = await tx.selectFrom('outbox_files').select('id').where('name', '=', name).executeTakeFirst();
  return row?.id ?? null;
}

/** What became of the message queued under `key`: Feishu's message id once sent (to patch it later), else null. */
export async function sentMessageOf(tx: Tx, key: string): Promise<{ status: string; messageId: string | null; receiveId: string | null } | null> {
  const row = await tx.selectFrom('outbox').select(['status', 'sent_message_id', 'receive_id']).where('uuid', '=', keyUuid(key)).executeTakeFirst();
  return row ? { status: row.status, messageId: row.sent_message_id, receiveId: row.receive_id } : null;
}

/** A UUID-shaped digest of a caller's key, so the same key always yields the same uuid. */
export function keyUuid(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
