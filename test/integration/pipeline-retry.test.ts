// An event whose handling fails is retried on its own, a little later: before, it stayed pending in the inbox until
// another event happened to arrive (or the process restarted), although the log said "稍后重试".
// The retries wait on the pipeline's clock, a manual one here: the test moves it, so nothing depends on how fast the
// machine is (this file used to race a 20 ms real timer and failed now and then).
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import type { AppContext } from '../../src/context';
import { createLogger } from '../../src/log';
import { createPipeline } from '../../src/transport/pipeline';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';

describe.each(engines)('a failing event on %s', (engine) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  const envelope = (id: string) => ({
    eventId: id,
    eventType: 'im.message.receive_v1',
    token: null,
    appId: null,
    createdMs: null,
    event: { message: { message_id: `om_${id}` } },
  });

  async function world(failures: number, maxAttempts = 5) {
    t = await createTestDatabase(engine);
    const lines: string[] = [];
    const clock = createManualClock('2026-11-23T09:00:00+08:00');
    const ctx: AppContext = {
      config: loadConfig({}),
      db: t.db,
      engine: t.engine,
      clock,
      log: createLogger((l) => lines.push(l)),
    };
    let calls = 0;
    const pipeline = createPipeline({
      ctx,
      handlers: {
        'im.message.receive_v1': async () => {
          calls += 1;
          if (calls <= failures) throw new Error(`数据库暂时不可用（第${calls}次）`);
        },
      },
      card: async () => ({}),
      maxAttempts,
      retryDelayMs: 2000,
    });
    const status = async () => await t!.db.selectFrom('inbox').select(['status', 'attempts', 'error']).executeTakeFirstOrThrow();
    /** Accepts the event and lets the pipeline finish what it can without the clock moving. */
    const accept = async (id: string) => {
      const r = await pipeline.acceptEvent(envelope(id));
      await pipeline.idle();
      return r;
    };
    /** Moves the clock by `ms` (firing the retry timers due on the way) and lets the pipeline finish its work. */
    const advance = async (ms: number) => {
      await clock.advance(ms);
      await pipeline.idle();
    };
    return { pipeline, clock, status, lines, accept, advance, calls: () => calls };
  }

  it('is handled once the trouble passes, with no other event to wake the pipeline', async () => {
    const w = await world(2);
    expect(await w.accept('ev_retry_1')).toBe('accepted');
    expect(await w.status()).toMatchObject({ status: 'pending', attempts: 1 });
    // The first retry waits its 2 s (the delay times the attempts so far) on the clock, not one millisecond less.
    expect(w.clock.pending().map((p) => p.at.toISOString())).toEqual(['2026-11-23T01:00:02.000Z']);
    await w.advance(1999);
    expect(w.calls()).toBe(1);
    await w.advance(1);
    expect(await w.status()).toMatchObject({ status: 'pending', attempts: 2 });
    expect(w.calls()).toBe(2);
    // The second waits 4 s.
    expect(w.clock.pending().map((p) => p.at.toISOString())).toEqual(['2026-11-23T01:00:06.000Z']);
    await w.advance(4000);
    const row = await w.status();
    expect(row.status).toBe('done');
    expect(row.attempts).toBe(3);
    expect(w.calls()).toBe(3);
    expect(w.clock.pending()).toEqual([]);
    expect(w.lines.filter((l) => l.includes('事件处理失败，稍后重试'))).toHaveLength(2);
    w.pipeline.stop();
    await w.pipeline.idle();
  });

  it('stops after the last attempt, marked failed with the reason, and is not tried again', async () => {
    const w = await world(10, 3);
    await w.accept('ev_retry_2');
    // Each retry runs when the clock reaches it: two of them, then no timer is left.
    expect(await w.clock.next()).toBe(true);
    await w.pipeline.idle();
    expect(await w.clock.next()).toBe(true);
    await w.pipeline.idle();
    const row = await w.status();
    expect(row).toEqual({ status: 'failed', attempts: 3, error: '数据库暂时不可用（第3次）' });
    expect(w.clock.pending()).toEqual([]);
    // An hour later it still has not been tried again.
    await w.advance(3600_000);
    expect(w.calls()).toBe(3);
    expect(w.lines.filter((l) => l.includes('事件处理多次失败，已停止重试'))).toHaveLength(1);
    w.pipeline.stop();
    await w.pipeline.idle();
  });

  it('after stop() a pending retry does not run (the database is about to close)', async () => {
    const w = await world(1);
    await w.accept('ev_retry_3');
    expect(await w.status()).toMatchObject({ status: 'pending', attempts: 1 });
    expect(w.clock.pending()).toHaveLength(1);
    w.pipeline.stop();
    await w.pipeline.idle();
    expect(w.clock.pending()).toEqual([]);
    await w.advance(3600_000);
    expect(await w.status()).toMatchObject({ status: 'pending', attempts: 1 });
    expect(w.calls()).toBe(1);
  });
});
