// Fan-out: a weekly round opens (what `diaodu round open` runs: one list card per reporter and unit, queued in one
// transaction) and the running server delivers the cards through the Feishu double, which enforces Feishu's limits
// (50 messages a second and 1,000 a minute app-wide, 5 a second to one user). Measured over the first `window` cards.
import { engineOf } from '../../src/db/engine';
import { createClock } from '../../src/clock';
import type { Config } from '../../src/config';
import type { Db } from '../../src/db/connect';
import type { FeishuDouble } from '../../src/feishu-double';
import { periodForWeek } from '../../src/handlers/round/plan';
import { runRoundStep } from '../../src/handlers/round/steps';
import { silentLogger } from '../../src/log';

/** Feishu's app-wide send rate, messages a second: the figure is the achieved rate over this. */
export const FEISHU_PER_SECOND = 50;

export type FanoutResult = {
  week: string;
  /** Cards the round queued (one per reporter and unit). */
  queued: number;
  /** From the command to the commit of the queued cards. */
  queueMs: number;
  /** From the commit to the first card delivered (the server polls its outbox each second). */
  firstAfterMs: number;
  /** How many cards were waited for, and the whole seconds from the first of them the rate is counted over. */
  window: number;
  windowSeconds: number;
  msgsPerSecond: number;
  ratio: number;
  /** Times the double refused a send for a rate limit (the server's own limiter should keep this 0). */
  limitHits: number;
  timedOut: boolean;
};

export async function runFanout(o: {
  db: Db;
  config: Config;
  double: FeishuDouble;
  week: string;
  now: string;
  window: number;
  timeoutMs: number;
}): Promise<FanoutResult> {
  // Created after the server started from the same DIAODU_NOW, this clock is a little behind the server's: the cards'
  // send-not-before is never in the server's future.
  const ctx = { config: o.config, db: o.db, engine: engineOf(o.db), clock: createClock(o.now), log: silentLogger };
  // The week's period as the round's steps find it (the server's scheduler has usually created it already).
  const found = await periodForWeek(o.db, o.week, ctx.clock.now());
  if (!found.ok) throw new Error(`no round in the week of ${o.week}: ${found.reason}`);
  const period = found.period;
  const seen = o.double.messages.length;
  const hitsBefore = o.double.limitHits.length;
  const t0 = Date.now();
  const outcome = await runRoundStep(ctx, 'open', period);
  const queuedAt = Date.now();
  if (!outcome.ran) throw new Error(`the round of ${o.week} had already been opened`);
  const want = Math.min(o.window, outcome.messages);
  const cards = () => o.double.messages.slice(seen).filter((m) => m.via === 'create' && m.msg_type === 'interactive');
  const deadline = queuedAt + o.timeoutMs;
  while (cards().length < want && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const times = cards()
    .map((m) => m.created_at.getTime())
    .sort((a, b) => a - b)
    .slice(0, want);
  const first = times[0] ?? queuedAt;
  // Whole seconds from the first card: at Feishu's 50 a second, 1,000 cards go out in 20 windows of a second, the last
  // batch at +19 s; counting the cards of the first 19 whole seconds (950) gives 50 a second, not 999 ÷ 19 = 52.6.
  const windowSeconds = Math.max(1, Math.floor(((times.at(-1) ?? first) - first) / 1000));
  const inWindow = times.filter((t) => t < first + windowSeconds * 1000).length;
  const msgsPerSecond = times.length > 1 ? inWindow / windowSeconds : 0;
  return {
    week: o.week,
    queued: outcome.messages,
    queueMs: queuedAt - t0,
    firstAfterMs: first - queuedAt,
    window: times.length,
    windowSeconds,
    msgsPerSecond,
    ratio: msgsPerSecond / FEISHU_PER_SECOND,
    limitHits: o.double.limitHits.length - hitsBefore,
    timedOut: times.length < want,
  };
}
