// Every `diaodu` command that writes says first, on stderr, exactly which database it writes to (issue 14): the
// SQLite file's absolute path, or the PostgreSQL URL without its password. Commands that only read say nothing.
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { SAMPLE } from '../fixtures/register-workbooks';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { captureIo } from '../helpers/io';

describe.each(engines)('the database a writing command names on %s', (engine) => {
  let t: TestDatabase;
  afterEach(async () => {
    await t?.drop();
  });

  it('import, settings set, calendar add, round open and db migrate name it; reading commands and --dry-run do not', async () => {
    t = await createTestDatabase(engine);
    const target = t.target;
    await t.close(); // the CLI opens the database itself
    const withPassword = target.kind === 'postgres' ? Object.assign(new URL(target.url), { password: 'secret-pw' }).toString() : target.path;
    const env = { DATABASE_URL: withPassword, DIAODU_NOW: '2026-11-24T10:00:00+08:00' };
    const expected =
      target.kind === 'sqlite' ? `写入数据库：${resolve(target.path)}` : `写入数据库：${Object.assign(new URL(target.url), { password: '' }).toString()}`;

    const cli = async (argv: string[]) => {
      const io = captureIo();
      const code = await runCli(argv, env, io.io);
      return { code, err: io.err };
    };
    for (const argv of [
      ['import', SAMPLE, '--year', '2026'],
      ['settings', 'set', 'round.deadline', '周五 17:00'],
      ['calendar', 'add', '2026-12-31', 'holiday', '--name', '元旦'],
      ['round', 'open'],
      ['db', 'migrate'],
    ]) {
      const r = await cli(argv);
      expect(r.err[0], argv.join(' ')).toBe(expected);
      expect(r.code, `${argv.join(' ')}\n${r.err.join('\n')}`).toBe(0);
      expect(r.err.join('\n')).not.toContain('secret-pw');
    }
    for (const argv of [
      ['import', SAMPLE, '--year', '2026', '--dry-run'],
      ['settings', 'list'],
      ['round', 'status'],
      ['ask', '全市进度', '--as', '13900010001'],
    ]) {
      const r = await cli(argv);
      expect(r.err.join('\n'), argv.join(' ')).not.toContain('写入数据库');
    }
  }, 60_000);
});
