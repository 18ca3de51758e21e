// Tenant token issue and the Bearer check every other Open API call goes through.
import type { Hono, MiddlewareHandler } from 'hono';
import { ERR, fail, flat, type DoubleEnv } from './http';
import { issueTenantToken, tokenValid, type DoubleState } from './state';

export const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';

export function registerAuthRoutes(app: Hono<DoubleEnv>, state: DoubleState): void {
  app.post(TOKEN_PATH, (c) => {
    const body = c.get('body') as { app_id?: unknown; app_secret?: unknown } | undefined;
    if (typeof body?.app_id !== 'string' || typeof body.app_secret !== 'string') {
      return flat(c, { code: 10003, msg: 'invalid param' });
    }
    // Platform fact (SDK TokenManager.requestToken): token failures arrive as HTTP 200 with a non-zero code and no
    // token; the SDK then throws "failed to get tenant_access_token, code: …". Hence 200 here, not 400.
    if (body.app_id !== state.appId) return flat(c, { code: 10003, msg: 'invalid param, app_id not found' });
    if (body.app_secret !== state.appSecret) return flat(c, { code: 10014, msg: 'app secret invalid' });
    const { token, expire } = issueTenantToken(state);
    // Flat, not in `data`; `expire` is seconds. The SDK caches it until 3 minutes before expiry.
    return flat(c, { code: 0, msg: 'ok', tenant_access_token: token, expire });
  });
}

/** Checks `Authorization: Bearer t-…` on every call but the token endpoint. */
export function requireTenantToken(state: DoubleState): MiddlewareHandler<DoubleEnv> {
  return async (c, next) => {
    if (c.req.path === TOKEN_PATH) return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match?.[1]) return fail(c, ERR.noToken);
    if (!tokenValid(state, match[1])) return fail(c, ERR.badToken);
    return next();
  };
}
