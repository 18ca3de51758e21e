// Question answering at scale: a fixed mix of questions, asked as a leader and as a reporter through answerQuestion,
// each timed from the asker's lookup to the card serialised for sending (what on-message does for a chat message).
import type { Db } from '../../src/db/connect';
import { saveReport } from '../../src/db/reports';
import { weekStartOf } from '../../src/domain/calendar';
import { answerQuestion } from '../../src/handlers/answer/answer';
import { askerByOpenId } from '../../src/handlers/answer/asker';
import { prng, type Seeded } from './seed';

export type Kind = 'fragment' | 'name' | 'code' | 'initials' | 'typo' | 'county' | 'unit' | 'leader' | 'city' | 'list' | 'help' | 'nonsense';
export type Question = { kind: Kind; text: string };

/** 150 questions in a fixed, shuffled order, made from the seeded register's names. */
export function questionMix(s: Seeded, seed = 7): Question[] {
  const r = prng(seed);
  const qs: Question[] = [];
  const add = (kind: Kind, n: number, make: (i: number) => string) => {
    for (let i = 0; i < n; i++) qs.push({ kind, text: make(i) });
  };
  const sample = (i: number) => s.samples[i % s.samples.length]!;
  const county = (i: number) => s.counties[1 + (i % (s.counties.length - 1))]!;
  const tails = ['', '现在进展怎么样了？', '咋样了', '进度如何', '最新情况'];
  add('fragment', 30, (i) => `${sample(i).fragment.slice(0, 4 + (i % 4))}${tails[i % tails.length]}`);
  add('name', 12, (i) => `${sample(i + 7).name}${i % 2 ? '进展' : ''}`);
  add('code', 15, (i) => `${sample(i + 3).code}${['', '进展', '怎么样了'][i % 3]}`);
  add('initials', 10, (i) => sample(i + 11).initials);
  add('typo', 8, (i) => {
    const chars = [...sample(i + 5).name];
    chars.splice(2 + (i % Math.max(1, chars.length - 4)), 1);
    return chars.join('');
  });
  add('county', 15, (i) => `${county(i)}${['进度', '的项目', '重点项目情况'][i % 3]}`);
  add('unit', 5, (i) => `${s.units[(i * 29) % s.units.length]}的项目`);
  add('leader', 5, (i) => (i % 2 ? '我包联的项目' : `${s.leaders[i % s.leaders.length]}包联的项目`));
  add('city', 10, (i) => ['全市进度', '总体情况', '全市重点项目进展'][i % 3]!);
  add(
    'list',
    20,
    (i) => ['滞后项目', '红灯项目', `${county(i)}滞后项目`, `${county(i)}红灯项目`, '本周未报送', '停工项目', '待协调问题', `${county(i)}未报送`][i % 8]!,
  );
  add('help', 10, (i) => ['帮助', '你能做什么', '怎么用', '你好', '帮助一下'][i % 5]!);
  add('nonsense', 10, (i) => ['今天天气怎么样', 'asdfgh', '随便问问', '哈哈哈', '1234567', '晚上吃什么', '？？？', 'hello world', '我想请假', '中午好'][i]!);
  for (let i = qs.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [qs[i], qs[j]] = [qs[j]!, qs[i]!];
  }
  return qs;
}

export type Timing = { ms: number; kind: Kind; intent: string; asker: 'leader' | 'reporter'; text: string };

export type QuestionRun = {
  coldMs: number;
  coldQuestion: string;
  timings: Timing[];
  /** Largest resident set seen during the questions (sampled after each), MB. */
  rssPeakMb: number;
};

async function askOnce(db: Db, now: Date, openId: string, text: string): Promise<{ ms: number; intent: string }> {
  const t0 = performance.now();
  const asker = await askerByOpenId(db, openId);
  const answer = await answerQuestion(db, now, asker, text);
  JSON.stringify('card' in answer ? answer.card : answer.text);
  return { ms: performance.now() - t0, intent: answer.intent?.kind ?? 'refused' };
}

/** The first question builds the name index (cold); then the mix as the leader and as the reporter, alternately. */
export async function runQuestions(db: Db, now: Date, s: Seeded, mix: Question[] = questionMix(s)): Promise<QuestionRun> {
  let rss = process.memoryUsage().rss;
  const coldQuestion = '全市进度';
  const cold = await askOnce(db, now, s.askers.leader.openId, coldQuestion);
  const timings: Timing[] = [];
  for (const q of mix) {
    for (const asker of ['leader', 'reporter'] as const) {
      // Each question is an event of its own, as chat messages are: the event loop turns between them (on SQLite,
      // whose queries complete synchronously, it otherwise never would, and work the server leaves for between
      // answers would never run). The wait is not timed.
      await new Promise((r) => setImmediate(r));
      const got = await askOnce(db, now, s.askers[asker].openId, q.text);
      timings.push({ ...got, kind: q.kind, asker, text: q.text });
      rss = Math.max(rss, process.memoryUsage().rss);
    }
  }
  return { coldMs: cold.ms, coldQuestion, timings, rssPeakMb: rss / 2 ** 20 };
}

/** Questions of the mix asked as help that were not answered as help (the help card for a text not understood). */
export function helpNotUnderstood(run: QuestionRun): string[] {
  return [...new Set(run.timings.filter((t) => t.kind === 'help' && t.intent !== 'help').map((t) => t.text))];
}

export type AfterReportRun = { n: number; questions: string[]; p50Ms: number; p99Ms: number; maxMs: number };

/**
 * Answers are kept until a report is saved. Here each question follows a new revision of some project's report in
 * the current week, so every one recomputes the figures of all 10,000 projects: the cost during a busy round.
 */
export async function runAfterReports(db: Db, now: Date, s: Seeded, n = 20): Promise<AfterReportRun> {
  const questions = ['全市进度', '滞后项目', `${s.counties[1]}进度`, '红灯项目'];
  const period = await db
    .selectFrom('weekly_periods')
    .select('id')
    .where('week_start', '<=', weekStartOf(now))
    .orderBy('week_start', 'desc')
    .executeTakeFirstOrThrow();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const code = s.samples[i % s.samples.length]!.code;
    const project = await db.selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    await saveReport(db, project.id, period.id, {
      ytdYuan: 1_000_000 * (i + 1),
      monthEndYuan: null,
      progressText: `主体结构施工至${i + 3}层`,
      status: 'building',
      problemCategories: [],
      problemText: null,
      coordination: null,
      nextPlan: null,
      correctionReason: '统计口径调整',
      noChange: false,
      late: false,
      submittedBy: null,
      submittedAt: now,
    });
    await new Promise((r) => setImmediate(r));
    ms.push((await askOnce(db, now, s.askers.leader.openId, questions[i % questions.length]!)).ms);
  }
  return { n, questions, p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99), maxMs: Math.max(...ms) };
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
