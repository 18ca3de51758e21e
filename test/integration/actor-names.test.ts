// An administrator the register does not hold — named in `admins` by open_id only — acts on a problem item: the item's
// history names them as the Feishu directory does (contact/v3/users/:user_id), not as "调度助手" (issue 16).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import { saveSetting } from '../../src/db/settings';
import { type BotServer, startBotServer } from '../helpers/bot';
import { engines } from '../helpers/db';
import { eventSenderFor, requestsTo, settled, waitFor } from '../helpers/feishu';
import { bj, cardButtons, cardText, prepareRoundWorld, type RoundWorld, type Shown, tap } from '../helpers/round';
import { sampleRegister } from '../fixtures/register-workbooks';

const R = await sampleRegister();
const OUTSIDE = { open_id: 'ou_admin_outside', name: '欧阳明远', mobile: '13900019999' };
/** An administrator named in `admins` by mobile only, not in the register: `users sync` finds them in the directory. */
const BY_MOBILE = { open_id: 'ou_admin_by_mobile', name: '司马文涛', mobile: '13900018888' };

describe.each(engines)('names of actors the register does not hold on %s', (engine) => {
  let w: RoundWorld;
  let server: BotServer;
  let sender: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-10-12 10:00'));
  let problemId = 0;

  const newProblem = async (description: string) => {
    const project = await w.t.db.selectFrom('projects').select('id').orderBy('id').executeTakeFirstOrThrow();
    const at = new Date(bj('2026-10-09 10:00')).toISOString();
    const row = await w.t.db
      .insertInto('problems')
      .values({
        project_id: project.id,
        category: 'land',
        description,
        status: '待梳理',
        raised_by: null,
        raised_at: at,
        report_revision_id: null,
        lead_unit_id: null,
        helper_unit_ids: null,
        deadline: null,
        closed_at: null,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };

  beforeAll(async () => {
    w = await prepareRoundWorld(engine, R.leaders[0]!.mobile);
    w.double.addUser(OUTSIDE);
    w.double.addUser(BY_MOBILE);
    const set = await w.cli(['settings', 'set', 'admins', JSON.stringify([R.leaders[0]!.mobile, OUTSIDE.open_id])], bj('2026-10-12 09:00'));
    expect(set.code, set.err).toBe(0);
    const project = await w.t.db.selectFrom('projects').select('id').orderBy('id').executeTakeFirstOrThrow();
    const at = new Date(bj('2026-10-09 10:00')).toISOString();
    const row = await w.t.db
      .insertInto('problems')
      .values({
        project_id: project.id,
        category: 'land',
        description: '征地拆迁尚有2户未签约',
        status: '待梳理',
        raised_by: null,
        raised_at: at,
        report_revision_id: null,
        lead_unit_id: null,
        helper_unit_ids: null,
        deadline: null,
        closed_at: null,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    problemId = row.id;
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    sender = eventSenderFor(w.double, server.webhookUrl, { clock });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  const ask = async (text: string, openId: string) => {
    const sent = await sender.sendMessage({ text, sender: { open_id: openId } });
    const id = (sent.envelope.event.message as { message_id: string }).message_id;
    const reply = await waitFor(
      `the reply to ${text}`,
      () => w.double.messages.find((m) => m.via === 'reply' && m.parent_id === id),
      (m) => m !== undefined,
      15_000,
    );
    return reply!;
  };

  it('直接销号 by an administrator known only by open_id: the history and the card say who, by name', async () => {
    const reply = await ask(`问题${problemId}`, OUTSIDE.open_id);
    expect(reply.msg_type).toBe('interactive');
    const shown: Shown = { messageId: reply.message_id, chatId: reply.chat_id, openId: OUTSIDE.open_id, card: JSON.parse(reply.content) };
    const dismiss = cardButtons(shown.card).find((b) => b.value.kind === 'problem_dismiss');
    expect(dismiss, cardText(shown.card)).toBeDefined();
    const lookups = requestsTo(w.double, `/open-apis/contact/v3/users/${OUTSIDE.open_id}`, 'GET').length;
    const done = await tap(sender, w.double, shown, dismiss!, { form: { note: '经核实已由县区自行协调解决' } });
    expect(done.toast?.type, done.toast?.content).toBe('success');
    expect(requestsTo(w.double, `/open-apis/contact/v3/users/${OUTSIDE.open_id}`, 'GET').length).toBe(lookups + 1);
    expect(cardText(done.card)).toContain(`${OUTSIDE.name}：`);
    expect(cardText(done.card)).not.toContain('调度助手：');
    const events = await w.t.db.selectFrom('problem_events').select(['actor_id', 'actor_name', 'action']).where('problem_id', '=', problemId).execute();
    expect(events).toEqual([{ actor_id: null, actor_name: OUTSIDE.name, action: expect.any(String) }]);
    server.bot!.sender.wake();
    await settled(w.t.db, 15_000, { clock, wake: () => server.bot!.sender.wake() });
    // Asked again later, the item's card still names them (read from the event, no new lookup needed).
    const again = await ask(`问题${problemId}`, `ou_${R.leaders[0]!.mobile}`);
    expect(cardText(JSON.parse(again.content))).toContain(`${OUTSIDE.name}：`);
  });
  it('an administrator named by mobile only: refused until `users sync` finds them in the directory, then acts and is named', async () => {
    const id = await newProblem('施工用电增容尚未批复');
    const dismissOf = (m: { content: string }) => cardButtons(JSON.parse(m.content)).find((b) => b.value.kind === 'problem_dismiss');
    // Listed without a look-up (saved directly, not by `settings set`, which looks a new one up at once; the hourly
    // job has not run): the mobile is in no people row, so the bot does not know this open_id as an administrator.
    // The jobs' tick at the bot's start is over first: its look-up step would otherwise enter them alongside.
    await server.bot!.scheduler.runNow();
    const listed = [R.leaders[0]!.mobile, OUTSIDE.open_id, BY_MOBILE.mobile];
    expect((await saveSetting(w.t.db, 'admins', listed, 'test', new Date(bj('2026-10-12 10:20')))).ok).toBe(true);
    const before = await ask(`问题${id}`, BY_MOBILE.open_id);
    expect(before.msg_type !== 'interactive' || dismissOf(before) === undefined).toBe(true);
    const synced = await w.cli(['users', 'sync'], bj('2026-10-12 10:30'));
    expect(synced.code, synced.err).toBe(0);
    expect(synced.out).toContain(`已按飞书通讯录登记 1 人：${BY_MOBILE.name}（${BY_MOBILE.mobile}）。`);
    const person = await w.t.db.selectFrom('people').select(['id', 'name', 'open_id']).where('mobile', '=', BY_MOBILE.mobile).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ name: BY_MOBILE.name, open_id: BY_MOBILE.open_id });
    // Again: nothing more to add.
    expect((await w.cli(['users', 'sync'], bj('2026-10-12 10:31'))).out).not.toContain('已按飞书通讯录登记');

    const reply = await ask(`问题${id}`, BY_MOBILE.open_id);
    expect(reply.msg_type).toBe('interactive');
    const shown: Shown = { messageId: reply.message_id, chatId: reply.chat_id, openId: BY_MOBILE.open_id, card: JSON.parse(reply.content) };
    const dismiss = dismissOf(reply);
    expect(dismiss, cardText(shown.card)).toBeDefined();
    const done = await tap(sender, w.double, shown, dismiss!, { form: { note: '已与供电公司协调，近期批复' } });
    expect(done.toast?.type, done.toast?.content).toBe('success');
    expect(cardText(done.card)).toContain(`${BY_MOBILE.name}：`);
    expect(cardText(done.card)).not.toContain('调度助手：');
    const events = await w.t.db.selectFrom('problem_events').select(['actor_id', 'action']).where('problem_id', '=', id).execute();
    expect(events).toEqual([{ actor_id: person.id, action: expect.any(String) }]);
    server.bot!.sender.wake();
    await settled(w.t.db, 15_000, { clock, wake: () => server.bot!.sender.wake() });
  });
});
