// The Hono app: the health check; the Feishu webhook (src/transport/webhook.ts) and the sandbox console are mounted on it. No route ever leaks an internal error.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppContext } from '../context';
import { databaseAnswers } from '../db/sql/health';

const DB_CHECK_TIMEOUT_MS = 2000;

async function databaseAnswersInTime(ctx: AppContext): Promise<boolean> {
  const probe = databaseAnswers(ctx.db);
  let timer: { cancel(): void } | undefined;
  const timeout = new Promise<boolean>((r) => {
    timer = ctx.clock.after(DB_CHECK_TIMEOUT_MS, () => r(false));
  });
  const ok = await Promise.race([probe, timeout]);
  timer?.cancel();
  return ok;
}

export type AppOptions = {
  /** The Feishu connection's state for /healthz ('webhook', or the long connection's 'connected', 'reconnecting'…). */
  feishuState?: () => string;
  /** Risks the operator accepted in the configuration (e.g. no Encrypt Key), listed on every /healthz answer. */
  warnings?: string[];
  /** What keeps the bot from reaching Feishu until the operator acts (refused credentials); null when nothing does. */
  feishuProblem?: () => string | null;
};

export function createApp(ctx: AppContext, opts: AppOptions = {}): Hono {
  const app = new Hono();

  app.get('/healthz', async (c) => {
    const ok = await databaseAnswersInTime(ctx);
    const feishu = opts.feishuState?.();
    // A long connection that is down means no events arrive: report it, but the process itself is healthy
    // (restarting it would not help), so the status code follows the database only.
    const warnings = opts.warnings?.length ? { warnings: opts.warnings } : {};
    // Refused credentials: nothing reaches Feishu until the operator fixes the configuration. Like a long connection
    // that is down, restarting as it is would not help, so the code still follows the database; the status says so.
    const problem = opts.feishuProblem?.() ?? null;
    const status = !ok ? 'error' : problem ? 'degraded' : 'ok';
    return c.json(
      { status, db: ok ? 'ok' : 'error', ...(feishu ? { feishu } : {}), ...(problem ? { feishuProblem: problem } : {}), ...warnings },
      ok ? 200 : 503,
    );
  });

  app.notFound((c) => c.json({ error: 'not_found' }, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    ctx.log.error('请求处理出错', { path: c.req.path, error: err.message, stack: err.stack });
    return c.json({ error: 'internal_error' }, 500);
  });
  return app;
}
