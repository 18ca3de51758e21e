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
  | { op: 'card_update'; token: string; card: unknown };

/**
 * Queues a message. `key`, when given, names the message for good (e.g. "round:2026-11-23:prompt:ou_x"): queuing the
 * same key twice keeps one row, so a step replayed after a crash cannot send twice. Feishu's own de-duplication
 * uuid (≤ 50 characters, one message per uuid per hour) is derived from the row, so a retry after a lost response
 * does not post twice either.
 */
export async function enqueue(tx: Tx, msg: OutgoingMessage, now: Date, key?: string, notBefore?: Date): Promise<{ uuid: string; queued: boolean }> {
  // A card that Feishu would refuse is a bug in the card's builder: fail here, inside the caller's transaction, so the
  // state change that wanted to send it is rolled back with it rather than recorded as sent.
  const card = msg.op === 'patch' || msg.op === 'card_update' ? msg.card : msg.msgType === 'interactive' ? msg.content : null;
  if (card !== null) {
    const checked = checkCard(typeof card === 'string' ? JSON.parse(card) : card);
    if (!checked.ok) throw new CardLimitError(checked.problems);
  }
  const uuid = key ? stableUuid(key) : randomUUID();
  const content = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const due = notBefore && notBefore > now ? notBefore : now;
  const base = { uuid, status: 'pending' as const, next_attempt_at: due.toISOString(), created_at: now.toISOString() };
  const row =
    msg.op === 'create'
      ? { ...base, op: 'create', receive_id_type: msg.receiveIdType, receive_id: msg.receiveId, target_message_id: null, msg_type: msg.msgType, content: content(msg.content) }
      : msg.op === 'reply'
        ? { ...base, op: 'reply', receive_id_type: null, receive_id: msg.chatId, target_message_id: msg.messageId, msg_type: msg.msgType, content: content(msg.content) }
        : msg.op === 'patch'
          ? { ...base, op: 'patch', receive_id_type: null, receive_id: msg.chatId, target_message_id: msg.messageId, msg_type: 'interactive', content: content(msg.card) }
          : { ...base, op: 'card_update', receive_id_type: null, receive_id: null, target_message_id: null, msg_type: 'interactive', content: JSON.stringify({ token: msg.token, card: msg.card }) };
  const inserted = await tx.insertInto('outbox').values(row).onConflict((oc) => oc.column('uuid').doNothing()).returning('id').executeTakeFirst();
  return { uuid, queued: inserted !== undefined };
}

/** A UUID-shaped digest of a caller's key, so the same key always yields the same uuid. */
function stableUuid(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
