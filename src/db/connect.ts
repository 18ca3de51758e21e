// Opens the database named by the configuration: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export type OpenedDatabase = {
  db: Db;
  engine: 'sqlite' | 'postgres';
  /** The better-sqlite3 handle, for online backup; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
};

export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export function openDatabase(target: DatabaseTarget, opts: { poolSize?: number } = {}): OpenedDatabase {
  if (target.kind === 'sqlite') {
    const path = target.path === ':memory:' ? ':memory:' : resolve(target.path);
    let handle: SQLite.Database;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      handle = new SQLite(path);
      handle.pragma('journal_mode = WAL');
      handle.pragma('foreign_keys = ON');
      handle.pragma('busy_timeout = 5000');
      handle.pragma('synchronous = NORMAL');
    } catch (err) {
      throw new DatabaseOpenError(`无法打开 SQLite 数据库 ${path}：${(err as Error).message}`);
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
    return { db, engine: 'sqlite', sqlite: handle, close: () => db.destroy() };
  }
  // Money columns are bigint (int8) and sums come back as numeric: both are exact integers of 元 well below 2^53.
  const types = {
    getTypeParser(oid: number, format?: unknown) {
      if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
  const pool = new pg.Pool({ connectionString: target.url, max: opts.poolSize ?? 10, types: types as pg.CustomTypesConfig, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', sqlite: null, close: () => db.destroy() };
}

/**
 * SQLite in WAL mode answers SQLITE_BUSY at once, without waiting out busy_timeout, when a transaction that began
 * reading must write after another connection committed (its snapshot is stale). Such a transaction can only be
 * run again from the start; this does that a few times with a short random pause.
 */
export async function retryBusy<T>(fn: () => Promise<T>, attempts = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const busy = typeof code === 'string' && code.startsWith('SQLITE_BUSY');
      if (!busy || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 20 * i + Math.random() * 50));
    }
  }
}
