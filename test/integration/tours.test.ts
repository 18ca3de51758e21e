// 观摩 end to end through the Feishu double on the real server: six judges, three projects in two counties, one judge
// revising a score, one scoring after the close and refused, a non-judge refused; scores worked out by hand below
// (the trimmed mean from five judges), the ranking sent for approval and posted once to the bulletin group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import type { DeliveredMessage } from '../../src/feishu-double';
import { sampleRegister } from '../fixtures/register-workbooks';
import { ADMIN_MOBILE, approvalCards, type BulletinWorld, groupMessages, prepareBulletinWorld } from '../helpers/bulletin';
import { type BotServer, startBotServer } from '../helpers/bot';
import { engines } from '../helpers/db';
import { eventSenderFor, settled, waitFor } from '../helpers/feishu';
import { bj, buttonOf, cardText, type Shown, tap } from '../helpers/round';

const R = await sampleRegister();
const P = ['LJ2026-004', 'LJ2026-009', 'LJ2026-006'] as const; // 江南区, 江南区, 青河县
const NAME = '2026年四季度重点项目观摩';

// Each judge's sheet per project (形象进度30 投资强度30 质量安全20 亮点特色20), by judge index 0–5.
const SHEETS: Record<(typeof P)[number], Array<[number, number, number, number] | null>> = {
  // Totals 86, 92, 70 (revised to 77 below), 84, 88.5, 82 → drop 92 and 77 → (86+84+88.5+82)/4 = 85.125
  'LJ2026-004': [
    [25, 26, 18, 17],
    [28, 27, 19, 18],
    [20, 22, 15, 13],
    [26, 25, 17, 16],
    [27, 27, 18, 16.5],
    [24, 25, 17, 16],
  ],
  // Totals 80, 75, 90, 60, 85 (the sixth judge's comes after the close: refused) → drop 90 and 60 → (80+75+85)/3 = 80
  'LJ2026-009': [[24, 24, 16, 16], [22, 23, 15, 15], [27, 27, 18, 18], [18, 18, 12, 12], [25, 25, 17, 18], null],
  // Four judges: 70, 72, 74, 76, no trimming → 73
  'LJ2026-006': [[21, 21, 14, 14], [21, 22, 15, 14], [22, 22, 15, 15], [23, 23, 15, 15], null, null],
};
const REVISED: [number, number, number, number] = [22, 24, 16, 15]; // the third judge's 004: 70 → 77

describe.each(engines)('观摩 on %s', (engine) => {
  let w: BulletinWorld;
  let server: BotServer;
  let feishu: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-11-03 10:00'));
  let judges: Array<{ name: string; mobile: string; openId: string }>;
  const card = (m: DeliveredMessage) => JSON.parse(m.content) as Record<string, unknown>;
  const settle = async () => {
    for (let i = 0; ; i++) {
      server.bot!.sender.wake();
      try {
        await settled(w.t.db, 3000, { clock, wake: () => server.bot!.sender.wake() });
        return;
      } catch (err) {
        if (i >= 8) throw err;
        clock.set(new Date(clock.now().getTime() + 2000));
      }
    }
  };
  const scoreCards = (name = NAME) =>
    w.double.messages.filter((m) => m.msg_type === 'interactive' && cardText(card(m)).includes(`${name}评分`) && m.via === 'create');
  const shownOf = (judge: { openId: string }, code: string): Shown => {
    const m = scoreCards().find((c) => c.receive_id === judge.openId && cardText(card(c)).includes(code))!;
    return { messageId: m.message_id, chatId: m.chat_id, openId: judge.openId, card: card(m) };
  };
  const form = (s: readonly number[]) => Object.fromEntries(s.map((v, i) => [`c${i}`, String(v)]));

  beforeAll(async () => {
    w = await prepareBulletinWorld(engine, 1);
    judges = w.people.filter((p) => p.mobile !== ADMIN_MOBILE).slice(2, 8);
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    feishu = eventSenderFor(w.double, server.webhookUrl, { clock });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  it('opens once with one card per judge and project; a wrong judge or project is refused with nothing written', async () => {
    const base = ['tour', 'open', '--name', NAME, '--date', '2026-11-03', '--projects', P.join(',')];
    const bad = await w.cli([...base, '--judges', `${judges.map((j) => j.mobile).join(',')},13999999999`], bj('2026-11-03 10:01'));
    expect(bad.code).toBe(1);
    expect(bad.err.split('\n').at(-1)).toBe('评委有误：项目库人员中没有“13999999999”。');
    const wrong = await w.cli(
      ['tour', 'open', '--name', NAME, '--date', '2026-11-03', '--projects', 'LJ2026-999', '--judges', judges[0]!.mobile],
      bj('2026-11-03 10:01'),
    );
    expect(wrong.err.split('\n').at(-1)).toBe('2026年度项目库中没有这些项目编号：LJ2026-999。');
    expect(await w.t.db.selectFrom('tours').select('id').execute()).toEqual([]);

    const opened = await w.cli([...base, '--judges', judges.map((j) => j.mobile).join(',')], bj('2026-11-03 10:02'));
    expect(opened.code, opened.err).toBe(0);
    expect(opened.out).toBe(`已开启观摩（编号 1）：3 个项目，评委 6 人（${judges.map((j) => j.name).join('、')}），排入发送队列评分卡片 18 张。`);
    await clock.set(bj('2026-11-03 10:05'));
    await settle();
    // A restart sends nothing again: the cards were queued under keys with the tour.
    await server.stop();
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    feishu = eventSenderFor(w.double, server.webhookUrl, { clock });
    await settle();
    const cards = scoreCards();
    expect(cards).toHaveLength(18);
    for (const j of judges) {
      for (const code of P)
        expect(
          cards.filter((c) => c.receive_id === j.openId && cardText(card(c)).includes(code)),
          `${j.name} ${code}`,
        ).toHaveLength(1);
    }
    expect(cardText(card(cards[0]!))).toContain('形象进度（满分30分）');
  });

  it('judges score, one revises, each sees only their own; a non-judge and a score over the maximum are refused', async () => {
    const first = shownOf(judges[0]!, 'LJ2026-004');
    const stranger = w.people.find((p) => p.mobile !== ADMIN_MOBILE && !judges.some((j) => j.mobile === p.mobile))!;
    const refused = await tap(feishu, w.double, { ...first, openId: stranger.openId }, buttonOf(first.card, 'tour_score'), { form: form([20, 20, 10, 10]) });
    expect(refused.toast).toEqual({ type: 'error', content: '您不是本次观摩的评委，不能评分；如有疑问请联系重点项目办。' });
    const over = await tap(feishu, w.double, first, buttonOf(first.card, 'tour_score'), { form: form([31, 20, 10, 10]) });
    expect(over.toast).toEqual({ type: 'error', content: '“形象进度”的得分不能超过满分 30 分' });
    for (const code of P) {
      for (const [i, sheet] of SHEETS[code].entries()) {
        if (!sheet) continue;
        const shown = shownOf(judges[i]!, code);
        const r = await tap(feishu, w.double, shown, buttonOf(shown.card, 'tour_score'), { form: form(sheet) });
        expect(r.toast?.type, `${judges[i]!.name} ${code}: ${r.toast?.content}`).toBe('success');
      }
    }
    clock.set(bj('2026-11-03 11:00'));
    const third = shownOf(judges[2]!, 'LJ2026-004');
    const revised = await tap(feishu, w.double, third, buttonOf(third.card, 'tour_score'), { form: form(REVISED) });
    const projectName = R.project('LJ2026-004').name;
    expect(revised.toast).toEqual({ type: 'success', content: `已保存：${projectName} 合计77分。观摩结束前可修改。` });
    const text = cardText(revised.card);
    expect(text).toContain('您的评分：合计77分（2026年11月3日（周二）11:00提交）');
    for (const other of ['86', '92', '84', '88.5', '82']) expect(text).not.toContain(`合计${other}分`);
  });

  it('closing ranks by the trimmed mean; a score after the close is refused; every score is kept with who and when', async () => {
    clock.set(bj('2026-11-03 12:00'));
    const closed = await w.cli(['tour', 'close', '1'], bj('2026-11-03 12:00'));
    expect(closed.out).toBe('已结束观摩 1 的评分。评分排名已送2名管理员审定；点“发布”后发送到1个通报群。');
    const late = shownOf(judges[5]!, 'LJ2026-009');
    const refused = await tap(feishu, w.double, late, buttonOf(late.card, 'tour_score'), { form: form([25, 25, 17, 17]) });
    expect(refused.toast).toEqual({ type: 'error', content: '本次观摩已结束评分，不再接受提交或修改。' });
    expect(cardText(refused.card)).toContain('本次观摩已结束评分');

    const shown = await w.cli(['tour', 'show', '1', '--format', 'json'], bj('2026-11-03 12:05'));
    const { result, scores } = JSON.parse(shown.out) as { result: Record<string, unknown>; scores: Array<{ code: string; judge: string; total: number }> };
    const n = (i: number) => judges[i]!.name;
    const name = (code: string) => R.project(code).name;
    expect(result.projects).toEqual([
      {
        code: 'LJ2026-004',
        name: name('LJ2026-004'),
        county: '江南区',
        score: 85.125,
        rank: 1,
        judges: 6,
        dropped: { high: 92, low: 77 },
        totals: [86, 92, 77, 84, 88.5, 82].map((total, i) => ({ judge: n(i), total })),
      },
      {
        code: 'LJ2026-009',
        name: name('LJ2026-009'),
        county: '江南区',
        score: 80,
        rank: 2,
        judges: 5,
        dropped: { high: 90, low: 60 },
        totals: [80, 75, 90, 60, 85].map((total, i) => ({ judge: n(i), total })),
      },
      {
        code: 'LJ2026-006',
        name: name('LJ2026-006'),
        county: '青河县',
        score: 73,
        rank: 3,
        judges: 4,
        dropped: null,
        totals: [70, 72, 74, 76].map((total, i) => ({ judge: n(i), total })),
      },
    ]);
    expect(result.counties).toEqual([
      { name: '江南区', projects: 2, score: (85.125 + 80) / 2, rank: 1 },
      { name: '青河县', projects: 1, score: 73, rank: 2 },
    ]);
    // 15 + 4 + 6 scores, and the revision beside the score it revised; nothing of the refused ones.
    expect(scores).toHaveLength(16);
    expect(scores.filter((s) => s.code === 'LJ2026-004' && s.judge === n(2)).map((s) => s.total)).toEqual([70, 77]);
    const words = await w.cli(['tour', 'show', '1'], bj('2026-11-03 12:05'));
    expect(words.out).toContain(`1. LJ2026-004 ${name('LJ2026-004')}（江南区）：85.13分（6名评委，去掉最高92分、最低77分）`);
    expect(words.out).toContain('1. 江南区：82.56分（2个项目）');
  });

  it('the ranking is posted to the bulletin group once, after an administrator approves it', async () => {
    await settle();
    const admin = w.admins[0]!;
    const approval = approvalCards(w, admin.openId).find((c) => cardText(c.card).includes(`${NAME}评分排名`))!;
    expect(approval).toBeDefined();
    const before = w.double.messages.length;
    expect(groupMessages(w, w.groups[0]!.chat_id, before)).toHaveLength(0);
    const published = await tap(feishu, w.double, approval, approval.publish);
    expect(published.toast?.type).toBe('success');
    const again = await tap(feishu, w.double, approval, approval.publish);
    expect(again.toast?.type).toBe('info');
    await settle();
    const posted = groupMessages(w, w.groups[0]!.chat_id, before);
    expect(posted).toHaveLength(1);
    const text = cardText(card(posted[0]!));
    expect(text).toContain(`${NAME}评分排名`);
    expect(text).toContain(`2. LJ2026-009 ${R.project('LJ2026-009').name}（江南区）：80.00分（5名评委，去掉最高90分、最低60分）`);
  });

  it('in chat: an administrator opens a tour by county once per message and closes it; anyone else is refused', async () => {
    const admin = w.admins[0]!;
    const reply = async (who: { openId: string; name: string }, text: string, messageId?: string) => {
      const sent = await feishu.sendMessage({ text, sender: { open_id: who.openId, name: who.name }, ...(messageId ? { messageId } : {}) });
      expect(sent.status).toBe(200);
      const id = (sent.envelope.event.message as { message_id: string }).message_id;
      await settle();
      const got = await waitFor(`the reply to “${text}”`, () => w.double.messages.filter((m) => m.via === 'reply' && m.parent_id === id).at(-1), Boolean);
      return String((JSON.parse(got!.content) as { text: string }).text);
    };
    const open = `开启观摩 名称：青河县现场观摩；日期：2026年11月10日；县区：青河县；评委：${judges[0]!.mobile}、${judges[1]!.mobile}`;
    expect(await reply(judges[0]!, open)).toBe('只有管理员（重点项目办）可以开启或结束观摩。');
    expect(await reply(admin, '开启观摩 名称：青河县现场观摩；日期：下周')).toBe(
      '缺少名称、日期、项目或县区、评委。请按“开启观摩 名称：2026年四季度观摩；日期：2026-11-20；县区：江北区、江南区；评委：13900010001、李明”的格式发送（项目可写“项目：项目编号、项目编号”代替县区）。',
    );
    const qinghe = R.projects.filter((p) => p.county === '青河县').length;
    expect(await reply(admin, open, 'om_tour_open_2')).toBe(
      `已开启观摩（编号 2）：${qinghe} 个项目，评委 2 人（${judges[0]!.name}、${judges[1]!.name}），评分卡片 ${2 * qinghe} 张正在发送。结束评分请发送“结束观摩 2”。`,
    );
    // The same message delivered again (a retry with a new event id): no second tour, no second set of cards.
    await feishu.sendMessage({ text: open, sender: { open_id: admin.openId, name: admin.name }, messageId: 'om_tour_open_2' });
    await settle();
    expect((await w.t.db.selectFrom('tours').select('id').execute()).length).toBe(2);
    expect(scoreCards('青河县现场观摩')).toHaveLength(2 * qinghe);
    expect(await reply(admin, '结束观摩 2')).toBe('已结束观摩 2 的评分。评分排名已送2名管理员审定；点“发布”后发送到1个通报群。');
    expect(await reply(admin, '结束观摩 2')).toBe('此前已结束观摩 2 的评分。评分排名已送2名管理员审定；点“发布”后发送到1个通报群。');
  });

  it('the sheet is the setting tours.criteria when a tour opens: a later tour takes the new criteria, an earlier one keeps its own', async () => {
    const judge = judges[0]!;
    const code = 'LJ2026-004';
    const open = async (name: string, at: string) => {
      const r = await w.cli(['tour', 'open', '--name', name, '--date', '2026-11-20', '--projects', code, '--judges', judge.mobile], bj(at));
      expect(r.code, r.err).toBe(0);
    };
    const cardOf = async (name: string): Promise<Shown> => {
      clock.set(new Date(clock.now().getTime() + 60_000));
      await settle();
      const m = scoreCards(name).find((c) => c.receive_id === judge.openId)!;
      return { messageId: m.message_id, chatId: m.chat_id, openId: judge.openId, card: card(m) };
    };
    clock.set(bj('2026-11-20 09:00'));
    await open('旧评分项观摩', '2026-11-20 09:00');
    const before = await cardOf('旧评分项观摩');
    const NEW = [
      { name: '形象进度', max: 40 },
      { name: '投资强度', max: 35 },
      { name: '群众满意', max: 25 },
    ];
    const set = await w.cli(['settings', 'set', 'tours.criteria', JSON.stringify(NEW)], bj('2026-11-20 09:05'));
    expect(set.code, set.err).toBe(0);
    await open('新评分项观摩', '2026-11-20 09:10');
    const after = await cardOf('新评分项观摩');
    // The new tour's card: three criteria with the new maxima; the earlier tour's card still the four of the default.
    const newText = cardText(after.card);
    expect(newText).toContain('形象进度（满分40分）');
    expect(newText).toContain('群众满意（满分25分）');
    expect(newText).not.toContain('亮点特色');
    expect(cardText(before.card)).toContain('形象进度（满分30分）');
    expect(cardText(before.card)).toContain('亮点特色（满分20分）');
    // 38 is within the new tour's 形象进度 (40), beyond the earlier tour's (30).
    const over = await tap(feishu, w.double, before, buttonOf(before.card, 'tour_score'), { form: form([38, 25, 18, 10]) });
    expect(over.toast).toEqual({ type: 'error', content: '“形象进度”的得分不能超过满分 30 分' });
    const old = await tap(feishu, w.double, before, buttonOf(before.card, 'tour_score'), { form: form([28, 25, 18, 10]) });
    expect(old.toast?.content).toContain('合计81分');
    const overNew = await tap(feishu, w.double, after, buttonOf(after.card, 'tour_score'), { form: form([41, 30, 20]) });
    expect(overNew.toast).toEqual({ type: 'error', content: '“形象进度”的得分不能超过满分 40 分' });
    const scored = await tap(feishu, w.double, after, buttonOf(after.card, 'tour_score'), { form: form([38, 30, 22.5]) });
    expect(scored.toast?.content).toContain('合计90.5分'); // 38 + 30 + 22.5
    for (const id of ['3', '4']) expect((await w.cli(['tour', 'close', id], bj('2026-11-20 10:00'))).code).toBe(0);
    const shown = async (id: string) => JSON.parse((await w.cli(['tour', 'show', id, '--format', 'json'], bj('2026-11-20 10:05'))).out);
    const three = await shown('3');
    const four = await shown('4');
    expect(three.tour.criteria).toEqual([
      { name: '形象进度', max: 30 },
      { name: '投资强度', max: 30 },
      { name: '质量安全', max: 20 },
      { name: '亮点特色', max: 20 },
    ]);
    expect(three.scores.map((x: { scores: number[]; total: number }) => [x.scores, x.total])).toEqual([[[28, 25, 18, 10], 81]]);
    expect(three.result.projects[0]).toMatchObject({ code, score: 81 });
    expect(four.tour.criteria).toEqual(NEW);
    expect(four.scores.map((x: { scores: number[]; total: number }) => [x.scores, x.total])).toEqual([[[38, 30, 22.5], 90.5]]);
    expect(four.result.projects[0]).toMatchObject({ code, score: 90.5 });
    const words = await w.cli(['tour', 'show', '4'], bj('2026-11-20 10:05'));
    expect(words.out).toContain('评分项：形象进度40分、投资强度35分、群众满意25分。');
    expect(words.out).toContain(`${code} ${judge.name} 2026年11月20日`);
    expect(words.out).toContain('形象进度38、投资强度30、群众满意22.5，合计90.5分');
  });
});
