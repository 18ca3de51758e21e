// Two bot servers on one database (as two instances behind a load balancer): the same signed event delivered to
// both at the same moment is handled once — one reply in the Feishu double — and so is a card callback; two
// reporters' submissions of one project reaching different instances at once are both taken without an error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairUnit, sampleRegister } from '../fixtures/register-workbooks';
import { createManualClock } from '../../src/clock';
import { tickRounds } from '../../src/jobs/rounds';
import { type BotServer, startBotServer } from '../helpers/bot';
import { engines } from '../helpers/db';
import { eventSenderFor, settled, waitFor } from '../helpers/feishu';
import { bj, buttonOf, prepareRoundWorld, type RoundWorld, type Shown, tap } from '../helpers/round';

const R = await sampleRegister();
/** A unit with two reporters and three projects: its first reporter, and its projects. */
const JTU = pairUnit(R);
const P = JTU.projects[0]!;
/** Cumulative figures (万元) within its annual plan, so within what its total leaves. */
const YTD = Math.round(P.annual * 0.7);
const MONTH_END = Math.round(P.annual * 0.6);

describe.each(engines)('one event, two instances on %s', (engine) => {
  let w: RoundWorld;
  const servers: BotServer[] = [];
  let a: ReturnType<typeof eventSenderFor>;
  let b: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-11-23 09:00'));

  beforeAll(async () => {
    w = await prepareRoundWorld(engine, '13900010001');
    for (let i = 0; i < 2; i++) servers.push(await startBotServer({ database: w.t.target, double: w.double, clock }));
    a = eventSenderFor(w.double, servers[0]!.webhookUrl, { clock });
    b = eventSenderFor(w.double, servers[1]!.webhookUrl, { clock });
    await Promise.all(servers.map((s) => tickRounds(s.ctx)));
    for (const s of servers) s.bot!.sender.wake();
    await settled(w.t.db, 20_000);
    await clock.set(bj('2026-11-24 10:00'));
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  const idle = async () => {
    for (const s of servers) await s.bot!.pipeline.idle();
    for (const s of servers) s.bot!.sender.wake();
    await settled(w.t.db, 20_000);
  };
  const repliesTo = (messageId: string) => w.double.messages.filter((m) => m.via === 'reply' && m.parent_id === messageId);

  it('the same message event posted to both instances at once gets one reply', async () => {
    const asker = w.person(R.leaders[0]!.name);
    const env = a.build.message({ text: '全市进度', sender: { open_id: asker.openId } });
    const m = env.event.message as { message_id: string; chat_id: string; chat_type: 'p2p' | 'group' };
    w.double.recordInbound({ ...m, sender_open_id: asker.openId });
    const answers = await Promise.all([a.post(env), b.post(env)]);
    expect(answers.map((r) => [r.status, r.json])).toEqual([
      [200, {}],
      [200, {}],
    ]);
    await waitFor(
      'the reply',
      () => repliesTo(m.message_id).length,
      (n) => n >= 1,
      10_000,
    );
    await idle();
    expect(repliesTo(m.message_id)).toHaveLength(1);
    expect(await w.t.db.selectFrom('inbox').select(['event_id', 'status']).where('event_id', '=', env.header.event_id).execute()).toEqual([
      { event_id: env.header.event_id, status: 'done' },
    ]);
  });

  it('twenty questions, each delivered to both instances at once, and redelivered under new event ids: twenty replies', async () => {
    const askers = w.people.slice(0, 20);
    const envs = askers.map((p) => {
      const env = a.build.message({ text: '帮助', sender: { open_id: p.openId } });
      const m = env.event.message as { message_id: string; chat_id: string; chat_type: 'p2p' | 'group' };
      w.double.recordInbound({ ...m, sender_open_id: p.openId });
      return env;
    });
    // Feishu's retry of a message may come with a new event_id (dedup by message_id), and reach either instance.
    const redelivered = envs.map((e) => ({ ...e, header: { ...e.header, event_id: `${e.header.event_id.slice(0, 24)}retry000` } }));
    const answers = await Promise.all([...envs.flatMap((e) => [a.post(e), b.post(e)]), ...redelivered.map((e, i) => (i % 2 ? a : b).post(e))]);
    expect(answers.every((r) => r.status === 200)).toBe(true);
    await idle();
    for (const e of envs) expect(repliesTo((e.event.message as { message_id: string }).message_id), e.header.event_id).toHaveLength(1);
  });

  it('a card callback delivered to both instances is handled once: one saves, the other answers nothing', async () => {
    const reporter = w.person(JTU.reporters[0]!.name);
    const m = w.double.messages.find((x) => x.user_open_id === reporter.openId && x.msg_type === 'interactive')!;
    const shown: Shown = { messageId: m.message_id, chatId: m.chat_id, openId: reporter.openId, card: JSON.parse(m.content) };
    const projectId = (await w.t.db.selectFrom('projects').select('id').where('code', '=', P.code).executeTakeFirstOrThrow()).id;
    await tap(a, w.double, shown, buttonOf(shown.card, 'round_form', { projectId }));
    const submit = buttonOf(shown.card, 'round_submit');
    const env = a.build.cardAction({
      operator: { open_id: reporter.openId },
      token: w.double.issueCardToken(shown.messageId),
      openMessageId: shown.messageId,
      openChatId: shown.chatId,
      action: {
        tag: 'button',
        name: submit.name ?? undefined,
        value: submit.value,
        form_value: {
          ytd_investment: String(YTD),
          month_end_investment: String(MONTH_END),
          progress_text: '主体结构施工至13层',
          status: 'building',
          problem_category: [],
        },
      },
    });
    const answers = (await Promise.all([a.post(env), b.post(env)])).map((r) => r.json);
    expect(answers).toContainEqual({});
    expect(answers).toContainEqual(expect.objectContaining({ toast: { type: 'success', content: `${P.name}：已保存` } }));
    const stored = await w.t.db
      .selectFrom('report_revisions')
      .innerJoin('reports', 'reports.id', 'report_revisions.report_id')
      .where('reports.project_id', '=', projectId)
      .select(['report_revisions.revision', 'report_revisions.ytd_investment_yuan'])
      .execute();
    expect(stored).toEqual([{ revision: 1, ytd_investment_yuan: YTD * 10_000 }]);
  });

  it('two reporters submit one project through different instances at the same moment: both taken, no error', async () => {
    const projectId = (await w.t.db.selectFrom('projects').select('id').where('code', '=', JTU.projects[1]!.code).executeTakeFirstOrThrow()).id;
    const forms = await Promise.all(
      JTU.reporters.map(async ({ name }, i) => {
        const p = w.person(name);
        const m = w.double.messages.find((x) => x.user_open_id === p.openId && x.msg_type === 'interactive')!;
        const shown: Shown = { messageId: m.message_id, chatId: m.chat_id, openId: p.openId, card: JSON.parse(m.content) };
        const via = i === 0 ? a : b;
        await tap(via, w.double, shown, buttonOf(shown.card, 'round_form', { projectId }));
        return { shown, via, submit: buttonOf(shown.card, 'round_submit') };
      }),
    );
    const form = (ytd: string) => ({
      ytd_investment: ytd,
      month_end_investment: '0',
      progress_text: '路基施工完成60%',
      status: 'building',
      problem_category: [],
    });
    const results = await Promise.all(forms.map((f, i) => tap(f.via, w.double, f.shown, f.submit, { form: form(String(100 + i)) })));
    // Each is saved, one after the other — or, if the earlier press happened to arrive last, told that a later
    // submission stands. Never an error.
    const saved = results.filter((r) => r.toast?.type === 'success');
    const late = results.filter((r) => r.toast?.content.includes('已有更晚提交的填报'));
    expect(saved.length + late.length, JSON.stringify(results.map((r) => r.toast))).toBe(2);
    const stored = await w.t.db
      .selectFrom('report_revisions')
      .innerJoin('reports', 'reports.id', 'report_revisions.report_id')
      .where('reports.project_id', '=', projectId)
      .select('report_revisions.revision')
      .orderBy('report_revisions.revision')
      .execute();
    expect(stored.map((r) => r.revision)).toEqual(saved.length === 2 ? [1, 2] : [1]);
  });
});
