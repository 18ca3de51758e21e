// An event whose handling fails is retried on its own, a little later: before, it stayed pending in the inbox until
// another event happened to arrive (or the process restarted), although the log said "稍后重试".
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import type { AppContext } from '../../src/context';
import { createLogger } from '../../src/log';
import { createPipeline } from '../../src/transport/pipeline';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { waitFor } from '../helpers/feishu';

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
    const ctx: AppContext = {
      config: loadConfig({}),
      db: t.db,
      clock: createManualClock('2026-11-23T09:00:00+08:00'),
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
      retryDelayMs: 20,
    });
    const status = async () => await t!.db.selectFrom('inbox').select(['status', 'attempts', 'error']).executeTakeFirstOrThrow();
    return { pipeline, status, lines, calls: () => calls };
  }

  it('is handled once the trouble passes, with no other event to wake the pipeline', async () => {
    const w = await world(2);
    expect(await w.pipeline.acceptEvent(envelope('ev_retry_1'))).toBe('accepted');
    const row = await waitFor('the event handled', w.status, (r) => r.status === 'done', 5_000);
    expect(row.attempts).toBe(3);
    expect(w.calls()).toBe(3);
    expect(w.lines.filter((l) => l.includes('事件处理失败，稍后重试'))).toHaveLength(2);
    w.pipeline.stop();
    await w.pipeline.idle();
  });

  it('stops after the last attempt, marked failed with the reason, and is not tried again', async () => {
    const w = await world(10, 3);
    await w.pipeline.acceptEvent(envelope('ev_retry_2'));
    const row = await waitFor('the event given up', w.status, (r) => r.status === 'failed', 5_000);
    expect(row).toEqual({ status: 'failed', attempts: 3, error: '数据库暂时不可用（第3次）' });
    await new Promise((r) => setTimeout(r, 200));
    expect(w.calls()).toBe(3);
    expect(w.lines.filter((l) => l.includes('事件处理多次失败，已停止重试'))).toHaveLength(1);
    w.pipeline.stop();
    await w.pipeline.idle();
  });

  it('after stop() a pending retry does not run (the database is about to close)', async () => {
    const w = await world(1);
    await w.pipeline.acceptEvent(envelope('ev_retry_3'));
    await waitFor('the first failure', w.status, (r) => r.attempts === 1, 5_000);
    w.pipeline.stop();
    await w.pipeline.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(await w.status()).toMatchObject({ status: 'pending', attempts: 1 });
    expect(w.calls()).toBe(1);
  });
});
