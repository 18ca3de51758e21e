// Who the bot is (its open_id), learned at start from /open-apis/bot/v3/info, to recognise @-mentions.
import type { Clock } from '../clock';
import type { FeishuApi } from './api';
import type { Logger } from '../log';
import type { CredentialWatch } from './credentials';
import { classifyThrown } from './errors';

export type BotIdentity = { openId: string | null; name: string | null };

/** Asks Feishu until it answers (a few retries spaced out on the clock), without holding up the start of the server. */
export function learnBotIdentity(
  api: FeishuApi,
  identity: BotIdentity,
  log: Logger,
  clock: Clock,
  opts: { attempts?: number; credentials?: CredentialWatch } = {},
): Promise<void> {
  const attempts = opts.attempts ?? 5;
  return (async () => {
    for (let i = 0; i < attempts; i++) {
      try {
        const info = await api.botInfo();
        identity.openId = info.openId;
        identity.name = info.name;
        log.info('已获取机器人身份', { openId: info.openId, name: info.name });
        opts.credentials?.ok();
        return;
      } catch (err) {
        const failure = classifyThrown(err);
        // Refused credentials stay refused until the operator fixes them and restarts: asking again would not help.
        if (failure.kind === 'credentials' && opts.credentials) {
          opts.credentials.report(failure);
          return;
        }
        log.warn('获取机器人身份失败，稍后重试', { error: (err as Error).message });
        await clock.sleep(Math.min(30_000, 1000 * 2 ** i));
      }
    }
  })();
}
