// Composing the monthly bulletin at scale: the bulletin of November for 10,000 projects with a year of weekly reports
// (seed.ts), timed cold and warm, first with no month published and then with January to October published (so
// that the corrections compare ten snapshots). Wall time and the process's CPU time are both reported: on a shared
// machine the wall time also counts other processes.
//   Run alone: npx tsx test/bench/bulletin.ts (BENCH_PROJECTS / BENCH_WEEKS shrink it); `npm run bench` runs it too.
import { fileURLToPath } from 'node:url';
import { composeBulletin } from '../../src/bulletin/compose/compose';
import { serializeSnapshot } from '../../src/domain/bulletin-snapshot';
import { bulletinText } from '../../src/bulletin/render/text';
import type { Db } from '../../src/db/connect';
import { loadSettings } from '../../src/db/settings';
import { createTestDatabase, engines } from '../helpers/db';
import { BENCH_NOW, seedBench } from './seed';

export const BULLETIN_TARGET_MS = 2000;
const MONTH = '2026-11';
const RUNS = 5;

export type BulletinTiming = { wallMs: number; cpuMs: number };
export type BulletinBench = {
  month: string;
  projects: number;
  lagging: number;
  cold: BulletinTiming;
  /** Warm runs with no month published, and with January–October published. */
  warm: { median: BulletinTiming; max: BulletinTiming };
  withPublished: { months: number; corrections: number; median: BulletinTiming; max: BulletinTiming };
  textMs: number;
  pass: boolean;
};

const round = (x: number) => Math.round(x * 10) / 10;
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; t: BulletinTiming }> {
  const wall = performance.now();
  const cpu = cpuNow();
  const value = await f();
  return { value, t: { wallMs: round(performance.now() - wall), cpuMs: round(cpuNow() - cpu) } };
}

function summary(ts: BulletinTiming[]): { median: BulletinTiming; max: BulletinTiming } {
  const pick = (k: keyof BulletinTiming, at: (xs: number[]) => number) => at(ts.map((t) => t[k]).sort((a, b) => a - b));
  const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? 0;
  const max = (xs: number[]) => xs.at(-1) ?? 0;
  return { median: { wallMs: pick('wallMs', median), cpuMs: pick('cpuMs', median) }, max: { wallMs: pick('wallMs', max), cpuMs: pick('cpuMs', max) } };
}

/** Times composeBulletin on a seeded database (see seedBench); publishes January–October on the way. */
export async function benchBulletin(db: Db, now: Date = BENCH_NOW): Promise<BulletinBench> {
  const { settings } = await loadSettings(db);
  const compose = (month: string) => composeBulletin(db, month, { settings, now });
  const cold = await timed(() => compose(MONTH));
  const warm: BulletinTiming[] = [];
  for (let i = 0; i < RUNS; i++) warm.push((await timed(() => compose(MONTH))).t);
  const text = await timed(async () => bulletinText(cold.value));
  for (let m = 1; m <= 10; m++) {
    const b = await compose(`2026-${String(m).padStart(2, '0')}`);
    await db
      .insertInto('bulletins')
      .values({
        month: b.month,
        status: 'published',
        snapshot: serializeSnapshot(b),
        composed_at: b.composedAt,
        decided_by: null,
        decided_at: b.composedAt,
        note: null,
      })
      .execute();
  }
  const published: BulletinTiming[] = [];
  let corrections = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = await timed(() => compose(MONTH));
    published.push(r.t);
    corrections = r.value.corrections.length;
  }
  const w = summary(warm);
  const p = summary(published);
  return {
    month: MONTH,
    projects: cold.value.projects,
    lagging: cold.value.lagging.length,
    cold: cold.t,
    warm: w,
    withPublished: { months: 10, corrections, ...p },
    textMs: text.t.wallMs,
    pass: Math.max(cold.t.wallMs, w.median.wallMs, p.median.wallMs) < BULLETIN_TARGET_MS,
  };
}

/** One line per engine for the bench's printout. */
export function bulletinLine(engine: string, b: BulletinBench): string {
  const t = (x: BulletinTiming) => `${x.wallMs.toFixed(0)} ms (CPU ${x.cpuMs.toFixed(0)} ms)`;
  return (
    `月通报 bulletin ${engine}: ${b.month}, ${b.projects} projects, ${b.lagging} behind 序时 — cold ${t(b.cold)}, warm median ${t(b.warm.median)} / max ${t(b.warm.max)}; ` +
    `with ${b.withPublished.months} months published: median ${t(b.withPublished.median)} / max ${t(b.withPublished.max)}; text ${b.textMs.toFixed(0)} ms — ` +
    `目标 < ${BULLETIN_TARGET_MS} ms: ${b.pass ? '通过 pass' : '未达 FAIL'}`
  );
}

async function main() {
  const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d);
  for (const engine of engines) {
    const t = await createTestDatabase(engine);
    try {
      const seeded = await seedBench(t, { projects: int(process.env.BENCH_PROJECTS, 10_000), weeks: int(process.env.BENCH_WEEKS, 52) });
      process.stderr.write(`[bench] ${engine}: seeded ${seeded.reports} reports in ${(seeded.seedMs / 1000).toFixed(1)} s; composing…\n`);
      const b = await benchBulletin(t.db);
      console.log(bulletinLine(engine, b));
      console.log(JSON.stringify(b));
    } finally {
      await t.drop();
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
