// One claimed row's send: delivered and settled as sent, or (after one token refresh) retried later or failed for
// good; a configuration failure is reported to the administrators.
import type { Clock } from '../clock';
import type { Db } from '../db/connect';
import type { Engine } from '../db/engine';
import type { ClaimedMessage } from '../db/sql/outbox-claim';
import { type OutboxOutcome, settleOutboxRow } from '../db/sql/outbox-settle';
import type { Logger } from '../log';
import type { FeishuApi } from './api';
import type { Deliver } from './deliver';
import type { CredentialWatch } from './credentials';
import { classifyThrown, type FeishuFailure } from './errors';
import { afterFailure } from './retry-policy';

export type SendOneOptions = {
  db: Db;
  engine: Engine;
  /** The claim owner the row is held by (settling touches only rows it still holds). */
  owner: string;
  deliver: Deliver;
  api: FeishuApi;
  clock: Clock;
  log: Logger;
  onConfigProblem?: (failure: FeishuFailure, row: ClaimedMessage) => Promise<void>;
  credentials: CredentialWatch;
};

/** With the app's credentials refused, a row waits this long before it is tried again (no call can succeed meanwhile). */
export const CREDENTIALS_RECHECK_MS = 10 * 60_000;

export function createSendOne(o: SendOneOptions) {
  /**
   * Writes what became of a row this sender holds (and lets go of it), retried while another process holds SQLite's
   * write lock: given up, the row would be sent again (under the same uuid).
   */
  function settleRow(row: ClaimedMessage, outcome: OutboxOutcome) {
    return o.engine.retry(() => settleOutboxRow(o.db, row.id, o.owner, row.attempts + 1, outcome));
  }

  /** Sends one row; returns false when the rest of this receiver's rows must wait (retry scheduled). */
  return async function sendOne(row: ClaimedMessage): Promise<boolean> {
    let failure: FeishuFailure | null = null;
    for (let tokenRetry = 0; tokenRetry < 2; tokenRetry++) {
      try {
        const messageId = await o.deliver(row);
        await settleRow(row, { status: 'sent', sentMessageId: messageId, sentAt: o.clock.now().toISOString() });
        o.credentials.ok();
        return true;
      } catch (err) {
        failure = classifyThrown(err);
        if (failure.kind !== 'token' || tokenRetry > 0) break;
        await o.api.evictToken(); // 99991663: the SDK would keep the rejected token until its own expiry
      }
    }
    if (!failure) return true;
    const now = o.clock.now();
    if (failure.kind === 'credentials') {
      // Not the message's fault and not a passing one: the row keeps its place and waits, the sender pauses (sender.ts).
      const nextAttemptAt = new Date(now.getTime() + CREDENTIALS_RECHECK_MS).toISOString();
      await settleRow(row, { status: 'retry', nextAttemptAt, lastError: failure.reason });
      o.credentials.report(failure);
      return false;
    }
    const next = afterFailure(failure, row, now);
    if (next.kind === 'retry') {
      const wait = next.waitMs;
      await settleRow(row, { status: 'retry', nextAttemptAt: new Date(now.getTime() + wait).toISOString(), lastError: failure.reason });
      o.log.warn('飞书消息稍后重试', { id: row.id, reason: failure.reason, waitMs: wait });
      return false;
    }
    failure = next.failure;
    await settleRow(row, { status: 'failed', lastError: `${failure.reason}${failure.code !== null ? `（错误码 ${failure.code}）` : ''}` });
    o.log.error('飞书消息发送失败，不再重试', { id: row.id, reason: failure.reason, code: failure.code });
    if (failure.kind === 'config' && o.onConfigProblem) await o.onConfigProblem(failure, row).catch(() => {});
    return true;
  };
}
