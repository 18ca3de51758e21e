// Environment configuration: one zod schema, every bad variable named in a single message, frozen result.
import { z } from 'zod';
import type { DatabaseTarget } from './db/connect';

export type { DatabaseTarget };

export type FeishuConfig = {
  appId: string;
  appSecret: string;
  encryptKey: string;
  verificationToken: string;
  domain: string;
  /** webhook: Feishu POSTs to /feishu/events; ws: the bot holds a long connection (no public URL needed). */
  transport: 'webhook' | 'ws';
  /** FEISHU_ALLOW_NO_ENCRYPT_KEY=1: the operator accepts webhook events without an Encrypt Key (see serverConfigProblems). */
  allowNoEncryptKey?: boolean;
};

export type HttpLimits = { headersTimeoutMs: number; requestTimeoutMs: number; maxConnections: number };

const positiveMs = (d: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return d;
      if (!/^\d+$/.test(v) || Number(v) < 1) {
        ctx.addIssue({ code: 'custom', message: '应为正整数' });
        return z.NEVER;
      }
      return Number(v);
    });

export type Config = Readonly<{
  port: number;
  /** The address to listen on (HOST); unset: every interface, except the sandbox, which listens on 127.0.0.1 only. */
  host?: string | null;
  database: DatabaseTarget;
  /** null when no Feishu app is configured: `npm start` then runs the sandbox (src/sandbox/) against its Feishu double. */
  feishu: FeishuConfig | null;
  /** ISO time the clock starts from (rehearsals and tests); null means the real clock. */
  now: string | null;
  /** Limits of the HTTP server (DIAODU_HTTP_*); absent: the defaults of src/server.ts. */
  http?: HttpLimits;
}>;

export const DEFAULT_SQLITE_PATH = './data/diaodu.sqlite';
const FEISHU_KEYS = ['FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'FEISHU_ENCRYPT_KEY', 'FEISHU_VERIFICATION_TOKEN'] as const;

/** Parses DATABASE_URL: unset → the default SQLite file; `sqlite:PATH` or a bare path → SQLite; postgres(ql):// → PostgreSQL. */
export function parseDatabaseUrl(raw: string | undefined): DatabaseTarget | { error: string } {
  const value = raw?.trim();
  if (!value) return { kind: 'sqlite', path: DEFAULT_SQLITE_PATH };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      if (!url.hostname && !url.searchParams.get('host')) return { error: '缺少主机名' };
      return { kind: 'postgres', url: value };
    } catch {
      return { error: '不是有效的 PostgreSQL 连接串（应为 postgres://用户@主机:端口/数据库）' };
    }
  }
  if (value.startsWith('sqlite:')) {
    // `sqlite:///abs/path` → /abs/path and `sqlite://rel/path` → rel/path: the `//` is never part of the path
    // (left in, `sqlite://data/x.sqlite` became `//data/x.sqlite`, i.e. a file at the filesystem root).
    const path = value.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) return { error: 'sqlite: 之后缺少文件路径' };
    return { kind: 'sqlite', path };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return { error: `不支持的数据库类型“${value.split(':')[0]}”（支持 SQLite 文件路径、sqlite:路径、postgres://）` };
  }
  return { kind: 'sqlite', path: value };
}

const isoTime = z
  .string()
  .trim()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) &&
      isRealDate(s.slice(0, 10)) &&
      !Number.isNaN(parseNowValue(s)),
    {
      message: '不是有效的 ISO 时间（例如 2026-11-27T09:00:00+08:00）',
    },
  );

/** Date.parse rolls 2026-02-30 over to March 2nd instead of refusing it; a typo must not silently move the clock. */
function isRealDate(ymd: string): boolean {
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}

/** A DIAODU_NOW value without an offset is read as Asia/Shanghai time, the time users think in. */
export function parseNowValue(s: string): number {
  const t = s.trim().replace(' ', 'T');
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(t);
  const withTime = t.length === 10 ? `${t}T00:00:00` : t;
  return Date.parse(hasZone ? withTime : `${withTime}+08:00`);
}

const envSchema = z.object({
  PORT: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return 3000;
      const n = Number(v);
      // Digits only: Number() would also take 1e3, 0x50 or 3000.0.
      if (!/^\d+$/.test(v) || n > 65535) {
        ctx.addIssue({ code: 'custom', message: '应为 0–65535 之间的整数' });
        return z.NEVER;
      }
      return n;
    }),
  HOST: z.string().trim().optional(),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const parsed = parseDatabaseUrl(v);
      if ('error' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed;
    }),
  FEISHU_APP_ID: z.string().trim().optional(),
  FEISHU_APP_SECRET: z.string().trim().optional(),
  FEISHU_ENCRYPT_KEY: z.string().trim().optional(),
  FEISHU_VERIFICATION_TOKEN: z.string().trim().optional(),
  FEISHU_DOMAIN: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return 'https://open.feishu.cn';
      if (!/^https?:\/\/[^\s/]+/i.test(v)) {
        ctx.addIssue({ code: 'custom', message: '应为 http(s):// 开头的地址，例如 https://open.feishu.cn' });
        return z.NEVER;
      }
      // The SDK concatenates `${domain}/open-apis/…`, so a trailing slash would double it.
      return v.replace(/\/+$/, '');
    }),
  FEISHU_TRANSPORT: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return 'webhook' as const;
      if (v !== 'webhook' && v !== 'ws') {
        ctx.addIssue({ code: 'custom', message: '应为 webhook（事件推送到 /feishu/events）或 ws（长连接）' });
        return z.NEVER;
      }
      return v;
    }),
  FEISHU_ALLOW_NO_ENCRYPT_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v || v === '0') return false;
      if (v !== '1') {
        ctx.addIssue({ code: 'custom', message: '应为 1（接受不设 Encrypt Key 的风险）或留空' });
        return z.NEVER;
      }
      return true;
    }),
  DIAODU_NOW: isoTime.optional().or(z.literal('').transform(() => undefined)),
  // Feishu's servers send a whole request within milliseconds: a client that takes longer is cut within seconds.
  DIAODU_HTTP_HEADERS_TIMEOUT_MS: positiveMs(5000),
  DIAODU_HTTP_REQUEST_TIMEOUT_MS: positiveMs(10_000),
  DIAODU_HTTP_MAX_CONNECTIONS: positiveMs(512),
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误，程序未启动：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the whole environment at once and throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const result = envSchema.safeParse(env);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      // A connection string may carry a password: the message goes to logs, so mask it (as startup.ts does).
      const shown = (env[key] ?? '').replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
      problems.push(`${key}=${JSON.stringify(shown)}：${issue.message}`);
    }
  }
  const present = FEISHU_KEYS.filter((k) => (env[k] ?? '').trim() !== '');
  // Encrypt Key is optional in Feishu's console (events then arrive unencrypted and unsigned), the other three are not.
  const required = FEISHU_KEYS.filter((k) => k !== 'FEISHU_ENCRYPT_KEY');
  const missing = required.filter((k) => (env[k] ?? '').trim() === '');
  if (present.length > 0 && missing.length > 0) {
    problems.push(`飞书应用配置不完整，缺少：${missing.join('、')}（要么全部填写，要么全部不填以沙箱模式运行）`);
  }
  // The SDK's WSClient.start() silently does nothing (it only logs) for an App ID that is not cli_ + 16 hex digits.
  const appId = (env.FEISHU_APP_ID ?? '').trim();
  if (result.success && result.data.FEISHU_TRANSPORT === 'ws' && appId && !/^cli_[0-9a-f]{16}$/i.test(appId)) {
    problems.push(`FEISHU_APP_ID=${JSON.stringify(appId)}：长连接（FEISHU_TRANSPORT=ws）需要形如 cli_ 加 16 位十六进制的 App ID`);
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  const v = result.data;
  const feishu: FeishuConfig | null =
    present.length === 0
      ? null
      : {
          appId: v.FEISHU_APP_ID!,
          appSecret: v.FEISHU_APP_SECRET!,
          encryptKey: v.FEISHU_ENCRYPT_KEY ?? '',
          verificationToken: v.FEISHU_VERIFICATION_TOKEN!,
          domain: v.FEISHU_DOMAIN,
          transport: v.FEISHU_TRANSPORT,
          allowNoEncryptKey: v.FEISHU_ALLOW_NO_ENCRYPT_KEY,
        };
  return Object.freeze({
    port: v.PORT,
    host: v.HOST || null,
    database: v.DATABASE_URL,
    feishu,
    now: v.DIAODU_NOW ?? null,
    http: {
      headersTimeoutMs: v.DIAODU_HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: Math.max(v.DIAODU_HTTP_REQUEST_TIMEOUT_MS, v.DIAODU_HTTP_HEADERS_TIMEOUT_MS),
      maxConnections: v.DIAODU_HTTP_MAX_CONNECTIONS,
    },
  });
}

/**
 * What the server refuses to start with, though a command line tool may run with it (it receives no events). Without
 * an Encrypt Key, webhook events arrive in clear and unsigned: the verification token inside every event is all that
 * proves Feishu sent it, so anyone who has seen one event could submit forms as anyone.
 */
export function serverConfigProblems(config: Config): string[] {
  const f = config.feishu;
  if (f?.transport !== 'webhook' || f.encryptKey || f.allowNoEncryptKey) return [];
  return [
    'FEISHU_ENCRYPT_KEY 未设置：事件推送（webhook）方式下，飞书事件将以明文、无签名方式送达，任何获得校验令牌者均可冒用他人身份提交表单。' +
      '请在开发者后台“事件与回调 → 加密策略”中设置 Encrypt Key 并填入 FEISHU_ENCRYPT_KEY；确需不加密运行的，请设置 FEISHU_ALLOW_NO_ENCRYPT_KEY=1 表示接受该风险',
  ];
}
