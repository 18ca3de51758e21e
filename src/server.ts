// Starts and stops the bot server: open and migrate the database, listen, shut down cleanly on a signal.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Clock } from './clock';
import type { Config, HttpLimits } from './config';
import type { AppContext } from './context';
import { openDatabase, SERVER_SQLITE_BUSY_TIMEOUT_MS, setBusyTimeout } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { databaseWriteRefusal } from './db/sql/health';
import { sqliteLooksUnwritable, sqliteUnwritableMessage } from './db/sqlite-writable';
import { type Bot, type BotOptions, startBot } from './bot';
import { createApp } from './http/app';
import type { Logger } from './log';
import { configWarnings, describeDatabase } from './startup';

export type RunningServer = { port: number; ctx: AppContext; bot: Bot | null; stop(): Promise<void> };

/** What the sandbox adds around the real server (src/sandbox/); a deployment passes none. */
export type ServerHooks = {
  /** After migration, before the bot starts and the port opens: the sandbox loads its demo data here. */
  prepare?: (ctx: AppContext) => Promise<void>;
  /** More routes on the same app, mounted before the port opens (the sandbox's web console). */
  routes?: (app: Hono, ctx: AppContext, bot: Bot | null) => void;
};

const DEFAULT_HTTP: HttpLimits = { headersTimeoutMs: 5000, requestTimeoutMs: 10_000, maxConnections: 512 };

/** The configured limits, with the connections kept under the process's open-files limit (less a reserve). */
function httpLimits(config: Config): HttpLimits {
  const l = config.http ?? DEFAULT_HTTP;
  let files = Number.POSITIVE_INFINITY;
  try {
    const m = /Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) files = Number(m[1]);
  } catch {
    // not Linux: the configured figure alone
  }
  return { ...l, maxConnections: Math.max(16, Math.min(l.maxConnections, files - 128)) };
}

/**
 * At most `max` open connections. Node's own maxConnections refuses the newest, so a flood of half-sent requests
 * would lock Feishu out until the flood's connections time out. Here the newest is accepted and the OLDEST connection
 * that has not delivered a whole request is closed instead: Feishu sends a request in milliseconds, so its
 * connections are never the oldest incomplete ones, while a flood's are. A connection whose request has arrived in
 * full is being answered and is left alone. Accepting stays possible because `max` is kept under the open-files limit.
 */
function limitConnections(server: ServerType, max: number): void {
  const open = new Set<Socket>(); // in order of arrival
  const answering = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      answering.delete(socket);
    });
    if (open.size <= max) return;
    for (const s of open) {
      if (s !== socket && !answering.has(s)) {
        open.delete(s);
        s.destroy();
        return;
      }
    }
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const whole = () => answering.add(socket);
    if (req.complete) whole();
    else req.once('end', whole);
    res.once('finish', () => answering.delete(socket));
  });
}

export async function startServer(
  config: Config,
  deps: { log: Logger; clock: Clock; hooks?: ServerHooks; bulletin?: BotOptions['bulletin']; everyMinute?: boolean },
): Promise<RunningServer> {
  const { log, clock, hooks } = deps;
  const sqlitePath = config.database.kind === 'sqlite' ? config.database.path : null;
  /** A SQLite failure on a file or directory this process may not write says so, and what to fix. */
  const explain = (err: unknown) =>
    sqlitePath && !(err as Error).message?.includes('无法写入') && sqliteLooksUnwritable(sqlitePath)
      ? new Error(sqliteUnwritableMessage(sqlitePath, (err as Error).message))
      : err;
  let opened: ReturnType<typeof openDatabase>;
  try {
    opened = openDatabase(config.database);
  } catch (err) {
    throw explain(err);
  }
  try {
    const { applied } = await migrateToLatest(opened.db, config.database);
    // SQLite opens a file it may not write read-only without a word: the server would answer /healthz and fail every
    // event with a 500. A write that is rolled back finds out now.
    const refused = sqlitePath ? await databaseWriteRefusal(opened.db) : null;
    if (sqlitePath && refused) throw new Error(sqliteUnwritableMessage(sqlitePath, refused));
    log.info(`数据库就绪：${describeDatabase(config)}${applied.length ? `，已执行迁移 ${applied.join('、')}` : ''}`);
  } catch (err) {
    await opened.close().catch(() => {});
    throw explain(err);
  }
  // Migrations may wait for the lock like a CLI command; from here on a busy database is waited for asynchronously.
  setBusyTimeout(opened, SERVER_SQLITE_BUSY_TIMEOUT_MS);
  if (config.now) log.info(`时钟已设为 ${clock.now().toISOString()}（DIAODU_NOW），此后正常走时`);
  const ctx: AppContext = { config, db: opened.db, engine: opened.engine, clock, log };
  try {
    await hooks?.prepare?.(ctx);
  } catch (err) {
    await opened.close().catch(() => {});
    throw err;
  }
  let bot: Bot | null = null;
  const warnings = configWarnings(config);
  for (const w of warnings) log.warn(w);
  const app = createApp(ctx, {
    feishuState: config.feishu ? () => bot?.transportState() ?? 'starting' : undefined,
    feishuProblem: () => bot?.feishuProblem() ?? null,
    warnings,
  });
  if (config.feishu) bot = await startBot(ctx, config.feishu, app, { bulletin: deps.bulletin, everyMinute: deps.everyMinute });
  hooks?.routes?.(app, ctx, bot);

  const limits = httpLimits(config);
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: config.port,
        ...(config.host ? { hostname: config.host } : {}),
        serverOptions: {
          // Node's defaults (60 s for headers, 300 s for a request, checked every 30 s) let a client that sends slowly
          // hold a connection, a file descriptor and its buffers for minutes.
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
          keepAliveTimeout: 5000,
          maxHeaderSize: 16 * 1024,
        },
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  if ('maxHeadersCount' in server) server.maxHeadersCount = 100;
  limitConnections(server, limits.maxConnections);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(`调度助手已启动，监听端口 ${port}；健康检查 http://localhost:${port}/healthz`);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // close() stops accepting and resolves once in-flight requests have finished; idle keep-alives are cut.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await bot?.stop();
      await opened.close();
      log.info('调度助手已停止');
    })());
  return { port, ctx, bot, stop };
}
