// The problem ledger end to end (issue 7): a problem reported on the weekly card becomes an item, is assigned,
// worked, applied for, returned, escalated after its deadline on the working-day calendar, reported again (and
// linked, not duplicated), and closed — through the real server on a manual clock against the Feishu double, each
// step refused to someone without the right role. The `it`s follow one another in calendar order (autumn 2026, with
// 中秋节 25–27 September, 国庆节 1–7 October and the make-up working Saturday 10 October).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCardText } from '../../cards/text-render';
import { createManualClock } from '../../src/clock';
import type { DeliveredMessage } from '../../src/feishu-double/index';
import { tickProblems } from '../../src/jobs/problems';
import { tickRounds } from '../../src/jobs/rounds';
import { type BotServer, startBotServer } from '../helpers/bot';
import { engines } from '../helpers/db';
import { eventSenderFor, settled, waitFor } from '../helpers/feishu';
import { type SheetProject, sampleRegister } from '../fixtures/register-workbooks';
import { bj, buttonOf, cardText, expectValidCard, formFields, prepareRoundWorld, type RoundWorld, type Shown, tap, form } from '../helpers/round';

const R = await sampleRegister();
/** The helper unit: one reporter and two projects or more, the first outside 市直; its reporter raises the problems. */
const HELPER_UNIT = R.unitWhere(
  'a one-reporter unit with two projects, the first in a county',
  (u) => u.reporters.length === 1 && u.projects.length >= 2 && u.projects[0]!.county !== '市直',
);
const [P014, P015] = HELPER_UNIT.projects as [SheetProject, SheetProject];
const REPORTER = HELPER_UNIT.reporters[0]!.name;
const HELPER = { unit: HELPER_UNIT.name, head: HELPER_UNIT.head.name };
/** The lead unit: two reporters. */
const LEAD_UNIT = R.unitWhere('a unit with two reporters', (u) => u.reporters.length === 2 && u !== HELPER_UNIT);
const LEAD = { unit: LEAD_UNIT.name, reporters: LEAD_UNIT.reporters.map((r) => r.name), head: LEAD_UNIT.head.name };
const LEADER = P014.leader; // 包联领导 of P014, not an administrator
/** 重点项目办 (named in `admins`): a leader who is 包联 of neither project of this test. */
const ADMIN = R.leaders.find((l) => l.name !== P014.leader && l.name !== P015.leader)!;
/** A reporter of a third unit: nothing to do with this problem. */
const OUTSIDER = R.unitWhere('a third unit', (u) => u !== HELPER_UNIT && u !== LEAD_UNIT).reporters[0]!.name;
/** Cumulative figures (万元) within each project's annual plan. */
const share = (p: SheetProject, x: number) => Math.round(p.annual * x);
const FIG = { w39: share(P014, 0.5), aug: share(P014, 0.45), w40: share(P014, 0.55), w40b: share(P014, 0.56), other: share(P015, 0.3) };
const W39 = '第39周（9月21日—9月27日）';
const W40 = '第40周（9月28日—10月4日）';

describe.each(engines)('the problem ledger on %s', (engine) => {
  let w: RoundWorld;
  let server: BotServer;
  let sender: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-09-21 08:30'));
  const db = () => w.t.db;
  const openIdOf = (name: string) => w.person(name).openId;

  /** Moves the clock and runs what the scheduler runs each minute; returns what the ledger's job did. */
  const tickAt = async (at: string) => {
    await clock.set(bj(at));
    await tickRounds(server.ctx);
    const done = await tickProblems(server.ctx);
    server.bot!.sender.wake();
    return done;
  };
  const delivered = async (mark: number) => {
    server.bot!.sender.wake();
    await settled(db(), 15_000);
    return w.double.messages.slice(mark);
  };
  const to = (ms: DeliveredMessage[], name: string) => ms.filter((m) => m.user_open_id === openIdOf(name));
  const textOf = (m: DeliveredMessage) => (m.msg_type === 'text' ? (JSON.parse(m.content) as { text: string }).text : cardText(JSON.parse(m.content)));
  const ledgerCards = (ms: DeliveredMessage[]) => ms.filter((m) => m.msg_type === 'interactive' && cardText(JSON.parse(m.content)).includes('问题编号'));
  const shown = (m: DeliveredMessage): Shown => ({
    messageId: m.message_id,
    chatId: m.chat_id,
    openId: m.user_open_id!,
    card: JSON.parse(m.content) as Record<string, unknown>,
  });
  /** A copy of a card in someone else's hands (forwarded to them): the same buttons, clicked by them. */
  const forwarded = (card: Shown, name: string): Shown => ({
    messageId: `om_fwd_${card.messageId.slice(3)}_${name.length}`,
    chatId: `oc_fwd_${openIdOf(name)}`,
    openId: openIdOf(name),
    card: card.card,
  });
  const unitId = async (name: string) => (await db().selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const projectId = async (code: string) => (await db().selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const item = async (id: number) => db().selectFrom('problems').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const events = async (id: number) =>
    (
      await db()
        .selectFrom('problem_events as e')
        .leftJoin('people as p', 'p.id', 'e.actor_id')
        .where('e.problem_id', '=', id)
        .select(['e.action', 'p.name', 'e.from_status', 'e.to_status', 'e.note', 'e.at'])
        .orderBy('e.id')
        .execute()
    ).map((e) => ({ action: e.action, by: e.name, from: e.from_status, to: e.to_status, note: e.note, at: e.at }));
  const count = async (table: 'problems' | 'problem_reports') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** The reporter's weekly card of a week. */
  const weeklyCard = (week: string): Shown => {
    const hits = w.double.messages.filter(
      (m) => m.user_open_id === openIdOf(REPORTER) && m.msg_type === 'interactive' && cardText(JSON.parse(m.content)).includes(week),
    );
    expect(hits).toHaveLength(1);
    return shown(hits[0]!);
  };
  /** Asks the bot in a direct message; the reply as text. */
  const ask = async (text: string, name: string) => {
    const sent = await sender.sendMessage({ text, sender: { open_id: openIdOf(name) } });
    const id = (sent.envelope.event.message as { message_id: string }).message_id;
    // The bot's waits run on this test's manual clock: an event retried after a failure under load (2 s), or a reply
    // left for the outbox's next look (1 s), would wait for ever. While no reply has come, the clock moves on a second
    // for every 1.5 s of real time, as it would have by itself.
    let lastMove = Date.now();
    const reply = await waitFor(
      `the reply to “${text}”`,
      async () => {
        const hit = w.double.messages.find((m) => m.via === 'reply' && m.parent_id === id);
        if (!hit && Date.now() - lastMove > 1500) {
          lastMove = Date.now();
          await clock.advance(1000);
        }
        return hit;
      },
      Boolean,
      20_000,
    );
    return reply!.msg_type === 'interactive' ? renderCardText(JSON.parse(reply!.content)) : String((JSON.parse(reply!.content) as { text: string }).text);
  };

  /** Cards on people's screens, kept from one step to the next. */
  const cards = new Map<string, Shown>();

  beforeAll(async () => {
    w = await prepareRoundWorld(engine, ADMIN.mobile);
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    sender = eventSenderFor(w.double, server.webhookUrl, { clock });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  it('a problem on the weekly card becomes a 待梳理 item, and each administrator gets its card with a working-day deadline', async () => {
    await tickAt('2026-09-21 09:00');
    await delivered(0);
    await clock.set(bj('2026-09-22 10:00'));
    const card = weeklyCard(W39); // the first round of the test: it also asks for the end-of-August figure
    await tap(sender, w.double, card, buttonOf(card.card, 'round_form', { projectId: await projectId(P014.code) }));
    expect(formFields(card.card).has('problem_link')).toBe(false); // nothing open yet to compare with
    const mark = w.double.messages.length;
    const saved = await tap(sender, w.double, card, buttonOf(card.card, 'round_submit'), {
      form: form({
        ytd_investment: String(FIG.w39),
        month_end_investment: String(FIG.aug),
        progress_text: '主体结构施工至8层',
        problem_category: ['land'],
        problem_text: '征地拆迁尚有3户未签约',
        coordination: `请${LEAD.unit}协调用地报批`,
      }),
    });
    expect(saved.toast).toEqual({ type: 'success', content: `${P014.name}：已保存` });
    expect(cardText(saved.card)).toContain('问题台账：已登记为新问题（编号1），待重点项目办梳理交办。');

    expect(await item(1)).toMatchObject({
      status: '待梳理',
      category: 'land',
      description: '征地拆迁尚有3户未签约',
      coordination: `请${LEAD.unit}协调用地报批`,
      raised_by: w.person(REPORTER).id,
      lead_unit_id: null,
    });
    expect(await events(1)).toMatchObject([{ action: 'raised', by: REPORTER, from: null, to: '待梳理' }]);

    const sent = ledgerCards(await delivered(mark));
    expect(sent.map((m) => m.user_open_id)).toEqual([openIdOf(ADMIN.name)]);
    const text = textOf(sent[0]!);
    expect(text).toContain(`问题编号 1 · 用地 · 待梳理`);
    expect(text).toContain(`新问题待梳理：${REPORTER}在第39周填报提出`);
    expect(text).toContain('问题描述：**征地拆迁尚有3户未签约');
    expect(text).toContain(`需协调事项：**请${LEAD.unit}协调用地报批`);
    // 10 working days from Tuesday 22 September: 中秋节 and 国庆节 do not count, the make-up Saturday 10 October does.
    expect(text).toContain('默认自今日起10个工作日，即10月13日（周二）');
    const fields = formFields(JSON.parse(sent[0]!.content));
    expect([...fields.keys()]).toEqual(['category', 'lead_unit', 'helper_units', 'deadline', 'note']);
    expect(fields.get('deadline')).toMatchObject({ tag: 'date_picker', initial_date: '2026-10-13' });
    expect(fields.get('category')).toMatchObject({ initial_option: 'land' });
    cards.set('admin', shown(sent[0]!));
  });

  it('交办: refused to a leader and to the reporter; the administrator assigns a lead unit, a helper and a deadline', async () => {
    await clock.set(bj('2026-09-22 11:00'));
    const admin = cards.get('admin')!;
    const assign = buttonOf(admin.card, 'problem_assign');
    const values = {
      category: 'land',
      lead_unit: String(await unitId(LEAD.unit)),
      helper_units: [String(await unitId(HELPER.unit))],
      deadline: '2026-09-30 +0800',
      note: '请于9月30日前完成用地报批',
    };
    for (const who of [LEADER, REPORTER]) {
      const r = await tap(sender, w.double, forwarded(admin, who), assign, { form: values });
      expect(r.toast).toEqual({ type: 'error', content: '只有重点项目办（管理员）可以交办、销号或退回问题。' });
      expect(r.card).toBeNull();
    }
    const noLead = await tap(sender, w.double, { ...admin }, assign, { form: { ...values, lead_unit: '' } });
    expect(noLead.toast).toEqual({ type: 'error', content: '请选择牵头单位。' });
    expect((await item(1)).status).toBe('待梳理');

    const mark = w.double.messages.length;
    const done = await tap(sender, w.double, admin, assign, { form: values });
    expect(done.toast).toEqual({ type: 'success', content: `已交办${LEAD.unit}牵头办理` });
    expect(cardText(done.card)).toContain(`牵头单位：**${LEAD.unit}　**配合单位：**${HELPER.unit}`);
    expect(cardText(done.card)).toContain('办理期限：**9月30日（周三）（剩余5个工作日）');
    expect(await item(1)).toMatchObject({
      status: '已交办',
      lead_unit_id: await unitId(LEAD.unit),
      helper_unit_ids: JSON.stringify([await unitId(HELPER.unit)]),
      deadline: '2026-09-30',
    });
    expect((await events(1)).at(-1)).toMatchObject({ action: 'assign', by: ADMIN.name, from: '待梳理', to: '已交办', note: '请于9月30日前完成用地报批' });

    // The lead unit's reporters and head get the card to work it; the helper unit's people get theirs.
    const sent = ledgerCards(await delivered(mark));
    for (const name of [...LEAD.reporters, LEAD.head]) {
      const [m] = to(sent, name);
      expect(textOf(m!)).toContain(`重点项目办已交办：请${LEAD.unit}牵头，于9月30日（周三）前办理`);
      expect(buttonOf(JSON.parse(m!.content), 'problem_apply')).toBeTruthy();
      cards.set(name, shown(m!));
    }
    for (const name of [REPORTER, HELPER.head]) {
      const [m] = to(sent, name);
      expect(textOf(m!)).toContain('请贵单位配合办理');
      expect(JSON.stringify(JSON.parse(m!.content))).not.toContain('problem_apply');
      cards.set(name, shown(m!));
    }
    expect(sent).toHaveLength(5);
  });

  it('the lead unit works it: a note starts the work; an outsider may not; the helper unit adds its own note but may not apply', async () => {
    await clock.set(bj('2026-09-23 10:00'));
    const lead = cards.get(LEAD.reporters[0]!)!;
    const note = buttonOf(lead.card, 'problem_note');
    const outsider = await tap(sender, w.double, forwarded(lead, OUTSIDER), note, { form: { note: '代为报送' } });
    expect(outsider.toast).toEqual({ type: 'error', content: '您不是该问题牵头单位或配合单位的人员，不能报送办理进展；如有疑问请联系重点项目办。' });
    const empty = await tap(sender, w.double, { ...lead }, note, { form: { note: '  ' } });
    expect(empty.toast).toEqual({ type: 'error', content: '请填写办理进展或意见后再提交。' });
    expect((await item(1)).status).toBe('已交办');

    const worked = await tap(sender, w.double, lead, note, { form: { note: '已组织征地拆迁工作组入户协商' } });
    expect(worked.toast).toEqual({ type: 'success', content: '已报送' });
    expect((await item(1)).status).toBe('办理中');

    const helper = cards.get(REPORTER)!;
    // A NUL pasted with the note (PostgreSQL refuses it in text; SQLite kept it) is dropped on both engines.
    const assisted = await tap(sender, w.double, helper, buttonOf(helper.card, 'problem_note'), { form: { note: '已提供项目\u0000红线图' } });
    expect(assisted.toast).toEqual({ type: 'success', content: '已报送' });
    const apply = await tap(sender, w.double, forwarded(lead, REPORTER), buttonOf(lead.card, 'problem_apply'), { form: { note: '已解决' } });
    expect(apply.toast).toEqual({ type: 'error', content: '只有牵头单位可以申请销号；如有疑问请联系重点项目办。' });
    expect((await item(1)).status).toBe('办理中');
    expect((await events(1)).slice(-2)).toMatchObject([
      { action: 'progress', by: LEAD.reporters[0], from: '已交办', to: '办理中', note: '已组织征地拆迁工作组入户协商' },
      { action: 'assist', by: REPORTER, from: '办理中', to: '办理中', note: '已提供项目红线图' },
    ]);
  });

  it('the same problem reported the next week is linked to the open item, as the form suggests; a new one is a new item', async () => {
    await tickAt('2026-09-28 09:00');
    await delivered(0);
    await clock.set(bj('2026-09-29 10:00'));
    const card = weeklyCard(W40);
    await tap(sender, w.double, card, buttonOf(card.card, 'round_form', { projectId: await projectId(P014.code) }));
    const link = formFields(card.card).get('problem_link')!;
    expect(link.initial_option).toBe('p1'); // last week's wording, prefilled, is item 1
    expect(JSON.stringify(link.options)).toContain('同一问题：编号1【用地】征地拆迁尚有3户未签约（办理中）');
    expect(JSON.stringify(link.options)).toContain('新问题（首次提出）');
    const base = form({
      ytd_investment: String(FIG.w40),
      progress_text: '主体结构施工至9层',
      problem_category: ['land'],
      problem_text: '征地拆迁尚有2户未签约',
      coordination: `请${LEAD.unit}协调用地报批`,
    });
    const again = { ...base, problem_link: 'p1' };
    const saved = await tap(sender, w.double, card, buttonOf(card.card, 'round_submit'), { form: again });
    expect(cardText(saved.card)).toContain('问题台账：已并入尚未销号的问题（编号1），累计填报2次，不重复登记。');
    // A correction of the same week's report, the link left unanswered: still the one item, linked once.
    await tap(sender, w.double, card, buttonOf(card.card, 'round_list'));
    await tap(sender, w.double, card, buttonOf(card.card, 'round_form', { projectId: await projectId(P014.code) }));
    expect(formFields(card.card).get('problem_link')?.initial_option).toBe('p1');
    const corrected = { ...base, ytd_investment: String(FIG.w40b) };
    const resaved = await tap(sender, w.double, card, buttonOf(card.card, 'round_submit'), { form: corrected });
    expect(resaved.toast?.content).toBe(`${P014.name}：已更新（第1次修改）`);
    expect([await count('problems'), await count('problem_reports')]).toEqual([1, 2]);
    expect((await events(1)).filter((e) => e.action === 'reported')).toMatchObject([
      { by: REPORTER, note: `征地拆迁尚有2户未签约；请${LEAD.unit}协调用地报批` },
    ]);

    // Another project, another problem: a new item.
    await tap(sender, w.double, card, buttonOf(card.card, 'round_list'));
    await tap(sender, w.double, card, buttonOf(card.card, 'round_form', { projectId: await projectId(P015.code) }));
    const other = await tap(sender, w.double, card, buttonOf(card.card, 'round_submit'), {
      form: form({ ytd_investment: String(FIG.other), progress_text: '完成管网铺设2公里', problem_category: ['funding'], problem_text: '专项债资金尚未拨付' }),
    });
    expect(cardText(other.card)).toContain('问题台账：已登记为新问题（编号2）');
    expect(await item(2)).toMatchObject({ status: '待梳理', category: 'funding', coordination: null });
  });

  it('past the deadline: 逾期 at once, escalation on working days only — the unit head on 10月8日, the 包联领导 three working days later, one a day', async () => {
    const mark = (await delivered(0)).length;
    expect(await tickAt('2026-10-01 09:00')).toEqual(['1:overdue']); // 国庆节: marked, nobody disturbed
    expect(await item(1)).toMatchObject({ overdue: 1, escalation_level: 0 });
    expect(await tickAt('2026-10-07 09:00')).toEqual([]);
    expect(await tickAt('2026-10-08 08:30')).toEqual([]); // before the daily check time
    expect(ledgerCards(await delivered(mark))).toEqual([]);

    expect(await tickAt('2026-10-08 09:00')).toEqual(['1:1']);
    const first = ledgerCards(await delivered(mark));
    expect(first.map((m) => m.user_open_id)).toEqual([openIdOf(LEAD.head)]);
    expect(textOf(first[0]!)).toContain('【督办】该问题已超过办理期限9月30日（周三），已逾期1个工作日，请督促牵头单位抓紧办理。');
    expect(await tickAt('2026-10-08 15:00')).toEqual([]); // one a day
    expect(await tickAt('2026-10-09 09:00')).toEqual([]); // 1 working day since
    // The make-up Saturday: 2 working days since, no escalation; the week's list of W41 (due Friday 18:30) goes out.
    expect(await tickAt('2026-10-10 09:00')).toEqual(['weekly:2026-10-05']);
    expect(await tickAt('2026-10-12 09:00')).toEqual(['1:2']);
    const second = ledgerCards(await delivered(mark)).slice(1);
    expect(second.map((m) => m.user_open_id)).toEqual([openIdOf(LEADER)]);
    expect(textOf(second[0]!)).toContain(
      `【上升协调】该问题已超过办理期限9月30日（周三），已逾期4个工作日，已向牵头单位负责人${LEAD.head}督办仍未办结，请您协调解决。`,
    );
    expect(await tickAt('2026-10-13 09:00')).toEqual([]); // the highest level is reached
    expect(ledgerCards(await delivered(mark))).toHaveLength(2);
    expect(await item(1)).toMatchObject({ overdue: 1, escalation_level: 2, escalated_on: '2026-10-12', status: '办理中' });
    expect((await events(1)).filter((e) => e.action === 'overdue' || e.action === 'escalate')).toMatchObject([
      { action: 'overdue', by: null, at: '2026-10-01T01:00:00.000Z' },
      { action: 'escalate', by: null, note: `督办：已提醒牵头单位负责人${LEAD.head}`, at: '2026-10-08T01:00:00.000Z' },
      { action: 'escalate', by: null, note: `上升协调：已报送包联领导${LEADER}`, at: '2026-10-12T01:00:00.000Z' },
    ]);

    // The leader gives an instruction on the card he got; it changes nothing else.
    await clock.set(bj('2026-10-12 16:00'));
    const leaderCard = shown(second[0]!);
    const instructed = await tap(sender, w.double, leaderCard, buttonOf(leaderCard.card, 'problem_note'), {
      form: { note: `请${LEAD.unit}本周内协调完成` },
    });
    expect(instructed.toast).toEqual({ type: 'success', content: '批示已记录' });
    expect((await events(1)).at(-1)).toMatchObject({ action: 'instruct', by: LEADER, from: '办理中', to: '办理中' });

    // Asked in chat, and on the command line.
    const overdue = await ask('逾期问题', LEADER);
    expect(overdue).toContain('【全市逾期问题】');
    expect(overdue).toContain(
      `问题1 · ${P014.name}\n用地　牵头单位：${LEAD.unit}　办理期限：9月30日（周三）　［办理中］ ［逾期］ ［上升协调］\n征地拆迁尚有3户未签约`,
    );
    expect(overdue).not.toContain(P015.name);
    const cli = await w.cli(['problems', 'list', '--status', '逾期'], bj('2026-10-12 16:05'));
    expect(cli.code, cli.err).toBe(0);
    expect(cli.out).toContain('问题台账（逾期）：共 1 个');
    expect(cli.out).toContain(`编号 1  【用地】${P014.name}（${P014.county}）：征地拆迁尚有3户未签约`);
    expect(cli.out).toContain(`办理中 · 逾期 · 上升协调 · 牵头 ${LEAD.unit} · 期限 9月30日（周三）（已逾期4个工作日）`);
  });

  it('申请销号 by the lead unit; refused to confirm by anyone but the administrator; returned with a reason; applied again and 已销号', async () => {
    await clock.set(bj('2026-10-13 10:00'));
    const lead = cards.get(LEAD.reporters[0]!)!;
    const noNote = await tap(sender, w.double, { ...lead }, buttonOf(lead.card, 'problem_apply'), { form: { note: '' } });
    expect(noNote.toast).toEqual({ type: 'error', content: '申请销号须写明问题如何解决。' });
    let mark = w.double.messages.length;
    const applied = await tap(sender, w.double, lead, buttonOf(lead.card, 'problem_apply'), { form: { note: '已签约2户，剩余1户正在协商' } });
    expect(applied.toast).toEqual({ type: 'success', content: '已申请销号，等待重点项目办确认' });
    expect(cardText(applied.card)).toContain('已申请销号，等待重点项目办确认。');
    const [decide] = to(ledgerCards(await delivered(mark)), ADMIN.name);
    expect(textOf(decide!)).toContain(`${LEAD.unit}（${LEAD.reporters[0]}）申请销号，请确认销号或退回。`);
    const adminCard = shown(decide!);

    for (const kind of ['problem_close', 'problem_return']) {
      const r = await tap(sender, w.double, forwarded(adminCard, LEAD.reporters[0]!), buttonOf(adminCard.card, kind), { form: { note: '自行销号' } });
      expect(r.toast).toEqual({ type: 'error', content: '只有重点项目办（管理员）可以交办、销号或退回问题。' });
    }
    const noReason = await tap(sender, w.double, { ...adminCard }, buttonOf(adminCard.card, 'problem_return'), { form: { note: '' } });
    expect(noReason.toast).toEqual({ type: 'error', content: '退回须写明理由。' });
    expect((await item(1)).status).toBe('申请销号');

    mark = w.double.messages.length;
    const returned = await tap(sender, w.double, { ...adminCard }, buttonOf(adminCard.card, 'problem_return'), { form: { note: '尚有1户未签约，请继续协调' } });
    expect(returned.toast).toEqual({ type: 'success', content: '已退回牵头单位重办' });
    expect((await item(1)).status).toBe('办理中');
    const back = to(ledgerCards(await delivered(mark)), LEAD.reporters[0]!);
    expect(textOf(back[0]!)).toContain('重点项目办退回重办，理由：尚有1户未签约，请继续协调');

    await clock.set(bj('2026-10-14 10:00'));
    const again = shown(back[0]!);
    await tap(sender, w.double, { ...again }, buttonOf(again.card, 'problem_apply'), { form: { note: '3户均已签约，用地报批已完成' } });
    mark = w.double.messages.length;
    await clock.set(bj('2026-10-14 11:00'));
    // The first application's card, still on the administrator's screen, confirms the second one.
    const closed = await tap(sender, w.double, adminCard, buttonOf(adminCard.card, 'problem_close'), { form: { note: '' } });
    expect(closed.toast).toEqual({ type: 'success', content: '已销号' });
    expect(await item(1)).toMatchObject({ status: '已销号', closed_at: '2026-10-14T03:00:00.000Z' });
    const told = await delivered(mark);
    for (const name of [...LEAD.reporters, LEAD.head])
      expect(to(told, name).map(textOf)).toEqual([`${P014.name}问题（编号1）重点项目办已确认销号，感谢办理。`]);
    expect(to(told, REPORTER).map(textOf)).toEqual([`${P014.name}问题（编号1）已销号。`]);
    const late = await tap(sender, w.double, { ...again }, buttonOf(again.card, 'problem_note'), { form: { note: '补充材料' } });
    expect(late.toast?.content).toBe('该问题当前为“已销号”，此操作已不适用，卡片已更新为最新情况。');

    // Every step kept who, when and why.
    expect((await events(1)).map((e) => [e.action, e.by, e.to])).toEqual([
      ['raised', REPORTER, '待梳理'],
      ['assign', ADMIN.name, '已交办'],
      ['progress', LEAD.reporters[0], '办理中'],
      ['assist', REPORTER, '办理中'],
      ['reported', REPORTER, null],
      ['overdue', null, null],
      ['escalate', null, null],
      ['escalate', null, null],
      ['instruct', LEADER, '办理中'],
      ['apply', LEAD.reporters[0], '申请销号'],
      ['return', ADMIN.name, '办理中'],
      ['apply', LEAD.reporters[0], '申请销号'],
      ['close', ADMIN.name, '已销号'],
    ]);
    const show = await w.cli(['problems', 'show', '1'], bj('2026-10-14 11:30'));
    expect(show.code, show.err).toBe(0);
    for (const line of [
      '问题编号 1 · 用地 · 已销号',
      '填报周次：第39周、第40周',
      `10月13日（周二）10:00  ${ADMIN.name}：退回重办，理由：尚有1户未签约，请继续协调  [申请销号 → 办理中]`,
      `10月14日（周三）11:00  ${ADMIN.name}：确认销号  [申请销号 → 已销号]`,
      `10月12日（周一）09:00  调度助手：上升协调：已报送包联领导${LEADER}`,
    ])
      expect(show.out).toContain(line);
  });

  it('the weekly list reaches the administrators once: new, still open and closed this week', async () => {
    const mark = w.double.messages.length;
    expect(await tickAt('2026-10-16 18:29')).toEqual([]);
    expect(await tickAt('2026-10-16 18:30')).toEqual(['weekly:2026-10-12']);
    expect(await tickAt('2026-10-16 18:40')).toEqual([]);
    const lists = (await delivered(mark)).filter((m) => m.msg_type === 'interactive' && textOf(m).includes('问题台账周报'));
    expect(lists.map((m) => m.user_open_id)).toEqual([openIdOf(ADMIN.name)]);
    const text = renderCardText(JSON.parse(lists[0]!.content));
    expect(text).toContain(
      '第42周（10月12日—10月18日）：本周新增问题0个、本周销号1个；目前未销号1个（待梳理1个），其中逾期0个、上升协调0个。2026年以来累计提出2个，已销号1个，办结率50.0%。',
    );
    expect(text).toContain(`问题2 · ${P015.name}\n资金　［待梳理］\n专项债资金尚未拨付`);
    expect(text).toContain(`问题1 · ${P014.name}\n用地　牵头单位：${LEAD.unit}　办理期限：9月30日（周三）　［已销号］\n征地拆迁尚有3户未签约`);
  });

  it('in chat: lists by category and project, one item by its number, each as far as the asker may see', async () => {
    await clock.set(bj('2026-10-16 19:00'));
    const land = await ask('用地问题', ADMIN.name);
    expect(land).toContain('全市问题台账中用地问题0个。');
    const project = await ask(`${P014.name}的问题`, LEADER);
    expect(project).toContain(`【${P014.name}待协调问题】`);
    expect(project).toContain(`问题1 · ${P014.name}\n用地　牵头单位：${LEAD.unit}`);
    const funding = await ask('资金问题', REPORTER);
    expect(funding).toContain(`问题2 · ${P015.name}\n资金　`);
    const one = await ask('问题1', LEAD.reporters[1]!);
    expect(one).toContain('问题编号 1 · 用地 · 已销号');
    expect(one).toContain('确认销号');
    expect(await ask('问题1', OUTSIDER)).toBe('您暂无权限查看该问题。');
    expect(await ask('逾期问题', OUTSIDER)).toContain('全市问题台账中逾期问题0个。');

    // All along: every card the bot sent was valid Card JSON 2.0, within Feishu's rate limits.
    for (const m of w.double.messages.filter((x) => x.msg_type === 'interactive')) expectValidCard(JSON.parse(m.content));
    expect(w.double.limitHits).toEqual([]);
  });
});
