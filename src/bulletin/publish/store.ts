// What publishing reads and writes: bulletin rows (draft → published | returned | superseded), the bulletin groups,
// and the names shown on the approval card. Plain functions over a db or a transaction.
import type { Kysely, Selectable } from 'kysely';
import type { BulletinsTable, Database } from '../../db/schema';
import type { Bulletin } from '../../domain/bulletin';
import { parseSnapshot } from '../../domain/bulletin-snapshot';

type Q = Kysely<Database>;

export type BulletinRow = Selectable<BulletinsTable>;

export async function getBulletin(db: Q, id: number): Promise<BulletinRow | undefined> {
  return db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function monthBulletins(db: Q, month: string): Promise<BulletinRow[]> {
  return db.selectFrom('bulletins').selectAll().where('month', '=', month).orderBy('id').execute();
}

/** The row's Bulletin, read through the snapshot's schema (a SnapshotError when the stored text is not one). */
export function snapshotOf(row: BulletinRow): Bulletin {
  return parseSnapshot(row.snapshot);
}

export type BulletinGroup = { chatId: string; name: string };

/**
 * The groups that receive bulletins and digests, in the order they were added. The one place this is kept is the
 * chat's row (an administrator's "设为通报群" in the group), so a group the bot has left is left out.
 */
export async function bulletinGroups(db: Q): Promise<BulletinGroup[]> {
  const rows = await db
    .selectFrom('chats')
    .select(['chat_id', 'name'])
    .where('is_bulletin_group', '=', 1)
    .where('removed_at', 'is', null)
    .orderBy('added_at')
    .orderBy('chat_id')
    .execute();
  return rows.map((r) => ({ chatId: r.chat_id, name: r.name ?? `群聊 ${r.chat_id}` }));
}

/** Marks a group as receiving bulletins or not; returns whether it already was. */
export async function setBulletinGroup(db: Q, chatId: string, on: boolean, now: Date): Promise<{ was: boolean }> {
  const before = await db.selectFrom('chats').select(['is_bulletin_group', 'removed_at']).where('chat_id', '=', chatId).executeTakeFirst();
  await db
    .insertInto('chats')
    .values({ chat_id: chatId, name: null, is_bulletin_group: on ? 1 : 0, added_at: now.toISOString(), removed_at: null })
    // A message from the group proves the bot is in it (again).
    .onConflict((oc) => oc.column('chat_id').doUpdateSet({ is_bulletin_group: on ? 1 : 0, removed_at: null }))
    .execute();
  return { was: before !== undefined && before.is_bulletin_group === 1 && before.removed_at === null };
}

export async function personName(db: Q, personId: number | null): Promise<string | null> {
  if (personId === null) return null;
  const row = await db.selectFrom('people').select('name').where('id', '=', personId).executeTakeFirst();
  return row?.name ?? null;
}

/** Whether any weekly report was submitted for a round that began on or before `lastDay` ('YYYY-MM-DD'). */
export async function hasReportsBy(db: Q, lastDay: string): Promise<boolean> {
  const row = await db
    .selectFrom('reports as r')
    .innerJoin('weekly_periods as w', 'w.id', 'r.period_id')
    .where('w.week_start', '<=', lastDay)
    .where('w.week_start', '>=', `${lastDay.slice(0, 4)}-01-01`)
    .select('r.id')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The month's published row, if any (read in the transaction that is about to store a new draft). */
export async function publishedOf(db: Q, month: string): Promise<BulletinRow | undefined> {
  return db.selectFrom('bulletins').selectAll().where('month', '=', month).where('status', '=', 'published').executeTakeFirst();
}

export type NewBulletin = {
  month: string;
  kind?: string;
  snapshot: string;
  composedAt: string;
  status: 'draft' | 'published';
  decidedAt: string | null;
  note: string | null;
};

export async function insertBulletin(db: Q, b: NewBulletin): Promise<BulletinRow> {
  return db
    .insertInto('bulletins')
    .values({
      month: b.month,
      kind: b.kind ?? 'month',
      snapshot: b.snapshot,
      composed_at: b.composedAt,
      decided_by: null,
      status: b.status,
      decided_at: b.decidedAt,
      note: b.note,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Marks the month's drafts (but `keep`) superseded; returns them. */
export async function supersedeDrafts(db: Q, month: string, keep: number | null, at: string): Promise<BulletinRow[]> {
  let q = db.updateTable('bulletins').set({ status: 'superseded', decided_at: at }).where('month', '=', month).where('status', '=', 'draft');
  if (keep !== null) q = q.where('id', '!=', keep);
  return q.returningAll().execute();
}

/** Decides a draft (发布 or 退回) if it is still a draft; undefined when another decision came first. */
export async function decideDraft(
  db: Q,
  id: number,
  d: { status: 'published' | 'returned'; decidedBy: number | null; decidedByName?: string | null; decidedAt: string; note: string | null },
): Promise<BulletinRow | undefined> {
  return db
    .updateTable('bulletins')
    .set({ status: d.status, decided_by: d.decidedBy, decided_by_name: d.decidedByName ?? null, decided_at: d.decidedAt, note: d.note })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirst();
}

/** The row's snapshot replaced (at 发布: the final 期号 and date, in the publishing transaction); returns the row. */
export async function replaceSnapshot(db: Q, id: number, snapshot: string): Promise<BulletinRow> {
  return db.updateTable('bulletins').set({ snapshot }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Whether a file of this name (a bulletin's 附表) is stored for the outbox already. */
export async function hasStoredFile(db: Q, name: string): Promise<boolean> {
  return (await db.selectFrom('outbox_files').select('id').where('name', '=', name).executeTakeFirst()) !== undefined;
}
