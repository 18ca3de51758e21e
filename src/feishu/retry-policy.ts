// What a failed send becomes: tried again after a wait (Feishu's own, or a backoff with jitter) for up to a day, or
// failed for good.
import type { FeishuFailure } from './errors';

const MAX_BACKOFF_MS = 60_000;
const GIVE_UP_AFTER_MS = 24 * 3600_000;

export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 10));
  return Math.round(base * (0.5 + random() / 2)); // jitter: a crowd of retries must not arrive together
}

export type NextStep = { kind: 'retry'; waitMs: number } | { kind: 'fail'; failure: FeishuFailure };

/** After `failure` on a row made at `createdAt` and tried `attempts` times before: retry after a wait, or fail. */
export function afterFailure(failure: FeishuFailure, row: { attempts: number; createdAt: string }, now: Date): NextStep {
  if (failure.kind !== 'retry' && failure.kind !== 'token') return { kind: 'fail', failure };
  const age = now.getTime() - Date.parse(row.createdAt);
  if (age < GIVE_UP_AFTER_MS) {
    const waitMs = failure.kind === 'retry' && failure.waitMs !== null ? failure.waitMs + Math.round(Math.random() * 250) : backoffMs(row.attempts);
    return { kind: 'retry', waitMs };
  }
  return { kind: 'fail', failure: { kind: 'permanent', code: failure.code, reason: `超过 24 小时仍未送达（最后一次：${failure.reason}）` } };
}
