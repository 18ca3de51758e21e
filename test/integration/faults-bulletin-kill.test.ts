// kill -9 of the real process (as `npm start` runs it) during the monthly bulletin: while the job composes
// October's draft, and while the published bulletin's cards and 附表 go out to the groups. After a restart there is
// one draft, composed as a fresh composition would be; once published, every group has every card and the file once.
import { createClock } from '../../src/clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBulletinCards } from '../../cards/bulletin/cards';
import { composeBulletin } from '../../src/bulletin/compose/compose';
import { snapshotOf } from '../../src/bulletin/publish/store';
import { loadSettings } from '../../src/db/settings';
import { type BulletinWorld, approvalCards, expectEveryGroupGotItOnce, groupMessages, prepareBulletinWorld } from '../helpers/bulletin';
import { engines } from '../helpers/db';
import { slowInserts } from '../helpers/faults';
import { eventSenderFor, outboxStatus, requestsTo, sleep, waitFor } from '../helpers/feishu';
import { botProcesses, listeningPort } from '../helpers/process';
import { bj, tap } from '../helpers/round';

const MESSAGES_PATH = '/open-apis/im/v1/messages';
const GROUPS = 5;

describe.each(engines)('kill -9 during the monthly bulletin on %s', (engine) => {
  let w: BulletinWorld;
  const bots = botProcesses(() => w);

  beforeAll(async () => {
    w = await prepareBulletinWorld(engine, GROUPS);
    // The groups' cards and files take several seconds.
    await bots.sendSlowly();
  }, 60_000);
  afterAll(() => bots.close());

  const start = (at: string) => bots.start(at);
  /** Feishu's clock for signing: the processes' day (DIAODU_NOW), within the webhook's replay window of each. */
  const feishuClock = createClock(bj('2026-11-05 09:30'));
  const rows = () => w.t.db.selectFrom('bulletins').selectAll().where('month', '=', '2026-10').orderBy('id').execute();

  it('while the job composes October: after a restart one draft, as a fresh composition, and one approval card per administrator', async () => {
    // Storing the draft takes as long as the test likes: the process dies inside the job's transaction.
    const slow = await slowInserts(w.t, 'bulletins');
    const first = start('2026-11-05 09:00'); // the 5th at 09:00: the process's first tick composes October
    await waitFor(
      'the job is storing the draft',
      () => slow.inside(),
      (x) => x,
      30_000,
      20,
    );
    expect(await first.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    await slow.clear();
    expect(await rows()).toEqual([]);
    expect(await w.t.db.selectFrom('job_runs').select('run_key').where('job', '=', 'bulletin.monthly').execute()).toEqual([]);
    expect(await w.t.db.selectFrom('outbox').select('id').execute()).toEqual([]);

    start('2026-11-05 09:03');
    await waitFor(
      'the approval cards sent',
      () => outboxStatus(w.t.db),
      (s) => (s.sent ?? 0) > 0 && !s.pending,
      40_000,
      100,
    );
    const [draft, ...more] = await rows();
    expect(more).toEqual([]);
    expect(draft!.status).toBe('draft');
    // The same figures as composing October now, as of the moment the draft was composed.
    const { settings } = await loadSettings(w.t.db);
    const fresh = await composeBulletin(w.t.db, '2026-10', { settings, now: new Date(snapshotOf(draft!).composedAt) });
    expect(snapshotOf(draft!)).toEqual(fresh);
    expect(fresh.projects).toBeGreaterThan(0);
    for (const admin of w.admins) {
      const approvals = approvalCards(w, admin.openId);
      expect(approvals, admin.name).toHaveLength(1);
      expect(approvals[0]!.publish.value.bulletinId).toBe(draft!.id);
      const preview = w.double.messages.filter((m) => m.user_open_id === admin.openId);
      // The preview cards, the 附表 and the approval card: each once.
      expect(preview.map((m) => m.msg_type)).toEqual([...renderBulletinCards(fresh, { draft: true }).map(() => 'interactive'), 'file', 'file', 'interactive']);
    }
    expect(w.groups.flatMap((g) => groupMessages(w, g.chat_id))).toEqual([]);
  }, 120_000);

  it('while the published bulletin goes out to the groups: after a restart each group has every card and the 附表 once', async () => {
    const running = bots.latest()!;
    const sender = eventSenderFor(w.double, `http://127.0.0.1:${await listeningPort(running)}/feishu/events`, { clock: feishuClock });
    const [draft] = await rows();
    const [jin] = approvalCards(w, w.admins[0]!.openId);
    const clicked = await tap(sender, w.double, jin!, jin!.publish);
    expect(clicked.toast).toEqual({ type: 'success', content: `已发布，本期通报和附表正在发送到${GROUPS}个通报群。` });
    const perGroup = renderBulletinCards(snapshotOf(draft!)).length + 2; // the cards, the 附表 and the Word document
    const total = GROUPS * perGroup;
    const delivered = () => w.groups.flatMap((g) => groupMessages(w, g.chat_id)).length;
    await waitFor('the first group messages delivered', delivered, (n) => n >= 3, 30_000, 10);
    // The next sends are answered slowly: the process dies with them in flight, Feishu delivers them anyway, and the
    // dead process never records that.
    w.double.failNext(3, 'slow', { delayMs: 400, match: MESSAGES_PATH });
    await waitFor(
      'sends in flight',
      () => requestsTo(w.double, MESSAGES_PATH).filter((r) => r.fault === 'slow').length,
      (n) => n >= 1,
      5000,
      2,
    );
    expect(await running.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    await sleep(500); // the double finishes what was in flight
    const atKill = { delivered: delivered(), rows: await outboxStatus(w.t.db) };
    expect(atKill.rows.pending).toBeGreaterThan(0); // it really died in the middle of the fan-out
    expect(atKill.delivered).toBeLessThan(total);

    start('2026-11-05 09:30');
    await waitFor(
      'every group message sent',
      () => outboxStatus(w.t.db),
      (s) => !s.pending,
      60_000,
      100,
    );
    const after = await rows();
    expect(after.map((r) => r.status)).toEqual(['published']);
    expect(after[0]!.snapshot).toBe(draft!.snapshot);
    expect(after[0]!.decided_by).toBe(w.people.find((p) => p.openId === w.admins[0]!.openId)!.id);
    expectEveryGroupGotItOnce(w, after[0]!);
    expect(delivered()).toBe(total);
    // The double's messages are the outbox's rows, one for one.
    const sent = await w.t.db.selectFrom('outbox').select(['uuid', 'sent_message_id']).where('receive_id', 'like', 'oc_bulletin_%').execute();
    expect(sent).toHaveLength(total);
    const byUuid = new Map(w.double.messages.map((m) => [m.uuid, m.message_id]));
    expect(sent.every((r) => byUuid.get(r.uuid) === r.sent_message_id)).toBe(true);
    console.log(`[kill -9 bulletin fan-out, ${engine}] at kill: ${atKill.delivered} of ${total} group messages delivered, rows ${JSON.stringify(atKill.rows)}`);
  }, 120_000);
});
