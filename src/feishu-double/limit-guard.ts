// Turns rate-limit verdicts into Feishu answers: 429/99991400 with reset headers, or 230020 for a busy chat.
import type { MiddlewareHandler } from 'hono';
import { rateLimitHeaders } from './faults';
import { ERR, fail, type DoubleContext, type DoubleEnv } from './http';
import { apiChecks, type LimitCheck } from './rate-limiter';
import type { DoubleState } from './state';

/** Counts a call against its API's per-app windows (50/s, 1000/min) before anything else is looked at. */
export function limitApi(state: DoubleState, api: string): MiddlewareHandler<DoubleEnv> {
  return async (c, next) => {
    const refused = admit(c, state, apiChecks(state.limiter.limits, api));
    return refused ?? next();
  };
}

/**
 * Admits or answers the refusal. Per the 错误码 pages the per-chat limit is the IM business error 230020 (HTTP 400,
 * no reset header); the gateway limits answer HTTP 429 with 99991400 and x-ogw-ratelimit-reset. Per-user and
 * per-message limits are reported like the gateway's so a client learns how long to wait.
 */
export function admit(c: DoubleContext, state: DoubleState, checks: LimitCheck[]): Response | null {
  const verdict = state.limiter.admit(checks, c.req.path);
  if (verdict.ok) return null;
  if (verdict.scope === 'chat') return fail(c, ERR.chatRateLimited);
  return fail(c, { ...ERR.rateLimited, headers: rateLimitHeaders(String(verdict.resetSeconds), verdict.limit) });
}
