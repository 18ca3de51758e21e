// The HTTP surface an operator's monitoring sees: /healthz says whether the database answers, fast, and nothing leaks.
import { engineOf } from '../../src/db/engine';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Clock, createClock, createManualClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import type { AppContext } from '../../src/context';
import { type OpenedDatabase, openDatabase } from '../../src/db/connect';
import { createApp } from '../../src/http/app';
import { silentLogger } from '../../src/log';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { sleep, waitFor } from '../helpers/feishu';

function contextFor(db: OpenedDatabase['db'], clock: Clock = createClock(null)): AppContext {
  return { config: loadConfig({ PORT: '0' }), db, engine: engineOf(db), clock, log: silentLogger };
}

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const address = s.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await f();
  return { value, ms: performance.now() - start };
}

describe.each(engines)('/healthz on %s', (engine) => {
  let t: TestDatabase;
  afterEach(async () => t?.drop());

  it('answers 200 {"status":"ok","db":"ok"} as JSON while the database answers', async () => {
    t = await createTestDatabase(engine);
    const app = createApp(contextFor(t.db));
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers 503 with a db error once the database is closed', async () => {
    t = await createTestDatabase(engine);
    const app = createApp(contextFor(t.db));
    await t.close();
    const { value: res, ms } = await timed(async () => app.request('/healthz'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', db: 'error' });
    expect(ms).toBeLessThan(5000);
  });
});

describe('/healthz with an unreachable PostgreSQL', () => {
  let opened: OpenedDatabase | null = null;
  let blackhole: Server | null = null;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    if (blackhole) await new Promise<void>((r) => blackhole?.close(() => r()));
    blackhole = null;
    await opened?.close().catch(() => {});
    opened = null;
  });

  it('answers 503 within a few seconds when nothing listens on the port', async () => {
    const port = await closedPort();
    opened = openDatabase({ kind: 'postgres', url: `postgres://diaodu@127.0.0.1:${port}/diaodu` });
    const app = createApp(contextFor(opened.db));
    const { value: res, ms } = await timed(async () => app.request('/healthz'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', db: 'error' });
    expect(ms).toBeLessThan(3000);
  });

  it('answers 503 when its 2 s timeout runs out while the server accepts but never replies', async () => {
    // A listener that takes the connection and stays silent: the driver would wait for its own 5 s connect timeout.
    blackhole = createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((r) => blackhole?.listen(0, '127.0.0.1', () => r()));
    const address = blackhole.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    opened = openDatabase({ kind: 'postgres', url: `postgres://diaodu@127.0.0.1:${port}/diaodu` });
    // The timeout runs on the program's clock: the test moves it instead of waiting two real seconds.
    const clock = createManualClock('2026-11-23T09:00:00+08:00');
    const app = createApp(contextFor(opened.db, clock));
    let answered = false;
    const answer = Promise.resolve(app.request('/healthz')).finally(() => {
      answered = true;
    });
    await waitFor(
      'the health check waiting on its timeout',
      () => clock.pending().length,
      (n) => n === 1,
    );
    await clock.advance(1999);
    await sleep(50); // an answer that did not wait for the timeout would be in by now
    expect(answered).toBe(false);
    await clock.advance(1);
    const res = await answer;
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', db: 'error' });
  });
});

describe('other routes', () => {
  let t: TestDatabase;
  afterEach(async () => t?.drop());

  it('an unknown route answers 404 as JSON', async () => {
    t = await createTestDatabase('sqlite');
    const app = createApp(contextFor(t.db));
    for (const path of ['/', '/no-such-page', '/healthz/extra']) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: 'not_found' });
    }
  });

  it('a write to /healthz is not served as a health check', async () => {
    t = await createTestDatabase('sqlite');
    const app = createApp(contextFor(t.db));
    const res = await app.request('/healthz', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found' });
  });
});
