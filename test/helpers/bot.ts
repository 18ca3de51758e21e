// Bots for the transport tests: the real server (startServer, as main.ts runs it) against a Feishu double, and a
// smaller harness — app, pipeline with chosen handlers, webhook, outbox sender — for handlers the product has not got.
import { engineOf } from '../../src/db/engine';
import { type ServerType, serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { BulletinDeps } from '../../src/bulletin/publish/publish';
import { systemClock, type Clock } from '../../src/clock';
import { loadConfig, type Config, type DatabaseTarget } from '../../src/config';
import type { AppContext } from '../../src/context';
import type { Db } from '../../src/db/connect';
import { createFeishuApi } from '../../src/feishu/api';
import type { SendLimits } from '../../src/feishu/rate-limit';
import { createOutboxSender } from '../../src/feishu/sender';
import type { FeishuDouble } from '../../src/feishu-double';
import { createApp } from '../../src/http/app';
import { silentLogger, type Logger } from '../../src/log';
import { type RunningServer, startServer } from '../../src/server';
import type { CardHandler, EventHandler } from '../../src/scope';
import { createPipeline } from '../../src/transport/pipeline';
import { mountWebhook, WEBHOOK_PATH } from '../../src/transport/webhook';
import { feishuConfig, waitFor } from './feishu';

export type BotServer = RunningServer & { base: string; webhookUrl: string };

/** The real server on port 0, its Feishu domain the double; resolves once it knows its own open_id. */
export async function startBotServer(o: {
  database: DatabaseTarget;
  double: FeishuDouble;
  log?: Logger;
  clock?: Clock;
  bulletin?: BulletinDeps;
}): Promise<BotServer> {
  const config: Config = Object.freeze({ port: 0, database: o.database, feishu: feishuConfig(o.double), now: null });
  // A test that brings its own clock moves it and ticks the jobs itself: no background tick on the real minute.
  const server = await startServer(config, { log: o.log ?? silentLogger, clock: o.clock ?? systemClock, bulletin: o.bulletin, everyMinute: !o.clock });
  const base = `http://127.0.0.1:${server.port}`;
  await waitFor(
    'bot learns its open_id',
    () => server.bot?.identity.openId ?? null,
    (id) => id !== null,
    5000,
  );
  return { ...server, base, webhookUrl: `${base}${WEBHOOK_PATH}` };
}

export type Harness = {
  webhookUrl: string;
  base: string;
  pipeline: ReturnType<typeof createPipeline>;
  sender: ReturnType<typeof createOutboxSender>;
  close(): Promise<void>;
};

/** createApp + createPipeline(handlers, card) + mountWebhook + an outbox sender, served on a real port. */
export async function startHarness(o: {
  db: Db;
  double: FeishuDouble;
  handlers?: Record<string, EventHandler>;
  card?: CardHandler;
  cardBudgetMs?: number;
  log?: Logger;
  limits?: SendLimits;
  /** The program's clock (timers included): a manual one lets the test run out the card budget by moving it. */
  clock?: Clock;
}): Promise<Harness> {
  const log = o.log ?? silentLogger;
  const clock = o.clock ?? systemClock;
  const ctx: AppContext = { config: loadConfig({ PORT: '0' }), db: o.db, engine: engineOf(o.db), clock, log };
  const feishu = feishuConfig(o.double);
  const app = createApp(ctx);
  const sender = createOutboxSender({ db: o.db, api: createFeishuApi(feishu), clock, log, limits: o.limits, pollMs: 100 });
  const pipeline = createPipeline({
    ctx,
    handlers: o.handlers ?? {},
    card: o.card ?? (async () => ({})),
    onQueued: () => sender.wake(),
    cardBudgetMs: o.cardBudgetMs,
  });
  mountWebhook(app, feishu, pipeline, log, clock);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  sender.start();
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    webhookUrl: `${base}${WEBHOOK_PATH}`,
    pipeline,
    sender,
    async close() {
      await new Promise<void>((r) => {
        server.close(() => r());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await pipeline.idle();
      await sender.stop();
    },
  };
}
