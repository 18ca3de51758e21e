// Injected failures: "fail the next n calls" and seeded random failure rates, answered the way Feishu fails.
import type { Clock } from '../clock';
import { ERR, fail, type DoubleContext } from './http';
import type { FailNextOptions, FailRates, FailureKind } from './types';

const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
const DEFAULT_SLOW_MS = 5000;

type Planned = { kind: FailureKind; opts: FailNextOptions };

export type FaultInjector = {
  failNext(n: number, kind: FailureKind, opts?: FailNextOptions): void;
  /** null turns random failures off. Same seed, same sequence of requests → same failures. */
  failRate(rates: FailRates | null, seed?: number): void;
  /** Decides (and consumes) the failure for one request, if any. */
  take(path: string): Planned | null;
  pending(): number;
};

/** mulberry32: tiny, fast and good enough to make load tests reproducible. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function matches(path: string, match: string | RegExp | undefined): boolean {
  if (match === undefined) return path.startsWith('/open-apis/') && path !== TOKEN_PATH;
  return typeof match === 'string' ? path.startsWith(match) : match.test(path);
}

export function createFaultInjector(): FaultInjector {
  const queue: Planned[] = [];
  let random: { rates: [FailureKind, number][]; next: () => number } | null = null;

  return {
    failNext(n, kind, opts = {}) {
      for (let i = 0; i < n; i++) queue.push({ kind, opts });
    },
    failRate(rates, seed = 1) {
      random = rates ? { rates: Object.entries(rates).filter((e): e is [FailureKind, number] => (e[1] ?? 0) > 0), next: createPrng(seed) } : null;
    },
    take(path) {
      const index = queue.findIndex((p) => matches(path, p.opts.match));
      if (index >= 0) return queue.splice(index, 1)[0] ?? null;
      if (!random || !matches(path, undefined)) return null;
      // One draw per eligible request keeps the sequence stable whatever the rates are.
      let r = random.next();
      for (const [kind, rate] of random.rates) {
        if (r < rate) return { kind, opts: {} };
        r -= rate;
      }
      return null;
    },
    pending: () => queue.length,
  };
}

/**
 * Answers an injected failure. Returns null when the request should then be handled normally ('slow').
 * 'network' destroys the socket: the client sees ECONNRESET / "socket hang up", as on a dropped connection.
 */
export async function answerFault(c: DoubleContext, planned: Planned, clock: Clock): Promise<Response | null> {
  const record = c.get('record');
  record.fault = planned.kind;
  switch (planned.kind) {
    case 'slow':
      // On the double's clock: a test sharing one manual clock with the bot moves it past the delay.
      await clock.sleep(planned.opts.delayMs ?? DEFAULT_SLOW_MS);
      return null;
    case 'network': {
      const socket = c.env.incoming?.socket;
      if (!socket) throw new Error("the 'network' fault needs a real socket (startFeishuDouble), not app.request()");
      record.status = null;
      socket.destroy();
      return new Response(null, { status: 500 });
    }
    case 'rate_limit': {
      const reset = String(planned.opts.resetSeconds ?? 1);
      return fail(c, { ...ERR.rateLimited, headers: rateLimitHeaders(reset, 50) });
    }
    case 'chat_rate_limit':
      return fail(c, ERR.chatRateLimited);
    case 'server_error':
      return fail(c, { status: 500, code: 1500, msg: 'internal error' });
    case 'unavailable':
      // What a proxy in front of the gateway says: not JSON at all.
      record.code = null;
      return c.text('Service Unavailable', 503);
    case 'token_invalid':
      return fail(c, ERR.badToken);
    case 'quota':
      return fail(c, ERR.quota);
    case 'missing_scope':
      return fail(c, ERR.missingScope);
  }
}

/** Headers of a 429 as documented in 频控策略: the window's limit and the seconds until it resets. */
export function rateLimitHeaders(resetSeconds: string, limit: number): Record<string, string> {
  return { 'x-ogw-ratelimit-limit': String(limit), 'x-ogw-ratelimit-reset': resetSeconds };
}
