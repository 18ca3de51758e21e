// What publishing reads and writes: bulletin rows (draft → published | returned | superseded), the bulletin groups,
// and the names shown on the approval card. Plain functions over a db or a transaction.
import type { Kysely, Selectable } from 'kysely';
import type { BulletinsTable, Database } from '../db/schema';
import type { Bulletin } from '../domain/bulletin';

type Q = Kysely<Database>;

export type BulletinRow = Selectable<BulletinsTable>;

export async function getBulletin(db: Q, id: number): Promise<BulletinRow | undefined> {
  return db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function monthBulletins(db: Q, month: string): Promise<BulletinRow[]> {
  return db.selectFrom('bulletins').selectAll().where('month', '=', month).orderBy('id').execute();
}

export function snapshotOf(row: BulletinRow): Bulletin {
  return JSON.parse(row.snapshot) as Bulletin;
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

/** Whether the plan year has a register to compose a bulletin from. */
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

export async function hasRegister(db: Q, planYear: number): Promise<boolean> {
  const row = await db.selectFrom('projects').select('id').where('plan_year', '=', planYear).limit(1).executeTakeFirst();
  return row !== undefined;
}
