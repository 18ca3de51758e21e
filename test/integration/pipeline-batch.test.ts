// Events that arrive together are stored in one transaction and marked done together (src/transport/inbox-store.ts, inbox-marks.ts).
// The batching must not change what Feishu and the handlers see: each event is answered for itself, duplicates inside
// one batch are told apart exactly as if the events had come one by one, the inbox keeps arrival order, and each new
// event is handled once with its messages sent once.
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import type { AppContext } from '../../src/context';
import type { Envelope } from '../../src/feishu/envelope';
import { silentLogger } from '../../src/log';
import { createPipeline } from '../../src/transport/pipeline';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { waitFor } from '../helpers/feishu';

const message = (eventId: string, messageId: string): Envelope => ({
  eventId,
  eventType: 'im.message.receive_v1',
  token: null,
  appId: null,
  createdMs: null,
  event: { message: { message_id: messageId, chat_id: 'oc_batch' } },
});

describe.each(engines)('events stored and handled in batches on %s', (engine) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  async function world() {
    t = await createTestDatabase(engine);
    const ctx: AppContext = { config: loadConfig({}), db: t.db, engine: t.engine, clock: createManualClock('2026-11-23T09:00:00+08:00'), log: silentLogger };
    const handled: string[] = [];
    const pipeline = createPipeline({
      ctx,
      handlers: {
        'im.message.receive_v1': async (scope, event, env) => {
          handled.push(env.eventId);
          // Every fifth message gets a reply, the rest (like group chatter) none.
          const id = (event.message as { message_id: string }).message_id;
          if (Number(id.replace(/\D/g, '')) % 5 === 0)
            await scope.send({ op: 'reply', messageId: id, receiver: 'oc_batch', msgType: 'text', content: { text: `收到 ${id}` } });
        },
      },
      card: async () => ({}),
    });
    const inbox = () => t!.db.selectFrom('inbox').select(['event_id', 'status']).orderBy('id').execute();
    const replies = () => t!.db.selectFrom('outbox').select('target_message_id').orderBy('id').execute();
    return { pipeline, handled, inbox, replies };
  }

  it('41 events at once with repeats among them: each answered for itself, stored once in arrival order, handled and replied to once', async () => {
    const w = await world();
    const sent: Envelope[] = [];
    for (let i = 1; i <= 30; i++) sent.push(message(`ev_${i}`, `om_${i}`));
    sent.push(message('ev_5', 'om_5')); // Feishu delivering the same event twice
    sent.push(message('ev_31', 'om_7')); // a redelivery of message 7 under a new event_id
    sent.push(message('ev_32', 'om_32'), message('ev_33', 'om_32')); // the same message twice in one batch: the first wins
    for (let i = 34; i <= 40; i++) sent.push(message(`ev_${i}`, `om_${i}`));

    const answers = await Promise.all(sent.map((e) => w.pipeline.acceptEvent(e)));
    const expected = sent.map((e, i) => (i === 30 || i === 31 || e.eventId === 'ev_33' ? 'duplicate' : 'accepted'));
    expect(answers).toEqual(expected);

    const accepted = sent.filter((_, i) => expected[i] === 'accepted').map((e) => e.eventId);
    expect(accepted).toHaveLength(38);
    await waitFor('every event handled', w.inbox, (rows) => rows.length === 38 && rows.every((r) => r.status === 'done'), 10_000);
    expect((await w.inbox()).map((r) => r.event_id)).toEqual(accepted);
    expect(w.handled).toEqual(accepted);
    // om_5, 10, 15, 20, 25, 30, 35, 40 — in order, once each (om_32 is not a multiple of 5).
    expect((await w.replies()).map((r) => r.target_message_id)).toEqual(['om_5', 'om_10', 'om_15', 'om_20', 'om_25', 'om_30', 'om_35', 'om_40']);

    // The same events again, later: all remembered.
    expect(await Promise.all(sent.slice(0, 3).map((e) => w.pipeline.acceptEvent(e)))).toEqual(['duplicate', 'duplicate', 'duplicate']);
    w.pipeline.stop();
    await w.pipeline.idle();
  });

  it('an event the database refuses fails alone: the others that arrived with it are stored and handled', async () => {
    const w = await world();
    // PostgreSQL refuses a NUL character in text; SQLite stores it. Either way the neighbours must not be lost.
    const bad = message('ev_bad\u0000', 'om_bad');
    const batch = [message('ev_a1', 'om_101'), bad, message('ev_a2', 'om_102')];
    const answers = await Promise.allSettled(batch.map((e) => w.pipeline.acceptEvent(e)));
    expect(answers[0]).toEqual({ status: 'fulfilled', value: 'accepted' });
    expect(answers[2]).toEqual({ status: 'fulfilled', value: 'accepted' });
    if (engine === 'postgres') expect(answers[1]?.status).toBe('rejected');
    else expect(answers[1]).toEqual({ status: 'fulfilled', value: 'accepted' });
    const stored = engine === 'postgres' ? ['ev_a1', 'ev_a2'] : ['ev_a1', 'ev_bad\u0000', 'ev_a2'];
    await waitFor('the others handled', w.inbox, (rows) => rows.length === stored.length && rows.every((r) => r.status === 'done'), 10_000);
    expect((await w.inbox()).map((r) => r.event_id)).toEqual(stored);
    w.pipeline.stop();
    await w.pipeline.idle();
  });
});
