// The bot as an operator runs it, in a process of its own (node dist/main.mjs, as `npm start` does after building),
// so that its resident memory can be read while it works; and a bare Hono hello-world to compare it with.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');

export type ChildServer = {
  child: ChildProcess;
  base: string;
  /** Lines the process printed, for a failure's message. */
  output: () => string;
  /** Resident set of the process now, MB (Linux /proc), or null when it cannot be read. */
  rssMb(): number | null;
  /** CPU time the process has used so far (user + system), seconds, or null when it cannot be read. */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
};

/** A free local port, so that the child can be told where to listen and the bench knows it. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

function readRssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** utime + stime of /proc/PID/stat (fields 14 and 15, after the parenthesised name), in clock ticks of 1/100 s. */
function readCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function untilUp(url: string, proc: ChildProcess, output: () => string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the process exited (${proc.exitCode}) before answering ${url}:\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${ms} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts node with `args` (paths relative to the repository) and only the given environment; waits for `readyPath` to answer. */
export async function startChild(args: string[], env: Record<string, string>, readyPath: string): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: string) => {
    out = (out + chunk).slice(-20_000);
  };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const base = `http://127.0.0.1:${port}`;
  const output = () => out;
  await untilUp(`${base}${readyPath}`, child, output, 60_000);
  return {
    child,
    base,
    output,
    rssMb: () => readRssMb(child.pid),
    cpuSeconds: () => readCpuSeconds(child.pid),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Samples a process's RSS every `everyMs` until stopped: the peak, and the RSS and peak so far at named moments. */
export function sampleRss(read: () => number | null, everyMs = 100) {
  let peak = 0;
  let samples = 0;
  const marks: Array<{ at: string; rssMb: number | null; peakMb: number }> = [];
  const take = () => {
    const v = read();
    if (v !== null) {
      peak = Math.max(peak, v);
      samples += 1;
    }
    return v;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    get peakMb() {
      return peak;
    },
    marks,
    mark(at: string) {
      const v = take();
      marks.push({ at, rssMb: v === null ? null : Math.round(v * 10) / 10, peakMb: Math.round(peak * 10) / 10 });
    },
    stop() {
      clearInterval(timer);
      take();
      return { peakMb: peak, samples };
    },
  };
}
