// `diaodu` as a separate process whose output goes to a pipe read slowly (`diaodu bulletin … | head`): every byte it
// printed arrives before it exits, and a reader that stops early (`| head -c 10`) ends it quietly.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { BENCH_NOW, seedBench } from '../bench/seed';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { REPO } from '../helpers/entry';
import { captureIo } from '../helpers/io';

/** Far more than a pipe holds (64 KiB on Linux), so the CLI must wait for its reader. */
const MIN_BYTES = 256 * 1024;
/** How long the reader sits on the pipe, once output has begun, before it reads anything. */
const READER_PAUSE_MS = 300;

type Spawned = { code: number | null; signal: NodeJS.Signals | null; stdout: number; stderr: number; stderrText: string };

/**
 * Runs `bin/diaodu.js argv` (the installed command) with stdout and stderr piped to a slow reader: once the first
 * bytes are in the pipe (each command prints its long text in one write), it waits until the process has exited or
 * READER_PAUSE_MS has passed, whichever is first, and only then reads. A CLI that exits with output still queued has
 * lost it by then. `stopAfter` closes stdout after that many bytes, as `| head -c` does.
 */
async function spawnCli(argv: string[], env: Record<string, string>, stopAfter?: number): Promise<Spawned> {
  const child = spawn(process.execPath, ['bin/diaodu.js', ...argv], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  // A 'readable' listener keeps both streams paused (nothing is read from the pipe beyond Node's own small buffer)
  // and marks them as in use, so that node does not drain them itself when the process exits.
  const begun = new Promise<void>((r) => {
    for (const s of [child.stdout, child.stderr]) s.on('readable', () => r());
  });
  await Promise.race([exited, begun]);
  await Promise.race([exited, sleep(READER_PAUSE_MS)]);
  const read = async (stream: NodeJS.ReadableStream, limit = Number.POSITIVE_INFINITY) => {
    const chunks: Buffer[] = [];
    let n = 0;
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      n += (chunk as Buffer).length;
      if (n >= limit) break; // leaving the loop destroys the stream: the reader is gone
    }
    return { n, text: Buffer.concat(chunks).toString('utf8') };
  };
  const [out, err, { code, signal }] = await Promise.all([read(child.stdout, stopAfter), read(child.stderr), exited]);
  return { code, signal, stdout: out.n, stderr: err.n, stderrText: err.text };
}

describe('the CLI as a process, writing to a slow pipe', () => {
  let t: TestDatabase;
  let env: Record<string, string>;
  const argv = ['bulletin', '--month', '2026-10', '--format', 'json'];

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await seedBench(t, { projects: 400, weeks: 43 });
    if (t.target.kind !== 'sqlite') throw new Error('unreachable');
    env = { DATABASE_URL: t.target.path, DIAODU_NOW: BENCH_NOW.toISOString() };
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('writes all of a long bulletin to stdout before it exits', async () => {
    const io = captureIo();
    expect(await runCli(argv, env, io.io), io.err.join('\n')).toBe(0);
    const expected = io.out.reduce((n, line) => n + Buffer.byteLength(`${line}\n`), 0);
    expect(expected).toBeGreaterThan(MIN_BYTES);

    const r = await spawnCli(argv, env);
    expect(r.stderrText).toBe('');
    expect({ code: r.code, signal: r.signal, stdout: r.stdout }).toEqual({ code: 0, signal: null, stdout: expected });
  });

  it('writes all of a long message to stderr before it exits, with the exit code of the command', async () => {
    const word = '未'.repeat(43_000); // 129,000 bytes in UTF-8; one argument may be up to 128 KiB
    const r = await spawnCli([word, word], {});
    expect(r.code).toBe(2);
    expect(r.stderrText.startsWith(`未知命令：${word} ${word}\n`)).toBe(true);
    expect(r.stderr).toBeGreaterThan(2 * Buffer.byteLength(word));
  });

  it('ends quietly, with the exit code of the command, when the reader stops reading early', async () => {
    const r = await spawnCli(argv, env, 10);
    expect(r.stdout).toBeGreaterThanOrEqual(10);
    expect(r.stderrText).toBe('');
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
  });
});
