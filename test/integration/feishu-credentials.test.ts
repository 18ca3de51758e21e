// A wrong App Secret (Feishu answers 10014 at the token endpoint): a configuration problem, not a network one. The
// real server against the double: queued messages are kept (not failed) and not retried in a hot loop, /healthz says
// "degraded" with the reason, and one log line tells the operator to check FEISHU_APP_SECRET (issue 17 row 14).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock';
import type { Config } from '../../src/config';
import { enqueue } from '../../src/feishu/outbox';
import type { FeishuDouble } from '../../src/feishu-double';
import { type RunningServer, startServer } from '../../src/server';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { captureLog, feishuConfig, requestsTo, sleep, startDouble, waitFor } from '../helpers/feishu';

const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';

describe.each(engines)('a wrong App Secret on %s', (engine) => {
  let t: TestDatabase;
  let double: FeishuDouble;
  let server: RunningServer | null = null;
  beforeEach(async () => {
    t = await createTestDatabase(engine);
    double = await startDouble();
  });
  afterEach(async () => {
    await server?.stop();
    server = null;
    await double?.close();
    await t?.drop();
  });

  it('is reported as configuration: messages kept and not hot-retried, /healthz degraded with the reason, one log line naming FEISHU_APP_SECRET', async () => {
    const log = captureLog();
    const config: Config = Object.freeze({
      port: 0,
      database: t.target,
      feishu: feishuConfig(double, { appSecret: 'not-the-secret' }),
      now: null,
    });
    server = await startServer(config, { log, clock: systemClock });
    const now = new Date();
    await server.ctx.db.transaction().execute(async (tx) => {
      for (const id of ['ou_zhang', 'ou_li'])
        await enqueue(tx, { op: 'create', receiveIdType: 'open_id', receiveId: id, msgType: 'text', content: { text: '本周周报请于周五前填报' } }, now);
    });
    server.bot?.sender.wake();

    const health = async () => {
      const res = await fetch(`http://127.0.0.1:${server?.port}/healthz`);
      return { code: res.status, body: (await res.json()) as { status: string; feishuProblem?: string } };
    };
    const first = await waitFor('/healthz reports the refused credentials', health, (h) => h.body.status === 'degraded', 10_000, 50);
    expect(first.code).toBe(200);
    expect(first.body.feishuProblem).toContain('FEISHU_APP_SECRET');

    // A few seconds on: a network-error backoff (1 s, 2 s, 4 s…) would have asked for a token again by now.
    const tokenAsks = requestsTo(double, TOKEN_PATH).length;
    await sleep(4000);
    expect(requestsTo(double, TOKEN_PATH).length).toBe(tokenAsks);

    const rows = await server.ctx.db.selectFrom('outbox').select(['status', 'next_attempt_at', 'last_error']).execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.status).not.toBe('failed');
      expect(r.status).not.toBe('sent');
      // Tried again only minutes later, not within seconds.
      if (r.last_error) expect(Date.parse(r.next_attempt_at) - Date.now()).toBeGreaterThan(5 * 60_000);
    }
    expect(requestsTo(double, /\/open-apis\/im\/v1\/messages/).length).toBe(0);

    const told = log.lines.filter((l) => l.includes('FEISHU_APP_SECRET'));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^ERROR/);
    expect((await health()).body.status).toBe('degraded');
  });
});
