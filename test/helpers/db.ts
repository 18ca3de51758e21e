// Test databases: a fresh SQLite file always, and a fresh PostgreSQL database when TEST_DATABASE_URL is set.
// The vitest global setup migrates one template of each engine per run (createTemplates); each test database is then
// a copy of it — a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL — instead of running every migration
// again. Without the templates (the bench, or a script) each database is migrated as before.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/config';
import { type OpenedDatabase, openDatabase } from '../../src/db/connect';
import { migrateToLatest } from '../../src/db/migrate';

export const pgUrl = process.env.TEST_DATABASE_URL?.trim() || null;

/** The engines every database test runs on: `describe.each(engines)`. */
export const engines: Array<'sqlite' | 'postgres'> = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];

/** Set by the global setup for the test workers it starts: the migrated templates of this run. */
const SQLITE_TEMPLATE_ENV = 'DIAODU_TEST_SQLITE_TEMPLATE';
const PG_TEMPLATE_ENV = 'DIAODU_TEST_PG_TEMPLATE';

export type TestDatabase = OpenedDatabase & { target: DatabaseTarget; drop(): Promise<void> };

/** The URL of database `name` on the TEST_DATABASE_URL server. */
function pgDatabaseUrl(name: string): string {
  if (!pgUrl) throw new Error('TEST_DATABASE_URL is not set');
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `statements` on the TEST_DATABASE_URL database in one short connection. */
async function pgAdmin(...statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: pgUrl ?? undefined });
  await admin.connect();
  try {
    for (const s of statements) await admin.query(s);
  } finally {
    await admin.end();
  }
}

/**
 * Creates a migrated template of each engine for one test run, named after `runId` (the pid of the vitest process),
 * and points the workers started afterwards at them through the environment. Returns the teardown that removes them.
 */
export async function createTemplates(runId: number): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'diaodu-template-'));
  const sqlitePath = join(dir, 'template.sqlite');
  const sqlite = openDatabase({ kind: 'sqlite', path: sqlitePath });
  try {
    await migrateToLatest(sqlite.db);
  } finally {
    // Closing the last connection checkpoints the WAL into the file and removes it: the file alone is the database.
    await sqlite.close();
  }
  process.env[SQLITE_TEMPLATE_ENV] = sqlitePath;

  let pgTemplate: string | null = null;
  if (pgUrl) {
    pgTemplate = `diaodu_tmpl_${runId}`;
    await pgAdmin(`DROP DATABASE IF EXISTS ${pgTemplate} WITH (FORCE)`, `CREATE DATABASE ${pgTemplate}`);
    const opened = openDatabase({ kind: 'postgres', url: pgDatabaseUrl(pgTemplate) }, { poolSize: 1 });
    try {
      await migrateToLatest(opened.db);
    } finally {
      // PostgreSQL copies a template only while no other session is connected to it: none may stay open.
      await opened.close();
    }
    await waitUntilUnused(pgTemplate);
    process.env[PG_TEMPLATE_ENV] = pgTemplate;
  }

  return async () => {
    delete process.env[SQLITE_TEMPLATE_ENV];
    delete process.env[PG_TEMPLATE_ENV];
    rmSync(dir, { recursive: true, force: true });
    if (pgTemplate) await pgAdmin(`DROP DATABASE IF EXISTS ${pgTemplate} WITH (FORCE)`);
  };
}

/** Waits until the server has no session on database `name` (a closed client's backend may take a moment to go). */
async function waitUntilUnused(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: pgUrl ?? undefined });
  await admin.connect();
  try {
    for (let i = 0; ; i++) {
      const { rows } = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name]);
      if (Number(rows[0]?.n) === 0) return;
      if (i >= 100) throw new Error(`template database ${name} is still in use`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await admin.end();
  }
}

/** Creates an empty database of the given engine (migrated unless `migrate: false`). */
export async function createTestDatabase(engine: 'sqlite' | 'postgres', opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = opts.migrate !== false;
  let template: string | undefined;
  let target: DatabaseTarget;
  let cleanup: () => Promise<void>;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'diaodu-test-'));
    target = { kind: 'sqlite', path: join(dir, 'test.sqlite') };
    template = migrate ? process.env[SQLITE_TEMPLATE_ENV] : undefined;
    if (template) copyFileSync(template, target.path);
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    if (!pgUrl) throw new Error('TEST_DATABASE_URL is not set');
    const name = `diaodu_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    template = migrate ? process.env[PG_TEMPLATE_ENV] : undefined;
    // Copies of one template may be made at the same time: only a session on the template itself stops a copy.
    await pgAdmin(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
    target = { kind: 'postgres', url: pgDatabaseUrl(name) };
    cleanup = () => pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const opened = openDatabase(target, { poolSize: 4 });
  if (migrate && !template) await migrateToLatest(opened.db);
  // Connected before it is handed out, as migrating it would have done: a test that closes the database and expects
  // queries to fail must not find a driver that was never started, which kysely would start afresh on first use.
  else await sql`select 1`.execute(opened.db);
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
