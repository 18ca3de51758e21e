// The weekly round end to end (issue 4): the sample register imported and synced, the real server on a manual clock
// against the Feishu double, its scheduler's tick and `diaodu round …` driving the steps, reporters tapping the cards
// the double received. One database per engine; the steps run in calendar order, each `it` picking up where the one
// before left off (the clock only moves forward, as it does in production).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import type { DeliveredMessage } from '../../src/feishu-double/index';
import { tickRounds } from '../../src/jobs/rounds';
import { type BotServer, startBotServer } from '../helpers/bot';
import { engines } from '../helpers/db';
import { eventSenderFor, settled, sleep } from '../helpers/feishu';
import { type SheetProject, type SheetUnit, sampleRegister } from '../fixtures/register-workbooks';
import { feishuTime } from '../helpers/clock';
import { bj, buttonOf, cardButtons, cardText, expectValidCard, formFields, prepareRoundWorld, type RoundWorld, type Shown, tap, form } from '../helpers/round';

const R = await sampleRegister();
/** The administrator (重点项目办): the mayor of the sample (the first leader), named in `admins` by mobile. */
const ADMIN = R.leaders[0]!;
const WEEK = {
  w40: '第40周（9月28日—10月4日）',
  w45: '第45周（11月2日—11月8日）',
  w47: '第47周（11月16日—11月22日）',
  w48: '第48周（11月23日—11月29日）',
  w49: '第49周（11月30日—12月6日）',
};
/** The fewest-projects unit of those `test` accepts (sheet order on a tie). */
const smallest = (what: string, test: (u: SheetUnit) => boolean) =>
  R.unitWhere(what, (u) => test(u) && R.units.filter(test).every((v) => v.projects.length >= u.projects.length));
/** A unit with two reporters and three projects; it finishes W48 before the reminder. */
const JTU = R.unitWhere('a unit with two reporters and three projects', (u) => u.reporters.length === 2 && u.projects.length === 3);
const JT = { unit: JTU.name, reporters: JTU.reporters.map((r) => r.name), head: JTU.head.name };
const [PA, PB, PC] = JTU.projects as [SheetProject, SheetProject, SheetProject];
/** Another unit with two reporters and at least three projects: one is reported, the others stay missing. */
const FGU = smallest('another unit with two reporters and three or more projects', (u) => u !== JTU && u.reporters.length === 2 && u.projects.length >= 3);
const FG = {
  unit: FGU.name,
  reporters: FGU.reporters.map((r) => r.name),
  head: FGU.head.name,
  done: FGU.projects[0]!.name,
  missing: FGU.projects.slice(1).map((p) => p.name),
};
/** A unit with one reporter and 11–20 projects: two pages of ten. */
const ZJU = R.unitWhere(
  'a unit with one reporter and two pages of projects',
  (u) => u.reporters.length === 1 && u.projects.length > 10 && u.projects.length <= 20,
);
const ZJ = { unit: ZJU.name, reporter: ZJU.reporters[0]!.name, head: ZJU.head.name };
/** A reporter of a unit none of the above: he gets a forwarded card. */
const OTHER = R.unitWhere('a one-reporter unit besides', (u) => u.reporters.length === 1 && u !== ZJU).reporters[0]!.name;

/** Figures in 万元 as a reporter types them and as the bot prints them. */
const commas = (wan: number) => wan.toLocaleString('en-US');
const printed = (wan: number) => `${commas(wan)}.00万元`;
const yuan = (wan: number) => wan * 10_000;
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
/** PA's cumulative figures, as shares of its annual plan: W45 (and the end of October), W47, W48 and its change. */
const A = {
  w45: Math.round(PA.annual * 0.6),
  oct: Math.round(PA.annual * 0.55),
  w47: Math.round(PA.annual * 0.65),
  w48: (PA.annual * 7) / 10, // 70.0% of the plan (plans are whole tens of 万元)
  w48b: Math.round(PA.annual * 0.71),
};
/** Below 序时进度 (10/12 of the year by the end of November) by 13.3 points: a yellow light (10–30 points). */
const GAP = (((10 / 12) * 100 - 70) as number).toFixed(1);
const B47 = Math.round(PB.annual * 0.5);
const C47 = Math.round(PC.annual * 0.5);
const CUT = Math.max(1, Math.round(C47 / 10));
const FG_DONE = Math.round(FGU.projects[0]!.annual * 0.3);
/** Every reporter of the register gets one card a week. */
const REPORTERS = R.units.reduce((n, u) => n + u.reporters.length, 0);

describe.each(engines)('the weekly round on %s', (engine) => {
  let w: RoundWorld;
  let server: BotServer | null = null;
  let sender: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-09-28 08:30'));
  /** Feishu's time, for the double: real, moved on by a restart. */
  const feishuClock = feishuTime();
  /** Each reporter's W48 card as it stands on their screen. */
  const w48 = new Map<string, Shown>();
  /** Reminders tapped open: they show the unit's list since, and are updated with it. */
  const openedReminders = new Set<string>();

  const db = () => w.t.db;
  const start = async () => {
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    sender = eventSenderFor(w.double, server.webhookUrl, { clock });
  };
  /**
   * Stop the server and start a new one on the same database and clock. The double counts Feishu's 50 sends a second
   * across both; the new server's sender cannot know what the old one sent in the last second (a real restart takes
   * longer than that), so the restart moves Feishu's time on by that second rather than have the double refuse a burst
   * (before, the test slept through it).
   */
  const restart = async (at: string) => {
    await server!.stop();
    feishuClock.moveAhead(1100);
    await clock.set(bj(at));
    await start();
  };
  const ranSteps = async () =>
    (await db().selectFrom('job_runs').select(['id', 'job', 'run_key']).where('job', 'like', 'round.%').orderBy('id').execute()).map(
      (j) => `${j.run_key}:${j.job.replace('round.', '')}`,
    );
  /**
   * Moves the clock and runs what the server's scheduler runs each minute; returns the steps done meanwhile. Those
   * are read from job_runs rather than from this call, since the server's own minutely tick may get there first:
   * whichever runs a step, it runs once, and once this call has returned every step due has been run and committed.
   */
  const tickAt = async (at: string) => {
    const before = new Set(await ranSteps());
    await clock.set(bj(at));
    await tickRounds(server!.ctx);
    server!.bot!.sender.wake();
    return (await ranSteps()).filter((s) => !before.has(s));
  };
  /** The messages delivered from `mark` on, once nothing is left to send. */
  const deliveredSince = async (mark: number) => {
    server!.bot!.sender.wake();
    await settled(db(), 15_000);
    return w.double.messages.slice(mark);
  };
  const count = async (table: 'outbox' | 'job_runs') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const openIdOf = (name: string) => w.person(name).openId;
  const textOf = (m: DeliveredMessage) => (JSON.parse(m.content) as { text: string }).text;
  /** What a message shows: a text's words, or every text on a card. */
  const shownText = (m: DeliveredMessage) => (m.msg_type === 'text' ? textOf(m) : cardText(JSON.parse(m.content)));
  /** A reminder is a card titled 重点项目填报提醒: the reminder's words, and a button to the unit's list card. */
  const isReminder = (m: DeliveredMessage) =>
    m.msg_type === 'interactive' && (JSON.parse(m.content) as { header?: { title?: { content?: string } } }).header?.title?.content === '重点项目填报提醒';
  /** The reminder's words as the card's body shows them (the card's summary, first, is a preview clipped to 100). */
  const reminderWords = (m: DeliveredMessage) =>
    shownText(m)
      .split('\n')
      .filter((l) => l.startsWith('【填报提醒】'))
      .at(-1) ?? '';
  const period = async (weekStart: string) => db().selectFrom('weekly_periods').selectAll().where('week_start', '=', weekStart).executeTakeFirstOrThrow();
  const projectId = async (code: string) => (await db().selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  /** The stored revisions of a project's report in a week, oldest first. */
  const revisions = async (code: string, weekStart: string) =>
    db()
      .selectFrom('report_revisions as v')
      .innerJoin('reports as r', 'r.id', 'v.report_id')
      .innerJoin('projects as p', 'p.id', 'r.project_id')
      .innerJoin('weekly_periods as wp', 'wp.id', 'r.period_id')
      .where('p.code', '=', code)
      .where('wp.week_start', '=', weekStart)
      .select([
        'v.revision',
        'r.revision as current',
        'v.ytd_investment_yuan as ytd',
        'v.month_end_investment_yuan as monthEnd',
        'v.progress_text as progress',
        'v.status',
        'v.correction_reason as reason',
        'v.no_change as noChange',
        'v.late',
        'v.changes',
        'v.submitted_by as by',
      ])
      .orderBy('v.revision')
      .execute();
  /** Reporter roles of the register: who should get one card per unit they report for. */
  const reporterUnits = async () =>
    (
      await db()
        .selectFrom('person_roles as r')
        .innerJoin('people as p', 'p.id', 'r.person_id')
        .innerJoin('units as u', 'u.id', 'r.unit_id')
        .where('r.role', '=', 'reporter')
        .select(['p.name', 'p.open_id', 'u.id as unitId', 'u.name as unit'])
        .execute()
    ).map((r) => ({ name: r.name, openId: r.open_id as string, unitId: r.unitId, unit: r.unit }));
  const projectsOfUnit = async (unit: string) =>
    db()
      .selectFrom('projects as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .where('u.name', '=', unit)
      .select(['p.id', 'p.code', 'p.name'])
      .orderBy('p.code')
      .execute();

  /** The card a reporter got for a week, as a card on their screen. */
  const cardOf = (name: string, week: string): Shown => {
    const openId = openIdOf(name);
    const hits = w.double.messages.filter(
      (m) => m.user_open_id === openId && m.msg_type === 'interactive' && !isReminder(m) && cardText(JSON.parse(m.content)).includes(week),
    );
    expect(hits, `${name}'s card of ${week}`).toHaveLength(1);
    const m = hits[0]!;
    return { messageId: m.message_id, chatId: m.chat_id, openId, card: JSON.parse(m.content) as Record<string, unknown> };
  };

  beforeAll(async () => {
    w = await prepareRoundWorld(engine, ADMIN.mobile, { feishuClock });
    await start();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  it('a holiday week has no round: `round open --week 2026-W08` (Spring Festival) says so and sends nothing', async () => {
    const outbox = await count('outbox');
    const r = await w.cli(['round', 'open', '--week', '2026-W08'], bj('2026-09-28 08:40'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('2026-02-16 所在周没有调度');
    expect(r.err).toContain('春节');
    expect(r.err).toContain('本周不开展调度');
    expect(await count('outbox')).toBe(outbox);
    expect(await db().selectFrom('weekly_periods').select('id').where('week_start', '=', '2026-02-16').executeTakeFirst()).toBeUndefined();
  });

  it('National Day (2026-W40): opens Monday, its reminder and deadline wait until 10月8日', async () => {
    const mark = w.double.messages.length;
    expect(await tickAt('2026-09-28 09:00')).toEqual(['2026-09-28:open']);
    const cards = await deliveredSince(mark);
    expect(cards).toHaveLength(REPORTERS);
    for (const m of cards) expect(cardText(JSON.parse(m.content))).toContain('填报截止：**10月8日（周四）18:00');
    const p = await period('2026-09-28');
    expect([p.remind_at, p.deadline_at]).toEqual(['2026-10-08T07:00:00.000Z', '2026-10-08T10:00:00.000Z']);

    // The configured days (Thursday 1 and Friday 2 October) are holidays: nothing happens then.
    for (const at of ['2026-10-01 15:00', '2026-10-02 18:00', '2026-10-07 23:00']) {
      expect(await tickAt(at)).toEqual([]);
    }
    expect(await deliveredSince(mark + REPORTERS)).toEqual([]);

    // Thursday 8 October, the first working day after: W40 reminds (W41, opening that day, opens and reminds too).
    expect(await tickAt('2026-10-08 15:00')).toEqual(['2026-09-28:remind', '2026-10-05:open', '2026-10-05:remind']);
    const after = await deliveredSince(mark + REPORTERS);
    const w40Reminders = after.filter((m) => isReminder(m) && shownText(m).includes(WEEK.w40));
    expect(w40Reminders).toHaveLength(REPORTERS);
    const w40 = (await period('2026-09-28')).id;
    for (const m of w40Reminders) {
      expect(reminderWords(m)).toMatch(/^【填报提醒】.*请于10月8日（周四）18:00前在调度卡片中填报。$/);
      // One tap from the reminder to the unit's list card of that week.
      const [open] = cardButtons(JSON.parse(m.content));
      expect(open).toMatchObject({ text: '打开填报列表', value: { kind: 'round_list', periodId: w40, page: 0 } });
    }
    expect(await tickAt('2026-10-08 18:00')).toEqual(['2026-09-28:close']);
    await deliveredSince(mark);
  });

  it('the first round after a month ends asks for the month-end figure: 2026-W45 asks 2026-10', async () => {
    const mark = w.double.messages.length;
    expect(await tickAt('2026-11-02 09:00')).toEqual(['2026-11-02:open']); // W44 never ran: the tick does not reach back to it
    expect(await deliveredSince(mark)).toHaveLength(REPORTERS);
    expect((await period('2026-11-02')).asks_month_end).toBe('2026-10');
    // The rounds before it asked for their own previous months (W40 opened in September, W41 in October).
    expect((await period('2026-09-28')).asks_month_end).toBe('2026-08');
    expect((await period('2026-10-05')).asks_month_end).toBe('2026-09');

    const shown = cardOf(JT.reporters[0]!, WEEK.w45);
    const opened = await tap(sender, w.double, shown, buttonOf(shown.card, 'round_form', { projectId: await projectId(PA.code) }));
    expect(opened.toast).toBeNull();
    const fields = formFields(shown.card);
    expect([...fields.keys()]).toEqual([
      'ytd_investment',
      'month_end_investment',
      'progress_text',
      'status',
      'stopped_since',
      'problem_category',
      'problem_text',
      'coordination',
      'next_plan',
    ]);
    expect(fields.get('month_end_investment')).toMatchObject({ required: true, label: { content: '截至2026年10月底累计完成投资（万元）' } });
    expect(cardButtons(shown.card).map((b) => b.value.kind)).not.toContain('round_no_change'); // a month-end figure is due

    const submit = buttonOf(shown.card, 'round_submit');
    const missing = await tap(sender, w.double, shown, submit, { form: form({ ytd_investment: String(A.w45), progress_text: '主体结构施工至10层' }) });
    expect(missing.toast).toEqual({ type: 'error', content: '请填写截至2026年10月底累计完成投资（万元）' });
    expect(await revisions(PA.code, '2026-11-02')).toEqual([]);

    const ok = await tap(sender, w.double, shown, buttonOf(shown.card, 'round_submit'), {
      form: form({ ytd_investment: String(A.w45), month_end_investment: commas(A.oct), progress_text: '主体结构施工至10层' }),
    });
    expect(ok.toast).toEqual({ type: 'success', content: `${PA.name}：已保存` });
    expect(cardText(ok.card)).toContain(`截至2026年10月底累计完成投资：**${printed(A.oct)}`);
    expect(await revisions(PA.code, '2026-11-02')).toMatchObject([{ revision: 1, ytd: yuan(A.w45), monthEnd: yuan(A.oct), late: 0 }]);
  });

  it('the week before (2026-W47): reports the next week builds on; its steps run on time', async () => {
    const mark = w.double.messages.length;
    expect(await tickAt('2026-11-16 09:00')).toEqual(['2026-11-16:open']);
    expect(await deliveredSince(mark)).toHaveLength(REPORTERS);
    expect((await period('2026-11-16')).asks_month_end).toBeNull();

    const shown = cardOf(JT.reporters[0]!, WEEK.w47);
    const plan = [
      { p: PA, values: { ytd_investment: String(A.w47), progress_text: '主体结构施工至12层' } },
      { p: PB, values: { ytd_investment: commas(B47), progress_text: '路基完成60%' } },
      { p: PC, values: { ytd_investment: String(C47), progress_text: '完成桩基85%' } },
    ];
    for (const { p, values } of plan) {
      await tap(sender, w.double, shown, buttonOf(shown.card, 'round_form', { projectId: await projectId(p.code) }));
      const fields = formFields(shown.card);
      expect(fields.has('month_end_investment')).toBe(false);
      if (p === PA) expect(fields.get('ytd_investment')?.default_value).toBe(String(A.w45)); // prefilled from W45
      const saved = await tap(sender, w.double, shown, buttonOf(shown.card, 'round_submit'), { form: form(values) });
      expect(saved.toast).toEqual({ type: 'success', content: `${p.name}：已保存` });
      await tap(sender, w.double, shown, buttonOf(shown.card, 'round_list'));
    }
    expect(cardText(shown.card)).toContain('已填 3 / 3');

    // Friday 18:00: the deadline (the reminder's time has passed with it: it is recorded, not sent).
    expect(await tickAt('2026-11-20 18:00')).toEqual(['2026-11-16:remind', '2026-11-16:close']);
    const sent = await deliveredSince(mark + REPORTERS);
    expect(sent.filter(isReminder)).toEqual([]);
    expect(sent.map((m) => m.user_open_id)).not.toContain(openIdOf(JT.head)); // JT reported everything
  });

  it('opening 2026-W48: exactly one card per reporter and unit, naming the unit and its projects 待填; paged; a second open sends nothing', async () => {
    const mark = w.double.messages.length;
    expect(await tickAt('2026-11-23 09:00')).toEqual(['2026-11-23:open']); // W47's steps are all done: nothing of it again
    const cards = await deliveredSince(mark);
    const expected = await reporterUnits();
    expect(expected).toHaveLength(REPORTERS);
    expect(cards).toHaveLength(REPORTERS);
    expect(cards.every((m) => m.msg_type === 'interactive' && m.chat_type === 'p2p')).toBe(true);

    const got = cards.map((m) => {
      const card = JSON.parse(m.content) as Record<string, unknown>;
      expectValidCard(card);
      const unit = expected.find((e) => e.openId === m.user_open_id)?.unit ?? '?';
      return { m, card, text: cardText(card), unit };
    });
    expect(got.map((g) => `${g.m.user_open_id} ${g.unit}`).sort()).toEqual(expected.map((e) => `${e.openId} ${e.unit}`).sort());
    for (const g of got) {
      expect(g.text).toContain(`${g.unit} · ${WEEK.w48}`);
      expect(g.text).toContain('填报截止：**11月27日（周五）18:00');
      const projects = await projectsOfUnit(g.unit);
      const onCard = projects.slice(0, 10);
      for (const p of onCard) expect(g.text).toContain(`**${p.code}** ${p.name}\n待填`);
      expect(g.text).toContain(`已填 0 / ${projects.length}`);
      expect(
        cardButtons(g.card)
          .filter((b) => b.value.kind === 'round_form')
          .map((b) => b.value.projectId),
      ).toEqual(onCard.map((p) => p.id));
    }
    for (const g of got)
      w48.set(expected.find((e) => e.openId === g.m.user_open_id)!.name, {
        messageId: g.m.message_id,
        chatId: g.m.chat_id,
        openId: g.m.user_open_id!,
        card: g.card,
      });

    // ZJ has more than ten projects: ten on the first page, the rest one tap away.
    const zj = w48.get(ZJ.reporter)!;
    const zjProjects = await projectsOfUnit(ZJ.unit);
    expect(zjProjects.map((p) => p.code)).toEqual(ZJU.projects.map((p) => p.code));
    expect(cardText(zj.card)).toContain('第 1 / 2 页');
    expect(cardText(zj.card)).not.toContain(zjProjects[10]!.name);
    const next = await tap(sender, w.double, zj, buttonOf(zj.card, 'round_list', { page: 1 }));
    expect(next.toast).toBeNull();
    const page2 = cardText(zj.card);
    expect(page2).toContain('第 2 / 2 页');
    for (const p of zjProjects.slice(10)) expect(page2).toContain(`**${p.code}** ${p.name}\n待填`);
    for (const p of zjProjects.slice(0, 10)) expect(page2).not.toContain(p.name);

    // `diaodu round open` by hand, after the scheduler: nothing is queued or sent again.
    const outbox = await count('outbox');
    const again = await w.cli(['round', 'open'], bj('2026-11-23 09:30'));
    expect(again.code).toBe(0);
    expect(again.out).toContain('2026-11-23 所在周的“开始（发送填报卡片）”已执行过，本次未重复发送');
    expect(await count('outbox')).toBe(outbox);
    await sleep(200);
    expect(await deliveredSince(mark + REPORTERS)).toEqual([]);
  });

  it('reporting 2026-W48 through the cards: errors come back as toasts with the input kept, the right reports are stored once', async () => {
    await clock.set(bj('2026-11-24 10:00'));
    const weekStart = '2026-11-23';
    const tian = w48.get(JT.reporters[0]!)!;
    const id005 = await projectId(PA.code);
    // A reporter of another unit holding a forwarded copy of the card: a forwarded card is a message of
    // its own in his chat, with the same buttons.
    const other = w48.get(OTHER)!;
    const forwarded = (card: Shown['card']): Shown => ({ messageId: `om_fwd_${other.messageId.slice(3)}`, chatId: other.chatId, openId: other.openId, card });
    const NOT_YOURS = { type: 'error', content: '您不是该项目责任单位的填报人，不能填报此项目；如有疑问请联系重点项目办。' };
    const notHis = await tap(sender, w.double, forwarded(tian.card), buttonOf(tian.card, 'round_form', { projectId: id005 }));
    expect(notHis.toast).toEqual(NOT_YOURS);
    expect(notHis.card).toBeNull();

    // The form is the answer card, prefilled with last week's report.
    const opened = await tap(sender, w.double, tian, buttonOf(tian.card, 'round_form', { projectId: id005 }));
    expect(opened.toast).toBeNull();
    let fields = formFields(tian.card);
    expect([...fields.keys()]).toEqual([
      'ytd_investment',
      'progress_text',
      'status',
      'stopped_since',
      'problem_category',
      'problem_text',
      'coordination',
      'next_plan',
      'correction_reason',
    ]);
    expect(fields.get('ytd_investment')).toMatchObject({ required: true, default_value: String(A.w47) });
    expect(fields.get('progress_text')).toMatchObject({ required: true, default_value: '主体结构施工至12层' });
    expect(fields.get('status')).toMatchObject({ initial_option: 'building' });
    expect(cardText(tian.card)).toContain(`项目编号 ${PA.code} · ${JT.unit} · ${WEEK.w48}`);
    expect(cardText(tian.card)).toContain('上次填报（第47周（11月16日—11月22日））');

    // Bad values: an error toast naming the field, the card keeps what was typed, nothing is stored.
    const hint = '请写明形象进度的具体工程量，如“主体结构施工至12层”“完成桩基85%”';
    const bad: Array<[Record<string, unknown>, string, string, string]> = [
      [{ ytd_investment: '一千', progress_text: '主体结构施工至13层' }, '年度累计完成投资：只能填写数字（单位：万元），如 1234.5', 'ytd_investment', '一千'],
      [{ ytd_investment: '-5', progress_text: '主体结构施工至13层' }, '年度累计完成投资：金额不能为负数', 'ytd_investment', '-5'],
      [
        { ytd_investment: String(PA.total + 10), progress_text: '主体结构施工至13层' },
        `年度累计完成投资${printed(PA.total + 10)}超过项目总投资${printed(PA.total)}，请核对（单位为万元）`,
        'ytd_investment',
        String(PA.total + 10),
      ],
      [{ ytd_investment: String(A.w48), progress_text: '基本完成' }, `形象进度过于笼统。${hint}`, 'progress_text', '基本完成'],
      [{ ytd_investment: String(A.w48), progress_text: '' }, `请填写形象进度。${hint}`, 'ytd_investment', String(A.w48)],
    ];
    for (const [values, toast, field, kept] of bad) {
      const r = await tap(sender, w.double, tian, buttonOf(tian.card, 'round_submit'), { form: form(values) });
      expect(r.toast, JSON.stringify(values)).toEqual({ type: 'error', content: toast });
      expect(formFields(r.card).get(field)?.default_value).toBe(kept);
      expect(cardText(r.card)).toContain('填报内容有 1 处需要修改');
    }
    // Issue 17 row 6: a project registered (before the import refused it) with a total of 0 bounded nothing, and a
    // reporter saved 900,000,000,000 万元. Such a figure is now refused, and nothing is stored.
    const plans = await db().selectFrom('project_plans').select(['id', 'total_investment_yuan']).where('project_id', '=', id005).execute();
    await db().updateTable('project_plans').set({ total_investment_yuan: 0 }).where('project_id', '=', id005).execute();
    const huge = await tap(sender, w.double, tian, buttonOf(tian.card, 'round_submit'), {
      form: form({ ytd_investment: '900000000000', progress_text: '主体结构施工至13层' }),
    });
    expect(huge.toast).toEqual({
      type: 'error',
      content: '「年度累计完成投资」：项目库中本项目的总投资为0，填报的完成投资无从核对，暂不能保存。请联系重点项目办在项目库中补正总投资后再填报',
    });
    expect(formFields(huge.card).get('ytd_investment')?.default_value).toBe('900000000000');
    for (const p of plans) await db().updateTable('project_plans').set({ total_investment_yuan: p.total_investment_yuan }).where('id', '=', p.id).execute();
    const { status: _omitted, ...noStatus } = form({ ytd_investment: String(A.w48), progress_text: '主体结构施工至13层' });
    const noStatusReply = await tap(sender, w.double, tian, buttonOf(tian.card, 'round_submit'), { form: noStatus });
    expect(noStatusReply.toast).toEqual({ type: 'error', content: '请选择项目状态' });
    expect(formFields(noStatusReply.card).get('progress_text')?.default_value).toBe('主体结构施工至13层');
    expect(await revisions(PA.code, weekStart)).toEqual([]);

    // A reporter of another unit, with this card's values: refused, nothing stored.
    const good = form({ ytd_investment: commas(A.w48), progress_text: '主体结构施工至13层', next_plan: '主体结构施工至15层' });
    const submit = buttonOf(tian.card, 'round_submit');
    const refused = await tap(sender, w.double, forwarded(tian.card), submit, { form: good });
    expect(refused.toast).toEqual(NOT_YOURS);
    expect(refused.card).toBeNull();
    expect(await revisions(PA.code, weekStart)).toEqual([]);

    // The valid form: saved, and the card shows the figures, the completion rate against 序时进度, the gap and the light.
    const saved = await tap(sender, w.double, tian, submit, { form: good });
    expect(saved.toast).toEqual({ type: 'success', content: `${PA.name}：已保存` });
    const savedText = cardText(saved.card);
    for (const s of [
      '已报送',
      `年度累计完成投资：**${printed(A.w48)}`,
      '形象进度：主体结构施工至13层',
      '下周计划：主体结构施工至15层',
      '年度投资完成率：**70.0%',
      '序时进度：**83.33%',
      `与序时进度比较：**低于序时进度${GAP}个百分点`,
      '黄灯',
    ]) {
      expect(savedText).toContain(s);
    }
    // The unit's other reporter's card of the week changes within seconds, through the message update API (patch):
    // it counts the project filled and says who filled it and when. The saver's own card shows the saved report.
    const colleague = w48.get(JT.reporters[1]!)!;
    const savedAt = Date.now();
    await deliveredSince(w.double.messages.length);
    const patches = w.double.updates.filter((u) => u.message_id === colleague.messageId && u.via === 'patch');
    expect(patches).toHaveLength(1);
    expect(Date.now() - savedAt).toBeLessThan(5_000);
    colleague.card = JSON.parse(w.double.messages.find((m) => m.message_id === colleague.messageId)!.content);
    expectValidCard(colleague.card);
    expect(cardText(colleague.card)).toContain('已填 1 / 3');
    expect(cardText(colleague.card)).toContain(`**${PA.code}** ${PA.name}\n已填 ✅ ${JT.reporters[0]} 11月24日 10:00`);
    expect(cardText(colleague.card)).toContain(`**${PB.code}** ${PB.name}\n待填`);
    expect(w.double.updates.filter((u) => u.message_id === tian.messageId)).toEqual([]);
    // A double click (the same card, the same values) has no second effect.
    const twice = await tap(sender, w.double, { ...tian }, submit, { form: good });
    expect(twice.toast?.type).toBe('info');
    expect(twice.card).toBeNull();
    expect(await revisions(PA.code, weekStart)).toMatchObject([
      { revision: 1, current: 1, ytd: yuan(A.w48), late: 0, noChange: 0, by: w.person(JT.reporters[0]!).id },
    ]);

    // Back to the list: ✅ for it. A change before the deadline (full-width digits) is the report's second revision.
    await tap(sender, w.double, tian, buttonOf(saved.card, 'round_list'));
    expect(cardText(tian.card)).toContain(`**${PA.code}** ${PA.name}\n已填 ✅`);
    expect(buttonOf(tian.card, 'round_form', { projectId: id005 }).text).toBe('修改');
    await tap(sender, w.double, tian, buttonOf(tian.card, 'round_form', { projectId: id005 }));
    fields = formFields(tian.card);
    expect(fields.get('ytd_investment')?.default_value).toBe(String(A.w48)); // this week's report now
    const changed = await tap(sender, w.double, tian, buttonOf(tian.card, 'round_submit'), {
      form: form({ ytd_investment: fullWidth(String(A.w48b)), progress_text: '主体结构施工至13层', next_plan: '主体结构施工至15层' }),
    });
    expect(changed.toast).toEqual({ type: 'success', content: `${PA.name}：已更新（第1次修改）` });
    expect(cardText(changed.card)).toContain('已更新（第1次修改）');
    const history = await revisions(PA.code, weekStart);
    expect(history).toMatchObject([
      { revision: 1, current: 2, ytd: yuan(A.w48) },
      { revision: 2, current: 2, ytd: yuan(A.w48b), late: 0 },
    ]);
    // Besides what changed, a revision keeps when Feishu says the click was (the order of late callbacks is by it).
    expect(JSON.parse(history[1]!.changes)).toEqual({ fields: ['ytd_investment'], previousRevision: 1, clickedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(JSON.parse(history[0]!.changes)).toMatchObject({ previousRevision: null });

    // 本周无变化: this week's report with last week's figures.
    await tap(sender, w.double, tian, buttonOf(tian.card, 'round_list'));
    await tap(sender, w.double, tian, buttonOf(tian.card, 'round_form', { projectId: await projectId(PB.code) }));
    const same = await tap(sender, w.double, tian, buttonOf(tian.card, 'round_no_change'));
    expect(same.toast).toEqual({ type: 'success', content: `${PB.name}：已保存` });
    expect(cardText(same.card)).toContain('（本周无变化）');
    const lastWeek = await revisions(PB.code, '2026-11-16');
    expect(await revisions(PB.code, weekStart)).toMatchObject([
      { revision: 1, ytd: lastWeek[0]!.ytd, progress: '路基完成60%', status: 'building', noChange: 1 },
    ]);
    expect(lastWeek[0]!.ytd).toBe(yuan(B47));

    // A cumulative figure below last week's needs a reason; with one it is stored with it.
    await tap(sender, w.double, tian, buttonOf(tian.card, 'round_list'));
    await tap(sender, w.double, tian, buttonOf(tian.card, 'round_form', { projectId: await projectId(PC.code) }));
    const lower = form({ ytd_investment: commas(C47 - CUT), progress_text: '完成桩基90%', correction_reason: '' });
    const noReason = await tap(sender, w.double, tian, buttonOf(tian.card, 'round_submit'), { form: lower });
    expect(noReason.toast).toEqual({
      type: 'error',
      content: `年度累计完成投资${printed(C47 - CUT)}低于上周填报的${printed(C47)}。累计数一般不减少，如属统计核减，请填写核减原因`,
    });
    expect(formFields(noReason.card).get('ytd_investment')?.default_value).toBe(commas(C47 - CUT));
    expect(await revisions(PC.code, weekStart)).toEqual([]);
    const reason = `统计核减：剔除重复入库的设备购置费${CUT}万元`;
    const withReason = await tap(sender, w.double, tian, buttonOf(tian.card, 'round_submit'), { form: { ...lower, correction_reason: reason } });
    expect(withReason.toast).toEqual({ type: 'success', content: `${PC.name}：已保存` });
    expect(cardText(withReason.card)).toContain(`核减原因：${reason}`);
    expect(await revisions(PC.code, weekStart)).toMatchObject([{ revision: 1, ytd: yuan(C47 - CUT), reason }]);
    await tap(sender, w.double, tian, buttonOf(tian.card, 'round_list'));
    expect(cardText(tian.card)).toContain('已填 3 / 3');
    expect(cardText(tian.card)).toContain('本单位本周项目已全部填报');

    // FG reports one of its projects ("…万" is an amount in 万元 too).
    const shao = w48.get(FG.reporters[0]!)!;
    const fg = await projectsOfUnit(FG.unit);
    const fgDone = fg.find((p) => p.name === FG.done)!;
    await tap(sender, w.double, shao, buttonOf(shao.card, 'round_form', { projectId: fgDone.id }));
    expect(cardText(shao.card)).toContain('本项目尚无以往填报记录');
    const fgSaved = await tap(sender, w.double, shao, buttonOf(shao.card, 'round_submit'), {
      form: form({ ytd_investment: `${FG_DONE}万`, progress_text: '完成场地平整120亩' }),
    });
    expect(fgSaved.toast).toEqual({ type: 'success', content: `${FG.done}：已保存` });
    expect(await revisions(fgDone.code, weekStart)).toMatchObject([{ ytd: yuan(FG_DONE) }]);

    // ZJ reports a project of its second page, and comes back to that page.
    const mao = w48.get(ZJ.reporter)!;
    const zj108 = (await projectsOfUnit(ZJ.unit))[11]!;
    await tap(sender, w.double, mao, buttonOf(mao.card, 'round_form', { projectId: zj108.id }));
    const zjSaved = await tap(sender, w.double, mao, buttonOf(mao.card, 'round_submit'), {
      form: form({ ytd_investment: commas(Math.round(R.project(zj108.code).annual * 0.2)), progress_text: '完成基础施工40%' }),
    });
    expect(zjSaved.toast).toEqual({ type: 'success', content: `${zj108.name}：已保存` });
    await tap(sender, w.double, mao, buttonOf(mao.card, 'round_list'));
    expect(cardText(mao.card)).toContain('第 2 / 2 页');
    expect(cardText(mao.card)).toContain(`**${zj108.code}** ${zj108.name}\n已填 ✅`);
    expect(cardText(mao.card)).toContain(`已填 1 / ${ZJU.projects.length}`);

    const stored = await db()
      .selectFrom('reports')
      .innerJoin('weekly_periods as wp', 'wp.id', 'reports.period_id')
      .where('wp.week_start', '=', weekStart)
      .select('reports.project_id')
      .execute();
    expect(stored).toHaveLength(5);
  });

  it('Thursday 15:00: a reminder to each reporter with missing projects, naming them; none to a unit that finished; a restart sends nothing again', async () => {
    const mark = w.double.messages.length;
    expect(await tickAt('2026-11-26 15:00')).toEqual(['2026-11-23:remind']);
    const sent = await deliveredSince(mark);
    const reporters = await reporterUnits();
    const expected = reporters
      .filter((r) => r.unit !== JT.unit)
      .map((r) => r.openId)
      .sort();
    expect(expected).toHaveLength(REPORTERS - JT.reporters.length);
    expect(sent.map((m) => m.user_open_id).sort()).toEqual(expected);
    expect(sent.every(isReminder)).toBe(true);
    for (const name of FG.reporters) {
      const m = sent.find((x) => x.user_open_id === openIdOf(name))!;
      expect(reminderWords(m)).toBe(
        `【填报提醒】${FG.unit}${WEEK.w48}重点项目进展尚有${FG.missing.length}个项目未填报：${FG.missing.join('、')}。请于11月27日（周五）18:00前在调度卡片中填报。`,
      );
    }
    const zj = sent.find((x) => x.user_open_id === openIdOf(ZJ.reporter))!;
    expect(reminderWords(zj)).toContain(`尚有${ZJU.projects.length - 1}个项目未填报`);
    // The reminder's button opens ZJ's list card of the week, as it stands now (one project filled, by whom and when).
    const reminded: Shown = { messageId: zj.message_id, chatId: zj.chat_id, openId: openIdOf(ZJ.reporter), card: JSON.parse(zj.content) };
    expect(shownText(zj)).toContain(`${ZJ.unit} · ${WEEK.w48}`);
    await tap(sender, w.double, reminded, buttonOf(reminded.card, 'round_list'));
    openedReminders.add(zj.message_id);
    expect(cardText(reminded.card)).toContain(`已填 1 / ${ZJU.projects.length}`);
    await tap(sender, w.double, reminded, buttonOf(reminded.card, 'round_list', { page: 1 }));
    expect(cardText(reminded.card)).toMatch(new RegExp(`已填 ✅ ${ZJ.reporter} 11月24日 10:00`));

    // Stop, and start a new server on the same database and clock: it finds every due step done.
    const jobs = await count('job_runs');
    const outbox = await count('outbox');
    await restart('2026-11-26 15:10');
    await tickRounds(server!.ctx); // and its scheduler ticked on start: between them, whatever was due has run
    await sleep(300);
    expect(await deliveredSince(mark + REPORTERS - JT.reporters.length)).toEqual([]);
    expect([await count('job_runs'), await count('outbox')]).toEqual([jobs, outbox]);
  });

  it('Friday 18:00: each unit head with missing projects is told, the administrator gets the summary; 补报 after it; `round status` matches', async () => {
    const mark = w.double.messages.length;
    expect(await tickAt('2026-11-27 18:00')).toEqual(['2026-11-23:close']);
    const sent = await deliveredSince(mark);
    const heads = await db().selectFrom('units as u').innerJoin('people as p', 'p.id', 'u.head_person_id').select(['u.name as unit', 'p.open_id']).execute();
    const admin = openIdOf(ADMIN.name);
    const toHeads = sent.filter((m) => m.user_open_id !== admin);
    expect(toHeads.map((m) => m.user_open_id).sort()).toEqual(
      heads
        .filter((h) => h.unit !== JT.unit)
        .map((h) => h.open_id)
        .sort(),
    );
    expect(toHeads.every((m) => textOf(m).startsWith('【督办】'))).toBe(true);
    const fgHead = sent.find((m) => m.user_open_id === openIdOf(FG.head))!;
    expect(textOf(fgHead)).toBe(
      `【督办】${FG.unit}${WEEK.w48}重点项目进展截止时仍有${FG.missing.length}个项目未报送：${FG.missing.join('、')}。填报人：${FG.reporters.join('、')}。请督促尽快补报。`,
    );
    const summary = sent.filter((m) => m.user_open_id === admin);
    expect(summary).toHaveLength(1);
    expect(textOf(summary[0]!)).toContain(
      `【周调度汇总】${WEEK.w48}截止：应报${R.projects.length}个项目，已报5个，报送率${((5 / R.projects.length) * 100).toFixed(1)}%。未报齐单位${R.units.length - 1}个：`,
    );
    expect(textOf(summary[0]!)).not.toContain(`${JT.unit}（缺`);
    expect(textOf(summary[0]!)).toContain(`${FG.unit}（缺${FG.missing.length}个）`);

    // After the deadline the list offers 补报; a report is accepted and marked as such, never silently.
    await clock.set(bj('2026-11-27 20:30'));
    const mao = w48.get(ZJ.reporter)!;
    await tap(sender, w.double, mao, buttonOf(mao.card, 'round_list', { page: 0 }));
    expect(cardText(mao.card)).toContain('逾期未报，请补报');
    const first = (await projectsOfUnit(ZJ.unit))[0]!;
    const lateBtn = buttonOf(mao.card, 'round_form', { projectId: first.id });
    expect(lateBtn.text).toBe('补报');
    await tap(sender, w.double, mao, lateBtn);
    expect(cardText(mao.card)).toContain('已过本周填报截止时间，本次填报将记为补报。');
    const late = await tap(sender, w.double, mao, buttonOf(mao.card, 'round_submit'), {
      form: form({ ytd_investment: String(Math.round(ZJU.projects[0]!.annual * 0.5)), progress_text: '完成屋面改造12栋' }),
    });
    expect(late.toast).toEqual({ type: 'success', content: `${first.name}：已保存，已记为补报` });
    expect(cardText(late.card)).toContain('（补报）');
    expect(await revisions(first.code, '2026-11-23')).toMatchObject([{ revision: 1, late: 1 }]);

    // A restart after the deadline: nothing again.
    const jobs = await count('job_runs');
    const outbox = await count('outbox');
    await restart('2026-11-27 20:40');
    await tickRounds(server!.ctx); // and its scheduler ticked on start: between them, whatever was due has run
    await sleep(300);
    expect(await deliveredSince(mark + sent.length)).toEqual([]);
    expect([await count('job_runs'), await count('outbox')]).toEqual([jobs, outbox]);

    // `diaodu round status` says what the database holds.
    const status = await w.cli(['round', 'status', '--week', '2026-W48'], bj('2026-11-27 21:00'));
    expect(status.code, status.err).toBe(0);
    const p = await period('2026-11-23');
    const rows = await db()
      .selectFrom('projects as pr')
      .innerJoin('units as u', 'u.id', 'pr.unit_id')
      .leftJoin('reports as r', (j) => j.onRef('r.project_id', '=', 'pr.id').on('r.period_id', '=', p.id))
      .select(['u.name as unit', 'pr.code', 'pr.name', 'r.id as reportId'])
      .execute();
    const reported = rows.filter((r) => r.reportId !== null).length;
    const byUnit = new Map<string, { all: number; done: number; missing: string[] }>();
    for (const r of rows) {
      const u = byUnit.get(r.unit) ?? { all: 0, done: 0, missing: [] };
      u.all += 1;
      if (r.reportId !== null) u.done += 1;
      else u.missing.push(r.code);
      byUnit.set(r.unit, u);
    }
    const complete = [...byUnit.values()].filter((u) => u.done === u.all).length;
    expect([reported, complete]).toEqual([6, 1]);
    expect(status.out).toContain('截止 11月27日（周五）18:00；已执行步骤：open、remind、close');
    expect(status.out).toContain(`已报 ${reported} / ${R.projects.length} 个项目（其中补报 1 个）；报齐单位 ${complete} / ${R.units.length} 个`);
    const lines = status.out.split('\n').filter((l) => l.startsWith('  '));
    expect(lines).toHaveLength(R.units.length);
    for (const [unit, u] of byUnit) {
      const line = lines.find((l) => l.startsWith(`  ${unit}：`));
      expect(line, unit).toContain(`已报 ${u.done} / ${u.all}`);
      for (const code of u.missing) expect(line).toContain(code);
      if (u.missing.length === 0) expect(line).not.toContain('未报');
    }
  });

  it('quiet hours: a step that falls due at night is queued for 08:00, not sent at night', async () => {
    const mark = w.double.messages.length;
    expect(await tickAt('2026-11-30 09:00')).toEqual(['2026-11-30:open']);
    expect(await deliveredSince(mark)).toHaveLength(REPORTERS);

    // The server was down through Thursday afternoon; it comes back at 23:00.
    expect(await tickAt('2026-12-03 23:00')).toEqual(['2026-11-30:remind']);
    const queued = await db().selectFrom('outbox').select(['next_attempt_at', 'status']).where('status', '=', 'pending').execute();
    expect(queued).toHaveLength(REPORTERS);
    expect(new Set(queued.map((q) => q.next_attempt_at))).toEqual(new Set(['2026-12-04T00:00:00.000Z']));
    server!.bot!.sender.wake();
    await sleep(500);
    await clock.set(bj('2026-12-04 07:59'));
    server!.bot!.sender.wake();
    await sleep(300);
    expect(w.double.messages.length).toBe(mark + REPORTERS);

    await clock.set(bj('2026-12-04 08:00'));
    const morning = await deliveredSince(mark + REPORTERS);
    expect(morning).toHaveLength(REPORTERS);
    expect(morning.every((m) => isReminder(m) && reminderWords(m).startsWith('【填报提醒】') && reminderWords(m).includes(WEEK.w49))).toBe(true);
  });

  it('looking ahead changes nothing: `round status` of a future week creates no round, and W50, the first round of December, asks for 2026-11', async () => {
    const ahead = await w.cli(['round', 'status', '--week', '2026-W51'], bj('2026-12-04 09:00'));
    expect(ahead.code, ahead.err).toBe(0);
    expect(ahead.out).toBe('2026-12-14 所在周（2026年度）的调度尚未开始：12月14日（周一）09:00 开始，12月17日（周四）15:00 提醒，12月18日（周五）18:00 截止。');
    expect(await db().selectFrom('weekly_periods').select('id').where('week_start', '>', '2026-11-30').execute()).toEqual([]);

    const mark = w.double.messages.length;
    expect(await tickAt('2026-12-07 09:00')).toEqual(['2026-11-30:close', '2026-12-07:open']);
    expect((await period('2026-12-07')).asks_month_end).toBe('2026-11');
    const sent = await deliveredSince(mark);
    expect(sent.filter((m) => m.msg_type === 'interactive')).toHaveLength(REPORTERS);
    const tian = cardOf(JT.reporters[0]!, '第50周（12月7日—12月13日）');
    await tap(sender, w.double, tian, buttonOf(tian.card, 'round_form', { projectId: await projectId(PA.code) }));
    expect(formFields(tian.card).get('month_end_investment')).toMatchObject({ required: true, label: { content: '截至2026年11月底累计完成投资（万元）' } });

    // All along: every card the bot sent was valid Card JSON 2.0, and the bot kept within Feishu's rate limits.
    const cards = w.double.messages.filter((m) => m.msg_type === 'interactive');
    expect(cards.filter((m) => !isReminder(m) && !openedReminders.has(m.message_id))).toHaveLength(REPORTERS * 7); // W40, W41, W45, W47, W48, W49, W50
    for (const m of cards) expectValidCard(JSON.parse(m.content));
    expect(w.double.limitHits).toEqual([]);
  });
});
