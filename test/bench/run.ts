// `npm run bench`: seeds a province's register (10,000 projects, 2,000 reporters, 51 weeks of reports) into a
// fresh SQLite database (and PostgreSQL when TEST_DATABASE_URL is set), runs each section below against it, prints ONE
// table and writes the same figures to bench-results/bench.json. Targets are reported as pass/fail; the process never
// fails on them.
//   BENCH_PROJECTS (10000), BENCH_WEEKS (51), BENCH_REPORTERS (2000) shrink the data set for a quick run;
//   BENCH_SECTIONS (e.g. "questions,webhook") runs only some sections; BENCH_WEBHOOK_SECONDS (10),
//   BENCH_WEBHOOK_CONNECTIONS (20), BENCH_FANOUT_WINDOW (900 cards) size the server sections; BENCH_FLOOD_CONNECTIONS
//   (400) the flood's slow connections (`BENCH_SECTIONS=flood` alone seeds nothing and takes about 30 s).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config';
import { createEventSender, type FeishuDouble, startFeishuDouble } from '../../src/feishu-double';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { BOT_ARGS, buildBot } from '../helpers/entry';
import { BULLETIN_TARGET_MS, benchBulletin } from './bulletin';
import { FEISHU_PER_SECOND, type FanoutResult, runFanout } from './fanout';
import { helpNotUnderstood, percentile, type QuestionRun, questionMix, runAfterReports, runQuestions } from './questions';
import { BENCH_NOW, MAX_WEEKS, ROUND_NOW, type Seeded, seedBench } from './seed';
import { type ChildServer, sampleRss, startChild } from './server';
import { groupMessageEvents, load, type LoadResult } from './webhook';
import { type FloodResult, runFlood } from './flood';

const P99_TARGET_MS = 100;
const E2E_TARGET_MS = 1000;
const WEBHOOK_RATIO_TARGET = 0.25;
const FANOUT_RATIO_TARGET = 0.9;
const RSS_TARGET_MB = 250;

const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d);
const projects = int(process.env.BENCH_PROJECTS, 10_000);
const weeks = int(process.env.BENCH_WEEKS, MAX_WEEKS);
const reporters = int(process.env.BENCH_REPORTERS, 2000);
const webhookSeconds = int(process.env.BENCH_WEBHOOK_SECONDS, 10);
const webhookConnections = int(process.env.BENCH_WEBHOOK_CONNECTIONS, 20);
const fanoutWindow = int(process.env.BENCH_FANOUT_WINDOW, 900);
const floodConnections = int(process.env.BENCH_FLOOD_CONNECTIONS, 400);
const FLOOD_EVENT_TARGET_MS = 1000;
/** After the flood the server is back within this much of its RSS before it. */
const FLOOD_AFTER_MARGIN_MB = 30;
const only =
  process.env.BENCH_SECTIONS?.split(',')
    .map((x) => x.trim())
    .filter(Boolean) ?? null;
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

/** One line of the table: what was measured, on what, the figures, the target and whether it was met. */
export type TableRow = { section: string; engine: string; scale: string; figures: string; target: string; pass: boolean | null; note: string };

const APP = { appId: 'cli_bench_app_0001', appSecret: 'bench-app-secret', encryptKey: 'bench-encrypt-key', verificationToken: 'bench-verification-token' };
const BOT_OPEN_ID = 'ou_bench_bot';

/** The running server of the server sections: the bot in its own process, the Feishu double it talks to, its RSS. */
type ServerEnv = { bot: ChildServer; double: FeishuDouble; rss: ReturnType<typeof sampleRss>; hello: ChildServer | null };
type Ctx = { engine: 'sqlite' | 'postgres'; t: TestDatabase; seeded: Seeded; server: ServerEnv | null };
type Section = { name: string; needsServer: boolean; needsSeed?: false; run(c: Ctx): Promise<{ rows: TableRow[]; json: unknown }> };

/** What the sections that seed nothing (the flood) see instead of a seeded register. */
const EMPTY_SEED = {
  projects: 0,
  counties: [],
  units: [],
  leaders: [],
  weeks: 0,
  reporters: 0,
  reports: 0,
  revisions: 0,
  problems: 0,
  seedMs: 0,
  askers: null,
  people: [],
  openWeek: '',
  samples: [],
} as unknown as Seeded;

const scaleOf = (s: Seeded) => `${s.projects}项目×${s.weeks}周`;

// ---------------------------------------------------------------------------------------------------------------
// 问答 question answering: askerByOpenId + answerQuestion + the card serialised, in this process.

async function questionsSection(c: Ctx) {
  const mix = questionMix(c.seeded);
  const run = await runQuestions(c.t.db, BENCH_NOW, c.seeded, mix);
  const rows: TableRow[] = (['leader', 'reporter', 'all'] as const).map((asker) => {
    const ms = run.timings.filter((t) => asker === 'all' || t.asker === asker).map((t) => t.ms);
    const p99 = percentile(ms, 99);
    const max = Math.max(...ms);
    return {
      section: `问答 ${asker === 'leader' ? '领导 leader' : asker === 'reporter' ? '填报人 reporter' : '合计 all'}`,
      engine: c.engine,
      scale: `${scaleOf(c.seeded)}，${ms.length}问`,
      figures: `p50 ${r1(percentile(ms, 50))} · p99 ${r1(p99)} · max ${r1(max)} ms；首问(冷) ${r1(run.coldMs)} ms`,
      target: `p99 < ${P99_TARGET_MS} ms；端到端 < 1 s`,
      pass: p99 < P99_TARGET_MS && Math.max(max, run.coldMs) < E2E_TARGET_MS,
      note: asker === 'all' ? '无写入时：数字取自缓存的排序' : '',
    };
  });
  const after = await runAfterReports(c.t.db, BENCH_NOW, c.seeded);
  rows.push({
    section: '问答 新填报之后 after a report',
    engine: c.engine,
    scale: `${scaleOf(c.seeded)}，${after.n}问`,
    figures: `p50 ${r1(after.p50Ms)} · p99 ${r1(after.p99Ms)} · max ${r1(after.maxMs)} ms`,
    target: `p99 < ${P99_TARGET_MS} ms`,
    pass: after.p99Ms < P99_TARGET_MS,
    note: '每问之前存一条周报：只重算该项目、调整排序',
  });
  return { rows, json: { mix: mix.length, ...summary(run), afterReport: after } };
}

function summary(run: QuestionRun) {
  const kinds = [...new Set(run.timings.map((t) => t.kind))];
  const byKind = Object.fromEntries(
    kinds.map((k) => {
      const ts = run.timings.filter((t) => t.kind === k);
      const intents: Record<string, number> = {};
      for (const t of ts) intents[t.intent] = (intents[t.intent] ?? 0) + 1;
      const ms = ts.map((t) => t.ms);
      return [k, { n: ts.length, intents, p50Ms: r1(percentile(ms, 50)), p99Ms: r1(percentile(ms, 99)), maxMs: r1(Math.max(...ms)) }];
    }),
  );
  const all = run.timings.map((t) => t.ms);
  return {
    cold: { question: run.coldQuestion, ms: r1(run.coldMs) },
    p50Ms: r1(percentile(all, 50)),
    p99Ms: r1(percentile(all, 99)),
    byKind,
    helpNotUnderstood: helpNotUnderstood(run),
    rssPeakMbInBenchProcess: r1(run.rssPeakMb),
    slowest: [...run.timings]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((x) => ({ ...x, ms: r1(x.ms) })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The server sections: the bot in a process of its own on the seeded database, with the Feishu double in this one.

async function startServerEnv(c: Ctx): Promise<ServerEnv> {
  const double = await startFeishuDouble({
    appId: APP.appId,
    appSecret: APP.appSecret,
    botOpenId: BOT_OPEN_ID,
    users: c.seeded.people.map((p) => ({ open_id: p.openId, name: p.name, mobile: p.mobile })),
  });
  const bot = await startChild(
    BOT_ARGS,
    {
      DATABASE_URL: c.t.target.kind === 'sqlite' ? c.t.target.path : c.t.target.url,
      FEISHU_APP_ID: APP.appId,
      FEISHU_APP_SECRET: APP.appSecret,
      FEISHU_ENCRYPT_KEY: APP.encryptKey,
      FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
      FEISHU_DOMAIN: double.url,
      DIAODU_NOW: ROUND_NOW,
    },
    '/healthz',
  );
  const rss = sampleRss(() => bot.rssMb());
  rss.mark('started');
  // The bot tells a group message addressed to it from others by its open_id, learned from Feishu at start.
  const deadline = Date.now() + 15_000;
  while (!double.requests.some((r) => r.path.startsWith('/open-apis/bot/v3/info') && r.status === 200)) {
    if (Date.now() > deadline) throw new Error(`the bot did not ask for its identity:\n${bot.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 200));
  // Leaders and reporters ask the server a few questions first, so that it holds what answering keeps in memory.
  const sender = createEventSender({
    botUrl: `${bot.base}/feishu/events`,
    encryptKey: APP.encryptKey,
    verificationToken: APP.verificationToken,
    appId: APP.appId,
    inbound: double,
  });
  const asked: string[] = [];
  for (const q of questionMix(c.seeded).slice(0, 10)) {
    for (const who of [c.seeded.askers.leader, c.seeded.askers.reporter]) {
      const sent = await sender.sendMessage({ text: q.text, sender: { open_id: who.openId } });
      asked.push((sent.envelope.event.message as { message_id: string }).message_id);
    }
  }
  const replied = () => asked.filter((id) => double.messages.some((m) => m.via === 'reply' && m.parent_id === id)).length;
  const until = Date.now() + 60_000;
  while (replied() < asked.length && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  log(`${c.engine}: server answered ${replied()} of ${asked.length} warm-up questions`);
  rss.mark('warm-up questions answered');
  // The monthly job, due since 5 December 09:00, composes November's draft and its 附表 at start.
  const draftBy = Date.now() + 180_000;
  const draft = () => c.t.db.selectFrom('bulletins').select('id').where('month', '=', '2026-11').where('status', '=', 'draft').executeTakeFirst();
  while (!(await draft())) {
    if (Date.now() > draftBy) throw new Error(`the server's monthly job did not compose November within 180 s:\n${bot.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`${c.engine}: the server's monthly job composed November's draft`);
  rss.mark('November composed by the monthly job');
  return { bot, double, rss, hello: null };
}

async function stopServerEnv(s: ServerEnv) {
  s.rss.stop();
  await s.bot.stop();
  await s.hello?.stop();
  await s.double.close();
}

async function inboxDrained(t: TestDatabase, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const row = await t.db
      .selectFrom('inbox')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    if (Number(row.n) === 0 || Date.now() > deadline) return Number(row.n);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function webhookSection(c: Ctx) {
  const s = c.server!;
  const url = `${s.bot.base}/feishu/events`;
  const bot: LoadResult = await load(url, { seconds: webhookSeconds, connections: webhookConnections, next: groupMessageEvents(APP) });
  const left = await inboxDrained(c.t);
  const stored = await c.t.db
    .selectFrom('inbox')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('event_type', '=', 'im.message.receive_v1')
    .executeTakeFirstOrThrow();
  s.hello = await startChild(['--import', 'tsx', 'test/bench/hello.ts'], {}, '/');
  const hello = await load(`${s.hello.base}/feishu/events`, { seconds: webhookSeconds, connections: webhookConnections, next: groupMessageEvents(APP) });
  await s.hello.stop();
  s.hello = null;
  const ratio = bot.rps / hello.rps;
  const rows: TableRow[] = [
    {
      section: 'webhook 事件 events',
      engine: c.engine,
      scale: `${webhookSeconds} s，${webhookConnections}连接`,
      figures: `${Math.round(bot.rps)}/s · p50 ${r1(bot.p50Ms)} · p99 ${r1(bot.p99Ms)} ms；hello ${Math.round(hello.rps)}/s；比值 ${r2(ratio)}`,
      target: `比值 ≥ ${WEBHOOK_RATIO_TARGET}`,
      pass: ratio >= WEBHOOK_RATIO_TARGET && bot.non2xx === 0 && bot.errors === 0,
      note: '加密签名的群消息（未@机器人）：存入收件箱、答200，后台判定无需回复',
    },
  ];
  return {
    rows,
    json: {
      events: 'im.message.receive_v1, group message not @-mentioning the bot: stored in the inbox before 200, then ignored by the handler',
      bot,
      hello,
      ratio: r2(ratio),
      inboxRows: Number(stored.n),
      inboxPendingAfter: left,
    },
  };
}

async function fanoutSection(c: Ctx) {
  const s = c.server!;
  const config = loadConfig({ PORT: '0' });
  const f: FanoutResult = await runFanout({
    db: c.t.db,
    config,
    double: s.double,
    week: c.seeded.openWeek,
    now: ROUND_NOW,
    window: fanoutWindow,
    timeoutMs: 180_000,
  });
  const rows: TableRow[] = [
    {
      section: '下发 fan-out 周调度开始',
      engine: c.engine,
      scale: `${c.seeded.projects}项目，${c.seeded.reporters}填报人，前${f.window}张卡片`,
      figures: `${r1(f.msgsPerSecond)} 条/s ÷ ${FEISHU_PER_SECOND} = ${r2(f.ratio)}；排队 ${r1(f.queueMs / 1000)} s，首条 +${r1(f.firstAfterMs / 1000)} s`,
      target: `≥ ${FANOUT_RATIO_TARGET}`,
      pass: f.ratio >= FANOUT_RATIO_TARGET && f.limitHits === 0 && !f.timedOut,
      note: `经测试替身（50/s、1000/min、每人5/s），被限流 ${f.limitHits} 次；1000/min 使2000张至少需约80 s`,
    },
  ];
  return { rows, json: { ...f, msgsPerSecond: r1(f.msgsPerSecond), ratio: r2(f.ratio), limits: s.double.limits } };
}

async function bulletinSection(c: Ctx) {
  // November stays unpublished: when the server starts (its clock after 5 December 09:00) its monthly job composes
  // November's draft with the 附表, as a deployment does, and the memory section counts that too.
  const b = await benchBulletin(c.t.db, BENCH_NOW);
  const t = (x: { wallMs: number; cpuMs: number }) => `${Math.round(x.wallMs)} ms`;
  const rows: TableRow[] = [
    {
      section: '月通报 bulletin 编制',
      engine: c.engine,
      scale: `${scaleOf(c.seeded)}，${b.month}`,
      figures: `冷 ${t(b.cold)} · 中位 ${t(b.warm.median)} · 1–10月已发布 ${t(b.withPublished.median)}`,
      target: c.engine === 'sqlite' ? `< ${BULLETIN_TARGET_MS} ms` : '—',
      pass: c.engine === 'sqlite' ? b.pass : null,
      note: `${b.lagging}个项目未达序时；含与已发布月份比对更正；文字 ${Math.round(b.textMs)} ms`,
    },
  ];
  return { rows, json: b };
}

// flood 慢连接: a server process of its own (not the seeded one), hundreds of slow connections that need no key.

async function floodSection(c: Ctx) {
  const f: FloodResult = await runFlood({
    databaseUrl: c.t.target.kind === 'sqlite' ? c.t.target.path : c.t.target.url,
    app: APP,
    connections: floodConnections,
    settleMs: 8000,
  });
  const pass = f.eventStatus === 200 && f.eventMs < FLOOD_EVENT_TARGET_MS && f.rssAfterMb <= f.rssBeforeMb + FLOOD_AFTER_MARGIN_MB;
  const rows: TableRow[] = [
    {
      section: 'flood 慢连接',
      engine: c.engine,
      scale: `${f.connections}个慢连接（半数停在请求头，半数发256 KB伪签名请求体后停住）`,
      figures: `RSS 前 ${r1(f.rssBeforeMb)} · 中 ${r1(f.rssDuringMb)}（峰 ${r1(f.rssPeakMb)}）· 后 ${r1(f.rssAfterMb)} MB；正常事件 ${r1(f.eventMs)} ms（${f.eventStatus}）`,
      target: `事件 < ${FLOOD_EVENT_TARGET_MS} ms；后 ≤ 前 + ${FLOOD_AFTER_MARGIN_MB} MB`,
      pass,
      note: `事件应答时服务已断开或拒绝 ${f.closedByServer} 个慢连接；关闭后等 8 s 再读`,
    },
  ];
  return { rows, json: { ...f, eventMs: r1(f.eventMs) } };
}

async function memorySection(c: Ctx) {
  const peak = c.server!.rss.peakMb;
  const rows: TableRow[] = [
    {
      section: '内存 server peak RSS',
      engine: c.engine,
      scale: '服务进程，整个服务区段',
      figures: `${r1(peak)} MB`,
      target: `< ${RSS_TARGET_MB} MB`,
      pass: peak > 0 && peak < RSS_TARGET_MB,
      note: `node ${BOT_ARGS.join(' ')}（即 npm start），每100 ms读 /proc 的 VmRSS`,
    },
  ];
  return { rows, json: { peakMb: r1(peak), marks: c.server!.rss.marks } };
}

/**
 * The sections, in order. Those needing the server run against one bot process started after the in-process ones;
 * `memory` stays last of them: it reports the server's peak over everything before it.
 */
const SECTIONS: Section[] = [
  { name: 'questions', needsServer: false, run: questionsSection },
  // Before the server starts, whose monthly job then composes November in the server process.
  { name: 'bulletin', needsServer: false, run: bulletinSection },
  { name: 'webhook', needsServer: true, run: webhookSection },
  { name: 'fanout', needsServer: true, run: fanoutSection },
  { name: 'memory', needsServer: true, run: memorySection },
  // Its own server process, after the shared one has stopped: its RSS is not mixed with the other sections'.
  { name: 'flood', needsServer: false, needsSeed: false, run: floodSection },
];

// ---------------------------------------------------------------------------------------------------------------

/** Width as a terminal shows it: CJK characters take two columns. */
const width = (s: string) =>
  [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(c) ? 2 : 1), 0);
const padTo = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

export function table(rows: TableRow[]): string {
  const head = ['区段 section', '引擎 engine', '规模 scale', '结果 figures', '目标 target', '达标 pass', '说明 note'];
  const body = rows.map((r) => [r.section, r.engine, r.scale, r.figures, r.target, r.pass === null ? '—' : r.pass ? '通过 pass' : '未达 FAIL', r.note]);
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]!))));
  const line = (cells: string[]) => `| ${cells.map((c, i) => padTo(c, widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main() {
  const date = new Date().toISOString();
  const loadBefore = os.loadavg().map(r2);
  const sections = SECTIONS.filter((s) => !only || only.includes(s.name));
  if (sections.some((s) => s.needsServer || s.name === 'flood')) buildBot();
  const seeding = sections.some((s) => s.needsSeed !== false);
  const rows: TableRow[] = [];
  const results = [];
  for (const engine of engines) {
    if (seeding) log(`${engine}: seeding ${projects} projects × ${weeks} weeks, ${reporters} reporters…`);
    const t = await createTestDatabase(engine);
    const c: Ctx = { engine, t, seeded: undefined as unknown as Seeded, server: null };
    const out: Record<string, unknown> = {};
    try {
      c.seeded = seeding ? await seedBench(t, { projects, weeks, reporters }) : EMPTY_SEED;
      const s = c.seeded;
      if (seeding) log(`${engine}: seeded ${s.reports} reports, ${s.revisions} revisions, ${s.problems} problems in ${(s.seedMs / 1000).toFixed(1)} s`);
      for (const section of sections) {
        if (section.needsServer && !c.server) {
          log(`${engine}: starting the server process…`);
          c.server = await startServerEnv(c);
        }
        if (section.needsSeed === false && c.server) {
          await stopServerEnv(c.server);
          c.server = null;
        }
        log(`${engine}: ${section.name}…`);
        const cpu0 = c.server?.bot.cpuSeconds() ?? null;
        const t0 = performance.now();
        const got = await section.run(c);
        const cpu1 = c.server?.bot.cpuSeconds() ?? null;
        c.server?.rss.mark(`after ${section.name}`);
        rows.push(...got.rows);
        // How busy the server process was during the section: a share of one core.
        const serverCpu =
          cpu0 !== null && cpu1 !== null ? { seconds: r1(cpu1 - cpu0), shareOfOneCore: r2((cpu1 - cpu0) / ((performance.now() - t0) / 1000)) } : null;
        out[section.name] = { ...(got.json as object), ...(serverCpu ? { serverCpu } : {}) };
      }
      results.push({
        engine,
        seed: {
          projects: s.projects,
          counties: s.counties.length,
          units: s.units.length,
          reporters: s.reporters,
          leaders: s.leaders.length,
          weeks: s.weeks,
          reports: s.reports,
          revisions: s.revisions,
          problems: s.problems,
          seedMs: r1(s.seedMs),
        },
        askers: s.askers,
        sections: out,
      });
    } finally {
      if (c.server) await stopServerEnv(c.server);
      await t.drop();
    }
  }
  // Other work on the machine takes its share of the 2 cores: the load averages (1, 5, 15 min) before and after say how much.
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: r1(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    loadAverage: { before: loadBefore, after: os.loadavg().map(r2) },
  };
  const report = {
    benchmark: '调度助手 diaodu',
    date,
    machine,
    targets: {
      questionP99Ms: P99_TARGET_MS,
      endToEndMs: E2E_TARGET_MS,
      webhookRatio: WEBHOOK_RATIO_TARGET,
      fanoutRatio: FANOUT_RATIO_TARGET,
      serverRssMb: RSS_TARGET_MB,
    },
    timed: {
      questions:
        'askerByOpenId + answerQuestion + the card serialised, per question, in the bench process; the cold question is the first (it loads the register and builds the name index)',
      webhook: 'autocannon POSTs to /feishu/events of the bot process, then of a bare Hono hello-world process, same events, same connections',
      fanout: 'round open queued by runRoundStep; cards delivered to the Feishu double by the bot process; rate from the first to the last card of the window',
      memory: 'VmRSS of the bot process, sampled every 100 ms from its start to the end of the last server section',
    },
    results,
    rows,
  };
  const file = resolve(dirname(fileURLToPath(import.meta.url)), '../../bench-results/bench.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

  console.log(
    `调度助手 benchmark (${date}; ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}; load average ${machine.loadAverage.before[0]} → ${machine.loadAverage.after[0]})`,
  );
  console.log(table(rows));
  if (weeks < MAX_WEEKS || projects < 10_000) console.log(`注意 note: a reduced data set (BENCH_PROJECTS=${projects}, BENCH_WEEKS=${weeks}).`);
  console.log(`JSON: ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
