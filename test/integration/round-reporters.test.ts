// Issue 18 item 6: reporters drive the chat. 「填报」「我要填报」「补报」 typed in a direct message bring up the unit's
// list card (of the current round; for 补报 of the latest round still taking 补报), or say plainly that there is none;
// and when one reporter of a unit saves a project, every other copy of that week's list card — the colleague's card
// from the round's opening and the cards brought up by typing 填报 — changes within seconds through the message update
// API (PATCH), saying who filled what and when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import type { DeliveredMessage } from '../../src/feishu-double/index';
import { tickRounds } from '../../src/jobs/rounds';
import { type BotServer, startBotServer } from '../helpers/bot';
import { engines } from '../helpers/db';
import { eventSenderFor, settled, waitFor } from '../helpers/feishu';
import { type SheetProject, sampleRegister } from '../fixtures/register-workbooks';
import { bj, buttonOf, cardButtons, cardText, expectValidCard, form, prepareRoundWorld, type RoundWorld, type Shown, tap } from '../helpers/round';

const R = await sampleRegister();
const ADMIN = R.leaders[0]!;
/** A leader who reports for no unit. */
const LEADER = R.leaders[1]!;
const JTU = R.unitWhere('a unit with two reporters and three projects', (u) => u.reporters.length === 2 && u.projects.length === 3);
const [ZHANG, LI] = JTU.reporters.map((r) => r.name) as [string, string];
const [PA, PB, PC] = JTU.projects as [SheetProject, SheetProject, SheetProject];
const W47 = '第47周（11月16日—11月22日）';
const W48 = '第48周（11月23日—11月29日）';

describe.each(engines)('reporters driving the chat on %s', (engine) => {
  let w: RoundWorld;
  let server: BotServer | null = null;
  let sender: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-11-16 08:30'));
  const db = () => w.t.db;
  const tickAt = async (at: string) => {
    await clock.set(bj(at));
    await tickRounds(server!.ctx);
    server!.bot!.sender.wake();
    await settled(db(), 15_000);
  };
  const projectId = async (code: string) => (await db().selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const message = (id: string) => w.double.messages.find((m) => m.message_id === id)!;
  const shownOf = (m: DeliveredMessage, name: string): Shown => ({
    messageId: m.message_id,
    chatId: m.chat_id,
    openId: w.person(name).openId,
    card: JSON.parse(m.content) as Record<string, unknown>,
  });
  /** Types `text` to the bot in a direct message; the bot's reply, and what it shows (a text's words, a card's texts). */
  const say = async (name: string, text: string) => {
    const sent = await sender.sendMessage({ text, sender: { open_id: w.person(name).openId } });
    expect(sent.status).toBe(200);
    const id = (sent.envelope.event.message as { message_id: string }).message_id;
    const reply = (await waitFor(`the reply to “${text}”`, () => w.double.messages.find((m) => m.via === 'reply' && m.parent_id === id), Boolean, 15_000))!;
    const content = JSON.parse(reply.content) as Record<string, unknown>;
    if (reply.msg_type === 'interactive') expectValidCard(content);
    return { reply, shows: reply.msg_type === 'interactive' ? cardText(content) : String(content.text) };
  };
  /** The list card of the round's opening a reporter got (the first card of the week sent to them; a reminder comes later), as it stands. */
  const openingCard = (name: string, week: string): Shown => {
    const openId = w.person(name).openId;
    const first = w.double.messages.find(
      (m) => m.user_open_id === openId && m.via !== 'reply' && m.msg_type === 'interactive' && cardText(JSON.parse(m.content)).includes(week),
    );
    expect(first, `${name}'s card of ${week}`).toBeDefined();
    return shownOf(first!, name);
  };
  const patchesOf = (messageId: string) => w.double.updates.filter((u) => u.message_id === messageId && u.via === 'patch');

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

  it('before any round: 填报 and 补报 say there is nothing to fill in; someone who reports for no unit is told so', async () => {
    expect((await say(ZHANG, '填报')).shows).toBe('目前没有正在进行的周调度，暂无需要填报的项目。下一轮调度开始时，调度助手会向您发送填报卡片。');
    expect((await say(ZHANG, '补报')).shows).toBe('目前没有可以补报的周调度。');
    expect((await say(LEADER.name, '我要填报')).shows).toBe(
      '您不是责任单位的填报人，没有需要您填报的项目。如需查看报送情况，可发送“本周未报送”；如需开通填报，请联系重点项目办。',
    );
  });

  it('「我要填报」 during W47 brings up the unit’s list card; a save by one reporter updates the colleague’s copies within seconds', async () => {
    await tickAt('2026-11-16 09:00');
    await clock.set(bj('2026-11-17 10:05'));
    const typed = await say(ZHANG, '我要填报');
    expect(typed.reply.msg_type).toBe('interactive');
    expect(typed.shows).toContain(`${JTU.name} · ${W47}`);
    expect(typed.shows).toContain('已填 0 / 3');
    for (const p of [PA, PB, PC]) expect(typed.shows).toContain(`**${p.code}** ${p.name}\n待填`);
    const liTyped = await say(LI, '填报 ');
    expect(liTyped.shows).toContain(`${JTU.name} · ${W47}`);
    // 补报 while the week is still open: there is nothing late to fill in, and the reporter is pointed to 填报.
    expect((await say(LI, '补报')).shows).toBe(
      `目前没有可以补报的周调度。本周调度（${W47}）正在进行，填报截止时间为11月20日（周五）18:00，请发送“填报”打开本周填报卡片。`,
    );

    // 张 fills PA in from the card he typed for.
    const zhang = shownOf(typed.reply, ZHANG);
    await tap(sender, w.double, zhang, buttonOf(zhang.card, 'round_form', { projectId: await projectId(PA.code) }));
    const saved = await tap(sender, w.double, zhang, buttonOf(zhang.card, 'round_submit'), {
      // W47, the first round of this register, also asks for the end of October.
      form: form({
        ytd_investment: String(Math.round(PA.annual * 0.5)),
        month_end_investment: String(Math.round(PA.annual * 0.45)),
        progress_text: '主体结构施工至8层',
      }),
    });
    expect(saved.toast).toEqual({ type: 'success', content: `${PA.name}：已保存` });
    const savedAt = Date.now();

    // 李's two copies (the opening's and the one he typed for) and 张's own opening card change; the card 张 clicked
    // on shows the saved report and is not patched over.
    const copies = [openingCard(LI, W47), shownOf(liTyped.reply, LI), openingCard(ZHANG, W47)];
    await waitFor('the copies patched', () => copies.every((c) => patchesOf(c.messageId).length === 1), Boolean, 5_000);
    expect(Date.now() - savedAt).toBeLessThan(5_000);
    for (const c of copies) {
      const now = JSON.parse(message(c.messageId).content) as Record<string, unknown>;
      expectValidCard(now);
      const shows = cardText(now);
      expect(shows).toContain('已填 1 / 3');
      expect(shows).toContain(`**${PA.code}** ${PA.name}\n已填 ✅ ${ZHANG} 11月17日 10:05`);
      expect(shows).toContain(`**${PB.code}** ${PB.name}\n待填`);
    }
    expect(patchesOf(zhang.messageId)).toEqual([]);

    // 李 fills PB in from his updated opening card: 张's cards now say so, with 李's name.
    await clock.set(bj('2026-11-17 11:30'));
    const li = openingCard(LI, W47);
    li.card = JSON.parse(message(li.messageId).content);
    await tap(sender, w.double, li, buttonOf(li.card, 'round_form', { projectId: await projectId(PB.code) }));
    const liSaved = await tap(sender, w.double, li, buttonOf(li.card, 'round_submit'), {
      form: form({
        ytd_investment: String(Math.round(PB.annual * 0.4)),
        month_end_investment: String(Math.round(PB.annual * 0.35)),
        progress_text: '路基完成50%',
      }),
    });
    expect(liSaved.toast?.type).toBe('success');
    const zhangOpening = openingCard(ZHANG, W47);
    const liTypedId = liTyped.reply.message_id;
    await waitFor('the lists patched again', () => patchesOf(zhangOpening.messageId).length === 2 && patchesOf(liTypedId).length === 2, Boolean, 5_000);
    for (const id of [zhangOpening.messageId, liTypedId]) {
      const shows = cardText(JSON.parse(message(id).content));
      expect(shows).toContain('已填 2 / 3');
      expect(shows).toContain(`**${PA.code}** ${PA.name}\n已填 ✅ ${ZHANG} 11月17日 10:05`);
      expect(shows).toContain(`**${PB.code}** ${PB.name}\n已填 ✅ ${LI} 11月17日 11:30`);
    }
    // The card 张 saved PA from still shows what he saved: a card showing a saved report is not turned into the list.
    expect(patchesOf(zhang.messageId)).toEqual([]);

    // 张 opens PC's form on his opening card; 李 corrects PB meanwhile. 张's form is not replaced under his hands
    // (李's typed card, showing the list, is updated); back on the list 张 sees 李's correction.
    const opening = openingCard(ZHANG, W47);
    opening.card = JSON.parse(message(opening.messageId).content);
    await tap(sender, w.double, opening, buttonOf(opening.card, 'round_form', { projectId: await projectId(PC.code) }));
    expect(cardText(opening.card)).toContain(PC.name);
    await clock.set(bj('2026-11-17 11:45'));
    await tap(sender, w.double, li, buttonOf(li.card, 'round_list'));
    await tap(sender, w.double, li, buttonOf(li.card, 'round_form', { projectId: await projectId(PB.code) }));
    const corrected = await tap(sender, w.double, li, buttonOf(li.card, 'round_submit'), {
      form: form({
        ytd_investment: String(Math.round(PB.annual * 0.42)),
        month_end_investment: String(Math.round(PB.annual * 0.35)),
        progress_text: '路基完成55%',
      }),
    });
    expect(corrected.toast?.content).toBe(`${PB.name}：已更新（第1次修改）`);
    await waitFor('李’s typed card patched', () => patchesOf(liTypedId).length === 3, Boolean, 5_000);
    expect(cardText(JSON.parse(message(liTypedId).content))).toContain(`**${PB.code}** ${PB.name}\n已填 ✅ ${LI} 11月17日 11:45`);
    await settled(db(), 5_000);
    expect(patchesOf(opening.messageId)).toHaveLength(2);
    const back = await tap(sender, w.double, opening, buttonOf(opening.card, 'round_list'));
    expect(cardText(back.card)).toContain(`**${PB.code}** ${PB.name}\n已填 ✅ ${LI} 11月17日 11:45`);
  });

  it('the reminder is a card with the same words and a button that opens the list', async () => {
    const mark = w.double.messages.length;
    await tickAt('2026-11-19 15:00');
    const reminder = w.double.messages.slice(mark).find((m) => m.user_open_id === w.person(LI).openId)!;
    expect(reminder.msg_type).toBe('interactive');
    const shows = cardText(JSON.parse(reminder.content));
    expect(shows).toContain(`【填报提醒】${JTU.name}${W47}重点项目进展尚有1个项目未填报：${PC.name}。请于11月20日（周五）18:00前在调度卡片中填报。`);
    const shown = shownOf(reminder, LI);
    expect(cardButtons(shown.card).map((b) => b.text)).toEqual(['打开填报列表']);
    await tap(sender, w.double, shown, buttonOf(shown.card, 'round_list'));
    expect(cardText(shown.card)).toContain('已填 2 / 3');
    expect(cardText(shown.card)).toContain(`**${PC.code}** ${PC.name}\n待填`);

    // The reminder, now showing the list, is one of the unit's copies: 张 correcting PB updates it too.
    await clock.set(bj('2026-11-19 16:20'));
    const zhang = openingCard(ZHANG, W47);
    await tap(sender, w.double, zhang, buttonOf(zhang.card, 'round_form', { projectId: await projectId(PB.code) }));
    const saved = await tap(sender, w.double, zhang, buttonOf(zhang.card, 'round_submit'), {
      form: form({
        ytd_investment: String(Math.round(PB.annual * 0.43)),
        month_end_investment: String(Math.round(PB.annual * 0.35)),
        progress_text: '路基完成60%',
      }),
    });
    expect(saved.toast?.content).toBe(`${PB.name}：已更新（第2次修改）`);
    await waitFor('the reminder patched', () => patchesOf(reminder.message_id).length === 1, Boolean, 5_000);
    const now = cardText(JSON.parse(message(reminder.message_id).content));
    expect(now).toContain('已填 2 / 3');
    expect(now).toContain(`**${PB.code}** ${PB.name}\n已填 ✅ ${ZHANG} 11月19日 16:20`);
    expect(now).toContain(`**${PC.code}** ${PC.name}\n待填`);
  });

  it('after the deadline: 补报 brings up the last week’s card for its missing project, 填报 the new week’s', async () => {
    await tickAt('2026-11-20 18:00');
    await tickAt('2026-11-23 09:00');
    await clock.set(bj('2026-11-23 10:00'));
    const late = await say(ZHANG, '我要补报');
    expect(late.shows).toContain(`${JTU.name} · ${W47}`);
    expect(late.shows).toContain(`这是${W47}的调度卡片，该周填报已截止，在此填报记为补报（补报截止：11月27日（周五）18:00）。`);
    expect(late.shows).toContain(`**${PC.code}** ${PC.name}\n<font color='red'>逾期未报，请补报</font>`);
    expect(late.shows).toContain(`**${PA.code}** ${PA.name}\n已填 ✅ ${ZHANG} 11月17日 10:05`);
    const shown = shownOf(late.reply, ZHANG);
    expect(buttonOf(shown.card, 'round_form', { projectId: await projectId(PC.code) }).text).toBe('补报');
    const now = await say(ZHANG, '填报');
    expect(now.shows).toContain(`${JTU.name} · ${W48}`);
    expect(now.shows).toContain('已填 0 / 3');
  });

  it('when no round takes reports any more, 填报 and 补报 say so, naming when 补报 ended', async () => {
    expect((await w.cli(['settings', 'set', 'round.lateDays', '0'], bj('2026-11-28 09:00'))).code).toBe(0);
    await clock.set(bj('2026-11-28 10:00'));
    expect((await say(ZHANG, '填报')).shows).toBe(
      `目前没有正在进行的周调度：${W48}的补报已于11月27日（周五）18:00结束。下一轮调度开始时，调度助手会向您发送填报卡片。`,
    );
    expect((await say(LI, '补报')).shows).toBe(
      `目前没有可以补报的周调度：${W48}的补报已于11月27日（周五）18:00结束，不再接受补报。如需更正该周数据，请联系重点项目办。`,
    );
  });
});
