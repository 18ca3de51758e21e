// Opens the database named by the configuration: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type Engine, engineOf } from './engine';
import type { Database } from './schema';

/** Which database: an embedded SQLite file, or a PostgreSQL server. */
export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export type Db = Kysely<Database>;

export type OpenedDatabase = {
  db: Db;
  engine: Engine;
  /** The better-sqlite3 handle, for online backup; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
};

export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

/** Error codes meaning the PostgreSQL server was never reached (refused, unknown host, no route, timed out). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
const UNREACHABLE_REASONS: Record<string, string> = {
  ECONNREFUSED: '连接被拒绝，该地址和端口上没有 PostgreSQL 在监听',
  ENOTFOUND: '找不到该主机名',
  EAI_AGAIN: '主机名暂时无法解析',
  ETIMEDOUT: '连接超时',
  EHOSTUNREACH: '主机不可达',
  ENETUNREACH: '网络不可达',
  ECONNRESET: '连接被重置',
};

/**
 * When `err` says the PostgreSQL server could not be reached at all, the message an operator needs: host and port
 * (never the password) and why; null for any other error (a wrong password, a failed migration) and for SQLite.
 */
export function unreachableDatabase(err: unknown, target: DatabaseTarget): DatabaseOpenError | null {
  if (target.kind !== 'postgres') return null;
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  const timedOut = /timeout expired|connection timeout/i.test(message);
  if (!(code && UNREACHABLE_CODES.has(code)) && !timedOut) return null;
  const reason = (code && UNREACHABLE_REASONS[code]) ?? '连接超时';
  let where = '(无法解析的地址)';
  try {
    const u = new URL(target.url);
    where = `${decodeURIComponent(u.hostname) || 'localhost'}:${u.port || '5432'}`;
  } catch {}
  return new DatabaseOpenError(
    `无法连接数据库：PostgreSQL 服务器 ${where}（${reason}）。请确认数据库已启动、DATABASE_URL 中的主机和端口正确，且本机网络可以访问该端口`,
  );
}

/** The system error code of err, or of the first of an AggregateError's errors (Node tries IPv4 and IPv6). */
function errorCode(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = (err as { errors?: unknown }).errors;
  return Array.isArray(inner) && inner.length > 0 ? errorCode(inner[0]) : null;
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
      handle.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      handle.pragma('synchronous = NORMAL');
    } catch (err) {
      throw new DatabaseOpenError(`无法打开 SQLite 数据库 ${path}：${(err as Error).message}`);
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(handle) }) });
    return { db, engine: engineOf(db), sqlite: handle, close: () => db.destroy() };
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
  return { db, engine: engineOf(db), sqlite: null, close: () => db.destroy() };
}

/** Statements kept prepared; the program issues a few dozen distinct ones in normal work. */
const STATEMENT_CACHE_SIZE = 200;
/** Longer SQL is not kept: it is a one-off (an IN list over thousands of ids) and would hold memory for nothing. */
const STATEMENT_CACHE_MAX_SQL = 4096;

/**
 * The handle Kysely's SQLite driver is given, with prepared statements kept by their SQL text. The driver calls
 * prepare() for every query, and preparing (SQLite parsing and planning the text) was ~10% of the server's CPU per
 * webhook event under load. A statement is reused only when it is not in the middle of an iterate() (its `busy`
 * flag); SQLite re-prepares a kept statement by itself after a schema change (sqlite3_prepare_v2), so migrations
 * need nothing special. Least recently used statements are dropped beyond STATEMENT_CACHE_SIZE.
 */
export function withStatementCache(handle: SQLite.Database): { prepare(sql: string): SQLite.Statement; close(): void } {
  const kept = new Map<string, SQLite.Statement>();
  return {
    prepare(sql) {
      const cached = kept.get(sql);
      if (cached && !cached.busy) {
        kept.delete(sql);
        kept.set(sql, cached);
        return cached;
      }
      const stmt = handle.prepare(sql);
      if (!cached && sql.length <= STATEMENT_CACHE_MAX_SQL) {
        kept.set(sql, stmt);
        if (kept.size > STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value as string);
      }
      return stmt;
    },
    close: () => handle.close(),
  };
}

/** What SQLite waits, blocking the whole process, before answering SQLITE_BUSY (CLI commands, migrations). */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;
/**
 * The same wait in the running server: better-sqlite3 waits synchronously, so 5 s of another process's write lock
 * froze every request, timer and heartbeat of the bot (a card callback answered after Feishu's 3 s, /healthz after
 * the lock). The server waits briefly and retries asynchronously instead (Engine.retry, src/db/engine.ts).
 */
export const SERVER_SQLITE_BUSY_TIMEOUT_MS = 50;

/** Sets how long a SQLite connection waits for another's write lock before SQLITE_BUSY; no-op on PostgreSQL. */
export function setBusyTimeout(opened: OpenedDatabase, ms: number): void {
  opened.sqlite?.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`);
}
