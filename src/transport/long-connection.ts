// FEISHU_TRANSPORT=ws: events and card callbacks over the SDK's WSClient, for deployments without a public URL.
//
// The WSClient decodes each frame, merges fragments, JSON-parses the payload and calls `eventDispatcher.invoke(data,
// {needCheck:false})`, sending back whatever it returns as the callback answer. Handing it our own object with an
// `invoke` gives us the nested schema-2.0 envelope itself, not the SDK's flattened copy, so both transports share
// one parser, one once-only memory and one set of handlers.
import * as lark from '@larksuiteoapi/node-sdk';
import type { FeishuConfig } from '../config';
import { parseBody } from '../feishu/envelope';
import type { Logger } from '../log';
import { cardResponseBody } from './card-budget';
import type { Pipeline } from './pipeline';

export type LongConnection = { state(): string; close(): void };

export type LongConnectionOptions = {
  /**
   * Seconds without any inbound frame after a ping before the socket is declared dead and re-opened (SDK default:
   * never). The SDK re-arms this watchdog at every ping, so it only ever fires if it is shorter than the PingInterval
   * Feishu hands out (120 s in practice).
   */
  pingTimeoutS?: number;
};

/** Production values; a test may lower them before startServer (vitest gives each test file its own module copy). */
export const longConnectionDefaults: Required<LongConnectionOptions> = { pingTimeoutS: 30 };

/**
 * Not on the program's clock: the SDK's WSClient keeps its own real timers (pings, the ping watchdog, reconnect
 * back-off) and offers no way to give it another clock. Everything after a frame arrives (the pipeline) is on ctx.clock.
 */
export function startLongConnection(feishu: FeishuConfig, pipeline: Pipeline, log: Logger, opts: LongConnectionOptions = {}): LongConnection {
  const dispatcher = {
    async invoke(data: unknown): Promise<Record<string, unknown>> {
      const parsed = parseBody(data);
      if (parsed.kind !== 'envelope') {
        log.warn('长连接收到无法识别的数据，已忽略', { reason: parsed.kind === 'invalid' ? parsed.reason : parsed.kind });
        return {};
      }
      const env = parsed.envelope;
      // The socket itself is authenticated with the app secret; a token, when present, must still match.
      if (env.token !== null && env.token !== feishu.verificationToken) {
        log.warn('长连接事件 Verification Token 不符，已忽略', { eventId: env.eventId });
        return {};
      }
      if (env.eventType === 'card.action.trigger') return cardResponseBody(await pipeline.acceptCard(env));
      await pipeline.acceptEvent(env);
      return {}; // a card handler must always get an object back; events too, harmlessly
    },
  };
  // Fix: the SDK's LoggerProxy hands its arguments over as ONE array (logger.error(['[ws]', 'msg'])); without the
  // flat() every line read "[ws],msg".
  const sdkLog =
    (level: 'error' | 'warn' | 'info') =>
    (...args: unknown[]) =>
      log[level](
        `[飞书长连接] ${args
          .flat()
          .map((a) => (a instanceof Error ? a.message : String(a)))
          .join(' ')}`,
      );
  const client = new lark.WSClient({
    appId: feishu.appId,
    appSecret: feishu.appSecret,
    domain: feishu.domain,
    logger: { error: sdkLog('error'), warn: sdkLog('warn'), info: () => {}, debug: () => {}, trace: () => {} },
    autoReconnect: true,
    wsConfig: { pingTimeout: opts.pingTimeoutS ?? longConnectionDefaults.pingTimeoutS },
    onReady: () => log.info('飞书长连接已建立'),
    onReconnecting: () => log.warn('飞书长连接断开，正在重连'),
    onReconnected: () => log.info('飞书长连接已恢复'),
    onError: (err) => log.error('飞书长连接失败', { error: err.message }),
  });
  void client.start({ eventDispatcher: dispatcher as unknown as lark.EventDispatcher });
  return {
    state: () => client.getConnectionStatus().state,
    close: () => client.close({ force: true }),
  };
}
