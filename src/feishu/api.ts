// The narrow FeishuApi the bot uses, over the real SDK client; every failure becomes a FeishuCallError.
import * as lark from '@larksuiteoapi/node-sdk';
import { classifyCode, classifyThrown, FeishuCallError } from './errors';

export type SendInput = { receiveIdType: string; receiveId: string; msgType: string; content: string; uuid: string };
export type ReplyInput = { messageId: string; msgType: string; content: string; uuid: string };

export type FeishuApi = {
  send(input: SendInput): Promise<{ messageId: string }>;
  reply(input: ReplyInput): Promise<{ messageId: string }>;
  patch(input: { messageId: string; content: string }): Promise<void>;
  updateCardByToken(input: { token: string; card: unknown }): Promise<void>;
  /** Uploads a file for a file message (im/v1/files); the key it returns can be sent to any chat. */
  uploadFile(input: { fileType: string; fileName: string; data: Buffer }): Promise<{ fileKey: string }>;
  botInfo(): Promise<{ openId: string; name: string }>;
  /** Mobiles and e-mails (≤ 50 each) to open_ids; unknown ones come back with openId null, resigned people flagged. */
  batchGetIds(input: {
    mobiles: string[];
    emails: string[];
  }): Promise<Array<{ mobile: string | null; email: string | null; openId: string | null; resigned: boolean }>>;
  /**
   * A user's display name by open_id (contact/v3/users/:user_id), for people the register does not hold — an
   * administrator named in `admins` by open_id or mobile only. Null when Feishu does not show the user to this app.
   */
  userName(openId: string): Promise<string | null>;
  /** Drops the cached tenant token (after Feishu said 99991663), so the next call fetches a fresh one. */
  evictToken(): Promise<void>;
};

export type FeishuApiOptions = { appId: string; appSecret: string; domain: string; timeoutMs?: number };

type Envelope<T> = { code?: number; msg?: string; data?: T };

/** A 200 with a non-zero code is returned, not thrown, by the SDK: turn it into the same error as a thrown one. */
function unwrap<T>(res: Envelope<T> | undefined): T {
  if (!res || typeof res.code !== 'number') throw new FeishuCallError({ kind: 'retry', code: null, waitMs: null, reason: '飞书返回了无法识别的应答' });
  if (res.code !== 0) throw new FeishuCallError(classifyCode(res.code, res.msg ?? ''));
  return (res.data ?? {}) as T;
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof FeishuCallError) throw err;
    throw new FeishuCallError(classifyThrown(err));
  }
}

/** The SDK's own axios instance (it unwraps response.data), with a timeout: axios has none by default. */
function withTimeout(timeout: number): lark.HttpInstance {
  // The default instance is typed loosely (its interceptor returns response.data); only the options change here.
  const base = lark.defaultHttpInstance as unknown as lark.HttpInstance;
  return {
    request: (o) => base.request({ timeout, ...o }),
    get: (url, o) => base.get(url, { timeout, ...o }),
    delete: (url, o) => base.delete(url, { timeout, ...o }),
    head: (url, o) => base.head(url, { timeout, ...o }),
    options: (url, o) => base.options(url, { timeout, ...o }),
    post: (url, d, o) => base.post(url, d, { timeout, ...o }),
    put: (url, d, o) => base.put(url, d, { timeout, ...o }),
    patch: (url, d, o) => base.patch(url, d, { timeout, ...o }),
  };
}

export function createFeishuApi(opts: FeishuApiOptions): FeishuApi {
  // A cache per client: the SDK's default cache is a process-wide singleton keyed by appId.
  const cache = new lark.DefaultCache();
  const client = new lark.Client({
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: opts.domain,
    cache,
    httpInstance: withTimeout(opts.timeoutMs ?? 10_000),
    logger: { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} },
  });

  return {
    send: (i) =>
      call(async () => {
        const data = unwrap(
          await client.im.v1.message.create({
            params: { receive_id_type: i.receiveIdType as 'open_id' },
            data: { receive_id: i.receiveId, msg_type: i.msgType, content: i.content, uuid: i.uuid },
          }),
        );
        return { messageId: String((data as { message_id?: string }).message_id ?? '') };
      }),
    reply: (i) =>
      call(async () => {
        const data = unwrap(
          await client.im.v1.message.reply({ path: { message_id: i.messageId }, data: { msg_type: i.msgType, content: i.content, uuid: i.uuid } }),
        );
        return { messageId: String((data as { message_id?: string }).message_id ?? '') };
      }),
    patch: (i) =>
      call(async () => {
        unwrap(await client.im.v1.message.patch({ path: { message_id: i.messageId }, data: { content: i.content } }));
      }),
    updateCardByToken: (i) =>
      call(async () => {
        unwrap(
          (await client.request({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token: i.token, card: i.card } })) as Envelope<unknown>,
        );
      }),
    uploadFile: (i) =>
      call(async () => {
        // The SDK returns the envelope's `data` ({file_key}) for uploads, and null when Feishu answered a non-zero code
        // with HTTP 200 (HTTP errors throw as usual).
        const data = (await client.im.v1.file.create({ data: { file_type: i.fileType as 'xls', file_name: i.fileName, file: i.data } })) as {
          file_key?: string;
        } | null;
        if (!data?.file_key) throw new FeishuCallError({ kind: 'retry', code: null, waitMs: null, reason: '飞书未返回上传文件的 file_key' });
        return { fileKey: data.file_key };
      }),
    botInfo: () =>
      call(async () => {
        // bot/v3/info answers {code, msg, bot:{…}} — the bot sits beside code, not inside data.
        const res = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as {
          code?: number;
          msg?: string;
          bot?: { open_id?: string; app_name?: string };
        };
        if (res.code !== 0 || !res.bot?.open_id) throw new FeishuCallError(classifyCode(res.code ?? -1, res.msg ?? '无法读取机器人信息'));
        return { openId: res.bot.open_id, name: res.bot.app_name ?? '' };
      }),
    batchGetIds: (i) =>
      call(async () => {
        const data = unwrap(
          await client.contact.v3.user.batchGetId({
            params: { user_id_type: 'open_id' },
            // include_resigned: a resigned person must be reported as such, not as unknown.
            data: { mobiles: i.mobiles, emails: i.emails, include_resigned: true },
          }),
        ) as { user_list?: Array<{ mobile?: string; email?: string; user_id?: string; status?: { is_resigned?: boolean } }> };
        return (data.user_list ?? []).map((u) => ({
          mobile: u.mobile ?? null,
          email: u.email ?? null,
          openId: u.user_id ?? null,
          resigned: u.status?.is_resigned === true,
        }));
      }),
    userName: (openId) =>
      call(async () => {
        const res = (await client.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } })) as Envelope<{
          user?: { name?: string };
        }>;
        // A user outside the app's contact scope (通讯录权限范围) answers with a non-zero code such as 41050: unknown here.
        if (res && typeof res.code === 'number' && res.code !== 0) return null;
        return unwrap(res).user?.name?.trim() || null;
      }),
    evictToken: async () => {
      await cache.set(lark.CTenantAccessToken, '', 0, { namespace: opts.appId });
    },
  };
}
