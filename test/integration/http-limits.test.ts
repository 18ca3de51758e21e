// Issue 17 rows 1–2, on the real process: what a client without any key can make the server hold (memory,
// connections, time) is bounded, and Feishu's events still go through meanwhile.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeishuDouble, startFeishuDouble } from '../../src/feishu-double';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { APP, BOT_OPEN_ID, eventSenderFor, rowCounts, USERS, waitFor } from '../helpers/feishu';
import { type BotProcess, listeningPort, startBotProcess } from '../helpers/process';

/** Opens a connection and sends `head` (part of a request), then nothing more; resolves when it closes. */
function halfOpen(port: number, head: string): { socket: Socket; closed: Promise<number> } {
  const socket = connect(port, '127.0.0.1');
  const t0 = Date.now();
  socket.write(head);
  socket.on('error', () => {});
  socket.resume();
  const closed = new Promise<number>((r) => socket.once('close', () => r(Date.now() - t0)));
  return { socket, closed };
}

describe.each(engines)('the HTTP edge under abuse (%s)', (engine) => {
  let t: TestDatabase;
  let double: FeishuDouble;
  let bot: BotProcess;
  let port: number;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    double = await startFeishuDouble({ appId: APP.appId, appSecret: APP.appSecret, botOpenId: BOT_OPEN_ID, users: USERS });
    const url = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
    bot = startBotProcess(url, double, { DIAODU_HTTP_HEADERS_TIMEOUT_MS: '1500', DIAODU_HTTP_REQUEST_TIMEOUT_MS: '2500' });
    port = await listeningPort(bot);
  }, 30_000);
  afterAll(async () => {
    await bot?.kill();
    await double?.close();
    await t?.drop();
  });

  it('refuses a body over the limit with 413 before reading it all, and stores nothing', async () => {
    const before = await rowCounts(t.db);
    // Declares 1 MiB, sends 1 KiB: the answer comes without waiting for the rest.
    const { socket, closed } = halfOpen(
      port,
      `POST /feishu/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${1024 * 1024}\r\n\r\n${'{'.repeat(1024)}`,
    );
    let answer = '';
    socket.setEncoding('utf8').on('data', (d: string) => (answer += d));
    const ms = await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 (413|401)/);
    expect(ms).toBeLessThan(1000);
    // Signed headers and a fresh timestamp do not buy a larger body.
    const now = String(Math.floor(Date.now() / 1000));
    const signed = halfOpen(
      port,
      `POST /feishu/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Lark-Signature: x\r\nX-Lark-Request-Timestamp: ${now}\r\nX-Lark-Request-Nonce: n\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    let signedAnswer = '';
    signed.socket.setEncoding('utf8').on('data', (d: string) => (signedAnswer += d));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (let i = 0; i < 8 && !signed.socket.destroyed; i++) signed.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    expect(await signed.closed).toBeLessThan(1000);
    expect(signedAnswer).toMatch(/^HTTP\/1\.1 413/);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('cuts a connection that sends its headers slowly, or its body slowly, within seconds', async () => {
    const headers = halfOpen(port, 'POST /feishu/events HTTP/1.1\r\nHost: x\r\n');
    const body = halfOpen(port, 'POST /feishu/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":');
    const [h, b] = await Promise.all([headers.closed, body.closed]);
    expect(h).toBeLessThan(4000);
    expect(b).toBeLessThan(5000);
  }, 20_000);

  it('answers 503 once 16 MiB of unauthenticated bodies are in flight, and still takes a valid event', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const head = `POST /feishu/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Lark-Signature: forged\r\nX-Lark-Request-Timestamp: ${ts}\r\nX-Lark-Request-Nonce: n\r\nContent-Length: 300000\r\n\r\n`;
    const before = await rowCounts(t.db);
    const flood = Array.from({ length: 90 }, () => {
      const c = halfOpen(port, head);
      c.socket.write(Buffer.alloc(256 * 1024, 0x20));
      let answer = '';
      c.socket.setEncoding('utf8').on('data', (d: string) => (answer += d));
      return { ...c, answer: () => answer };
    });
    await waitFor(
      'some are refused with 503',
      () => flood.filter((f) => f.answer().startsWith('HTTP/1.1 503')).length,
      (n) => n > 0,
      10_000,
    );
    const feishu = eventSenderFor(double, `http://127.0.0.1:${port}/feishu/events`);
    const res = await feishu.sendMessage({ text: '本周进度', sender: { open_id: 'ou_zhang' } });
    expect(res.status).toBe(200);
    for (const f of flood) f.socket.destroy();
    expect((await rowCounts(t.db)).inbox).toBe(before.inbox + 1);
  }, 20_000);

  it('answers a valid event in under a second while 200 connections hang half-open', async () => {
    const flood = Array.from({ length: 200 }, (_, i) =>
      halfOpen(port, i % 2 ? 'POST /feishu/events HTTP/1.1\r\nHost: x\r\n' : 'POST /feishu/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{'),
    );
    await new Promise((r) => setTimeout(r, 300));
    await waitFor('the bot knows its open_id', () => double.requests.some((r) => r.path.startsWith('/open-apis/bot/v3/info')), Boolean, 10_000);
    const feishu = eventSenderFor(double, `http://127.0.0.1:${port}/feishu/events`);
    const t0 = performance.now();
    const res = await feishu.sendMessage({ text: '本周进度', sender: { open_id: 'ou_zhang' } });
    const ms = performance.now() - t0;
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(1000);
    for (const f of flood) f.socket.destroy();
  }, 20_000);
});

describe.each(engines)('a flood over the open-files limit (%s)', (engine) => {
  let t: TestDatabase;
  let double: FeishuDouble;
  let bot: BotProcess;
  let port: number;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    double = await startFeishuDouble({ appId: APP.appId, appSecret: APP.appSecret, botOpenId: BOT_OPEN_ID, users: USERS });
    const url = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
    bot = startBotProcess(url, double, {}, { openFilesLimit: 1024 });
    port = await listeningPort(bot).catch((err: Error) => {
      throw new Error(`${err.message}\n${bot.output()}`);
    });
    await waitFor('the bot knows its open_id', () => double.requests.some((r) => r.path.startsWith('/open-apis/bot/v3/info')), Boolean, 10_000);
  }, 30_000);
  afterAll(async () => {
    await bot?.kill();
    await double?.close();
    await t?.drop();
  });

  it('answers a valid event in under a second while 1,500 half-sent requests exceed a 1,024 open-files limit', async () => {
    const flood = Array.from({ length: 1500 }, () => halfOpen(port, 'POST /feishu/events HTTP/1.1\r\nHost: x\r\n'));
    await new Promise((r) => setTimeout(r, 500));
    const feishu = eventSenderFor(double, `http://127.0.0.1:${port}/feishu/events`);
    const t0 = performance.now();
    const res = await Promise.race([
      feishu.sendMessage({ text: '本周进度', sender: { open_id: 'ou_zhang' } }),
      new Promise<{ status: number }>((r) => setTimeout(() => r({ status: -1 }), 5000)),
    ]);
    const ms = performance.now() - t0;
    for (const f of flood) f.socket.destroy();
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(1000);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  }, 30_000);
});
