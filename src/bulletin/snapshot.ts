// A bulletin is a snapshot (domain.md §5): once published for a month, asking for that month again gives the
// published figures, whatever was amended since; a month not yet published is composed from the data as it is now.
import type { Db } from '../db/connect';
import { type ComposeOptions, composeBulletin } from './compose';
import { publishedRow } from './store';
import type { Bulletin } from '../domain/bulletin';

export { parseBulletin, publishedBetween, publishedRow, serializeBulletin, storeDraft } from './store';

export type MonthBulletin = { bulletin: Bulletin; published: { id: number; decidedAt: string | null } | null };

/** The month's bulletin of record and whether it is the published one. */
export async function monthBulletin(db: Db, month: string, opts: ComposeOptions): Promise<MonthBulletin> {
  const row = await publishedRow(db, month);
  if (row) return { bulletin: row.bulletin, published: { id: row.id, decidedAt: row.decidedAt } };
  return { bulletin: await composeBulletin(db, month, opts), published: null };
}

/** The published snapshot of the month if there is one, else a fresh composition. */
export async function bulletinForMonth(db: Db, month: string, opts: ComposeOptions): Promise<Bulletin> {
  return (await monthBulletin(db, month, opts)).bulletin;
}
