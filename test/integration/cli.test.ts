// The `diaodu` command line as an administrator uses it: help, mistakes, settings, backups — run in-process.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index';
import { runCli } from '../../src/cli/main';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';

type Run = { code: number; out: string; err: string };

async function run(argv: string[], env: Record<string, string | undefined>): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, env, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const CURVE = '[2,6,12,20,28,36,45,54,63,74,86,100]';
const CHINESE = /[\u4e00-\u9fff]/;

/** The settings rows of a SQLite file, read with better-sqlite3 directly. */
function sqliteRows(path: string): Array<{ key: string; value: string; updated_at: string; updated_by: string | null }> {
  const handle = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    return handle.prepare('select key, value, updated_at, updated_by from settings order by key').all() as never;
  } finally {
    handle.close();
  }
}

describe('help and mistakes', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'diaodu-cli-'));
    env = { DATABASE_URL: join(dir, 'diaodu.sqlite') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([[[]], [['--help']], [['-h']], [['help']]])('%j shows the top-level help listing every command', async (argv) => {
    const r = await run(argv, env);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法：diaodu <命令>');
    expect(r.out).toContain('DATABASE_URL');
    for (const c of commands) {
      expect(r.out).toContain(c.name);
      expect(r.out).toContain(c.summary);
    }
    expect(r.err).toBe('');
  });

  it.each(commands.map((c) => c.name))('"%s --help" exits 0 with its usage, without touching the database', async (name) => {
    const r = await run([...name.split(' '), '--help'], env);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法');
    expect(r.out).toContain(`diaodu ${name}`);
    expect(existsSync(env.DATABASE_URL ?? '')).toBe(false);
  });

  it('--help works even when the environment is wrong, so the operator can read how to fix it', async () => {
    const r = await run(['settings', 'set', '--help'], { DATABASE_URL: 'mysql://x' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法：diaodu settings set');
  });

  it('a command group alone with --help lists its commands', async () => {
    const r = await run(['settings', '--help'], env);
    expect(r.code).toBe(0);
    for (const name of ['settings list', 'settings get', 'settings set', 'settings reset']) expect(r.out).toContain(name);
    expect(r.out).not.toContain('db backup');
  });

  it('an unknown command exits 2 saying so in Chinese, with the list of commands', async () => {
    const r = await run(['frobnicate'], env);
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知命令：frobnicate');
    expect(r.err).toContain('settings list');
    expect(existsSync(env.DATABASE_URL ?? '')).toBe(false);
  });

  it('an unknown sub-command exits 2 and lists that group’s commands', async () => {
    const r = await run(['settings', 'delete', 'round.open'], env);
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知命令：settings delete');
    expect(r.err).toContain('settings reset');
    expect(r.err).not.toContain('db backup');
  });

  it('an unknown option exits 2 with a Chinese message and the command’s usage', async () => {
    const r = await run(['settings', 'list', '--verbose'], env);
    expect(r.code).toBe(2);
    expect(r.err).toContain('参数有误');
    expect(r.err).toContain('--verbose');
    expect(r.err).toContain('用法：diaodu settings list');
  });

  it('a bad DATABASE_URL exits 1 naming DATABASE_URL', async () => {
    const r = await run(['settings', 'list'], { DATABASE_URL: 'mysql://root@db/diaodu' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('DATABASE_URL');
    expect(r.err).toContain('mysql');
    expect(r.err).toMatch(CHINESE);
    expect(r.out).toBe('');
  });

  it('names every bad variable at once', async () => {
    const r = await run(['settings', 'list'], { DATABASE_URL: 'mysql://x', DIAODU_NOW: 'soon' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('DATABASE_URL');
    expect(r.err).toContain('DIAODU_NOW');
  });

  it('a database that cannot be opened exits 1 with the reason', async () => {
    writeFileSync(join(dir, 'not-a-dir'), 'x');
    const r = await run(['settings', 'list'], { DATABASE_URL: join(dir, 'not-a-dir', 'diaodu.sqlite') });
    expect(r.code).toBe(1);
    expect(r.err).toContain('执行失败');
    expect(r.err).toContain('not-a-dir');
  });
});

describe.each(engines)('settings commands on %s', (engine) => {
  let t: TestDatabase;
  let env: Record<string, string>;
  beforeEach(async () => {
    t = await createTestDatabase(engine);
    env = { DATABASE_URL: t.target.kind === 'sqlite' ? t.target.path : t.target.url };
  });
  afterEach(async () => t?.drop());

  const storedRows = () => t.db.selectFrom('settings').selectAll().orderBy('key').execute();

  it('set, get, list and reset round trip', async () => {
    let r = await run(['settings', 'set', 'round.deadline', '星期五 17:30'], env);
    expect(r).toMatchObject({ code: 0, out: '已设置 round.deadline = "周五 17:30"' });

    r = await run(['settings', 'get', 'round.deadline'], env);
    expect(r).toMatchObject({ code: 0, out: '"周五 17:30"' });

    r = await run(['settings', 'list'], env);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('round.deadline = "周五 17:30"');
    expect(lines).toContain('round.open = "周一 09:00"（默认）');
    expect(lines).toContain('lights.points = {"yellow":10,"red":30}（默认）');
    expect(r.out).toContain(`${'    '}报送截止时间`);

    r = await run(['settings', 'reset', 'round.deadline'], env);
    expect(r).toMatchObject({ code: 0, out: '已恢复默认：round.deadline = "周五 18:00"' });
    expect(await storedRows()).toEqual([]);

    r = await run(['settings', 'get', 'round.deadline'], env);
    expect(r.out).toBe('"周五 18:00"');
    expect((await run(['settings', 'list'], env)).out.split('\n')).toContain('round.deadline = "周五 18:00"（默认）');
  });

  it('reads JSON values (objects, lists, numbers) and stores them as given', async () => {
    expect((await run(['settings', 'set', 'lights.points', '{"yellow":5,"red":20}'], env)).code).toBe(0);
    expect((await run(['settings', 'set', 'admins', '["13900010001","ou_abc"]'], env)).code).toBe(0);
    expect((await run(['settings', 'set', 'lights.lateStartRedMonths', '4'], env)).code).toBe(0);
    expect((await run(['settings', 'get', 'lights.points'], env)).out).toBe('{"yellow":5,"red":20}');
    expect((await run(['settings', 'get', 'admins'], env)).out).toBe('["13900010001","ou_abc"]');
    expect((await run(['settings', 'get', 'lights.lateStartRedMonths'], env)).out).toBe('4');
    const rows = await storedRows();
    expect(rows.map((x) => [x.key, x.value, x.updated_by])).toEqual([
      ['admins', '["13900010001","ou_abc"]', 'cli'],
      ['lights.lateStartRedMonths', '4', 'cli'],
      ['lights.points', '{"yellow":5,"red":20}', 'cli'],
    ]);
  });

  it('refuses a bad value with exit 1 and the reason; the stored value is unchanged', async () => {
    await run(['settings', 'set', 'lights.points', '{"yellow":10,"red":40}'], env);
    const before = await storedRows();

    let r = await run(['settings', 'set', 'lights.points', '{"yellow":30,"red":10}'], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('lights.points 的值无效');
    expect(r.err).toContain('red 应不小于 yellow');
    expect(r.out).toBe('');

    r = await run(['settings', 'set', 'lights.points', '{"yellow":10}'], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('red');
    expect(r.err).not.toMatch(/Invalid input/);

    expect(await storedRows()).toEqual(before);
    expect((await run(['settings', 'get', 'lights.points'], env)).out).toBe('{"yellow":10,"red":40}');
  });

  it('refuses a week time in the wrong format, showing the expected one', async () => {
    const r = await run(['settings', 'set', 'round.open', 'Monday 9am'], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('周一 09:00');
    expect(await storedRows()).toEqual([]);
  });

  it('refuses an unknown key: exit 1 on set (nothing written), exit 2 on get and reset', async () => {
    const set = await run(['settings', 'set', 'round.close', '"周五 18:00"'], env);
    expect(set.code).toBe(1);
    expect(set.err).toContain('round.close');
    expect(set.err).toContain('round.deadline');
    for (const verb of ['get', 'reset']) {
      const r = await run(['settings', verb, 'round.close'], env);
      expect(r.code).toBe(2);
      expect(r.err).toContain('没有名为“round.close”的设置项');
    }
    expect(await storedRows()).toEqual([]);
  });

  it('set with a missing value, or an unquoted value with a space, is a usage error (exit 2)', async () => {
    expect((await run(['settings', 'set', 'round.deadline'], env)).code).toBe(2);
    const r = await run(['settings', 'set', 'round.deadline', '周五', '17:30'], env);
    expect(r.code).toBe(2);
    expect(r.err).toContain('加引号');
    expect(await storedRows()).toEqual([]);
  });

  it('refuses progress.rule=curve without a curve, and accepts it once the curve is set', async () => {
    let r = await run(['settings', 'set', 'progress.rule', 'curve'], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('progress.curve');
    expect((await run(['settings', 'get', 'progress.rule'], env)).out).toBe('"months"');

    expect((await run(['settings', 'set', 'progress.curve', CURVE], env)).code).toBe(0);
    r = await run(['settings', 'set', 'progress.rule', 'curve'], env);
    expect(r).toMatchObject({ code: 0, out: '已设置 progress.rule = "curve"' });

    // …and does not let the curve be taken away while the rule needs it.
    r = await run(['settings', 'reset', 'progress.curve'], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('progress.curve');
    expect((await run(['settings', 'get', 'progress.curve'], env)).out).toBe(CURVE);
  });

  it('stamps the change with DIAODU_NOW (an offset-less value read as Asia/Shanghai)', async () => {
    expect((await run(['settings', 'set', 'round.open', '周一 08:30'], { ...env, DIAODU_NOW: '2026-11-27T09:00:00+08:00' })).code).toBe(0);
    expect((await run(['settings', 'set', 'round.remind', '周四 16:00'], { ...env, DIAODU_NOW: '2026-12-03 10:00' })).code).toBe(0);
    const rows = await storedRows();
    const at = (key: string) => Date.parse(rows.find((x) => x.key === key)?.updated_at ?? '');
    expect(Math.abs(at('round.open') - Date.parse('2026-11-27T01:00:00Z'))).toBeLessThan(5000);
    expect(Math.abs(at('round.remind') - Date.parse('2026-12-03T02:00:00Z'))).toBeLessThan(5000);
  });

  it('without DIAODU_NOW stamps the change with the real time', async () => {
    const before = Date.now();
    await run(['settings', 'set', 'round.open', '周一 08:30'], env);
    const at = Date.parse((await storedRows())[0]?.updated_at ?? '');
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('settings list warns about a stored value that is no longer valid, and shows the default', async () => {
    await t.db.insertInto('settings').values({ key: 'round.open', value: '"Monday"', updated_at: '2026-01-01T00:00:00.000Z', updated_by: 'sql' }).execute();
    const r = await run(['settings', 'list'], env);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toContain('round.open = "周一 09:00"（默认）');
    expect(r.err).toContain('注意：存储的设置无效');
    expect(r.err).toContain('round.open');
  });

  it('db migrate reports every migration as applied', async () => {
    const r = await run(['db', 'migrate'], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^0001_init {2}已执行 \d{4}-\d{2}-\d{2}T/m);
    expect(r.out).toContain('数据库已是最新结构');
  });
});

describe('db migrate on a new SQLite file', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file (and its directory) and every table', async () => {
    dir = mkdtempSync(join(tmpdir(), 'diaodu-cli-'));
    const path = join(dir, 'nested', 'diaodu.sqlite');
    const r = await run(['db', 'migrate'], { DATABASE_URL: `sqlite:${path}` });
    expect(r.code).toBe(0);
    expect(sqliteRows(path)).toEqual([]);
  });
});

describe('db backup', () => {
  let dir: string;
  let dbPath: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'diaodu-cli-'));
    dbPath = join(dir, 'diaodu.sqlite');
    env = { DATABASE_URL: dbPath };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a file that opens with better-sqlite3 and holds the same settings rows, into a new directory', async () => {
    await run(['settings', 'set', 'round.deadline', '周五 17:00'], env);
    await run(['settings', 'set', 'admins', '["13900010001"]'], env);
    const target = join(dir, 'backups', 'diaodu-2026-11-27.sqlite');
    const r = await run(['db', 'backup', target], env);
    expect(r.code).toBe(0);
    expect(r.out).toContain('备份完成');
    expect(r.out).toContain(target);
    const original = sqliteRows(dbPath);
    expect(original).toHaveLength(2);
    expect(sqliteRows(target)).toEqual(original);
  });

  it('refuses to overwrite an existing file without --force, and overwrites with it', async () => {
    await run(['settings', 'set', 'round.deadline', '周五 17:00'], env);
    const target = join(dir, 'backup.sqlite');
    expect((await run(['db', 'backup', target], env)).code).toBe(0);
    const first = readFileSync(target);
    const firstMtime = statSync(target).mtimeMs;

    await run(['settings', 'set', 'round.deadline', '周五 16:00'], env);
    const refused = await run(['db', 'backup', target], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('已存在');
    expect(refused.err).toContain('--force');
    expect(readFileSync(target).equals(first)).toBe(true);
    expect(statSync(target).mtimeMs).toBe(firstMtime);

    const forced = await run(['db', 'backup', target, '--force'], env);
    expect(forced.code).toBe(0);
    expect(sqliteRows(target).map((x) => x.value)).toEqual(['"周五 16:00"']);
  });

  it('refuses to back up onto the database file itself', async () => {
    await run(['settings', 'set', 'round.deadline', '周五 17:00'], env);
    const r = await run(['db', 'backup', dbPath, '--force'], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('不能是数据库文件本身');
    expect(sqliteRows(dbPath)).toHaveLength(1);
  });

  it('without a file name is a usage error', async () => {
    const r = await run(['db', 'backup'], env);
    expect(r.code).toBe(2);
    expect(r.err).toContain('diaodu db backup');
  });

  it('on PostgreSQL refuses with a pg_dump hint, without connecting', async () => {
    // Port 1 on localhost: nothing listens there, so this also shows no connection is attempted.
    const r = await run(['db', 'backup', join(dir, 'x.sqlite')], { DATABASE_URL: 'postgres://diaodu@127.0.0.1:1/diaodu' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('pg_dump');
    expect(r.err).toContain('PostgreSQL');
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
  });
});
