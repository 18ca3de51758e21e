// Claiming outbox rows to send: a claim is a row lock with an expiry (locked_by, locked_until), taken in order per
// receiver; and the claims of a dead sender are let go of.
import { type Kysely, sql } from 'kysely';
import type { Engine } from '../engine';
import type { Database, OutboxRow } from '../schema';

type Q = Kysely<Database>;

/** pg_advisory_xact_lock key serialising outbox claims across instances (any constant unique to this purpose). */
const CLAIM_LOCK_KEY = 0x6f7574626f78; // "outbox"

/** A claimed outbox row, as the sender reads it. */
export type ClaimedMessage = {
  id: number;
  uuid: string;
  op: string;
  receiveIdType: string | null;
  receiveId: string | null;
  targetMessageId: string | null;
  msgType: string | null;
  content: string;
  attempts: number;
  createdAt: string;
};

const claimed = (r: OutboxRow): ClaimedMessage => ({
  id: Number(r.id),
  uuid: r.uuid,
  op: r.op,
  receiveIdType: r.receive_id_type,
  receiveId: r.receive_id,
  targetMessageId: r.target_message_id,
  msgType: r.msg_type,
  content: r.content,
  attempts: r.attempts,
  createdAt: r.created_at,
});

/**
 * Claims up to `limit` rows due at `now` for `owner` until `until`, in id order. A row is claimable when due and
 * unlocked, and no earlier pending row for the same receiver is held back (in backoff, or claimed elsewhere): that
 * keeps each receiver's messages in order.
 */
export async function claimDueOutbox(db: Q, engine: Engine, c: { owner: string; now: string; until: string; limit: number }): Promise<ClaimedMessage[]> {
  const { owner, now, until, limit } = c;
  const due = sql<number>`select o.id from outbox o
      where o.status = 'pending' and o.next_attempt_at <= ${now}
        and (o.locked_until is null or o.locked_until < ${now})
        and not exists (select 1 from outbox p where p.receive_id = o.receive_id and p.status = 'pending' and p.id < o.id
          and (p.next_attempt_at > ${now} or (p.locked_until >= ${now} and p.locked_by <> ${owner})))
      order by o.id limit ${limit}${engine.skipLocked ? sql` for update skip locked` : sql``}`;
  const update = sql<OutboxRow>`update outbox set locked_by = ${owner}, locked_until = ${until}
      where id in (${due}) returning *`;
  if (engine.name === 'sqlite') return (await update.execute(db)).rows.map(claimed).sort((a, b) => a.id - b.id);
  // PostgreSQL: claims are taken one instance at a time. Run concurrently, each claim's "no earlier row of this
  // receiver is held elsewhere" check read a snapshot without the other's uncommitted claim, so two instances took
  // the same person's 1st and 2nd message together and delivered them out of order. SKIP LOCKED alone prevents
  // double claims, not that. The lock is held for the claim statement only, not while sending.
  const rows = await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`.execute(tx);
    return (await update.execute(tx)).rows;
  });
  return rows.map(claimed).sort((a, b) => a.id - b.id);
}

/** Who holds claims on pending rows. */
export async function outboxClaimOwners(db: Q): Promise<string[]> {
  const rows = await db.selectFrom('outbox').select('locked_by').distinct().where('status', '=', 'pending').where('locked_by', 'is not', null).execute();
  return rows.map((r) => r.locked_by as string);
}

/** Lets go of the pending rows these owners hold; returns how many. */
export async function releaseOutboxClaimsOf(db: Q, owners: readonly string[]): Promise<number> {
  const res = await db
    .updateTable('outbox')
    .set({ locked_by: null, locked_until: null })
    .where('status', '=', 'pending')
    .where('locked_by', 'in', [...owners])
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
