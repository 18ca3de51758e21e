// Test databases: a fresh SQLite file always, and a fresh PostgreSQL database when TEST_DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/config';
import { type OpenedDatabase, openDatabase } from '../../src/db/connect';
import { migrateToLatest } from '../../src/db/migrate';

export const pgUrl = process.env.TEST_DATABASE_URL?.trim() || null;

/** The engines every database test runs on: `describe.each(engines)`. */
export const engines: Array<'sqlite' | 'postgres'> = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export type TestDatabase = OpenedDatabase & { target: DatabaseTarget; drop(): Promise<void> };

/** Creates an empty database of the given engine (migrated unless `migrate: false`). */
export async function createTestDatabase(engine: 'sqlite' | 'postgres', opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let target: DatabaseTarget;
  let cleanup: () => Promise<void>;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'diaodu-test-'));
    target = { kind: 'sqlite', path: join(dir, 'test.sqlite') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    if (!pgUrl) throw new Error('TEST_DATABASE_URL is not set');
    const name = `diaodu_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    target = { kind: 'postgres', url: url.toString() };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const opened = openDatabase(target, { poolSize: 4 });
  if (opts.migrate !== false) await migrateToLatest(opened.db);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await opened.close();
  };
  return {
    ...opened,
    target,
    close,
    drop: async () => {
      await close();
      await cleanup();
    },
  };
}
