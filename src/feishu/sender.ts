// Drains the outbox within Feishu's limits: in order per receiver, retried with backoff, exactly once across crashes
// and instances (claims are row locks with an expiry; Feishu's uuid absorbs a resend after a lost response).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Clock, systemClock, type Timer } from '../clock';
import type { Db } from '../db/connect';
import { engineOf } from '../db/engine';
import { type ClaimedMessage, claimDueOutbox, outboxClaimOwners, releaseOutboxClaimsOf } from '../db/sql/outbox-claim';
import { outboxFileData, outboxFileHeader, saveOutboxFileKey } from '../db/sql/outbox-files';
import { type OutboxOutcome, releaseOutboxRows, settleOutboxRow } from '../db/sql/outbox-settle';
import type { Logger } from '../log';
import type { FeishuApi } from './api';
import { classifyThrown, FeishuCallError, type FeishuFailure } from './errors';
import { createRateLimiter, FEISHU_LIMITS, type SendLimits } from './rate-limit';

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
};

const MAX_BACKOFF_MS = 60_000;
const GIVE_UP_AFTER_MS = 24 * 3600_000;

/**
 * Claim owners read "host:pid:process:sender". A restarted bot would otherwise leave the claims of the process it
 * replaces (killed, crashed, power cut) untouched until they expire (lockMs, a minute), and every later message to
 * those people waits behind them. A claim is known dead when it was made on this host by a process that no longer
 * runs, or by an earlier process with this same pid (a container's pid 1).
 */
const HOST = hostname().replace(/:/g, '_');
const THIS_PROCESS = randomUUID().slice(0, 8);

function ownerIsDead(owner: string): boolean {
  const [host, pidText, processTag] = owner.split(':');
  const pid = Number(pidText);
  if (host !== HOST || !Number.isInteger(pid) || pid <= 0) return false; // another host, or the older format: let it expire
  if (pid === process.pid) return processTag !== THIS_PROCESS;
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 10));
  return Math.round(base * (0.5 + random() / 2)); // jitter: a crowd of retries must not arrive together
}

export function createOutboxSender(o: SenderOptions) {
  const engine = engineOf(o.db);
  const me = `${HOST}:${process.pid}:${THIS_PROCESS}:${randomUUID().slice(0, 8)}`;
  const limiter = createRateLimiter(o.limits ?? FEISHU_LIMITS, o.pace ?? systemClock);
  const lockMs = o.lockMs ?? 60_000;
  const batchSize = o.batchSize ?? 200;
  const concurrency = o.concurrency ?? 16;
  /** The next look at the outbox, on the program's clock (a test moves the clock to the next poll). */
  let timer: Timer | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;
  let again = false;
  let deadClaimsChecked = false;
  /** Uploads by file id, in flight or done: two chats' rows of one file, sent concurrently, share one upload. */
  const uploads = new Map<number, Promise<string>>();

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

  async function deliver(row: ClaimedMessage): Promise<string | null> {
    const answered = await limiter.acquire(row.receiveId);
    try {
      return await call(row);
    } finally {
      answered(); // the request counts against the limits until its answer is in (see rate-limit.ts)
    }
  }

  async function call(row: ClaimedMessage): Promise<string | null> {
    if (row.op === 'create') {
      return (
        await o.api.send({
          receiveIdType: row.receiveIdType ?? 'open_id',
          receiveId: row.receiveId ?? '',
          msgType: row.msgType ?? 'text',
          content: row.content,
          uuid: row.uuid,
        })
      ).messageId;
    }
    if (row.op === 'reply') {
      return (await o.api.reply({ messageId: row.targetMessageId ?? '', msgType: row.msgType ?? 'text', content: row.content, uuid: row.uuid })).messageId;
    }
    if (row.op === 'file') return sendFile(row);
    if (row.op === 'patch') {
      await o.api.patch({ messageId: row.targetMessageId ?? '', content: row.content });
      return row.targetMessageId;
    }
    const { token, card } = JSON.parse(row.content) as { token: string; card: unknown };
    await o.api.updateCardByToken({ token, card });
    return null;
  }

  /**
   * A file message: upload the stored file unless an earlier send already did (its file_key is kept, so every chat
   * and every retry reuses one upload), then send it under the row's uuid like any create.
   */
  async function sendFile(row: ClaimedMessage): Promise<string> {
    const { fileId } = JSON.parse(row.content) as { fileId: number };
    const file = await outboxFileHeader(o.db, fileId);
    if (!file) throw new FeishuCallError({ kind: 'permanent', code: null, reason: `待发送的文件（编号 ${fileId}）已不存在` });
    const fileKey = file.fileKey ?? (await uploadOnce(fileId, file.fileName, file.fileType));
    const content = JSON.stringify({ file_key: fileKey });
    return (await o.api.send({ receiveIdType: row.receiveIdType ?? 'chat_id', receiveId: row.receiveId ?? '', msgType: 'file', content, uuid: row.uuid }))
      .messageId;
  }

  function uploadOnce(fileId: number, fileName: string, fileType: string): Promise<string> {
    let pending = uploads.get(fileId);
    if (!pending) {
      pending = (async () => {
        const data = await outboxFileData(o.db, fileId);
        // The upload is a request of its own: it takes an app-wide slot besides the one the send holds.
        const answered = await limiter.acquire(null);
        let fileKey: string;
        try {
          fileKey = (await o.api.uploadFile({ fileType, fileName, data: Buffer.from(data) })).fileKey;
        } finally {
          answered();
        }
        await saveOutboxFileKey(o.db, fileId, fileKey);
        return fileKey;
      })();
      // Kept once done (a row that read no file_key a moment ago still finds it here); forgotten on failure, to retry.
      pending.catch(() => uploads.delete(fileId));
      uploads.set(fileId, pending);
    }
    return pending;
  }

  /**
   * Writes what became of a row this sender holds (and lets go of it), retried while another process holds SQLite's
   * write lock: given up, the row would be sent again (under the same uuid).
   */
  function settleRow(row: ClaimedMessage, outcome: OutboxOutcome) {
    return engine.retry(() => settleOutboxRow(o.db, row.id, me, row.attempts + 1, outcome));
  }

  /** Sends one row; returns false when the rest of this receiver's rows must wait (retry scheduled). */
  async function sendOne(row: ClaimedMessage): Promise<boolean> {
    let failure: FeishuFailure | null = null;
    for (let tokenRetry = 0; tokenRetry < 2; tokenRetry++) {
      try {
        const messageId = await deliver(row);
        await settleRow(row, { status: 'sent', sentMessageId: messageId, sentAt: o.clock.now().toISOString() });
        return true;
      } catch (err) {
        failure = classifyThrown(err);
        if (failure.kind !== 'token' || tokenRetry > 0) break;
        await o.api.evictToken(); // 99991663: the SDK would keep the rejected token until its own expiry
      }
    }
    if (!failure) return true;
    const now = o.clock.now();
    const age = now.getTime() - Date.parse(row.createdAt);
    if (failure.kind === 'retry' || failure.kind === 'token') {
      if (age < GIVE_UP_AFTER_MS) {
        const wait = failure.kind === 'retry' && failure.waitMs !== null ? failure.waitMs + Math.round(Math.random() * 250) : backoffMs(row.attempts);
        await settleRow(row, { status: 'retry', nextAttemptAt: new Date(now.getTime() + wait).toISOString(), lastError: failure.reason });
        o.log.warn('飞书消息稍后重试', { id: row.id, reason: failure.reason, waitMs: wait });
        return false;
      }
      failure = { kind: 'permanent', code: failure.code, reason: `超过 24 小时仍未送达（最后一次：${failure.reason}）` };
    }
    await settleRow(row, { status: 'failed', lastError: `${failure.reason}${failure.code !== null ? `（错误码 ${failure.code}）` : ''}` });
    o.log.error('飞书消息发送失败，不再重试', { id: row.id, reason: failure.reason, code: failure.code });
    if (failure.kind === 'config' && o.onConfigProblem) await o.onConfigProblem(failure, row).catch(() => {});
    return true;
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
    running = drainOnce()
      .catch((err) => {
        o.log.error('发件箱处理出错', { error: (err as Error).message });
        return 0;
      })
      .finally(() => {
        running = null;
      });
    void running.then((n) => {
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
      if (!stopped) schedule(0);
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
