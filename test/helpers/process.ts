// The real bot as a separate process (`node dist/main.mjs`, as `npm start` runs it), to be killed with
// SIGKILL mid-work and started again: what survives is only what the database and the Feishu double hold.
import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { FeishuDouble } from '../../src/feishu-double';
import { expect } from 'vitest';
import { bj, type RoundWorld } from './round';
import { BOT_ARGS } from './entry';
import { APP, waitFor } from './feishu';

const REPO = resolve(import.meta.dirname, '../..');

export type BotProcess = {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr together. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, and resolves once the process is gone. */
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Starts the bot on `databaseUrl` (a SQLite path or postgres:// URL) against the double. Only what an operator would
 * set is passed, nothing inherited that could configure the app; `env` adds e.g. DIAODU_NOW.
 */
export function startBotProcess(
  databaseUrl: string,
  double: FeishuDouble,
  env: Record<string, string> = {},
  opts: { openFilesLimit?: number } = {},
): BotProcess {
  const full: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    TZ: 'UTC',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    FEISHU_APP_ID: APP.appId,
    FEISHU_APP_SECRET: APP.appSecret,
    FEISHU_ENCRYPT_KEY: APP.encryptKey,
    FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
    FEISHU_DOMAIN: double.url,
    ...env,
  };
  // prlimit (util-linux) execs node with a lower open-files limit, as an operator's `ulimit -n` would.
  const n = opts.openFilesLimit;
  const [cmd, args] = n ? ['prlimit', [`--nofile=${n}:${n}`, process.execPath, ...BOT_ARGS]] : [process.execPath, BOT_ARGS];
  const child = spawn(cmd, args, { cwd: REPO, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (out += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  return {
    child,
    output: () => out,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

/** The port the process listens on, once it has said so (PORT=0 picks a free one). */
export async function listeningPort(p: BotProcess, ms = 20_000): Promise<number> {
  const m = await waitFor(
    'the bot process listens',
    () => /监听端口 (\d+)/.exec(p.output()),
    (x) => x !== null,
    ms,
    50,
  );
  return Number(m?.[1]);
}

/** Kills whatever is still running of `procs` (afterEach). */
export async function killAll(procs: BotProcess[]): Promise<void> {
  for (const p of procs.splice(0)) await p.kill();
}

/**
 * The kill tests' processes: bot processes on one test world's database and double, each started at a Beijing time
 * ("2026-11-23 09:00" → DIAODU_NOW); `close` in afterAll ends whatever still runs and the world with it. `world` is
 * read when used, since the world is made in beforeAll.
 */
export function botProcesses(world: () => RoundWorld | undefined) {
  const procs: BotProcess[] = [];
  return {
    start(at: string): BotProcess {
      const { t, double } = world()!;
      const url = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
      const p = startBotProcess(url, double, { DIAODU_NOW: bj(at) });
      procs.push(p);
      return p;
    },
    /** The process started last. */
    latest: (): BotProcess | undefined => procs.at(-1),
    /** Four sends a second: what the processes send takes seconds, long enough to be killed in the middle. */
    async sendSlowly(): Promise<void> {
      const limits = JSON.stringify({ perSecond: 4, perMinute: 1000, perReceiverPerSecond: 5 });
      const r = await world()!.cli(['settings', 'set', 'feishu.sendLimits', limits], bj('2026-09-01 10:20'));
      expect(r.code, r.err).toBe(0);
    },
    /** Kills what still runs, then closes the world's double and drops its database (afterAll). */
    async close(): Promise<void> {
      await killAll(procs);
      await world()?.double.close();
      await world()?.t.drop();
    },
  };
}
