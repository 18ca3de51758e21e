// Issue 17 row 5: a weekly card acts only on its own round. After the deadline it takes 补报 for round.lateDays days
// (default 7), under the same rules as on time (a cumulative figure that makes the series fall needs a 核减原因),
// and then refuses. Before, a W47 card took reports for ever — during W48 and again in March of the next year — and
// a W47 figure above W48's was saved with no reason asked, so the running total fell at W48.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import { tickRounds } from '../../src/jobs/rounds';
import { type BotServer, startBotServer } from '../helpers/bot';
import { engines } from '../helpers/db';
import { eventSenderFor, settled } from '../helpers/feishu';
import { type SheetProject, sampleRegister } from '../fixtures/register-workbooks';
import { bj, buttonOf, cardText, prepareRoundWorld, type RoundWorld, type Shown, tap, form } from '../helpers/round';

const R = await sampleRegister();
const ADMIN = R.leaders[0]!;
const JTU = R.unitWhere('a unit with two reporters and three projects', (u) => u.reporters.length === 2 && u.projects.length === 3);
const REPORTER = JTU.reporters[0]!.name;
const PA = JTU.projects[0] as SheetProject;
const W47 = '第47周（11月16日—11月22日）';
const W48 = '第48周（11月23日—11月29日）';
const wan = (share: number) => Math.round(PA.annual * share);
const FIG = { w47: wan(0.3), oct: wan(0.25), w48: wan(0.4), high: wan(0.9) };

describe.each(engines)('a past round’s card on %s', (engine) => {
  let w: RoundWorld;
  let server: BotServer | null = null;
  let sender: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-11-16 08:30'));
  let w47: Shown;
  let paId = 0;
  const db = () => w.t.db;
  const tickAt = async (at: string) => {
    await clock.set(bj(at));
    await tickRounds(server!.ctx);
    server!.bot!.sender.wake();
    await settled(db(), 15_000);
  };
  const cardOf = (week: string): Shown => {
    const openId = w.person(REPORTER).openId;
    const hits = w.double.messages.filter((m) => m.user_open_id === openId && m.msg_type === 'interactive' && cardText(JSON.parse(m.content)).includes(week));
    expect(hits).toHaveLength(1);
    const m = hits[0]!;
    return { messageId: m.message_id, chatId: m.chat_id, openId, card: JSON.parse(m.content) as Record<string, unknown> };
  };
  const revisions = async (weekStart: string) =>
    db()
      .selectFrom('report_revisions as v')
      .innerJoin('reports as r', 'r.id', 'v.report_id')
      .innerJoin('weekly_periods as wp', 'wp.id', 'r.period_id')
      .where('r.project_id', '=', paId)
      .where('wp.week_start', '=', weekStart)
      .select(['v.revision', 'v.ytd_investment_yuan as ytd', 'v.correction_reason as reason', 'v.late'])
      .orderBy('v.revision')
      .execute();

  beforeAll(async () => {
    w = await prepareRoundWorld(engine, ADMIN.mobile);
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    sender = eventSenderFor(w.double, server.webhookUrl, { clock });
    paId = (await db().selectFrom('projects').select('id').where('code', '=', PA.code).executeTakeFirstOrThrow()).id;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  it('W47 is reported on time, W48 after it', async () => {
    await tickAt('2026-11-16 09:00');
    w47 = cardOf(W47);
    await tap(sender, w.double, w47, buttonOf(w47.card, 'round_form', { projectId: paId }));
    const saved = await tap(sender, w.double, w47, buttonOf(w47.card, 'round_submit'), {
      form: form({ ytd_investment: String(FIG.w47), month_end_investment: String(FIG.oct), progress_text: '主体结构施工至12层' }),
    });
    expect(saved.toast).toEqual({ type: 'success', content: `${PA.name}：已保存` });
    await tickAt('2026-11-20 18:00');
    await tickAt('2026-11-23 09:00');
    const w48 = cardOf(W48);
    await tap(sender, w.double, w48, buttonOf(w48.card, 'round_form', { projectId: paId }));
    const ok = await tap(sender, w.double, w48, buttonOf(w48.card, 'round_submit'), {
      form: form({ ytd_investment: String(FIG.w48), progress_text: '主体结构施工至14层' }),
    });
    expect(ok.toast).toEqual({ type: 'success', content: `${PA.name}：已保存` });
  });

  it('during W48, within the window, the W47 card takes a 补报 of W47 under the drop rule', async () => {
    await clock.set(bj('2026-11-24 10:00'));
    await tap(sender, w.double, w47, buttonOf(w47.card, 'round_list'));
    await tap(sender, w.double, w47, buttonOf(w47.card, 'round_form', { projectId: paId }));
    expect(cardText(w47.card)).toContain(`这是${W47}的调度卡片，该周填报已截止；本次填报将记为${W47}的补报（补报截止：11月27日（周五）18:00）。`);
    const typed = { ytd_investment: String(FIG.high), month_end_investment: String(FIG.oct), progress_text: '主体结构施工至12层' };
    const refused = await tap(sender, w.double, w47, buttonOf(w47.card, 'round_submit'), { form: form(typed) });
    expect(refused.toast?.type).toBe('error');
    expect(refused.toast?.content).toContain(`高于其后${W48}已填报的`);
    expect(refused.toast?.content).toContain('请填写核减原因');
    expect(await revisions('2026-11-16')).toMatchObject([{ revision: 1, ytd: FIG.w47 * 10_000, late: 0 }]);

    const saved = await tap(sender, w.double, w47, buttonOf(w47.card, 'round_submit'), {
      form: form({ ...typed, correction_reason: '第48周数据漏计，将一并更正' }),
    });
    expect(saved.toast).toEqual({ type: 'success', content: `${PA.name}：已更新（第1次修改），已记为补报` });
    expect(cardText(saved.card)).toContain('（补报）');
    expect(await revisions('2026-11-16')).toMatchObject([
      { revision: 1, late: 0 },
      { revision: 2, ytd: FIG.high * 10_000, reason: '第48周数据漏计，将一并更正', late: 1 },
    ]);
  });

  it('in March of the next year the W47 card is refused, saying the round is closed; nothing is saved', async () => {
    // A form opened in November and submitted only now, and the list's 修改 button: both refused.
    await clock.set(bj('2026-11-25 10:00'));
    await tap(sender, w.double, w47, buttonOf(w47.card, 'round_list'));
    const list = w47.card;
    await tap(sender, w.double, w47, buttonOf(w47.card, 'round_form', { projectId: paId }));
    const submit = buttonOf(w47.card, 'round_submit');
    const formCard: Shown = { ...w47, card: w47.card };
    await clock.set(bj('2027-03-10 10:00'));
    const message = `${W47}调度已于11月27日（周五）18:00结束补报，该卡片不再接受填报。`;
    const late = await tap(sender, w.double, formCard, submit, {
      form: form({ ytd_investment: String(FIG.w47), month_end_investment: String(FIG.oct), progress_text: '主体结构施工至12层', correction_reason: '更正' }),
    });
    expect(late.toast?.type).toBe('warning');
    expect(late.toast?.content).toContain(message);
    expect(cardText(late.card)).toContain(message);
    const listCard: Shown = { ...w47, card: list };
    const opened = await tap(sender, w.double, listCard, buttonOf(list, 'round_form', { projectId: paId }));
    expect(opened.toast?.content).toContain(message);
    expect(await revisions('2026-11-16')).toHaveLength(2);
  });
});
