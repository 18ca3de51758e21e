// kill -9 of the real process (as `npm start` runs it) in the middle of the weekly round, then a restart:
// while the opening step's cards are going out, and while a reporter's submitted form is being saved. Whatever the
// moment, no card is lost or sent twice, and a submission either is saved once or can simply be submitted again.
import { createClock } from '../../src/clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairUnit, sampleRegister } from '../fixtures/register-workbooks';
import { engines } from '../helpers/db';
import { slowInserts } from '../helpers/faults';
import { eventSenderFor, outboxStatus, requestsTo, sleep, waitFor } from '../helpers/feishu';
import { botProcesses, listeningPort } from '../helpers/process';
import { bj, buttonOf, cardText, formFields, prepareRoundWorld, type RoundWorld, type Shown, tap } from '../helpers/round';

const R = await sampleRegister();
/** A unit with two reporters and three projects: its first reporter, and its projects. */
const JTU = pairUnit(R);
const P = JTU.projects[0]!;
/** Cumulative figures (万元) within its annual plan, so within what its total leaves. */
const YTD = Math.round(P.annual * 0.7);
const MONTH_END = Math.round(P.annual * 0.6);

const MESSAGES_PATH = '/open-apis/im/v1/messages';
const W48 = '第48周（11月23日—11月29日）';
/** The unit's first reporter, and its first project. */
const REPORTER = JTU.reporters[0]!.name;
const CODE = P.code;

describe.each(engines)('kill -9 during the weekly round on %s', (engine) => {
  let w: RoundWorld;
  const bots = botProcesses(() => w);

  beforeAll(async () => {
    w = await prepareRoundWorld(engine, '13900010001');
    // The 32 opening cards take eight seconds.
    await bots.sendSlowly();
    // October's bulletin counts as done: here only the round's cards go out (faults-bulletin-kill kills the bulletin).
    const at = new Date(bj('2026-11-05 09:00')).toISOString();
    await w.t.db
      .insertInto('job_runs')
      .values({ job: 'bulletin.monthly', run_key: '2026-10', status: 'done', started_at: at, finished_at: at, error: null })
      .execute();
  }, 60_000);
  afterAll(() => bots.close());

  const start = (at: string) => bots.start(at);
  /** Feishu's clock for signing: the processes' day (DIAODU_NOW), within the webhook's replay window of each. */
  const feishuClock = createClock(bj('2026-11-23 10:00'));
  const cardsOf = (openId: string) => w.double.messages.filter((m) => m.user_open_id === openId && m.msg_type === 'interactive');

  it('while the opening cards go out: after a restart every reporter has exactly one card per unit, none sent twice', async () => {
    // Monday 09:00 of W48: the process's first scheduler tick opens the round and the sender starts on 32 cards.
    const first = start('2026-11-23 09:00');
    await waitFor(
      'the first cards delivered',
      () => w.double.messages.length,
      (n) => n >= 8,
      30_000,
      10,
    );
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
    expect(await first.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    await sleep(500); // the double finishes what was in flight
    const atKill = { delivered: w.double.messages.length, rows: await outboxStatus(w.t.db) };
    expect(atKill.rows.pending).toBeGreaterThan(0); // it really died in the middle of the fan-out
    expect(atKill.delivered).toBeLessThan(32);

    start('2026-11-23 09:05');
    await waitFor(
      'every card sent',
      () => outboxStatus(w.t.db),
      (s) => s.sent === 32,
      40_000,
      100,
    );

    const runs = await w.t.db.selectFrom('job_runs').select(['job', 'run_key']).where('job', 'like', 'round.%').execute();
    expect(runs).toEqual([{ job: 'round.open', run_key: '2026-11-23' }]);
    const rows = await w.t.db.selectFrom('outbox').select(['uuid', 'receive_id', 'sent_message_id']).execute();
    expect(rows).toHaveLength(32);
    // Per reporter: one card per unit they report for, as the register says, each naming the week.
    const roles = await w.t.db
      .selectFrom('person_roles as r')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .where('r.role', '=', 'reporter')
      .select(['p.open_id', 'r.unit_id'])
      .execute();
    const expected = new Map<string, number>();
    for (const r of roles) expected.set(r.open_id as string, (expected.get(r.open_id as string) ?? 0) + 1);
    for (const [openId, units] of expected) {
      const cards = cardsOf(openId);
      expect(cards, openId).toHaveLength(units);
      for (const c of cards) expect(cardText(JSON.parse(c.content))).toContain(W48);
    }
    expect(w.double.messages).toHaveLength(32);
    expect(new Set(w.double.messages.map((m) => m.uuid))).toEqual(new Set(rows.map((r) => r.uuid)));
    const byUuid = new Map(w.double.messages.map((m) => [m.uuid, m.message_id]));
    expect(rows.every((r) => byUuid.get(r.uuid) === r.sent_message_id)).toBe(true);
    console.log(`[kill -9 fan-out, ${engine}] at kill: ${atKill.delivered} of 32 delivered, rows ${JSON.stringify(atKill.rows)}`);
  }, 90_000);

  it('while a submitted form is being saved: nothing half-saved, and submitting again saves it once and confirms it', async () => {
    const reporter = w.person(REPORTER);
    const card = cardsOf(reporter.openId)[0];
    expect(card).toBeDefined();
    const shown: Shown = { messageId: card!.message_id, chatId: card!.chat_id, openId: reporter.openId, card: JSON.parse(card!.content) };
    const projectId = (await w.t.db.selectFrom('projects').select('id').where('code', '=', CODE).executeTakeFirstOrThrow()).id;

    const running = bots.latest()!;
    let sender = eventSenderFor(w.double, `http://127.0.0.1:${await listeningPort(running)}/feishu/events`, { clock: feishuClock });
    const opened = await tap(sender, w.double, shown, buttonOf(shown.card, 'round_form', { projectId }));
    expect(opened.card).not.toBeNull();
    expect([...formFields(shown.card).keys()]).toContain('month_end_investment'); // W48 is the first round of November
    const form = {
      ytd_investment: YTD.toLocaleString('en-US'),
      month_end_investment: String(MONTH_END),
      progress_text: '主体结构施工至13层',
      status: 'building',
      problem_category: [],
      problem_text: '',
      coordination: '',
      next_plan: '',
    };
    const submit = buttonOf(shown.card, 'round_submit');

    // Saving the report revision takes as long as the test likes: the process is killed inside that write.
    const slow = await slowInserts(w.t, 'report_revisions');
    const answered = tap(sender, w.double, shown, submit, { form }).then(
      () => 'answered',
      () => 'connection lost',
    );
    await waitFor(
      'the bot is writing the report',
      () => slow.inside(),
      (x) => x,
      20_000,
      20,
    );
    expect(await running.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await answered).toBe('connection lost'); // Feishu shows the reporter an error
    await slow.clear();
    const stored = () =>
      w.t.db.selectFrom('report_revisions').select(['revision', 'ytd_investment_yuan', 'month_end_investment_yuan', 'progress_text']).execute();
    expect(await stored()).toEqual([]);

    // The reporter, seeing the error, presses 提交 again on the same form once the bot is back.
    const again = start('2026-11-23 10:00');
    sender = eventSenderFor(w.double, `http://127.0.0.1:${await listeningPort(again)}/feishu/events`, { clock: feishuClock });
    const retry = await tap(sender, w.double, shown, submit, { form });
    expect(retry.toast).toEqual({ type: 'success', content: `${P.name}：已保存` });
    expect(cardText(retry.card)).toContain(YTD.toLocaleString('en-US'));
    expect(await stored()).toEqual([
      { revision: 1, ytd_investment_yuan: YTD * 10_000, month_end_investment_yuan: MONTH_END * 10_000, progress_text: '主体结构施工至13层' },
    ]);
    // One confirmation: the answer to the second press. Nothing else reached the reporter meanwhile.
    expect(w.double.updates.filter((u) => u.message_id === shown.messageId)).toEqual([]);
    expect(w.double.messages.filter((m) => m.user_open_id === reporter.openId)).toHaveLength(cardsOf(reporter.openId).length);
    // A third press of the same form is recognised as a repeat.
    const third = await tap(sender, w.double, shown, submit, { form });
    expect(third.toast).toEqual({ type: 'info', content: '已处理过这次操作，无需重复点击。' });
    expect(await stored()).toHaveLength(1);
  }, 90_000);
});
