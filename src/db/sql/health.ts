// The health check's probe: the database answers a trivial query.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';

/** Resolves true when the database answers, false when the query fails (the caller bounds the wait). */
export function databaseAnswers(db: Kysely<Database>): Promise<boolean> {
  return sql<{ ok: number }>`select 1 as ok`.execute(db).then(
    () => true,
    () => false,
  );
}

const ROLLBACK = Symbol('rollback');

/**
 * Resolves null when the database takes a write (a table created in a transaction that is then rolled back, so nothing
 * stays), or the database's own message when it refuses: SQLite opens a file it may not write read-only without a word.
 */
export async function databaseWriteRefusal(db: Kysely<Database>): Promise<string | null> {
  try {
    await db.transaction().execute(async (tx) => {
      await sql`create table diaodu_write_probe (x integer)`.execute(tx);
      throw ROLLBACK;
    });
    return null;
  } catch (err) {
    return err === ROLLBACK ? null : (err as Error).message;
  }
}
