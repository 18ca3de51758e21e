// The Feishu side of the server, composed once: API client, outbox sender, event pipeline, webhook or long connection.
import type { Hono } from 'hono';
import { composeBulletin } from './bulletin/compose/compose';
import { bulletinActions } from './bulletin/publish/actions';
import { type BulletinDeps, type BulletinService, createBulletinService } from './bulletin/publish/publish';
import { bulletinWorkbook } from './bulletin/render/xlsx';
import { bulletinDocx } from './bulletin/render/docx';
import type { FeishuConfig } from './config';
import type { AppContext } from './context';
import { loadSettings } from './db/settings';
import { sweepInbox } from './db/sql/inbox';
import { createFeishuApi, type FeishuApi } from './feishu/api';
import type { FeishuFailure } from './feishu/errors';
import { enqueue } from './feishu/outbox';
import { createOutboxSender } from './feishu/sender';
import { answerActions } from './handlers/answer/actions';
import { type BotIdentity, learnBotIdentity } from './feishu/bot-identity';
import { createCredentialWatch } from './feishu/credentials';
import { onBotAdded } from './handlers/on-bot-added';
import { createOnCardAction } from './handlers/on-card-action';
import { createOnMessage } from './handlers/on-message';
import { adminOpenIds } from './people/people';
import { problemActions } from './handlers/problem/actions';
import { batchActions } from './handlers/batches/actions';
import { statisticsActions } from './handlers/statistics/actions';
import { tourActions } from './handlers/tours/actions';
import { roundActions } from './handlers/round/actions';
import { urgeActions } from './handlers/round/urge';
import { yearEndActions } from './handlers/round/year-end';
import { type Scheduler, startScheduler } from './jobs/scheduler';
import { startLongConnection, type LongConnection } from './transport/long-connection';
import { createPipeline } from './transport/pipeline';
import { mountWebhook } from './transport/webhook';

export type Bot = {
  api: FeishuApi;
  identity: BotIdentity;
  pipeline: ReturnType<typeof createPipeline>;
  sender: ReturnType<typeof createOutboxSender>;
  /** Approval and publication of the monthly bulletin; null until a composer is wired (BotOptions.bulletin). */
  bulletin: BulletinService | null;
  /** 'webhook', or the long connection's state ('connected', 'reconnecting', …) for /healthz. */
  transportState(): string;
  /** What keeps the bot from reaching Feishu and only the operator can fix (refused credentials), for /healthz. */
  feishuProblem(): string | null;
  /** The jobs' tick: runNow() waits for the tick in flight (the one at start, say) or runs one. */
  scheduler: Scheduler;
  stop(): Promise<void>;
};

const SWEEP_EVERY_MS = 3600_000;
/**
 * Feishu retries for up to ~7 h; remembering 8 days covers that and the "at least 7 days" promise. It must stay
 * longer than the webhook's REPLAY_WINDOW_MS: a signed request replayed after the sweep is then refused as too old.
 */
export const REMEMBER_MS = 8 * 24 * 3600_000;

/** The bulletin as deployed: composed from the stored reports, with the 附表 built by exceljs. */
const BULLETIN: BulletinDeps = { compose: composeBulletin, workbook: bulletinWorkbook, document: (b, o) => bulletinDocx(b, undefined, o) };

export type BotOptions = {
  /**
   * The bulletin's composer and 附表 builder; by default the real ones (src/bulletin/compose.ts, xlsx.ts). A test may
   * pass its own, or null: then bulletins are not composed or approved here, while groups can still be chosen and the
   * weekly digest still goes out.
   */
  bulletin?: BulletinDeps | null;
  /** The scheduler's tick every real minute (default true); see startScheduler. */
  everyMinute?: boolean;
};

export async function startBot(ctx: AppContext, feishu: FeishuConfig, app: Hono, opts: BotOptions = {}): Promise<Bot> {
  const api = createFeishuApi(feishu);
  const deps = opts.bulletin === undefined ? BULLETIN : opts.bulletin;
  const bulletin = deps ? createBulletinService(deps) : null;
  const identity: BotIdentity = { openId: null, name: null };
  const { settings } = await loadSettings(ctx.db);
  const credentials = createCredentialWatch(ctx.log);

  const sender = createOutboxSender({
    db: ctx.db,
    api,
    clock: ctx.clock,
    log: ctx.log,
    limits: settings['feishu.sendLimits'],
    credentials,
    onConfigProblem: (failure, row) => tellAdmins(ctx, failure, row.id).then(() => sender.wake()),
  });
  // Handlers and jobs may name people the register does not hold (an administrator named by open_id or mobile only).
  const names = async (openId: string) => {
    try {
      return await api.userName(openId);
    } catch (err) {
      ctx.log.warn('飞书通讯录查询姓名失败', { openId, error: (err as Error).message });
      return null;
    }
  };
  const botCtx: AppContext = { ...ctx, names };
  const pipeline = createPipeline({
    ctx: botCtx,
    handlers: { 'im.message.receive_v1': createOnMessage(identity, bulletin), 'im.chat.member.bot.added_v1': onBotAdded },
    card: createOnCardAction({
      ...roundActions,
      ...yearEndActions,
      ...urgeActions,
      ...answerActions,
      ...problemActions,
      ...batchActions,
      ...statisticsActions,
      ...tourActions,
      ...(bulletin ? bulletinActions(bulletin) : {}),
    }),
    onQueued: () => sender.wake(),
  });

  let ws: LongConnection | null = null;
  if (feishu.transport === 'ws') ws = startLongConnection(feishu, pipeline, ctx.log);
  else mountWebhook(app, feishu, pipeline, ctx.log, ctx.clock);

  void learnBotIdentity(api, identity, ctx.log, ctx.clock, { credentials });
  sender.start();
  pipeline.resume();
  const scheduler = startScheduler(botCtx, () => sender.wake(), bulletin, { everyMinute: opts.everyMinute, directory: api });
  // Hourly on the program's clock: each sweep sets the next.
  let sweep = ctx.clock.after(SWEEP_EVERY_MS, function again() {
    void sweepMemory(ctx);
    sweep = ctx.clock.after(SWEEP_EVERY_MS, again);
  });

  return {
    api,
    identity,
    pipeline,
    sender,
    bulletin,
    transportState: () => (ws ? ws.state() : 'webhook'),
    feishuProblem: () => credentials.problem()?.reason ?? null,
    scheduler,
    async stop() {
      sweep.cancel();
      scheduler.stop();
      ws?.close();
      pipeline.stop();
      await pipeline.idle();
      await sender.stop();
    },
  };
}

/** A deployment problem (missing scope, quota) reaches the administrators once a day per kind, not once per message. */
async function tellAdmins(ctx: AppContext, failure: FeishuFailure, outboxId: number): Promise<void> {
  ctx.log.error('飞书配置问题，需管理员处理', { reason: failure.reason, code: failure.code, outboxId });
  const day = ctx.clock.now().toISOString().slice(0, 10);
  const now = ctx.clock.now();
  const ids = await adminOpenIds(ctx.db);
  const text = `【调度助手】飞书接口调用失败：${failure.reason}（错误码 ${failure.code}）。受影响的消息已记为发送失败，可用 diaodu outbox list --failed 查看。`;
  await ctx.db.transaction().execute(async (tx) => {
    for (const openId of ids) {
      await enqueue(
        tx,
        { op: 'create', receiveIdType: 'open_id', receiveId: openId, msgType: 'text', content: { text } },
        now,
        `config-alert:${failure.code}:${day}:${openId}`,
      );
    }
  });
}

async function sweepMemory(ctx: AppContext): Promise<void> {
  const cutoff = new Date(ctx.clock.now().getTime() - REMEMBER_MS).toISOString();
  try {
    await sweepInbox(ctx.db, cutoff);
  } catch (err) {
    ctx.log.warn('清理已处理事件记录失败', { error: (err as Error).message });
  }
}
