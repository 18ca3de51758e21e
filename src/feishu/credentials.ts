// Whether Feishu accepts the app's credentials, as the sender and the bot-identity look-up last found: a refusal is
// logged once (saying which variable to fix), shown on /healthz, and pauses sending; an accepted call clears it.
import type { Logger } from '../log';
import type { FeishuFailure } from './errors';

export type CredentialsFailure = Extract<FeishuFailure, { kind: 'credentials' }>;

export type CredentialWatch = {
  /** The refusal in force, or null while the credentials work (or have not been tried). */
  problem(): CredentialsFailure | null;
  report(failure: CredentialsFailure): void;
  ok(): void;
};

export function createCredentialWatch(log: Logger): CredentialWatch {
  let current: CredentialsFailure | null = null;
  return {
    problem: () => current,
    report(failure) {
      if (!current) {
        log.error(`飞书拒绝了本应用的凭证，已暂停向飞书发送消息（待发消息保留，修正配置并重启后发出）：${failure.reason}`, { code: failure.code });
      }
      current = failure;
    },
    ok() {
      if (current) log.info('飞书已接受本应用的凭证，恢复发送消息');
      current = null;
    },
  };
}
