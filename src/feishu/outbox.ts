// The outbox: every message the bot sends is a row written in the transaction that decided to send it.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { CardLimitError, checkCard } from '../../cards/limits';
import type { Database } from '../db/schema';
import { insertOutboxRow, type OutgoingMessage, outboxRowByUuid } from '../db/sql/outbox-write';

type Tx = Kysely<Database>;

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
  const due = notBefore && notBefore > now ? notBefore : now;
  return { uuid, queued: await insertOutboxRow(tx, msg, uuid, now, due) };
}

/** What became of the message queued under `key`: Feishu's message id once sent (to patch it later), else null. */
export function sentMessageOf(tx: Tx, key: string): Promise<{ status: string; messageId: string | null; receiveId: string | null } | null> {
  return outboxRowByUuid(tx, keyUuid(key));
}

/** A UUID-shaped digest of a caller's key, so the same key always yields the same uuid. */
export function keyUuid(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Whom a reply in `message`'s chat reaches, as the outbox keys receivers: in a p2p chat the user (their open_id),
 * since Feishu's 5 messages/s per user counts a reply in the p2p chat and a message addressed by open_id alike —
 * keyed apart, the two could together pass the limit (99991400); in a group the chat.
 */
export function receiverOf(message: { chat_type: string; chat_id: string }, openId: string | undefined | null): string {
  return message.chat_type === 'p2p' && openId ? openId : message.chat_id;
}
