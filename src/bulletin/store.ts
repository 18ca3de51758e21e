// The bulletins table (0001): one row per composed bulletin, draft | returned | published, with the Bulletin as a
// versioned snapshot (src/domain/bulletin-snapshot.ts), written and read only through it.
// A published row is the bulletin of record for its month: re-rendering it never touches the reports again.
import type { Db } from '../db/connect';
import type { Bulletin } from '../domain/bulletin';
import { parseSnapshot, serializeSnapshot } from '../domain/bulletin-snapshot';

export type PublishedRow = { id: number; month: string; composedAt: string; decidedAt: string | null; bulletin: Bulletin };

/** A published row whose snapshot is read and parsed only when needed (a year of them at 10,000 projects is ~50 MB). */
export type PublishedRef = Omit<PublishedRow, 'bulletin'> & { load(): Promise<Bulletin> };

/** Published bulletins of months from `fromMonth` up to, not including, `beforeMonth` ('YYYY-MM'); the latest row per month. */
export async function publishedBetween(db: Db, fromMonth: string, beforeMonth: string): Promise<PublishedRef[]> {
  const rows = await db
    .selectFrom('bulletins')
    .select(['id', 'month', 'composed_at', 'decided_at'])
    .where('status', '=', 'published')
    .where('kind', '=', 'month')
    .where('month', '>=', fromMonth)
    .where('month', '<', beforeMonth)
    .orderBy('month')
    .orderBy('id', 'desc')
    .execute();
  const seen = new Set<string>();
  const out: PublishedRef[] = [];
  for (const r of rows) {
    if (seen.has(r.month)) continue;
    seen.add(r.month);
    let parsed: Promise<Bulletin> | null = null;
    const load = () =>
      (parsed ??= db
        .selectFrom('bulletins')
        .select('snapshot')
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow()
        .then((x) => parseSnapshot(x.snapshot)));
    out.push({ id: r.id, month: r.month, composedAt: r.composed_at, decidedAt: r.decided_at, load });
  }
  return out;
}

/** The published bulletin of a month (the latest, if it was published more than once), or null. */
export async function publishedRow(db: Db, month: string): Promise<PublishedRow | null> {
  const r = await db
    .selectFrom('bulletins')
    .select(['id', 'month', 'composed_at', 'decided_at', 'snapshot'])
    .where('status', '=', 'published')
    .where('kind', '=', 'month')
    .where('month', '=', month)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return r ? { id: r.id, month: r.month, composedAt: r.composed_at, decidedAt: r.decided_at, bulletin: parseSnapshot(r.snapshot) } : null;
}

/** Stores a composed bulletin as a draft awaiting approval; returns the row id. */
export async function storeDraft(db: Db, b: Bulletin): Promise<number> {
  const row = await db
    .insertInto('bulletins')
    .values({ month: b.month, status: 'draft', snapshot: serializeSnapshot(b), composed_at: b.composedAt, decided_by: null, decided_at: null, note: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * How many monthly bulletins of a plan year ('YYYY' of their month) are published, not counting `month` itself: the
 * next one's 期号 is this plus one. At most one published row per month (0005), so this is a count of months; 季度分析,
 * 年度考核排名 and 观摩评分排名 are published through the same table but are no issue of the bulletin.
 */
export async function publishedCountOfYear(db: Db, year: number, month: string): Promise<number> {
  const row = await db
    .selectFrom('bulletins')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'published')
    .where('kind', '=', 'month')
    .where('month', '>=', `${year}-01`)
    .where('month', '<=', `${year}-12`)
    .where('month', '!=', month)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
