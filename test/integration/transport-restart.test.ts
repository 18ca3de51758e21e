// kill -9 in the middle of sending: the real process (as `npm start` runs it) against the Feishu double, on
// a SQLite file holding 1,000 queued messages. After a restart every message arrives, and none arrives twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock';
import { enqueue } from '../../src/feishu/outbox';
import type { FeishuDouble } from '../../src/feishu-double';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { outboxStatus, requestsTo, startDouble, waitFor } from '../helpers/feishu';
import { type BotProcess, killAll, startBotProcess } from '../helpers/process';

const MESSAGES_PATH = '/open-apis/im/v1/messages';
const people = Array.from({ length: 200 }, (_, i) => ({ open_id: `ou_p${String(i).padStart(3, '0')}`, name: `用户${i}` }));

describe('a kill -9 while the outbox drains', () => {
  let db: TestDatabase;
  let double: FeishuDouble;
  const procs: BotProcess[] = [];

  beforeEach(async () => {
    db = await createTestDatabase('sqlite');
    // The per-minute window is raised on the double only: the restarted process cannot know what the killed one
    // sent in the last minute, and a refusal here would only slow the test down, not change what it proves.
    double = await startDouble({ users: people, limits: { apiPerMinute: 5000 } });
  });
  afterEach(async () => {
    await killAll(procs);
    await double?.close();
    await db?.drop();
  });

  it('delivers all 1,000 messages after a restart, none twice, in order per person', async () => {
    const now = systemClock.now();
    await db.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 1000; i++) {
        const p = people[i % people.length] as { open_id: string };
        await enqueue(
          tx,
          { op: 'create', receiveIdType: 'open_id', receiveId: p.open_id, msgType: 'text', content: { text: `序号 ${Math.floor(i / people.length) + 1}` } },
          now,
        );
      }
    });
    const path = db.target.kind === 'sqlite' ? db.target.path : '';

    const first = startBotProcess(path, double);
    procs.push(first);
    await waitFor(
      'a few hundred deliveries',
      () => double.messages.length,
      (n) => n >= 300,
      30_000,
      5,
    );
    // The next sends are answered slowly: the process dies with them in flight, Feishu delivers them anyway, and the
    // dead process never records that — the lost-answer case the uuid exists for.
    double.failNext(5, 'slow', { delayMs: 400, match: MESSAGES_PATH });
    const inFlight = () => requestsTo(double, MESSAGES_PATH).filter((r) => r.fault === 'slow');
    await waitFor(
      'sends in flight',
      () => inFlight().length,
      (n) => n >= 3,
      5000,
      2,
    );
    expect(await first.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    // Real time: the bot was a real process, killed; the double (in this process) finishes what was in flight.
    await new Promise((r) => setTimeout(r, 500));
    const lostAnswers = inFlight().map((r) => (r.body as { uuid: string }).uuid);
    const atKill = { delivered: double.messages.length, rows: await outboxStatus(db.db) };
    expect(atKill.rows.pending).toBeGreaterThan(0); // it really died mid-drain
    expect(atKill.delivered).toBeLessThan(1000);
    const unrecorded = await db.db.selectFrom('outbox').select('uuid').where('uuid', 'in', lostAnswers).where('status', '=', 'pending').execute();
    expect(unrecorded.length).toBeGreaterThanOrEqual(3);
    expect(unrecorded.every((r) => double.messages.some((m) => m.uuid === r.uuid))).toBe(true); // delivered, not recorded

    const second = startBotProcess(path, double);
    procs.push(second);
    const t0 = Date.now();
    await waitFor(
      'every row sent',
      () => outboxStatus(db.db),
      (s) => s.sent === 1000,
      45_000,
      100,
    );
    const resumeMs = Date.now() - t0;
    // ~700 messages at 50/s is 14 s. The dead process's claims are taken back at once, not after they expire.
    expect(resumeMs).toBeLessThan(30_000);
    expect(second.output()).toContain('已收回上次异常退出时未发完的消息');

    const uuids = double.messages.map((m) => m.uuid);
    expect(double.messages).toHaveLength(1000);
    expect(new Set(uuids).size).toBe(1000);
    const rows = await db.db.selectFrom('outbox').select(['uuid', 'receive_id', 'content', 'sent_message_id']).orderBy('id').execute();
    expect(new Set(uuids)).toEqual(new Set(rows.map((r) => r.uuid)));
    const byUuid = new Map(double.messages.map((m) => [m.uuid, m]));
    expect(rows.every((r) => byUuid.get(r.uuid)?.message_id === r.sent_message_id)).toBe(true);
    // Order per person survived the crash: each person's texts arrived as queued.
    for (const p of people) {
      const got = double.messages.filter((m) => m.user_open_id === p.open_id).map((m) => JSON.parse(m.content).text);
      expect(got, p.open_id).toEqual(['序号 1', '序号 2', '序号 3', '序号 4', '序号 5']);
    }
    expect(double.limitHits.filter((h) => h.scope !== 'api_minute')).toEqual([]);
    // What the killed process had sent but not recorded was sent again with the same uuid, and Feishu kept one.
    for (const r of unrecorded) {
      const tries = requestsTo(double, MESSAGES_PATH).filter((q) => (q.body as { uuid: string }).uuid === r.uuid);
      expect(tries.length, r.uuid).toBe(2);
      expect(double.messages.filter((m) => m.uuid === r.uuid)).toHaveLength(1);
    }
    console.log(
      `[kill -9] at kill: ${atKill.delivered} delivered, rows ${JSON.stringify(atKill.rows)}, ${unrecorded.length} delivered but unrecorded; restart to all sent: ${resumeMs} ms`,
    );

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 90_000);
});
