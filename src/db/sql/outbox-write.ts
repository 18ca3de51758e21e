// Writing to the outbox: one row per message, in the transaction that decided to send it; read back by its uuid.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

type Q = Kysely<Database>;

export type OutgoingMessage =
  | { op: 'create'; receiveIdType: 'open_id' | 'chat_id' | 'user_id' | 'union_id' | 'email'; receiveId: string; msgType: string; content: unknown }
  /**
   * `receiver` keys the per-receiver order and rate limit (receiverOf in feishu/outbox.ts): Feishu counts 5 messages/s
   * per user whichever id a message was addressed by, so a p2p chat's messages are keyed by the user's open_id.
   */
  | { op: 'reply'; messageId: string; receiver: string | null; msgType: string; content: unknown }
  | { op: 'patch'; messageId: string; receiver: string | null; card: unknown }
  | { op: 'card_update'; token: string; card: unknown }
  /** A file message: the file (stored with storeOutboxFile) is uploaded once, then sent like a create. */
  | { op: 'file'; receiveIdType: 'open_id' | 'chat_id'; receiveId: string; fileId: number };

/** Inserts the message's row under `uuid`, due at `due`; false when a row of that uuid is already queued. */
export async function insertOutboxRow(tx: Q, msg: OutgoingMessage, uuid: string, now: Date, due: Date): Promise<boolean> {
  const content = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
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
            receive_id: msg.receiver,
            target_message_id: msg.messageId,
            msg_type: msg.msgType,
            content: content(msg.content),
          }
        : msg.op === 'patch'
          ? {
              ...base,
              op: 'patch',
              receive_id_type: null,
              receive_id: msg.receiver,
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
  return inserted !== undefined;
}

/** The row queued under `uuid`: its status, Feishu's message id once sent, and its receiver; null when none. */
export async function outboxRowByUuid(tx: Q, uuid: string): Promise<{ status: string; messageId: string | null; receiveId: string | null } | null> {
  const row = await tx.selectFrom('outbox').select(['status', 'sent_message_id', 'receive_id']).where('uuid', '=', uuid).executeTakeFirst();
  return row ? { status: row.status, messageId: row.sent_message_id, receiveId: row.receive_id } : null;
}
