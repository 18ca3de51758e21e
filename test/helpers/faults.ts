// Test-only delay hooks for kill -9 tests: a write that takes as long as the test likes, so that the real process can
// be killed inside it. Nothing in src/ knows about them; they live in the database as a trigger.
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { TestDatabase } from './db';
import { sleep, waitFor } from './feishu';

export type SlowWrites = {
  /** Whether the bot is inside the slowed write now. */
  inside(): Promise<boolean>;
  /** Removes the hook, and whatever the dead process left waiting. */
  clear(): Promise<void>;
};

/**
 * Makes every INSERT into `table` slow: a BEFORE INSERT trigger that sleeps (PostgreSQL) or grinds through a huge join
 * (SQLite, which cannot sleep). The transaction around the insert stays open meanwhile, holding what it wrote so far.
 */
export async function slowInserts(t: TestDatabase, table: string): Promise<SlowWrites> {
  const db = t.db;
  const fn = sql.raw(`fault_slow_${table}`);
  const tbl = sql.raw(table);
  if (t.target.kind === 'postgres') {
    await sql`create function ${fn}() returns trigger language plpgsql as $$ begin perform pg_sleep(600); return new; end $$`.execute(db);
    await sql`create trigger ${fn} before insert on ${tbl} for each row execute function ${fn}()`.execute(db);
    const sleeping = async () =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event = 'PgSleep'`.execute(db))
          .rows[0]?.n,
      );
    return {
      inside: async () => (await sleeping()) > 0,
      clear: async () => {
        // What PostgreSQL does once it notices the client is gone: the sleeping transaction is rolled back.
        await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and wait_event = 'PgSleep'`.execute(db);
        await waitFor('the dead connection is gone', sleeping, (n) => n === 0, 10_000);
        await sql`drop trigger ${fn} on ${tbl}`.execute(db);
        await sql`drop function ${fn}()`.execute(db);
      },
    };
  }
  const ballast = sql.raw(`fault_ballast_${table}`);
  await sql`create table ${ballast} (x integer)`.execute(db);
  await sql`insert into ${ballast} (x) with recursive n(x) as (select 1 union all select x + 1 from n where x < 3000) select x from n`.execute(db);
  await sql`create trigger ${fn} before insert on ${tbl} begin select count(*) from ${ballast} a, ${ballast} b, ${ballast} c where a.x + b.x + c.x < 0; end`.execute(
    db,
  );
  // The write lock held without a break for a while: the other writes of the transaction take a millisecond or two.
  const probe = new SQLite(t.target.path);
  probe.pragma('busy_timeout = 0');
  const locked = () => {
    try {
      probe.exec('begin immediate');
      probe.exec('rollback');
      return false;
    } catch {
      return true;
    }
  };
  return {
    inside: async () => {
      for (let i = 0; i < 5; i++) {
        if (!locked()) return false;
        await sleep(40);
      }
      return true;
    },
    clear: async () => {
      probe.close();
      await sql`drop trigger ${fn}`.execute(db);
      await sql`drop table ${ballast}`.execute(db);
    },
  };
}
