// The real server process, as an operator starts it: what it prints, that it answers, and that it stops cleanly.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_ARGS } from '../helpers/entry';

const REPO = resolve(import.meta.dirname, '../..');

type Proc = {
  child: ChildProcess;
  stdout: string[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first stdout line matching re; rejects after ms or if the process exits first. */
  waitForLine(re: RegExp, ms: number): Promise<string>;
};

const running: ChildProcess[] = [];

/**
 * `asOwner`: file permissions apply to the server even when the tests run as root. Root writes whatever the permissions
 * say (CAP_DAC_OVERRIDE); the server is then started without that capability (util-linux's setpriv drops it from the
 * bounding set), so it is held to the owner's permissions as a deployment's service user would be. Switching to another
 * user instead would need every folder above the checkout to be readable by that user, which a `mktemp -d` clone is not.
 */
function start(extraEnv: Record<string, string>, opts: { asOwner?: boolean } = {}): Proc {
  // A minimal environment: nothing inherited that could configure the app (no FEISHU_*, no DATABASE_URL).
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), TZ: 'UTC', ...extraEnv };
  const [cmd, args] =
    opts.asOwner && process.getuid?.() === 0
      ? ['setpriv', ['--bounding-set', '-dac_override,-dac_read_search', '--', process.execPath, ...BOT_ARGS]]
      : [process.execPath, BOT_ARGS];
  const child = spawn(cmd, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const stdout: string[] = [];
  let partial = '';
  let err = '';
  const waiters: Array<() => void> = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    stdout.push(...parts);
    for (const w of waiters) w();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => {
      // Give the pipes a moment to drain before anyone reads the output.
      setTimeout(() => {
        if (partial) stdout.push(partial);
        partial = '';
        r({ code, signal });
        for (const w of waiters) w();
      }, 50);
    }),
  );
  let exitedNow = false;
  void exited.then(() => (exitedNow = true));
  const waitForLine = (re: RegExp, ms: number) =>
    new Promise<string>((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${ms} ms; stdout:\n${stdout.join('\n')}\nstderr:\n${err}`)), ms);
      const check = () => {
        const line = stdout.find((l) => re.test(l));
        if (line !== undefined) {
          clearTimeout(timer);
          resolvePromise(line);
        } else if (exitedNow) {
          clearTimeout(timer);
          reject(new Error(`process exited before a line matching ${re}; stdout:\n${stdout.join('\n')}\nstderr:\n${err}`));
        }
      };
      waiters.push(check);
      check();
    });
  return { child, stdout, stderr: () => err, exited, waitForLine };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms).unref())]);
}

// A sandbox start migrates a new file and loads the sample register with six weeks of demo reports: about 4 s on an
// idle machine, over 10 s when the machine is busy with other test files (seen on a 2-core machine). The wait is a
// ceiling for a process that never comes up, not a speed target (that is npm run bench's job).
const STARTUP_MS = 25_000;

async function portOf(proc: Proc): Promise<number> {
  const line = await proc.waitForLine(/监听端口/, STARTUP_MS);
  const m = /监听端口 (\d+)/.exec(line);
  if (!m?.[1]) throw new Error(`no port in: ${line}`);
  return Number(m[1]);
}

describe('the server process', { timeout: 60_000 }, () => {
  let dir: string;
  let dbPath: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'diaodu-proc-'));
    dbPath = join(dir, 'db', 'diaodu.sqlite');
  });
  afterEach(async () => {
    for (const child of running.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('without Feishu: says first that it runs in sandbox mode, prints the console URL, answers /healthz and /console, migrates the SQLite file, and stops on SIGTERM with exit 0', async () => {
    const proc = start({ PORT: '0', DATABASE_URL: dbPath });
    const port = await portOf(proc);
    expect(proc.stdout[0]).toContain('未配置飞书应用');
    expect(proc.stdout[0]).toContain('沙箱模式');
    expect(port).toBeGreaterThan(0);
    const consoleLine = await proc.waitForLine(/沙箱控制台：http:\/\/localhost:\d+\/console/, STARTUP_MS);
    expect(consoleLine).toContain(`http://localhost:${port}/console`);
    // How to switch to a real app: the variables to set and the console settings to fill in.
    await proc.waitForLine(/card\.action\.trigger/, STARTUP_MS);
    const after = proc.stdout.join('\n');
    for (const v of ['FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'FEISHU_VERIFICATION_TOKEN', 'FEISHU_ENCRYPT_KEY', '/feishu/events', 'card.action.trigger'])
      expect(after).toContain(v);

    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok', feishu: 'webhook' });
    const page = await fetch(`http://127.0.0.1:${port}/console`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('沙箱控制台');

    expect(existsSync(dbPath)).toBe(true);
    const handle = new SQLite(dbPath, { readonly: true });
    try {
      const migrations = handle.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>;
      expect(migrations.map((m) => m.name)).toContain('0001_init');
      const tables = (handle.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
      for (const t of ['settings', 'projects', 'outbox', 'handled_events']) expect(tables).toContain(t);
      expect((handle.prepare('select count(*) as n from projects').get() as { n: number }).n).toBe(120);
    } finally {
      handle.close();
    }
    expect(proc.stdout.some((l) => l.includes('数据库就绪') && l.includes(dbPath))).toBe(true);

    proc.child.kill('SIGTERM');
    const { code } = await withTimeout(proc.exited, STARTUP_MS, 'exit after SIGTERM');
    expect(code).toBe(0);
    expect(proc.stdout.some((l) => l.includes('收到 SIGTERM'))).toBe(true);
    expect(proc.stdout.at(-1)).toContain('调度助手已停止');
    expect(proc.stderr()).toBe('');
  });

  it('the sandbox console listens on 127.0.0.1 only unless HOST says otherwise (issue 17 row 8)', async () => {
    // An address of this machine other than loopback: the console must not answer there.
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    const proc = start({ PORT: '0', DATABASE_URL: dbPath });
    const port = await portOf(proc);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    if (outside) await expect(fetch(`http://${outside}:${port}/healthz`)).rejects.toThrow();
    proc.child.kill('SIGTERM');
    expect((await withTimeout(proc.exited, STARTUP_MS, 'exit')).code).toBe(0);
    if (!outside) return;
    const open = start({ PORT: '0', DATABASE_URL: dbPath, HOST: '0.0.0.0' });
    const openPort = await portOf(open);
    expect((await fetch(`http://${outside}:${openPort}/healthz`)).status).toBe(200);
  });

  it('a second start on the same file applies no migration again and still answers', async () => {
    const first = start({ PORT: '0', DATABASE_URL: dbPath });
    const firstPort = await portOf(first);
    expect(first.stdout.some((l) => l.includes('已执行迁移 0001_init'))).toBe(true);
    // Signal handlers are installed only after the "listening" line (see report): wait until it has answered once.
    expect((await fetch(`http://127.0.0.1:${firstPort}/healthz`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect((await withTimeout(first.exited, STARTUP_MS, 'first exit')).code).toBe(0);

    const second = start({ PORT: '0', DATABASE_URL: `sqlite:${dbPath}` });
    const port = await portOf(second);
    expect(second.stdout.some((l) => l.includes('已执行迁移'))).toBe(false);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it('with PORT=abc and DATABASE_URL=mysql://x exits non-zero before listening, with one message naming both', async () => {
    const proc = start({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    const { code } = await withTimeout(proc.exited, STARTUP_MS, 'exit on bad config');
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    const err = proc.stderr();
    expect(err.match(/配置有误/g)).toHaveLength(1);
    expect(err).toContain('PORT');
    expect(err).toContain('DATABASE_URL');
    expect(proc.stdout.join('\n')).not.toContain('监听端口');
    expect(existsSync(join(REPO, 'x'))).toBe(false);
  });

  it('with only FEISHU_APP_ID set exits non-zero naming FEISHU_APP_SECRET and FEISHU_VERIFICATION_TOKEN', async () => {
    const proc = start({ PORT: '0', DATABASE_URL: dbPath, FEISHU_APP_ID: 'cli_a1b2c3' });
    const { code } = await withTimeout(proc.exited, STARTUP_MS, 'exit on partial Feishu config');
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(proc.stderr()).toContain('FEISHU_APP_SECRET');
    expect(proc.stderr()).toContain('FEISHU_VERIFICATION_TOKEN');
    expect(proc.stdout.join('\n')).not.toContain('监听端口');
    expect(existsSync(dbPath)).toBe(false);
  });

  it('reads a DIAODU_NOW without an offset as Asia/Shanghai time', async () => {
    const proc = start({ PORT: '0', DATABASE_URL: dbPath, DIAODU_NOW: '2026-11-27T09:00:00' });
    await portOf(proc);
    const clockLine = proc.stdout.find((l) => l.includes('时钟已设为'));
    expect(clockLine).toBeDefined();
    const m = /时钟已设为 (\d{4}-\d{2}-\d{2}T[\d:.]+Z)/.exec(clockLine ?? '');
    expect(Math.abs(Date.parse(m?.[1] ?? '') - Date.parse('2026-11-27T01:00:00Z'))).toBeLessThan(5000);
    // Log lines are stamped with that clock, too.
    const listening = proc.stdout.find((l) => l.includes('监听端口')) ?? '';
    expect(Math.abs(Date.parse(listening.split(' ')[0] ?? '') - Date.parse('2026-11-27T01:00:00Z'))).toBeLessThan(10_000);
  });

  it('webhook mode without FEISHU_ENCRYPT_KEY: refuses to start unless FEISHU_ALLOW_NO_ENCRYPT_KEY=1, then warns at start and on /healthz (issue 17 row 4)', async () => {
    // FEISHU_DOMAIN points nowhere: the server starts all the same (the bot's identity is learned in the background).
    const feishu = { FEISHU_APP_ID: 'cli_a1b2c3', FEISHU_APP_SECRET: 's', FEISHU_VERIFICATION_TOKEN: 'vt', FEISHU_DOMAIN: 'http://127.0.0.1:1' };
    const refused = start({ PORT: '0', DATABASE_URL: dbPath, ...feishu });
    const { code } = await withTimeout(refused.exited, STARTUP_MS, 'exit without an Encrypt Key');
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(refused.stderr()).toContain('FEISHU_ENCRYPT_KEY');
    expect(refused.stderr()).toContain('FEISHU_ALLOW_NO_ENCRYPT_KEY=1');
    expect(refused.stdout.join('\n')).not.toContain('监听端口');

    const accepted = start({ PORT: '0', DATABASE_URL: dbPath, ...feishu, FEISHU_ALLOW_NO_ENCRYPT_KEY: '1' });
    const port = await portOf(accepted);
    expect(accepted.stdout.some((l) => l.includes('WARN') && l.includes('未设置 FEISHU_ENCRYPT_KEY'))).toBe(true);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { warnings?: string[] };
    expect(body.warnings?.join('')).toContain('未设置 FEISHU_ENCRYPT_KEY');
  });

  describe('start-up failures', () => {
    let blocker: Server | null = null;
    afterEach(async () => {
      if (blocker) await new Promise<void>((r) => blocker?.close(() => r()));
      blocker = null;
    });

    it('a SQLite file or directory the server may not write: refuses to start, naming the file and what to fix (issue 17 row 7)', async () => {
      const first = start({ PORT: '0', DATABASE_URL: dbPath });
      await portOf(first);
      first.child.kill('SIGTERM');
      expect((await withTimeout(first.exited, STARTUP_MS, 'first exit')).code).toBe(0);
      // root writes whatever the permissions say: the server runs held to the owner's permissions (see start).
      const other = { asOwner: true };
      // A read-only file in a writable directory: SQLite opens it, reads it, and only refuses writes (every event a 500).
      chmodSync(dir, 0o755);
      chmodSync(join(dir, 'db'), 0o777);
      chmodSync(dbPath, 0o444);
      const readOnlyFile = start({ PORT: '0', DATABASE_URL: dbPath }, other);
      const { code } = await withTimeout(readOnlyFile.exited, 15_000, 'exit on a read-only file');
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(readOnlyFile.stdout.join('\n')).not.toContain('监听端口');
      expect(readOnlyFile.stderr()).toContain('启动失败');
      expect(readOnlyFile.stderr()).toContain(`文件 ${dbPath} 不可写`);
      expect(readOnlyFile.stderr()).toContain('写权限');

      // The file may be written but not its directory: WAL cannot create its -wal and -shm files there.
      chmodSync(dbPath, 0o666);
      chmodSync(join(dir, 'db'), 0o555);
      const readOnlyDir = start({ PORT: '0', DATABASE_URL: dbPath }, other);
      expect((await withTimeout(readOnlyDir.exited, 15_000, 'exit on a read-only directory')).code).not.toBe(0);
      expect(readOnlyDir.stdout.join('\n')).not.toContain('监听端口');
      expect(readOnlyDir.stderr()).toContain(`所在目录 ${join(dir, 'db')} 不可写`);
      chmodSync(join(dir, 'db'), 0o755);
    });

    it('a port already in use: exits non-zero saying the start failed', async () => {
      blocker = createServer();
      await new Promise<void>((r) => blocker?.listen(0, () => r()));
      const address = blocker.address();
      const busy = typeof address === 'object' && address ? address.port : 0;
      const proc = start({ PORT: String(busy), DATABASE_URL: dbPath });
      const { code } = await withTimeout(proc.exited, STARTUP_MS, 'exit on busy port');
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(proc.stderr()).toContain('启动失败');
      expect(proc.stderr()).toContain(String(busy));
    });

    it('an unreachable PostgreSQL: exits non-zero within seconds saying 无法连接数据库 with host and port, without printing the password', async () => {
      const proc = start({ PORT: '0', DATABASE_URL: 'postgres://diaodu:s3cret-pw@127.0.0.1:1/diaodu' });
      const { code } = await withTimeout(proc.exited, 15_000, 'exit on unreachable database');
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(proc.stderr()).toContain('启动失败');
      expect(proc.stdout.join('\n')).not.toContain('监听端口');
      expect(`${proc.stdout.join('\n')}${proc.stderr()}`).not.toContain('s3cret-pw');
      // Issue 17 row 16: it says the server cannot be reached, where, and why — not "数据库迁移（未知）失败".
      expect(proc.stderr()).toContain('无法连接数据库');
      expect(proc.stderr()).toContain('127.0.0.1:1');
      expect(proc.stderr()).toContain('连接被拒绝');
      expect(proc.stderr()).not.toContain('迁移');
    });
  });
});
