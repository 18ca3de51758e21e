// Drains the outbox within Feishu's limits: in order per receiver, retried with backoff, exactly once across crashes
// and instances (claims are row locks with an expiry; Feishu's uuid absorbs a resend after a lost response).
import { type Clock, systemClock, type Timer } from '../clock';
import type { Db } from '../db/connect';
import { engineOf } from '../db/engine';
import { type ClaimedMessage, claimDueOutbox, outboxClaimOwners, releaseOutboxClaimsOf } from '../db/sql/outbox-claim';
import { releaseOutboxRows } from '../db/sql/outbox-settle';
import type { Logger } from '../log';
import type { FeishuApi } from './api';
import { newClaimOwner, ownerIsDead } from './claim-owner';
import { createDelivery } from './deliver';
import type { FeishuFailure } from './errors';
import { createRateLimiter, FEISHU_LIMITS, type SendLimits } from './rate-limit';
import { CREDENTIALS_RECHECK_MS, createSendOne } from './send-one';
import { type CredentialWatch, createCredentialWatch } from './credentials';

export type SenderOptions = {
  db: Db;
  api: FeishuApi;
  clock: Clock;
  log: Logger;
  limits?: SendLimits;
  /**
   * The clock Feishu's rate limits are paced on (its windows measured and waited out). Feishu counts requests in real
   * time whatever time the program is set to, so by default real time (systemClock); a test whose Feishu double runs
   * on the test's manual clock passes that clock, and moves it while a send waits for a window.
   */
  pace?: Clock;
  /** How long a claim holds before another instance may take the row over (a crashed sender's rows come back). */
  lockMs?: number;
  batchSize?: number;
  concurrency?: number;
  pollMs?: number;
  /** Called once per permanent configuration failure (missing scope, quota…) so administrators hear of it. */
  onConfigProblem?: (failure: FeishuFailure, row: ClaimedMessage) => Promise<void>;
  /** Shared with the bot-identity look-up and /healthz (bot.ts); by default the sender's own. */
  credentials?: CredentialWatch;
};

export function createOutboxSender(o: SenderOptions) {
  const engine = engineOf(o.db);
  const me = newClaimOwner();
  const limiter = createRateLimiter(o.limits ?? FEISHU_LIMITS, o.pace ?? systemClock);
  const credentials = o.credentials ?? createCredentialWatch(o.log);
  const sendOne = createSendOne({ ...o, engine, owner: me, credentials, deliver: createDelivery({ db: o.db, api: o.api, limiter }) });
  /** While Feishu refuses the app's credentials, the outbox is looked at again only after this time (epoch ms). */
  let pausedUntil = 0;
  const lockMs = o.lockMs ?? 60_000;
  const batchSize = o.batchSize ?? 200;
  const concurrency = o.concurrency ?? 16;
  /** The next look at the outbox, on the program's clock (a test moves the clock to the next poll). */
  let timer: Timer | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let again = false;
  let deadClaimsChecked = false;
  /** Frees what a dead process on this host had claimed but not finished (once, before the first claim). */
  async function releaseDeadClaims(): Promise<void> {
    const dead = (await outboxClaimOwners(o.db)).filter(ownerIsDead);
    if (dead.length === 0) return;
    const rows = await engine.retry(() => releaseOutboxClaimsOf(o.db, dead));
    o.log.info('已收回上次异常退出时未发完的消息，继续发送', { rows });
  }

  async function claim(): Promise<ClaimedMessage[]> {
    const now = o.clock.now().toISOString();
    const until = new Date(o.clock.now().getTime() + lockMs).toISOString();
    return claimDueOutbox(o.db, engine, { owner: me, now, until, limit: batchSize });
  }

  async function release(rows: ClaimedMessage[]) {
    if (rows.length === 0) return;
    await engine.retry(() =>
      releaseOutboxRows(
        o.db,
        rows.map((r) => r.id),
        me,
      ),
    );
  }

  /** Claims and sends what is due now; returns how many rows were processed. */
  async function drainOnce(): Promise<number> {
    // Credentials refused: every call would be refused too. Look again now and then, never in a hot loop.
    if (credentials.problem() && o.clock.now().getTime() < pausedUntil) return 0;
    if (!deadClaimsChecked) {
      await releaseDeadClaims();
      deadClaimsChecked = true;
    }
    const rows = await engine.retry(claim);
    const groups = new Map<string, ClaimedMessage[]>();
    for (const r of rows) {
      const k = r.receiveId ?? `#${r.id}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    const queue = [...groups.values()];
    const worker = async () => {
      for (let g = queue.shift(); g; g = queue.shift()) {
        if (credentials.problem()) {
          await release(g);
          continue;
        }
        for (let i = 0; i < g.length; i++) {
          const row = g[i] as ClaimedMessage;
          if (!(await sendOne(row))) {
            await release(g.slice(i + 1));
            break;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    limiter.sweep();
    if (credentials.problem()) pausedUntil = o.clock.now().getTime() + CREDENTIALS_RECHECK_MS;
    return rows.length;
  }

  const schedule = (ms: number) => {
    if (stopped) return;
    timer?.cancel();
    timer = o.clock.after(ms, loop);
  };
  function loop() {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    // A drain's end and the next look are one step; a wake() during the drain marks `again` (it used to set a timer
    // this step then replaced with the poll's: the message waited a whole poll, for ever on a test's manual clock).
    running = drainOnce()
      .catch((err) => {
        o.log.error('发件箱处理出错', { error: (err as Error).message });
        return 0;
      })
      .then((n) => {
        running = null;
        const more = again || n >= batchSize;
        again = false;
        schedule(more ? 0 : (o.pollMs ?? 1000));
      });
  }

  return {
    instanceId: me,
    drainOnce,
    start() {
      stopped = false;
      schedule(0);
    },
    /** Something was queued: look now instead of at the next poll. */
    wake() {
      if (stopped) return;
      if (running) again = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      timer?.cancel();
      timer = null;
      await running;
    },
  };
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;
