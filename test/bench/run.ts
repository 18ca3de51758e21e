// `npm run bench`: seeds 10,000 projects with a year of weekly reports into a fresh SQLite database (and PostgreSQL
// when TEST_DATABASE_URL is set), times question answering, prints one table and writes the same figures to
// bench-results/bench.json. Targets are reported as pass/fail; the process never fails on them.
//   BENCH_PROJECTS (default 10000), BENCH_WEEKS (default 52) shrink the data set for a quick run.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, engines } from '../helpers/db';
import { benchBulletin, bulletinLine } from './bulletin';
import { percentile, type QuestionRun, runQuestions, questionMix } from './questions';
import { BENCH_NOW, seedBench } from './seed';

const P99_TARGET_MS = 100;
const E2E_TARGET_MS = 1000;

const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d);
const projects = int(process.env.BENCH_PROJECTS, 10_000);
const weeks = int(process.env.BENCH_WEEKS, 52);
const round = (x: number) => Math.round(x * 10) / 10;

type Row = {
  engine: string;
  asker: 'leader' | 'reporter' | 'all';
  projects: number;
  weeks: number;
  reports: number;
  questions: number;
  coldMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  p99Pass: boolean;
  e2ePass: boolean;
};

function rowsOf(engine: string, seeded: Awaited<ReturnType<typeof seedBench>>, run: QuestionRun): Row[] {
  return (['leader', 'reporter', 'all'] as const).map((asker) => {
    const ms = run.timings.filter((t) => asker === 'all' || t.asker === asker).map((t) => t.ms);
    const p99 = percentile(ms, 99);
    const max = Math.max(...ms);
    return {
      engine, asker, projects: seeded.projects, weeks: seeded.weeks, reports: seeded.reports, questions: ms.length,
      coldMs: round(run.coldMs), p50Ms: round(percentile(ms, 50)), p99Ms: round(p99), maxMs: round(max),
      p99Pass: p99 < P99_TARGET_MS, e2ePass: Math.max(max, run.coldMs) < E2E_TARGET_MS,
    };
  });
}

/** Per kind of question: how many, which intents they were understood as, p50 / p99 / max. */
function byKind(run: QuestionRun) {
  const kinds = [...new Set(run.timings.map((t) => t.kind))];
  return Object.fromEntries(
    kinds.map((k) => {
      const ts = run.timings.filter((t) => t.kind === k);
      const intents: Record<string, number> = {};
      for (const t of ts) intents[t.intent] = (intents[t.intent] ?? 0) + 1;
      const ms = ts.map((t) => t.ms);
      return [k, { n: ts.length, intents, p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)), maxMs: round(Math.max(...ms)) }];
    }),
  );
}

/** Width as a terminal shows it: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(c) ? 2 : 1), 0);
const padTo = (s: string, w: number, right: boolean) => (right ? ' '.repeat(Math.max(0, w - width(s))) + s : s + ' '.repeat(Math.max(0, w - width(s))));

function table(rows: Row[]): string {
  const head = ['引擎 engine', '提问者 asker', '项目 projects', '周数 weeks', '周报 reports', '问题 questions', '首问(冷) cold ms', 'p50 ms', 'p99 ms', 'max ms', `p99 < ${P99_TARGET_MS} ms`, '端到端 < 1 s'];
  const body = rows.map((r) => [
    r.engine, r.asker, String(r.projects), String(r.weeks), String(r.reports), String(r.questions), r.coldMs.toFixed(1), r.p50Ms.toFixed(1), r.p99Ms.toFixed(1), r.maxMs.toFixed(1),
    r.p99Pass ? '通过 pass' : '未达 FAIL', r.e2ePass ? '通过 pass' : '未达 FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]!))));
  const line = (cells: string[]) => `| ${cells.map((c, i) => padTo(c, widths[i]!, i >= 2 && i <= 9)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main() {
  const date = new Date().toISOString();
  const results = [];
  const rows: Row[] = [];
  for (const engine of engines) {
    process.stderr.write(`[bench] ${engine}: seeding ${projects} projects × ${weeks} weeks…\n`);
    const t = await createTestDatabase(engine);
    try {
      const seeded = await seedBench(t, { projects, weeks });
      process.stderr.write(`[bench] ${engine}: seeded ${seeded.reports} reports, ${seeded.revisions} revisions, ${seeded.problems} problems in ${(seeded.seedMs / 1000).toFixed(1)} s; asking…\n`);
      const mix = questionMix(seeded);
      const run = await runQuestions(t.db, BENCH_NOW, seeded, mix);
      const bulletin = await benchBulletin(t.db);
      const rs = rowsOf(engine, seeded, run);
      rows.push(...rs);
      results.push({
        engine,
        bulletin,
        seed: { projects: seeded.projects, counties: seeded.counties.length, units: seeded.units.length, leaders: seeded.leaders.length, weeks: seeded.weeks, reports: seeded.reports, revisions: seeded.revisions, problems: seeded.problems, seedMs: round(seeded.seedMs) },
        askers: seeded.askers,
        cold: { question: run.coldQuestion, ms: round(run.coldMs) },
        rows: rs,
        byKind: byKind(run),
        rssPeakMb: round(run.rssPeakMb),
        slowest: [...run.timings].sort((a, b) => b.ms - a.ms).slice(0, 5).map((x) => ({ ...x, ms: round(x.ms) })),
      });
    } finally {
      await t.drop();
    }
  }
  const maxRssMb = round(process.resourceUsage().maxRSS / 1024);
  const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGb: round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}`, node: process.version };
  const report = {
    benchmark: 'question answering',
    date,
    machine,
    targets: { p99Ms: P99_TARGET_MS, endToEndMs: E2E_TARGET_MS },
    timed: 'askerByOpenId + answerQuestion + the card serialised, per question; the cold question is the first after start (it builds the name index)',
    results,
    processMaxRssMb: maxRssMb,
  };
  const out = resolve(dirname(fileURLToPath(import.meta.url)), '../../bench-results/bench.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`调度助手 benchmark — 问答 question answering (${date}; ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node})`);
  console.log(table(rows));
  for (const r of results) console.log(bulletinLine(r.engine, r.bulletin));
  const rss = results.map((x) => `${x.engine} ${x.rssPeakMb} MB`).join(', ');
  console.log(`峰值内存 peak RSS during questions: ${rss}; process max RSS (incl. seeding): ${maxRssMb} MB. 目标 p99 < ${P99_TARGET_MS} ms, 端到端 < 1 s（含冷启动）。`);
  if (weeks < 52) console.log(`注意 note: only the last ${weeks} of 52 weeks were seeded (BENCH_WEEKS=${weeks}).`);
  console.log(`JSON: ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
