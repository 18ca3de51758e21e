// The one place the program asks which database engine it runs on. Everything that differs between SQLite and
// PostgreSQL is a field here, derived once per Kysely instance (engineOf) and carried in the AppContext (ctx.engine).
import { type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from './schema';

export type EngineName = 'sqlite' | 'postgres';

export type Engine = {
  name: EngineName;
  /**
   * Runs `fn`, again while SQLite answers SQLITE_BUSY (short growing pauses, up to `budgetMs` in all); on PostgreSQL,
   * which waits for locks by itself and never answers BUSY, it runs `fn` once. `fn` must be safe to run again from
   * the start (a whole transaction).
   */
  retry<T>(fn: () => Promise<T>, budgetMs?: number): Promise<T>;
  /** `FOR UPDATE SKIP LOCKED` is available (PostgreSQL); SQLite has one writer and no row locks. */
  skipLocked: boolean;
  /** Lateral joins are available (PostgreSQL), which its planner needs for a per-row seek; SQLite has none. */
  lateral: boolean;
};

const isBusy = (err: unknown) => {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};

/**
 * Runs `fn` again while SQLite answers SQLITE_BUSY, with short growing pauses, for up to `budgetMs` in all. That
 * covers a transaction whose snapshot went stale (WAL answers BUSY at once when a transaction that began reading
 * must write after another connection committed: it can only be run again from the start) and, in the server,
 * another process holding the write lock for a while (see SERVER_SQLITE_BUSY_TIMEOUT_MS in connect.ts).
 */
async function retryWhileBusy<T>(fn: () => Promise<T>, budgetMs = 60_000): Promise<T> {
  // Real time, not the program's clock: this waits for another connection or process to let go of SQLite's lock,
  // which happens in real time whatever the program's clock says.
  const started = performance.now();
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!isBusy(err) || performance.now() - started > budgetMs) throw err;
      await new Promise((r) => setTimeout(r, Math.min(250, 15 * i) + Math.random() * 40));
    }
  }
}

const SQLITE: Engine = { name: 'sqlite', retry: retryWhileBusy, skipLocked: false, lateral: false };
const POSTGRES: Engine = { name: 'postgres', retry: (fn) => fn(), skipLocked: true, lateral: true };

const known = new WeakMap<Kysely<Database>, Engine>();

/** The engine behind a Kysely instance (a database or a transaction of it), derived once per instance. */
export function engineOf(db: Kysely<Database>): Engine {
  let engine = known.get(db);
  if (!engine) {
    engine = db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES : SQLITE;
    known.set(db, engine);
  }
  return engine;
}
