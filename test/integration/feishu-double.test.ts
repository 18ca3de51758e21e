// The real Feishu SDK against the local test double, and the event sender against a bot stand-in: all on the wire.
import * as lark from '@larksuiteoapi/node-sdk';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import { decryptEvent, verifySignature } from '../../src/feishu/crypto';
import { createEventSender, startFeishuDouble, type FeishuDouble, type FeishuDoubleOptions } from '../../src/feishu-double';
import { waitFor } from '../helpers/feishu';

const APP_ID = 'cli_double_test0001';
const APP_SECRET = 'secret-for-tests';
const ENCRYPT_KEY = 'encrypt-key-for-tests';
const VERIFICATION_TOKEN = 'vt-for-tests';

const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };
const USERS: FeishuDoubleOptions['users'] = [
  { open_id: 'ou_zhang', name: '张三', mobile: '13011111111', email: 'zhang@example.gov.cn' },
  { open_id: 'ou_li', name: '李四', mobile: '+85291234567' },
  { open_id: 'ou_left', name: '王五', mobile: '13022222222', resigned: true },
  { open_id: 'ou_blocker', name: '赵六', blockedBot: true },
];
const CHATS: FeishuDoubleOptions['chats'] = [
  { chat_id: 'oc_project', name: '重点项目调度群', members: ['ou_zhang', 'ou_li'] },
  { chat_id: 'oc_other', name: '其他群', members: ['ou_zhang'] },
  { chat_id: 'oc_gone', name: '已解散群', members: [], dissolved: true },
  { chat_id: 'oc_nobot', name: '无机器人群', members: ['ou_li'], botInChat: false },
];

type SdkError = {
  isAxiosError?: boolean;
  code?: string;
  message: string;
  response?: { status: number; data: { code: number; msg: string }; headers: Record<string, string> };
};

async function rejection(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (err) {
    return err as SdkError;
  }
  throw new Error('expected the call to fail');
}

function sdkClient(double: FeishuDouble, appSecret = APP_SECRET) {
  return new lark.Client({ appId: APP_ID, appSecret, domain: double.url, cache: new lark.DefaultCache(), logger: quiet });
}

const text = (t: string) => JSON.stringify({ text: t });
const card = (title: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    schema: '2.0',
    header: { title: { tag: 'plain_text', content: title }, template: 'blue' },
    body: { elements: [{ tag: 'markdown', content: '本周进度' }] },
    ...extra,
  });

let double: FeishuDouble;
let client: lark.Client;
// The double's clock stands still unless a test moves it, so rate-limit windows do not depend on machine speed.
let clock: ReturnType<typeof createManualClock>;

async function sendTo(receiveIdType: string, receiveId: string, content = text('你好'), uuid?: string) {
  return client.im.v1.message.create({
    params: { receive_id_type: receiveIdType as 'open_id' },
    data: { receive_id: receiveId, msg_type: 'text', content, ...(uuid ? { uuid } : {}) },
  });
}

async function sendCardTo(receiveIdType: string, receiveId: string, content: string) {
  return client.im.v1.message.create({
    params: { receive_id_type: receiveIdType as 'open_id' },
    data: { receive_id: receiveId, msg_type: 'interactive', content },
  });
}

beforeEach(async () => {
  clock = createManualClock('2026-04-01T09:00:00+08:00');
  double = await startFeishuDouble({ appId: APP_ID, appSecret: APP_SECRET, users: USERS, chats: CHATS, clock });
  client = sdkClient(double);
});
afterEach(async () => {
  await double.close();
});

describe('token flow', () => {
  it('fetches one tenant token, caches it and sends it as a Bearer header', async () => {
    await sendTo('open_id', 'ou_zhang');
    await sendTo('open_id', 'ou_li');
    const tokenCalls = double.requests.filter((r) => r.path.endsWith('/tenant_access_token/internal'));
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]?.body).toEqual({ app_id: APP_ID, app_secret: APP_SECRET });
    const sends = double.requests.filter((r) => r.path === '/open-apis/im/v1/messages');
    expect(sends.map((r) => r.headers.authorization)).toEqual([expect.stringMatching(/^Bearer t-/), sends[0]?.headers.authorization]);
  });

  it('makes the SDK throw on a wrong app secret (HTTP 200, code 10014, no token)', async () => {
    const err = await rejection(
      sdkClient(double, 'wrong').im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: 'ou_zhang', msg_type: 'text', content: text('x') },
      }),
    );
    expect(err.message).toContain('code: 10014');
    expect(double.messages).toHaveLength(0);
  });

  it('answers 99991663 for a revoked token until the SDK cache is evicted', async () => {
    await sendTo('open_id', 'ou_zhang');
    double.revokeTokens();
    const err = await rejection(sendTo('open_id', 'ou_zhang'));
    expect(err.response?.status).toBe(400);
    expect(err.response?.data.code).toBe(99991663);
    await client.cache.set(lark.CTenantAccessToken, '', 0, { namespace: APP_ID });
    await expect(sendTo('open_id', 'ou_zhang')).resolves.toMatchObject({ code: 0 });
    expect(double.messages).toHaveLength(2);
  });

  it('answers 99991661 when no token is sent at all', async () => {
    const res = await fetch(`${double.url}/open-apis/im/v1/chats`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 99991661 });
  });
});

describe('sending', () => {
  it('delivers once per uuid: a retry gets the same message_id back', async () => {
    const first = await sendTo('open_id', 'ou_zhang', text('周报提醒'), 'round-7-ou_zhang');
    const again = await sendTo('open_id', 'ou_zhang', text('周报提醒'), 'round-7-ou_zhang');
    expect(first.data?.message_id).toMatch(/^om_/);
    expect(again.data?.message_id).toBe(first.data?.message_id);
    expect(double.messages).toHaveLength(1);
    const wire = double.requests.filter((r) => r.path === '/open-apis/im/v1/messages');
    expect(wire.map((r) => [r.query.receive_id_type, (r.body as { uuid: string }).uuid])).toEqual([
      ['open_id', 'round-7-ou_zhang'],
      ['open_id', 'round-7-ou_zhang'],
    ]);
  });

  it('replies to its own message and to a user message the event sender delivered', async () => {
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: 'oc_project', msg_type: 'interactive', content: card('调度') },
    });
    const parent = sent.data?.message_id ?? '';
    const reply = await client.im.v1.message.reply({ path: { message_id: parent }, data: { msg_type: 'text', content: text('已收到') } });
    expect(reply.data).toMatchObject({ parent_id: parent, root_id: parent, chat_id: 'oc_project' });

    const sender = createEventSender({ botUrl: 'http://127.0.0.1:9/unused', verificationToken: VERIFICATION_TOKEN, appId: APP_ID });
    const userMsg = sender.build.message({ text: '本周进度', sender: { open_id: 'ou_li' } });
    const m = userMsg.event.message as { message_id: string; chat_id: string };
    double.recordInbound({ message_id: m.message_id, chat_id: m.chat_id, chat_type: 'p2p', sender_open_id: 'ou_li' });
    const p2pReply = await client.im.v1.message.reply({ path: { message_id: m.message_id }, data: { msg_type: 'text', content: text('好的') } });
    expect(p2pReply.data?.chat_id).toBe(m.chat_id);
    expect(double.messages.at(-1)).toMatchObject({ via: 'reply', user_open_id: 'ou_li', parent_id: m.message_id });
  });

  it('refuses recipients as Feishu does', async () => {
    const codeFor = async (type: string, id: string) => (await rejection(sendTo(type, id))).response?.data.code;
    expect(await codeFor('open_id', 'ou_left')).toBe(230029);
    expect(await codeFor('open_id', 'ou_blocker')).toBe(230053);
    expect(await codeFor('chat_id', 'oc_gone')).toBe(232009);
    expect(await codeFor('chat_id', 'oc_nobot')).toBe(230002);
    expect(await codeFor('open_id', 'ou_nobody')).toBe(230034);
    await expect(sendTo('email', 'zhang@example.gov.cn')).resolves.toMatchObject({ code: 0 });
    expect(double.messages).toHaveLength(1);
  });

  it('checks content: JSON string, 30 KB cards, card JSON 2.0 properties and tags', async () => {
    const sendCard = (content: unknown) =>
      rejection(
        client.im.v1.message.create({
          params: { receive_id_type: 'open_id' },
          data: { receive_id: 'ou_zhang', msg_type: 'interactive', content: content as string },
        }),
      );
    expect((await sendCard({ text: 'object, not string' })).response?.data.code).toBe(230001);
    expect((await sendCard(card('大', { config: { summary: { content: 'x'.repeat(31 * 1024) } } }))).response?.data.code).toBe(230025);
    const unknownProp = (await sendCard(card('多余', { elements: [] }))).response?.data;
    expect(unknownProp).toMatchObject({ code: 230099, msg: expect.stringContaining('ErrCode: 200621') });
    const v1Tag = card('旧', { body: { elements: [{ tag: 'note', elements: [] }] } });
    expect((await sendCard(v1Tag)).response?.data).toMatchObject({ code: 230099, msg: expect.stringContaining('ErrCode: 200861') });
    expect(double.messages).toHaveLength(0);
  });

  it('uploads an image and a file, then sends them by key', async () => {
    const image = await client.im.v1.image.create({ data: { image_type: 'message', image: Buffer.from('PNG-bytes') } });
    const file = await client.im.v1.file.create({ data: { file_type: 'xls', file_name: '调度表.xlsx', file: Buffer.from('xlsx') } });
    expect(image?.image_key).toMatch(/^img_v3_/);
    expect(file?.file_key).toMatch(/^file_v3_/);
    await client.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: { receive_id: 'ou_zhang', msg_type: 'file', content: JSON.stringify({ file_key: file?.file_key }) },
    });
    const stranger = await rejection(
      client.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: 'ou_zhang', msg_type: 'image', content: JSON.stringify({ image_key: 'img_v3_not_ours' }) },
      }),
    );
    expect(stranger.response?.data.code).toBe(230017);
    expect(double.messages.map((m) => m.msg_type)).toEqual(['file']);
  });
});

describe('updating cards', () => {
  it('patches a sent card and refuses unknown messages', async () => {
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: 'oc_project', msg_type: 'interactive', content: card('第一版') },
    });
    const id = sent.data?.message_id ?? '';
    await expect(client.im.v1.message.patch({ path: { message_id: id }, data: { content: card('第二版') } })).resolves.toMatchObject({ code: 0 });
    expect(double.contentOf(id)).toMatchObject({ header: { title: { content: '第二版' } } });
    expect(double.updates).toEqual([expect.objectContaining({ message_id: id, via: 'patch' })]);
    const unknown = await rejection(client.im.v1.message.patch({ path: { message_id: 'om_nope' }, data: { content: card('x') } }));
    expect(unknown.response?.data.code).toBe(99992354);
  });

  it('refuses a patch 14 days after sending with 230031', async () => {
    const sent = await sendCardTo('open_id', 'ou_zhang', card('旧卡'));
    await clock.advance(15 * 24 * 3600 * 1000);
    // The double's token expired with its clock; the SDK's cache runs on real time, so evict by hand.
    await client.cache.set(lark.CTenantAccessToken, '', 0, { namespace: APP_ID });
    const err = await rejection(client.im.v1.message.patch({ path: { message_id: sent.data?.message_id ?? '' }, data: { content: card('新') } }));
    expect(err.response?.data.code).toBe(230031);
  });

  it('updates through a callback token twice, then returns (not throws) HTTP 200 with code 300040', async () => {
    const sent = await sendCardTo('chat_id', 'oc_project', card('待填报'));
    const token = double.issueCardToken(sent.data?.message_id ?? '');
    const update = () => client.request({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token, card: JSON.parse(card('已提交')) } });
    await expect(update()).resolves.toEqual({ code: 0, msg: 'ok' });
    await expect(update()).resolves.toEqual({ code: 0, msg: 'ok' });
    const third = (await update()) as { code: number };
    expect(third.code).toBe(300040);
    expect(double.updates).toHaveLength(2);
  });
});

describe('directory', () => {
  it('maps mobiles and e-mails to open_ids; unknown and resigned ones come back without user_id', async () => {
    const res = await client.contact.v3.user.batchGetId({
      params: { user_id_type: 'open_id' },
      data: { mobiles: ['13011111111', '+85291234567', '13099999999', '13022222222'], emails: ['ZHANG@example.gov.cn'] },
    });
    expect(res.data?.user_list).toEqual([
      expect.objectContaining({ email: 'ZHANG@example.gov.cn', user_id: 'ou_zhang' }),
      expect.objectContaining({ mobile: '13011111111', user_id: 'ou_zhang' }),
      expect.objectContaining({ mobile: '+85291234567', user_id: 'ou_li' }),
      { mobile: '13099999999' },
      { mobile: '13022222222' },
    ]);
    const tooMany = await rejection(client.contact.v3.user.batchGetId({ data: { mobiles: Array.from({ length: 51 }, (_, i) => `130${i}`) } }));
    expect(tooMany.response?.data.code).toBe(99992402);
  });

  it('pages the chats the bot is in and lists members', async () => {
    const first = await client.im.v1.chat.list({ params: { page_size: 1 } });
    expect(first.data).toMatchObject({ has_more: true, items: [{ chat_id: 'oc_project' }] });
    const second = await client.im.v1.chat.list({ params: { page_size: 1, page_token: first.data?.page_token ?? '' } });
    expect(second.data).toMatchObject({ has_more: false, items: [{ chat_id: 'oc_other' }] });
    const members = await client.im.v1.chatMembers.get({ path: { chat_id: 'oc_project' }, params: { member_id_type: 'open_id' } });
    expect(members.data?.items?.map((m) => [m.member_id, m.name])).toEqual([
      ['ou_zhang', '张三'],
      ['ou_li', '李四'],
    ]);
  });

  it("gives the bot's own info outside `data`", async () => {
    const res = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as { bot: { open_id: string; app_name: string } };
    expect(res.bot).toMatchObject({ open_id: 'ou_bot_double', app_name: '调度助手' });
  });
});

describe('failures and limits', () => {
  it('throws a 429 as an AxiosError with code 99991400 and the reset header', async () => {
    double.failNext(1, 'rate_limit', { resetSeconds: 3 });
    const err = await rejection(sendTo('open_id', 'ou_zhang'));
    expect(err.isAxiosError).toBe(true);
    expect(err.response?.status).toBe(429);
    expect(err.response?.data.code).toBe(99991400);
    expect(err.response?.headers['x-ogw-ratelimit-reset']).toBe('3');
    expect(double.limitHits).toHaveLength(0); // injected, not earned
  });

  it('injects server errors, chat limits, scope and quota errors, dropped sockets and slowness', async () => {
    double.failNext(1, 'server_error');
    double.failNext(1, 'chat_rate_limit');
    double.failNext(1, 'missing_scope');
    double.failNext(1, 'quota');
    double.failNext(1, 'token_invalid');
    double.failNext(1, 'unavailable');
    const codes = [];
    for (let i = 0; i < 6; i++) {
      const err = await rejection(sendTo('open_id', 'ou_zhang'));
      codes.push([err.response?.status, err.response?.data.code]);
    }
    expect(codes).toEqual([
      [500, 1500],
      [400, 230020],
      [400, 99991672],
      [400, 99991403],
      [400, 99991663],
      [503, undefined],
    ]);
    double.failNext(1, 'network');
    expect((await rejection(sendTo('open_id', 'ou_zhang'))).code).toBe('ECONNRESET');
    // Slowness is on the double's clock: the answer comes when the clock has moved by the delay, not a moment before.
    double.failNext(1, 'slow', { delayMs: 300 });
    let answered = false;
    const slow = sendTo('open_id', 'ou_zhang').then((r) => {
      answered = true;
      return r;
    });
    await waitFor(
      'the slow request held on the clock',
      () => clock.pending().length,
      (n) => n === 1,
      5000,
      5,
    );
    await clock.advance(299);
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    expect(double.messages).toHaveLength(0);
    await clock.advance(1);
    expect((await slow).code).toBe(0);
    expect(double.messages).toHaveLength(1);
  });

  it('enforces 5 messages/s per user (429) and per chat (230020), and records each refusal', async () => {
    for (let i = 0; i < 5; i++) await sendTo('open_id', 'ou_zhang', text(`第${i + 1}条`));
    const userErr = await rejection(sendTo('open_id', 'ou_zhang', text('第6条')));
    expect(userErr.response?.status).toBe(429);
    expect(Number(userErr.response?.headers['x-ogw-ratelimit-reset'])).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 5; i++) await sendTo('chat_id', 'oc_project');
    const chatErr = await rejection(sendTo('chat_id', 'oc_project'));
    expect(chatErr.response?.data.code).toBe(230020);
    expect(double.limitHits.map((h) => [h.scope, h.key])).toEqual([
      ['user', 'ou_zhang'],
      ['chat', 'oc_project'],
    ]);
    expect(double.messages).toHaveLength(10);
    await clock.advance(1000);
    await expect(sendTo('open_id', 'ou_zhang')).resolves.toMatchObject({ code: 0 });
  });

  it('enforces the per-API window and 5 updates/s per message', async () => {
    const tight = await startFeishuDouble({ appId: APP_ID, appSecret: APP_SECRET, users: USERS, chats: CHATS, clock, limits: { apiPerSecond: 3 } });
    try {
      const c = sdkClient(tight);
      const send = (id: string) =>
        c.im.v1.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: id, msg_type: 'interactive', content: card('x') } });
      const sent = await send('ou_zhang');
      await send('ou_li');
      await send('ou_zhang');
      expect((await rejection(send('ou_li'))).response?.data.code).toBe(99991400);
      expect(tight.limitHits.map((h) => h.scope)).toEqual(['api_second']);
      const id = sent.data?.message_id ?? '';
      for (let i = 0; i < 3; i++) await c.im.v1.message.patch({ path: { message_id: id }, data: { content: card(`v${i}`) } });
      expect(tight.limitHits).toHaveLength(1);
    } finally {
      await tight.close();
    }
    const sent = await sendCardTo('chat_id', 'oc_project', card('卡'));
    const id = sent.data?.message_id ?? '';
    const patch = () => client.im.v1.message.patch({ path: { message_id: id }, data: { content: card('新') } });
    for (let i = 0; i < 5; i++) await patch();
    expect((await rejection(patch())).response?.status).toBe(429);
    expect(double.limitHits.map((h) => h.scope)).toEqual(['message_update']);
  });

  it('fails at seeded random rates reproducibly', async () => {
    const pattern = async (d: FeishuDouble) => {
      const c = sdkClient(d);
      d.failRate({ rate_limit: 0.2, server_error: 0.1 }, 42);
      const out: string[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await c.request({ method: 'GET', url: '/open-apis/bot/v3/info' }).then(
          () => 'ok',
          (e: SdkError) => String(e.response?.status),
        );
        out.push(res);
      }
      return out;
    };
    const again = await startFeishuDouble({ appId: APP_ID, appSecret: APP_SECRET });
    try {
      const a = await pattern(double);
      const b = await pattern(again);
      expect(a).toEqual(b);
      expect(a).toContain('429');
      expect(a).toContain('500');
      expect(a.filter((x) => x === 'ok').length).toBeGreaterThan(10);
    } finally {
      await again.close();
    }
  });
});

describe('event sender', () => {
  type Received = { raw: Buffer; headers: Record<string, string> };
  let bot: ServerType;
  let botUrl: string;
  let received: Received[];

  beforeEach(async () => {
    received = [];
    const app = new Hono();
    app.post('/webhook', async (c) => {
      received.push({ raw: Buffer.from(await c.req.arrayBuffer()), headers: Object.fromEntries(c.req.raw.headers) });
      return c.json({});
    });
    botUrl = await new Promise<string>((resolve) => {
      bot = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}/webhook`));
    });
  });
  afterEach(async () => {
    await new Promise((r) => bot.close(r));
  });

  const sender = () => createEventSender({ botUrl, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, appId: APP_ID, inbound: double });
  const last = () => received.at(-1) as Received;
  const verify = (r: Received) =>
    verifySignature({
      timestamp: r.headers['x-lark-request-timestamp'],
      nonce: r.headers['x-lark-request-nonce'],
      signature: r.headers['x-lark-signature'],
      encryptKey: ENCRYPT_KEY,
      rawBody: r.raw,
    });

  it('posts an encrypted, signed group message that our crypto and the SDK both accept', async () => {
    const { envelope } = await sender().sendMessage({
      text: '本周进度',
      chatType: 'group',
      chatId: 'oc_project',
      sender: { open_id: 'ou_zhang' },
      mentions: [{ open_id: 'ou_bot_double', name: '调度助手' }],
    });
    const r = last();
    expect(verify(r)).toBe(true);
    const body = JSON.parse(r.raw.toString('utf8')) as { encrypt: string };
    const ours = decryptEvent(ENCRYPT_KEY, body.encrypt);
    const theirs = new lark.AESCipher(ENCRYPT_KEY).decrypt(body.encrypt);
    expect(ours).toEqual({ ok: true, text: theirs });
    const payload = JSON.parse(theirs) as typeof envelope;
    expect(payload.header).toMatchObject({ event_type: 'im.message.receive_v1', token: VERIFICATION_TOKEN, app_id: APP_ID });
    expect(JSON.parse((payload.event.message as { content: string }).content)).toEqual({ text: '@_user_1 本周进度' });

    // The SDK's dispatcher, with its own signature check on, agrees too (the body is compact JSON).
    const dispatcher = new lark.EventDispatcher({ encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, logger: quiet });
    let seen: unknown;
    dispatcher.register({
      'im.message.receive_v1': async (data) => {
        seen = data.message.message_id;
      },
    });
    await dispatcher.invoke(Object.assign(Object.create({ headers: r.headers }), body));
    expect(seen).toBe((payload.event.message as { message_id: string }).message_id);
  });

  it('lets tests tamper: wrong signature, changed body, stale timestamp', async () => {
    const s = sender();
    const input = { text: '进度', sender: { open_id: 'ou_zhang' } };
    await s.sendMessage(input, { tamper: 'signature' });
    expect(verify(last())).toBe(false);
    await s.sendMessage(input, { tamper: 'body' });
    expect(verify(last())).toBe(false);
    await s.sendMessage(input, { tamper: 'stale_timestamp' });
    expect(verify(last())).toBe(true);
    expect(Number(last().headers['x-lark-request-timestamp'])).toBeLessThan(Date.now() / 1000 - 3000);
  });

  it('sends card callbacks and bot-added events in the nested schema 2.0 form', async () => {
    const sent = await sendCardTo('chat_id', 'oc_project', card('填报'));
    const messageId = sent.data?.message_id ?? '';
    const token = double.issueCardToken(messageId);
    await sender().sendCardAction({
      operator: { open_id: 'ou_zhang' },
      token,
      action: { name: 'submit', value: { kind: 'weekly_submit' }, form_value: { ytd_investment: '1234.5' } },
      openMessageId: messageId,
      openChatId: 'oc_project',
    });
    expect(verify(last())).toBe(true);
    const decrypted = decryptEvent(ENCRYPT_KEY, (JSON.parse(last().raw.toString()) as { encrypt: string }).encrypt);
    const callback = JSON.parse(decrypted.ok ? decrypted.text : '{}');
    expect(callback).toMatchObject({
      schema: '2.0',
      header: { event_type: 'card.action.trigger', token: VERIFICATION_TOKEN },
      event: { token, operator: { open_id: 'ou_zhang' }, action: { tag: 'button', name: 'submit' }, context: { open_message_id: messageId } },
    });
    await sender().sendBotAdded({ chatId: 'oc_new', name: '新项目群', operator: { open_id: 'ou_li' } });
    expect(verify(last())).toBe(true);
  });

  it('sends URL verification plain or encrypted, unsigned, in a form lark.generateChallenge reads', async () => {
    const plain = createEventSender({ botUrl, verificationToken: VERIFICATION_TOKEN, appId: APP_ID });
    const p = await plain.sendChallenge({ challenge: 'abc' });
    expect(JSON.parse(last().raw.toString())).toEqual({ challenge: 'abc', token: VERIFICATION_TOKEN, type: 'url_verification' });
    expect(last().headers['x-lark-signature']).toBeUndefined();
    expect(p.status).toBe(200);
    await sender().sendChallenge({ challenge: 'xyz' });
    const body = JSON.parse(last().raw.toString()) as { encrypt: string };
    expect(last().headers['x-lark-signature']).toBeUndefined();
    expect(lark.generateChallenge(body, { encryptKey: ENCRYPT_KEY })).toEqual({ isChallenge: true, challenge: { challenge: 'xyz' } });
  });
});
