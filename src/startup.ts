// Start-up text: the first line says whether a Feishu app is configured, before anything else is printed.
import { resolve } from 'node:path';
import type { Config } from './config';
import { sandboxTexts } from './sandbox/texts';

export function startupBanner(config: Config): string {
  if (!config.feishu) return sandboxTexts.banner;
  return `已配置飞书应用 ${config.feishu.appId}（开放平台地址 ${config.feishu.domain}）。`;
}

/** Risks the configuration accepted (config.ts refuses them unless told to): logged at every start and shown on /healthz. */
export function configWarnings(config: Config): string[] {
  const f = config.feishu;
  if (f && f.transport === 'webhook' && !f.encryptKey) {
    return [
      '未设置 FEISHU_ENCRYPT_KEY（已由 FEISHU_ALLOW_NO_ENCRYPT_KEY=1 接受风险）：飞书事件以明文、无签名方式送达，获得校验令牌者可冒用他人身份提交表单，请尽快设置 Encrypt Key',
    ];
  }
  return [];
}

export function describeDatabase(config: Config): string {
  return config.database.kind === 'sqlite' ? `SQLite 数据库文件 ${config.database.path}` : `PostgreSQL 数据库 ${redactUrl(config.database.url)}`;
}

/** Connection strings may carry a password: never print it. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(无法解析的地址)';
  }
}

/** Where a command writes, exactly: the SQLite file's absolute path, or the PostgreSQL URL without its password. */
export function databaseTarget(config: Config): string {
  if (config.database.kind === 'sqlite') return resolve(config.database.path);
  try {
    const u = new URL(config.database.url);
    u.password = '';
    return u.toString();
  } catch {
    return '(无法解析的地址)';
  }
}
