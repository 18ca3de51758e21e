// FEISHU_TRANSPORT=ws end to end: the real server (startServer) with the SDK's own WSClient, against the double's
// long connection — endpoint, pbbp2 frames, pings — and the Open API double for what the bot sends back.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock';
import type { Config, FeishuConfig } from '../../src/config';
import { decodeFrame, encodeFrame, FRAME_METHOD, type FeishuDouble, type WsClientConfig } from '../../src/feishu-double';
import { texts } from '../../src/handlers/texts';
import { type RunningServer, startServer } from '../../src/server';
import { longConnectionDefaults } from '../../src/transport/long-connection';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { APP, captureLog, type CapturedLog, eventSenderFor, requestsTo, rowCounts, settled, startDouble, waitFor } from '../helpers/feishu';

// WSClient.start() silently does nothing for an appId that is not `cli_` + 16 hex digits.
const WS_APP = { ...APP, appId: 'cli_a1b2c3d4e5f60718' };
// Fast, but with the ping watchdog (PING_TIMEOUT_S below) shorter than the ping interval: the SDK re-arms the
// watchdog at every ping, so one longer than the interval would never fire.
const CLIENT_CONFIG: WsClientConfig = { PingInterval: 3, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 };
const PING_TIMEOUT_S = 1.5;

type Bot = RunningServer & { base: string; log: CapturedLog };

async function startWsBot(db: TestDatabase, double: FeishuDouble, overrides: Partial<FeishuConfig> = {}): Promise<Bot> {
  const feishu: FeishuConfig = { ...WS_APP, domain: double.url, transport: 'ws', ...overrides };
  const config: Config = Object.freeze({ port: 0, database: db.target, feishu, now: null });
  const log = captureLog();
  const server = await startServer(config, { log, clock: systemClock });
  return { ...server, base: `http://127.0.0.1:${server.port}`, log };
}

async function feishuState(bot: Bot): Promise<string | undefined> {
  const res = await fetch(`${bot.base}/healthz`);
  return ((await res.json()) as { feishu?: string }).feishu;
}

const connected = (bot: Bot, ms = 10_000) =>
  waitFor(
    '/healthz feishu connected',
    () => feishuState(bot),
    (s) => s === 'connected',
    ms,
  );

describe('the long connection, with the real WSClient', () => {
  let db: TestDatabase;
  let double: FeishuDouble;
  let bot: Bot;
  let feishu: ReturnType<typeof eventSenderFor>;
  const replies = () => double.messages.filter((m) => m.via === 'reply');
  const savedPingTimeout = longConnectionDefaults.pingTimeoutS;

  beforeAll(async () => {
    longConnectionDefaults.pingTimeoutS = PING_TIMEOUT_S;
    db = await createTestDatabase('sqlite');
    double = await startDouble({ appId: WS_APP.appId, ws: { clientConfig: CLIENT_CONFIG } });
    bot = await startWsBot(db, double);
    // Only used to build envelopes: over the long connection nothing is POSTed to the bot.
    feishu = eventSenderFor(double, `${bot.base}/not-used`);
    await waitFor(
      'bot learns its open_id',
      () => bot.bot?.identity.openId ?? null,
      (id) => id !== null,
      5000,
    );
  });
  afterAll(async () => {
    await bot?.stop();
    await double?.close();
    await db?.drop();
    longConnectionDefaults.pingTimeoutS = savedPingTimeout;
  });

  it('asks /callback/ws/endpoint with AppID and AppSecret, opens the socket, pings, and /healthz says connected', async () => {
    await connected(bot);
    const asks = requestsTo(double, '/callback/ws/endpoint');
    expect(asks.length).toBeGreaterThanOrEqual(1);
    expect(asks[0]?.body).toEqual({ AppID: WS_APP.appId, AppSecret: WS_APP.appSecret });
    expect(asks[0]?.headers.locale).toBe('zh');
    expect(asks[0]?.status).toBe(200);
    await waitFor(
      'first ping',
      () => double.ws.clients()[0]?.pings ?? 0,
      (n) => n >= 1,
      5000,
    );
    expect(double.ws.clients()).toHaveLength(1);
    // Nothing reached the webhook path: in ws mode it is not mounted.
    expect((await fetch(`${bot.base}/feishu/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('a text message pushed over the socket gets its answer (the refusal, to someone not in the register) once; redelivered by event_id or message_id, still once', async () => {
    const env = feishu.build.message({ text: '你好', sender: { open_id: 'ou_zhang' }, messageId: 'om_ws_0001' });
    const answer = await double.ws.push(env);
    expect(answer.code).toBe(200);
    expect(answer.data).toEqual({});
    expect(Number(answer.headers.biz_rt)).toBeLessThanOrEqual(0); // the SDK reports start − end
    await waitFor(
      'the reply',
      () => replies().length,
      (n) => n >= 1,
    );

    const sameEvent = await double.ws.push(env);
    // A redelivery under a new event_id, split into three frames (sum/seq) as Feishu does with large payloads.
    const sameMessage = feishu.build.message({ text: '你好', sender: { open_id: 'ou_zhang' }, messageId: 'om_ws_0001' });
    expect(sameMessage.header.event_id).not.toBe(env.header.event_id);
    const redelivered = await double.ws.push(sameMessage, { fragments: 3 });
    expect([sameEvent.code, redelivered.code]).toEqual([200, 200]);
    expect([sameEvent.data, redelivered.data]).toEqual([{}, {}]);
    await bot.bot?.pipeline.idle();
    await settled(db.db);

    expect(replies()).toHaveLength(1);
    expect(replies()[0]).toMatchObject({ parent_id: 'om_ws_0001', user_open_id: 'ou_zhang' });
    expect(JSON.parse(replies()[0]?.content ?? '{}')).toEqual({ text: texts.notRegistered });
    expect(requestsTo(double, '/open-apis/im/v1/messages/om_ws_0001/reply')).toHaveLength(1);
    expect(await rowCounts(db.db)).toMatchObject({ inbox: 1, outbox: 1 });
  });

  it('a card.action.trigger pushed over the socket is answered with an object, a repeat with {}', async () => {
    const env = feishu.build.cardAction({
      operator: { open_id: 'ou_zhang' },
      action: { value: { kind: 'no_such_kind' } },
      openMessageId: 'om_card_1',
      openChatId: 'oc_project',
    });
    const first = await double.ws.push(env);
    expect(first.code).toBe(200);
    expect(first.data).toEqual({ toast: { type: 'warning', content: texts.cardExpired } });
    const again = await double.ws.push(env);
    expect(again.data).toEqual({});
    // The SDK answers only frames of type 'event' (card callbacks come as such); a 'card' frame is dropped unanswered.
    await expect(double.ws.push(env, { type: 'card', timeoutMs: 500 })).rejects.toThrow(/no answer/);
  });

  it('after the connection is cut, the client fetches a new endpoint, reconnects, and events still flow', async () => {
    const before = double.ws.clients()[0];
    const asked = requestsTo(double, '/callback/ws/endpoint').length;
    expect(double.ws.dropAll()).toBe(1);
    await waitFor(
      'a new connection',
      () => double.ws.clients()[0]?.id,
      (id) => id !== undefined && id !== before?.id,
    );
    await connected(bot);
    expect(before?.closedBy).toBe('double');
    expect(requestsTo(double, '/callback/ws/endpoint').length).toBe(asked + 1);
    expect(bot.log.lines.some((l) => l.includes('飞书长连接断开，正在重连'))).toBe(true);
    await waitFor('reconnected logged', () => bot.log.lines.some((l) => l.includes('飞书长连接已恢复')), Boolean, 2000);

    const env = feishu.build.message({ text: '本周进度', sender: { open_id: 'ou_li' }, messageId: 'om_ws_0002' });
    expect((await double.ws.push(env)).code).toBe(200);
    await waitFor(
      'the reply after reconnecting',
      () => replies().filter((m) => m.parent_id === 'om_ws_0002').length,
      (n) => n === 1,
    );
  });

  it('a socket gone silent is given up after pingTimeout and replaced', async () => {
    const before = double.ws.clients()[0];
    expect(double.ws.goSilent()).toBe(1);
    // The next ping (≤ PingInterval) goes unanswered; PING_TIMEOUT_S later the SDK terminates the socket.
    const bound = (CLIENT_CONFIG.PingInterval + PING_TIMEOUT_S + 3) * 1000;
    await waitFor(
      'a fresh connection',
      () => double.ws.clients().find((c) => !c.silent)?.id,
      (id) => id !== undefined && id !== before?.id,
      bound,
    );
    await waitFor(
      'the silent one closed by the client',
      () => before?.closedBy ?? null,
      (by) => by === 'client',
      2000,
    );
    await connected(bot);
    expect(bot.log.lines.some((l) => l.includes(`[飞书长连接] [ws] no pong/inbound within ${PING_TIMEOUT_S}s`))).toBe(true);

    const env = feishu.build.message({ text: '你好', sender: { open_id: 'ou_li' }, messageId: 'om_ws_0003' });
    expect((await double.ws.push(env)).data).toEqual({});
    await waitFor(
      'the reply after the watchdog',
      () => replies().filter((m) => m.parent_id === 'om_ws_0003').length,
      (n) => n === 1,
    );
  });
});

describe('the long connection with a wrong AppSecret', () => {
  let db: TestDatabase;
  let double: FeishuDouble;
  let bot: Bot;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    double = await startDouble({ appId: WS_APP.appId, ws: { clientConfig: CLIENT_CONFIG } });
    bot = await startWsBot(db, double, { appSecret: 'not-the-secret' });
  });
  afterAll(async () => {
    await bot?.stop();
    await double?.close();
    await db?.drop();
  });

  it('is refused at the endpoint with 400, opens no socket, and /healthz says connecting (the SDK keeps trying)', async () => {
    await waitFor(
      'the refused endpoint call',
      () => requestsTo(double, '/callback/ws/endpoint').length,
      (n) => n >= 1,
      5000,
    );
    expect(requestsTo(double, '/callback/ws/endpoint')[0]).toMatchObject({ status: 400, code: 514 });
    expect(await feishuState(bot)).toBe('connecting');
    expect(double.ws.history).toHaveLength(0);
    await waitFor('logged', () => bot.log.lines.some((l) => l.includes('[飞书长连接] [ws] Request failed with status code 400')), Boolean, 2000);
  });
});

describe("the double's socket, spoken to without the SDK", () => {
  let double: FeishuDouble;
  const sockets: WebSocket[] = [];
  beforeAll(async () => {
    double = await startDouble({ appId: WS_APP.appId, ws: { clientConfig: CLIENT_CONFIG, maxConnections: 1 } });
  });
  afterAll(async () => {
    for (const s of sockets) s.terminate();
    await double?.close();
  });

  const endpoint = async () => {
    const res = await fetch(`${double.url}/callback/ws/endpoint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ AppID: WS_APP.appId, AppSecret: WS_APP.appSecret }),
    });
    return (await res.json()) as { code: number; data: { URL: string; ClientConfig: WsClientConfig } };
  };
  const open = (url: string) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      sockets.push(ws);
      ws.once('open', () => resolve(ws)).once('error', reject);
    });

  it('hands out a URL whose service_id is not its first parameter, answers a ping with a pong carrying ClientConfig, and refuses a bad ticket and a connection over the limit', async () => {
    const { code, data } = await endpoint();
    expect(code).toBe(0);
    expect(data.ClientConfig).toEqual(CLIENT_CONFIG);
    const url = new URL(data.URL);
    expect([...url.searchParams.keys()][0]).toBe('fpid');
    const service = Number(url.searchParams.get('service_id'));

    const ws = await open(data.URL);
    const pong = new Promise<Buffer>((r) => ws.once('message', (d) => r(d as Buffer)));
    ws.send(encodeFrame({ SeqID: '0', LogID: '0', service, method: FRAME_METHOD.control, headers: [{ key: 'type', value: 'ping' }] }));
    const frame = decodeFrame(await pong);
    expect(frame).toMatchObject({ method: FRAME_METHOD.control, service, headers: [{ key: 'type', value: 'pong' }] });
    expect(JSON.parse(Buffer.from(frame.payload ?? []).toString())).toEqual(CLIENT_CONFIG);

    url.searchParams.set('ticket', 'forged');
    await expect(open(url.toString())).rejects.toThrow(/403/);
    await expect(open((await endpoint()).data.URL)).rejects.toThrow(/403/); // maxConnections: 1
    expect(double.ws.clients()).toHaveLength(1);
  });
});
