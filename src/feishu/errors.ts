// Classifies what a Feishu call answered: retry later, renew the token, or give up (and why, in Chinese).
//
// The SDK throws an AxiosError for HTTP 4xx/5xx (Feishu's body in err.response.data, headers in
// err.response.headers) and RETURNS a 200 whose body has a non-zero code: both end up here.

export type FeishuFailure =
  | { kind: 'retry'; code: number | null; waitMs: number | null; reason: string }
  | { kind: 'token'; code: number; reason: string }
  | { kind: 'permanent'; code: number | null; reason: string }
  /** A deployment problem (missing scope, quota, IP allow-list): permanent for this message and worth telling administrators. */
  | { kind: 'config'; code: number; reason: string }
  /**
   * The app's own credentials refused at the token endpoint (wrong App Secret or App ID): no call can succeed until the
   * operator fixes the environment and restarts, so nothing is sent (and nothing failed) meanwhile.
   */
  | { kind: 'credentials'; code: number; reason: string };

const PERMANENT: Record<number, string> = {
  230001: '请求参数有误',
  230002: '机器人不在该群中',
  230013: '机器人对该用户没有可用范围权限',
  230025: '消息内容超出长度限制',
  230029: '该用户已离职',
  230031: '卡片已超过 14 天，不能再更新',
  230034: '接收者 ID 无效',
  230053: '该用户已屏蔽机器人',
  232009: '该群已解散',
  230099: '卡片内容有误',
  99991661: '请求未携带访问凭证',
};

const CONFIG: Record<number, string> = {
  99991672: '应用缺少所需权限（请在开发者后台开通权限并发布版本）',
  99991403: '本月开放平台接口调用额度已用完',
  99991401: '服务器 IP 不在应用的白名单中',
};

/** Codes of the token endpoint (auth/v3/tenant_access_token/internal) that mean the configured credentials are wrong. */
const CREDENTIALS: Record<number, string> = {
  10014: 'App Secret 无效：请核对 FEISHU_APP_SECRET 与开发者后台“凭证与基础信息”中的 App Secret 一致（重置过 App Secret 的须填新值），改后重启服务',
  10003: 'App ID 不存在或参数有误：请核对 FEISHU_APP_ID 与 FEISHU_APP_SECRET 是否为同一应用的凭证，改后重启服务',
};

/** The SDK throws a plain Error for a refused token request: "failed to get tenant_access_token, code: 10014, msg: …". */
const TOKEN_REFUSED = /failed to get (?:tenant|app)_access_token, code: (-?\d+)(?:, msg: (.*))?/;

export class FeishuCallError extends Error {
  override name = 'FeishuCallError';
  constructor(readonly failure: FeishuFailure) {
    super(`飞书接口调用失败：${failure.reason}${failure.code !== null ? `（错误码 ${failure.code}）` : ''}`);
  }
}

type AxiosLike = {
  response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
  code?: string;
  message?: string;
};

function headerSeconds(headers: Record<string, unknown> | undefined, name: string): number | null {
  const v = headers?.[name];
  const n = typeof v === 'string' || typeof v === 'number' ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n * 1000 : null;
}

/** From a Feishu business code (and HTTP status, headers when there are any) to what to do next. */
export function classifyCode(code: number, msg: string, status?: number, headers?: Record<string, unknown>): FeishuFailure {
  if (code === 99991400 || status === 429) {
    return { kind: 'retry', code, waitMs: headerSeconds(headers, 'x-ogw-ratelimit-reset'), reason: '触发飞书频率限制' };
  }
  if (code === 230020) return { kind: 'retry', code, waitMs: null, reason: '触发会话频率限制' };
  if (code === 99991663 || code === 99991664 || code === 99991665) return { kind: 'token', code, reason: '访问凭证无效或已过期' };
  const config = CONFIG[code];
  if (config) return { kind: 'config', code, reason: config };
  const permanent = PERMANENT[code];
  if (permanent) return { kind: 'permanent', code, reason: `${permanent}${msg ? `：${msg}` : ''}` };
  if (status !== undefined && status >= 500) return { kind: 'retry', code, waitMs: null, reason: `飞书服务暂时不可用（HTTP ${status}）` };
  // An unknown code on a 4xx is a request the server will keep refusing.
  return { kind: 'permanent', code, reason: msg || '未知错误' };
}

/** Anything a call threw: an AxiosError with or without a response, or a FeishuCallError already classified. */
export function classifyThrown(err: unknown): FeishuFailure {
  if (err instanceof FeishuCallError) return err.failure;
  const refused = err instanceof Error ? TOKEN_REFUSED.exec(err.message) : null;
  if (refused) {
    const code = Number(refused[1]);
    const credentials = CREDENTIALS[code];
    if (credentials) return { kind: 'credentials', code, reason: credentials };
    return { kind: 'retry', code, waitMs: null, reason: `获取飞书访问凭证失败：${refused[2] ?? ''}` };
  }
  const e = err as AxiosLike;
  const res = e?.response;
  if (res) {
    const data = (res.data ?? {}) as { code?: unknown; msg?: unknown };
    const code = typeof data.code === 'number' ? data.code : null;
    const msg = typeof data.msg === 'string' ? data.msg : '';
    if (code !== null) return classifyCode(code, msg, res.status, res.headers);
    if (res.status === 429) return { kind: 'retry', code: null, waitMs: headerSeconds(res.headers, 'x-ogw-ratelimit-reset'), reason: '触发飞书频率限制' };
    if ((res.status ?? 0) >= 500) return { kind: 'retry', code: null, waitMs: null, reason: `飞书服务暂时不可用（HTTP ${res.status}）` };
    return { kind: 'permanent', code: null, reason: `飞书返回 HTTP ${res.status}` };
  }
  // No response at all: connection refused or reset, timeout, DNS — the request may or may not have arrived.
  return { kind: 'retry', code: null, waitMs: null, reason: `网络错误：${e?.code ?? e?.message ?? String(err)}` };
}
