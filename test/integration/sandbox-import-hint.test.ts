// The sandbox's own hint, followed literally (issue 14): an empty sandbox on its own database prints the command that
// imports a register into that database; running that command, then starting the sandbox again, gives a working
// console on that register — never a sandbox that refuses to start.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createClock } from '../../src/clock';
import type { Config } from '../../src/config';
import { createLogger } from '../../src/log';
import { APP_ROOT } from '../../src/paths';
import { SANDBOX_ADMIN } from '../../src/sandbox/identities';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/start';
import { SAMPLE } from '../fixtures/register-workbooks';
import { waitFor } from '../helpers/feishu';

const run = promisify(execFile);
const NOW = '2026-11-24T10:00:00+08:00';

describe('following the sandbox hint to import a register', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diaodu-hint-'));
  const file = join(dir, 'data', 'sandbox.sqlite');
  const config: Config = Object.freeze({ port: 0, database: { kind: 'sqlite' as const, path: file }, feishu: null, now: null });
  let running: RunningSandbox | null = null;
  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async () => {
    const out: string[] = [];
    const logged: string[] = [];
    const log = createLogger((line) => logged.push(line));
    running = await startSandbox(
      config,
      { log, clock: createClock(NOW) },
      { ownDatabase: true, registerFile: join(dir, '没有这个文件.xlsx'), out: (l) => out.push(l) },
    );
    return { out, logged };
  };

  it('prints the import command, which writes to the sandbox database, and the next start runs on that register', async () => {
    const first = await start();
    expect(first.logged.some((m) => m.includes('沙箱以空项目库运行'))).toBe(true);
    const hint = first.out.find((l) => l.startsWith('导入自己的项目库：'));
    expect(hint, first.out.join('\n')).toBeDefined();
    await running!.stop();
    running = null;

    // The command exactly as printed, with the file named in place of 项目库.xlsx, run from the repository.
    const command = hint!.slice('导入自己的项目库：'.length, hint!.indexOf('（把'));
    expect(command).toContain(file);
    const { DATABASE_URL: _unset, ...inherited } = process.env;
    const env = { ...inherited, DIAODU_NOW: NOW };
    const imported = await run('sh', ['-c', command.replace('项目库.xlsx', `'${SAMPLE}'`)], { cwd: APP_ROOT, env });
    expect(imported.stderr).toContain(`写入数据库：${file}`);
    expect(imported.stdout).toContain('项目 120 个');

    const second = await start();
    expect(
      second.logged.find((m) => m.includes('已有导入的项目库')),
      second.logged.join('\n'),
    ).toContain('120 个项目');
    const page = await fetch(running!.consoleUrl);
    expect(page.status).toBe(200);
    // The register's people are the console's identities, and this week's cards go out to its reporters: one card per
    // reporter and unit, 32. (The administrator also gets October's bulletin for approval — not a round card.)
    const roundCards = () => running!.double.messages.filter((m) => m.msg_type === 'interactive' && m.user_open_id !== SANDBOX_ADMIN.openId);
    await waitFor(
      "this week's cards delivered",
      () => roundCards().length,
      (n) => n >= 32,
      20_000,
    );
    expect(roundCards()).toHaveLength(32);
    const people = await running!.ctx.db.selectFrom('people').select('open_id').execute();
    expect(people).toHaveLength(68);
    expect(people.every((p) => p.open_id?.startsWith('ou_'))).toBe(true);
  }, 90_000);
});
