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
