// Sliding-window rate limits of the Feishu message APIs, enforced strictly so tests can prove a bot stays under them.
import type { Clock } from '../clock';
import type { LimitHit, LimitScope, RateLimits } from './types';

export const DEFAULT_LIMITS: RateLimits = {
  apiPerSecond: 50,
  apiPerMinute: 1000,
  userPerSecond: 5,
  chatPerSecond: 5,
  messageUpdatesPerSecond: 5,
};

export type LimitCheck = { scope: LimitScope; key: string; limit: number; windowMs: number };
export type LimitVerdict = { ok: true } | { ok: false; scope: LimitScope; key: string; resetSeconds: number; limit: number };

export type RateLimiter = {
  /** Admits the request only if every check has room, then counts it against all of them. */
  admit(checks: LimitCheck[], path: string): LimitVerdict;
  readonly hits: LimitHit[];
  readonly limits: RateLimits;
};

export function createRateLimiter(limits: Partial<RateLimits> | undefined, clock: Clock): RateLimiter {
  const resolved: RateLimits = { ...DEFAULT_LIMITS, ...limits };
  // Timestamps of admitted requests per key. A sliding log, not fixed buckets: Feishu does not document its
  // window alignment, and the strictest reading is the one a well-behaved bot must satisfy anyway.
  const logs = new Map<string, number[]>();
  const hits: LimitHit[] = [];

  function recent(key: string, windowMs: number, now: number): number[] {
    const log = logs.get(key) ?? [];
    const kept = log.filter((t) => t > now - windowMs);
    logs.set(key, kept);
    return kept;
  }

  return {
    hits,
    limits: resolved,
    admit(checks, path) {
      const now = clock.now().getTime();
      for (const check of checks) {
        if (!Number.isFinite(check.limit)) continue;
        const log = recent(`${check.scope}|${check.key}`, check.windowMs, now);
        if (log.length >= check.limit) {
          // Rejected requests are not counted: a client that waits for the reset then gets through.
          const oldest = log[0] ?? now;
          const resetSeconds = Math.max(1, Math.ceil((oldest + check.windowMs - now) / 1000));
          hits.push({ at: new Date(now), scope: check.scope, key: check.key, path, resetSeconds });
          return { ok: false, scope: check.scope, key: check.key, resetSeconds, limit: check.limit };
        }
      }
      for (const check of checks) {
        if (!Number.isFinite(check.limit)) continue;
        logs.get(`${check.scope}|${check.key}`)?.push(now);
      }
      return { ok: true };
    },
  };
}

/** The two per-API windows every message API shares ("1000 次/分钟、50 次/秒", per API and per app). */
export function apiChecks(limits: RateLimits, api: string): LimitCheck[] {
  return [
    { scope: 'api_second', key: api, limit: limits.apiPerSecond, windowMs: 1000 },
    { scope: 'api_minute', key: api, limit: limits.apiPerMinute, windowMs: 60_000 },
  ];
}
