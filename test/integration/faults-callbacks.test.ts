// Card callbacks as a network delivers them: the same callback twice, two presses at the same moment, an older
// submission arriving after a newer one, a click stamped in the future and control characters in the form. The rule for the last (README, 每周调度): the figures that stand are those
// of the latest click, by the time Feishu stamped on the callback (header.create_time); an earlier click arriving
// late is not saved, and its sender is told so and shown what is saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import { tickRounds } from '../../src/jobs/rounds';
import { type BotServer, startBotServer } from '../helpers/bot';
import { engines } from '../helpers/db';
import { eventSenderFor, settled } from '../helpers/feishu';
import { sampleRegister } from '../fixtures/register-workbooks';
import { bj, buttonOf, cardText, prepareRoundWorld, type RoundWorld, type Shown, tap } from '../helpers/round';

const R = await sampleRegister();
/** A unit with two reporters and three projects. */
const JTU = R.unitWhere('a unit with two reporters and three projects', (u) => u.reporters.length === 2 && u.projects.length === 3);
const JT = { unit: JTU.name, reporters: JTU.reporters.map((r) => r.name) };
/** A cumulative figure (万元) within a project's annual plan, so within what its total leaves. */
const shareOf = (code: string, share: number) => Math.round(R.project(code).annual * share);
const form = (ytd: string) => ({
  ytd_investment: ytd,
  month_end_investment: '0',
  progress_text: '路基施工完成60%',
  status: 'building',
  problem_category: [],
  problem_text: '',
  coordination: '',
  next_plan: '',
});
const REPEAT = { type: 'info', content: '已处理过这次操作，无需重复点击。' };

describe.each(engines)('card callbacks twice, together and out of order on %s', (engine) => {
  let w: RoundWorld;
  let server: BotServer;
  let sender: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-11-23 09:00'));

  beforeAll(async () => {
    w = await prepareRoundWorld(engine, '13900010001');
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    sender = eventSenderFor(w.double, server.webhookUrl, { clock });
    await tickRounds(server.ctx);
    server.bot!.sender.wake();
    await settled(w.t.db, 20_000);
    await clock.set(bj('2026-11-24 10:00'));
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  const projects = () =>
    w.t.db
      .selectFrom('projects as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .where('u.name', '=', JT.unit)
      .select(['p.id', 'p.code', 'p.name'])
      .orderBy('p.code')
      .execute();
  /** A reporter's W48 card, turned into the form of one project: the card on their screen and its 提交 button. */
  const formOf = async (reporter: string, projectId: number) => {
    const openId = w.person(reporter).openId;
    const m = w.double.messages.find((x) => x.user_open_id === openId && x.msg_type === 'interactive');
    expect(m, reporter).toBeDefined();
    const shown: Shown = { messageId: m!.message_id, chatId: m!.chat_id, openId, card: JSON.parse(m!.content) };
    await tap(sender, w.double, shown, buttonOf(shown.card, 'round_form', { projectId }));
    return { shown, submit: buttonOf(shown.card, 'round_submit') };
  };
  /** The same card on a second device. */
  const onAnotherDevice = (s: Shown): Shown => ({ ...s, card: structuredClone(s.card) });
  const revisions = async (projectId: number) =>
    (
      await w.t.db
        .selectFrom('report_revisions as v')
        .innerJoin('reports as r', 'r.id', 'v.report_id')
        .where('r.project_id', '=', projectId)
        .select(['v.revision', 'r.revision as current', 'v.ytd_investment_yuan as ytd'])
        .orderBy('v.revision')
        .execute()
    ).map((r) => ({ revision: r.revision, current: r.current, ytdWan: r.ytd / 10_000 }));

  it('the same callback delivered twice is handled once: the second delivery is answered with nothing', async () => {
    const [p] = await projects();
    const ytd = shareOf(p!.code, 0.8);
    const { shown, submit } = await formOf(JT.reporters[0]!, p!.id);
    const callback = sender.build.cardAction({
      operator: { open_id: shown.openId },
      token: w.double.issueCardToken(shown.messageId),
      openMessageId: shown.messageId,
      openChatId: shown.chatId,
      action: { tag: 'button', name: submit.name ?? undefined, value: submit.value, form_value: form(String(ytd)) },
    });
    const first = await sender.post(callback);
    const second = await sender.post(callback);
    expect(first.json).toMatchObject({ toast: { type: 'success', content: `${p!.name}：已保存` } });
    expect(second.status).toBe(200);
    expect(second.json).toEqual({});
    expect(await revisions(p!.id)).toEqual([{ revision: 1, current: 1, ytdWan: ytd }]);
  });

  it('one form pressed on two devices at the same moment: saved once, one confirmation, the other told it is a repeat', async () => {
    const [, p] = await projects();
    const { shown, submit } = await formOf(JT.reporters[0]!, p!.id);
    const results = await Promise.all([shown, onAnotherDevice(shown)].map((s) => tap(sender, w.double, s, submit, { form: form('100') })));
    const toasts = results.map((r) => r.toast);
    expect(toasts).toContainEqual({ type: 'success', content: `${p!.name}：已保存` });
    expect(toasts).toContainEqual(REPEAT);
    expect(await revisions(p!.id)).toEqual([{ revision: 1, current: 1, ytdWan: 100 }]);
  });

  it('an older submission arriving after a newer one does not overwrite it; the sender is told and shown what stands', async () => {
    const [, , p] = await projects();
    const { shown: phone, submit } = await formOf(JT.reporters[0]!, p!.id);
    const desktop = onAnotherDevice(phone);
    const t1 = new Date('2026-11-24T02:00:00Z');
    const t2 = new Date(t1.getTime() + 20_000);
    // The desktop's press (later) arrives first; the phone's (20 s earlier, held up on a bad connection) after it.
    const newer = await tap(sender, w.double, desktop, submit, { form: form('1200'), clickedAt: t2 });
    expect(newer.toast).toEqual({ type: 'success', content: `${p!.name}：已保存` });
    const older = await tap(sender, w.double, onAnotherDevice(phone), submit, { form: form('1000'), clickedAt: t1 });
    expect(older.toast).toEqual({ type: 'warning', content: `${p!.name}：已有更晚提交的填报，本次较早的提交未保存。卡片显示的是现在保存的内容。` });
    expect(cardText(older.card)).toContain('1,200');
    expect(await revisions(p!.id)).toEqual([{ revision: 1, current: 1, ytdWan: 1200 }]);
    // A correction pressed after both (on the form still open on a third device) is saved as the next revision.
    const later = await tap(sender, w.double, onAnotherDevice(phone), submit, { form: form('1300'), clickedAt: new Date(t2.getTime() + 60_000) });
    expect(later.toast).toEqual({ type: 'success', content: `${p!.name}：已更新（第1次修改）` });
    expect((await revisions(p!.id)).map((r) => r.ytdWan)).toEqual([1200, 1300]);
  });

  it('both reporters of a unit submit one project at the same moment: neither gets an error, the later press stands', async () => {
    const fresh = (await projects())[0]!;
    const [earlier, later] = [shareOf(fresh.code, 0.85), shareOf(fresh.code, 0.85) + 30];
    // A project neither has reported yet this week: use the unit's first project in the next week's round.
    await clock.set(bj('2026-11-30 09:00'));
    await tickRounds(server.ctx);
    server.bot!.sender.wake();
    await settled(w.t.db, 20_000);
    await clock.set(bj('2026-11-30 10:00'));
    const cardsOfWeek = (reporter: string) => {
      const openId = w.person(reporter).openId;
      return w.double.messages.filter((x) => x.user_open_id === openId && x.msg_type === 'interactive' && cardText(JSON.parse(x.content)).includes('第49周'));
    };
    const forms = await Promise.all(
      JT.reporters.map(async (name) => {
        const m = cardsOfWeek(name)[0]!;
        const shown: Shown = { messageId: m.message_id, chatId: m.chat_id, openId: w.person(name).openId, card: JSON.parse(m.content) };
        await tap(sender, w.double, shown, buttonOf(shown.card, 'round_form', { projectId: fresh.id }));
        return { shown, submit: buttonOf(shown.card, 'round_submit') };
      }),
    );
    const t = new Date('2026-11-30T02:00:00Z');
    const [a, b] = await Promise.all([
      tap(sender, w.double, forms[0]!.shown, forms[0]!.submit, { form: { ...form(String(earlier)), correction_reason: '' }, clickedAt: t }),
      tap(sender, w.double, forms[1]!.shown, forms[1]!.submit, {
        form: { ...form(String(later)), correction_reason: '' },
        clickedAt: new Date(t.getTime() + 1000),
      }),
    ]);
    for (const r of [a, b]) expect(r.toast?.type, JSON.stringify(r.toast)).not.toBe('error');
    const period = await w.t.db.selectFrom('weekly_periods').select('id').where('week_start', '=', '2026-11-30').executeTakeFirstOrThrow();
    const current = await w.t.db
      .selectFrom('reports as r')
      .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
      .where('r.project_id', '=', fresh.id)
      .where('r.period_id', '=', period.id)
      .select(['v.ytd_investment_yuan as ytd', 'v.submitted_by'])
      .executeTakeFirstOrThrow();
    expect(current).toEqual({ ytd: later * 10_000, submitted_by: w.person(JT.reporters[1]!).id });
  });

  it('a callback stamped far in the future does not block the real submissions after it: its click counts as now', async () => {
    // Runs in week 49, after the test above: the unit's second project, not reported yet this week.
    const p = (await projects())[1]!;
    const reporter = JT.reporters[0]!;
    const openId = w.person(reporter).openId;
    const m = w.double.messages.find((x) => x.user_open_id === openId && x.msg_type === 'interactive' && cardText(JSON.parse(x.content)).includes('第49周'));
    const shown: Shown = { messageId: m!.message_id, chatId: m!.chat_id, openId, card: JSON.parse(m!.content) };
    await tap(sender, w.double, shown, buttonOf(shown.card, 'round_form', { projectId: p.id }));
    const submit = buttonOf(shown.card, 'round_submit');
    const ytd = shareOf(p.code, 0.7);
    // A phone whose clock is a year ahead: the callback says it was clicked in 2027.
    const future = await tap(sender, w.double, onAnotherDevice(shown), submit, {
      form: { ...form(String(ytd)), correction_reason: '' },
      clickedAt: new Date(clock.now().getTime() + 365 * 24 * 3600_000),
    });
    expect(future.toast).toEqual({ type: 'success', content: `${p.name}：已保存` });
    // Five minutes later a correction from a device with the right time is saved, not refused as "earlier".
    await clock.advance(5 * 60_000);
    const real = await tap(sender, w.double, onAnotherDevice(shown), submit, {
      form: { ...form(String(ytd + 10)), correction_reason: '' },
      clickedAt: clock.now(),
    });
    expect(real.toast).toEqual({ type: 'success', content: `${p.name}：已更新（第1次修改）` });
    const period = await w.t.db.selectFrom('weekly_periods').select('id').where('week_start', '=', '2026-11-30').executeTakeFirstOrThrow();
    const saved = await w.t.db
      .selectFrom('report_revisions as v')
      .innerJoin('reports as r', 'r.id', 'v.report_id')
      .where('r.project_id', '=', p.id)
      .where('r.period_id', '=', period.id)
      .select(['v.id', 'v.revision', 'v.ytd_investment_yuan as ytd', 'v.changes'])
      .orderBy('v.revision')
      .execute();
    expect(saved.map((r) => [r.revision, r.ytd / 10_000])).toEqual([
      [1, ytd],
      [2, ytd + 10],
    ]);
    // The impossible stamp was stored as the moment it arrived.
    expect(JSON.parse(saved[0]!.changes).clickedAt).toBe(new Date(clock.now().getTime() - 5 * 60_000).toISOString());
    // A week already blocked by a future stamp stored before this rule (written here directly) is unblocked too.
    const poisoned = JSON.stringify({ ...JSON.parse(saved[1]!.changes), clickedAt: '2030-01-01T00:00:00.000Z' });
    await w.t.db.updateTable('report_revisions').set({ changes: poisoned }).where('id', '=', saved[1]!.id).execute();
    await clock.advance(60_000);
    const after = await tap(sender, w.double, onAnotherDevice(shown), submit, {
      form: { ...form(String(ytd + 20)), correction_reason: '' },
      clickedAt: clock.now(),
    });
    expect(after.toast).toEqual({ type: 'success', content: `${p.name}：已更新（第2次修改）` });
  });

  it('control characters pasted into the form (NUL, bell, escape) are dropped and the report saved, alike on both engines', async () => {
    // SQLite stored a NUL; PostgreSQL refused the row and the reporter got "处理失败" on every retry.
    const p = (await projects())[2]!;
    const reporter = JT.reporters[0]!;
    const openId = w.person(reporter).openId;
    const m = w.double.messages.find((x) => x.user_open_id === openId && x.msg_type === 'interactive' && cardText(JSON.parse(x.content)).includes('第49周'));
    const shown: Shown = { messageId: m!.message_id, chatId: m!.chat_id, openId, card: JSON.parse(m!.content) };
    await tap(sender, w.double, shown, buttonOf(shown.card, 'round_form', { projectId: p.id }));
    const ytd = shareOf(p.code, 0.9);
    const r = await tap(sender, w.double, shown, buttonOf(shown.card, 'round_submit'), {
      form: {
        ...form(String(ytd)),
        progress_text: '主体结构施工至12层\u0000',
        problem_category: ['land'],
        problem_text: '征地\u0000拆迁\u0007未完成\n涉及3户',
        coordination: '\u001b[31m请自然资源局协调\u007f',
        next_plan: '完成13层\t楼板浇筑\u0085',
        correction_reason: '',
        problem_link: 'new',
      },
    });
    expect(r.toast).toEqual({ type: 'success', content: `${p.name}：已保存` });
    const period = await w.t.db.selectFrom('weekly_periods').select('id').where('week_start', '=', '2026-11-30').executeTakeFirstOrThrow();
    const saved = await w.t.db
      .selectFrom('report_revisions as v')
      .innerJoin('reports as r', 'r.id', 'v.report_id')
      .where('r.project_id', '=', p.id)
      .where('r.period_id', '=', period.id)
      .select(['v.progress_text', 'v.problem_text', 'v.coordination', 'v.next_plan'])
      .execute();
    expect(saved).toEqual([
      { progress_text: '主体结构施工至12层', problem_text: '征地拆迁未完成\n涉及3户', coordination: '[31m请自然资源局协调', next_plan: '完成13层\t楼板浇筑' },
    ]);
    const ledger = await w.t.db.selectFrom('problems').select('description').where('project_id', '=', p.id).execute();
    expect(ledger.map((x) => x.description)).toContain('征地拆迁未完成\n涉及3户');
  });
});
