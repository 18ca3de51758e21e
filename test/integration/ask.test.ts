// Questions in chat through the Feishu test double: answers arrive as cards in reply, by who may see what; `diaodu ask` prints the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCardText } from '../../cards/text-render';
import { runCli } from '../../src/cli/main';
import { createClock } from '../../src/clock';
import type { OpenedDatabase } from '../../src/db/connect';
import { saveReport } from '../../src/db/reports';
import { ensurePeriod } from '../../src/db/rounds';
import type { DeliveredMessage, FeishuDouble } from '../../src/feishu-double';
import { texts } from '../../src/handlers/texts';
import { SAMPLE } from '../fixtures/register-workbooks';
import { sampleLookup } from '../fixtures/sample-lookup';
import { type BotServer, startBotServer } from '../helpers/bot';
import { checkCardRules } from '../helpers/card-rules';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { BOT_OPEN_ID, CHATS, eventSenderFor, startDouble, USERS, waitFor } from '../helpers/feishu';
import { captureIo } from '../helpers/io';

const NOW = '2026-11-27T10:00:00+08:00';
const WEEKS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];

// From the generated register: PROJECT, a county's project the mayor 包联, asked about by its leader, its unit's
// reporter and a viewer of its county; STOPPED, a 续建 project of another unit in 江北区, reported once as 停工; and
// LATER, another 江北区 project reported during a test.
const S = await sampleLookup();
const PROJECT = S.project('江南区生活垃圾焚烧发电工程');
/** How the reporter names it: the county and two words of the name. */
const PROJECT_ALIAS = '江南区垃圾焚烧';
// On the city-wide 序时 (no 月度计划), as the figures below are worked out against it; not one of the 安置房二期 the pick
// list below offers, whose first must stay without a report.
const STOPPED = S.projects.find(
  (p) => p.county === '江北区' && p.nature === '续建' && p.unit !== PROJECT.unit && !p.ownPlan && !p.name.includes('安置房二期'),
)!;
const LATER = S.projects.find((p) => p.county === '江北区' && p.code !== STOPPED.code)!;
const leader = S.leader(PROJECT.leader);
const reporter = S.unit(PROJECT.unit).reporters[0]!;
const LEADER = { openId: 'ou_leader', mobile: leader.mobile };
const REPORTER = { openId: 'ou_reporter', mobile: reporter.mobile };
/** Someone in the register (a reporter of 石门县) who is also given PROJECT's county to view. */
const COUNTY = { openId: 'ou_county', mobile: S.unit('石门县人民政府').reporters[0]!.mobile };

/** PROJECT's year-to-date (万元) in weeks 45, 47 and 48 (none in week 46): shares of its annual plan. */
const share = (p: { planWan: number }, f: number) => Math.round(p.planWan * f);
const PROJECT_YTD = [share(PROJECT, 0.62), share(PROJECT, 0.66), share(PROJECT, 0.723), share(PROJECT, 0.784)];
const STOPPED_YTD = share(STOPPED, 0.319);
const LATER_YTD = share(LATER, 0.5);
const STOPPED_CORRECTED = share(STOPPED, 0.4);

// Figures as the answers print them, worked out here from the register and the amounts above.
const TIME_PROGRESS = (10 / 12) * 100; // 序时 at the end of October, months rule
const wan = (w: number) => w.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const yi = (w: number) => (Math.round(w / 100) / 100).toFixed(2);
const pct = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
const rate = (ytd: number, plan: number) => (ytd / plan) * 100;
const planOf = (ps: Array<{ planWan: number }>) => ps.reduce((a, p) => a + p.planWan, 0);
const JIANGBEI = S.projects.filter((p) => p.county === '江北区');
const PROJECT_RATE = rate(PROJECT_YTD[3]!, PROJECT.planWan);
/** STOPPED in the 挂图作战 chart: red (31.9 % against 83.33 %, more than 30 points below), and stopped. */
const STOPPED_RATE = rate(STOPPED_YTD, STOPPED.planWan);
const STOPPED_LINE = `1. ${STOPPED.name}（${STOPPED.code}）：完成率${pct(STOPPED_RATE)}%，序时进度83.33%，低于序时进度${pct(TIME_PROGRESS - STOPPED_RATE)}个百分点；未达序时进度、进度滞后、停工`;
/** Its bar's label: its number, then six characters of its name without 江北区 in front. */
const STOPPED_BARE = [...STOPPED.name.replace(/^江北区/u, '')];
const STOPPED_LABEL = `1.${STOPPED_BARE.slice(0, 6).join('')}${STOPPED_BARE.length > 6 ? '…' : ''}`;

/** What a user checks on PROJECT's card as of week 48, against 序时 at the end of October (10/12). */
const PROJECT_FIGURES = [
  `【${PROJECT.name}】［绿灯］`,
  `最新填报：第48周（11月23日—11月29日），${PROJECT.unit} ${reporter.name}于11月25日（周三）10:00首次填报`,
  `年度累计完成投资：${wan(PROJECT_YTD[3]!)}万元（第48周 ${PROJECT.unit} ${reporter.name} 首次填报）`,
  `年度投资完成率：${pct(PROJECT_RATE)}%（按第48周填报计算）`,
  '序时进度：83.33%（截至10月底，按全市统一序时）',
  `与序时进度比较：低于序时进度${pct(TIME_PROGRESS - PROJECT_RATE)}个百分点`,
  '预警：［绿灯］（未达序时进度）',
  '形象进度（第48周填报）：主体结构施工至11层',
  '第48周填报需协调事项：请市自然资源和规划局协调用地报批',
  `责任单位：${PROJECT.unit}　包联领导：${PROJECT.leader}　所属县区：${PROJECT.county}`,
  '第46周 | 未报送',
  `第47周 | ${wan(PROJECT_YTD[2]!)} 完成率${pct(rate(PROJECT_YTD[2]!, PROJECT.planWan))}% | ${wan(PROJECT_YTD[2]! - PROJECT_YTD[0]!)}`,
];

/** Four weekly periods; PROJECT reported in three of them (not week 46), STOPPED once, 停工. */
async function seed(db: OpenedDatabase['db']) {
  const now = new Date(NOW);
  const periods = [];
  for (const w of WEEKS) {
    const monday = Date.parse(`${w}T00:00:00+08:00`);
    const at = (h: number) => new Date(monday + h * 3600_000);
    periods.push(
      await ensurePeriod(db, { weekStart: w, planYear: 2026, opensAt: at(9), remindAt: at(87), deadlineAt: at(114), openMonth: w.slice(0, 7) }, now),
    );
  }
  const id = async (code: string) => (await db.selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const person = async (mobile: string) => (await db.selectFrom('people').select('id').where('mobile', '=', mobile).executeTakeFirstOrThrow()).id;
  const hao = await person(REPORTER.mobile);
  const blank = {
    monthEndYuan: null,
    problemCategories: [] as string[],
    problemText: null,
    coordination: null,
    nextPlan: null,
    correctionReason: null,
    noChange: false,
    late: false,
    submittedBy: hao,
  };
  const ytd = PROJECT_YTD.map((w) => w * 10_000);
  for (const i of [0, 2, 3]) {
    const extra = i === 3 ? { problemCategories: ['land'], problemText: '征地拆迁尚有3户未签约', coordination: '请市自然资源和规划局协调用地报批' } : {};
    await saveReport(db, await id(PROJECT.code), periods[i]!.id, {
      ...blank,
      ytdYuan: ytd[i]!,
      progressText: `主体结构施工至${8 + i}层`,
      status: 'building',
      submittedAt: new Date(Date.parse(`${WEEKS[i]}T10:00:00+08:00`) + 2 * 86400_000),
      ...extra,
    });
  }
  await saveReport(db, await id(STOPPED.code), periods[3]!.id, {
    ...blank,
    submittedBy: null,
    ytdYuan: STOPPED_YTD * 10_000,
    progressText: '设备安装完成60%',
    status: 'stopped',
    submittedAt: now,
  });
  for (const who of [LEADER, REPORTER, COUNTY]) await db.updateTable('people').set({ open_id: who.openId }).where('mobile', '=', who.mobile).execute();
  const county = (await db.selectFrom('counties').select('id').where('name', '=', PROJECT.county).executeTakeFirstOrThrow()).id;
  await db
    .insertInto('person_roles')
    .values({
      person_id: await person(COUNTY.mobile),
      role: 'county_viewer',
      unit_id: null,
      county_id: county,
      scope: `county:${county}`,
      source: 'manual',
      created_at: now.toISOString(),
    })
    .execute();
}

describe.each(engines)('questions in chat on %s', (engine) => {
  let t: TestDatabase;
  let env: Record<string, string>;
  let double: FeishuDouble;
  let bot: BotServer;
  let feishu: ReturnType<typeof eventSenderFor>;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    env = { DATABASE_URL: t.target.kind === 'sqlite' ? t.target.path : t.target.url, DIAODU_NOW: NOW };
    expect(await runCli(['import', SAMPLE, '--year', '2026'], env, captureIo().io)).toBe(0);
    await seed(t.db);
    // The askers are in the directory and the group, so that answers sent to them privately (from a group) arrive.
    const askers = [LEADER, REPORTER, COUNTY].map((p) => ({ open_id: p.openId, name: p.openId, mobile: p.mobile }));
    double = await startDouble({
      users: [...USERS, ...askers],
      chats: CHATS.map((c) => ({ ...c, members: [...(c.members ?? []), ...askers.map((p) => p.open_id)] })),
    });
    bot = await startBotServer({ database: t.target, double, clock: createClock(NOW) });
    feishu = eventSenderFor(double, bot.webhookUrl, { clock: createClock(NOW) });
  });
  afterAll(async () => {
    await bot?.stop();
    await double?.close();
    await t?.drop();
  });

  /** Sends a message and returns the bot's reply to it: its msg_type and content, a card parsed back. */
  async function ask(text: string, openId: string, group = false) {
    const sent = await feishu.sendMessage({
      text: group ? `@_user_1 ${text}` : text,
      sender: { open_id: openId },
      ...(group ? { chatType: 'group' as const, chatId: 'oc_project', mentions: [{ open_id: BOT_OPEN_ID, name: '调度助手' }] } : {}),
    });
    expect(sent.status).toBe(200);
    const id = (sent.envelope.event.message as { message_id: string }).message_id;
    const reply = await waitFor(`the reply to “${text}”`, () => double.messages.find((m) => m.via === 'reply' && m.parent_id === id), Boolean);
    const content = JSON.parse(reply!.content) as Record<string, unknown>;
    if (reply!.msg_type === 'interactive') expect(checkCardRules(content)).toEqual([]);
    return { reply: reply!, content, text: reply!.msg_type === 'interactive' ? renderCardText(content) : String(content.text) };
  }

  it('a leader asking in a direct message gets the project status card with its figures, as a reply', async () => {
    const a = await ask(`${PROJECT.code}进展怎么样？`, LEADER.openId);
    expect(a.reply).toMatchObject({ msg_type: 'interactive', chat_type: 'p2p', user_open_id: LEADER.openId });
    for (const line of PROJECT_FIGURES) expect(a.text).toContain(line);
    // 挂图作战: the weeks reported (each at its Sunday, the current week at today, 11月27日) on a year of months, against
    // the plan line, the annual plan × n/12 at each month end; the card is within the rules (ask() checks them).
    const elements = (a.content as { body: { elements: Array<Record<string, unknown>> } }).body.elements;
    const chart = elements.find((e) => e.tag === 'chart') as { chart_spec: { data: Array<{ id: string; values: unknown[] }> } };
    const [actual, plan] = chart.chart_spec.data;
    expect(actual!.values).toEqual([
      { x: 10.27, value: PROJECT_YTD[0], kind: '累计完成投资' }, // 11月8日: 10 + 8/30
      { x: 10.73, value: PROJECT_YTD[2], kind: '累计完成投资' }, // 11月22日: 10 + 22/30
      { x: 10.9, value: PROJECT_YTD[3], kind: '累计完成投资' }, // 11月27日: 10 + 27/30
    ]);
    const planKind = '计划：年度计划×全市统一序时（按整月计算）';
    expect(plan!.values).toEqual([
      { x: 0, value: 0, kind: planKind },
      ...Array.from({ length: 12 }, (_, i) => ({ x: i + 1, value: Math.round((PROJECT.planWan * (i + 1) * 100) / 12) / 100, kind: planKind })),
    ]);
  });

  /**
   * The answer the bot sent to someone's single chat (not as a reply) after `from` messages had been delivered, told
   * by a text it contains: the round's own cards go to the same reporters.
   */
  /**
   * The answer sent to someone's single chat: a card whose title names what was asked. Matched on the title, not the
   * whole content: the bot's first scheduler tick opens W48's round, and that list card (which names the reporter's
   * projects too) can reach the same chat while a test runs.
   */
  const titleOf = (m: DeliveredMessage) => {
    const header = (JSON.parse(m.content) as { header?: { title?: { content?: string } } }).header;
    return header?.title?.content ?? '';
  };
  const privateAnswer = (what: string, openId: string, from: number, title: string) =>
    waitFor(
      what,
      () =>
        double.messages
          .slice(from)
          .find((m) => m.via === 'create' && m.chat_type === 'p2p' && m.user_open_id === openId && m.msg_type === 'interactive' && titleOf(m).includes(title)),
      Boolean,
    );
  const privately = (what: string, openId: string, from: number, contains: string) =>
    waitFor(
      what,
      () => double.messages.slice(from).find((m) => m.via === 'create' && m.chat_type === 'p2p' && m.user_open_id === openId && m.content.includes(contains)),
      Boolean,
    );
  const inGroup = () => double.messages.filter((m) => m.chat_id === 'oc_project');

  it('in a group, an answer with project data goes to the asker privately and the group only learns that it was sent', async () => {
    const from = double.messages.length;
    const a = await ask('江北区进度', LEADER.openId, true);
    expect(a.reply).toMatchObject({ msg_type: 'text', chat_id: 'oc_project', chat_type: 'group' });
    expect(a.text).toBe(texts.answeredPrivately);
    const sent = await privateAnswer('the county summary in the leader’s single chat', LEADER.openId, from, '江北区重点项目进展');
    expect(sent!.msg_type).toBe('interactive');
    const text = renderCardText(JSON.parse(sent!.content));
    expect(text).toContain('【江北区重点项目进展】');
    const plan = planOf(JIANGBEI);
    const share = rate(STOPPED_YTD, plan);
    expect(text).toContain(
      `江北区重点项目共${JIANGBEI.length}个，年度计划投资${yi(plan)}亿元。本周（第48周）已填报1个。累计完成投资${yi(STOPPED_YTD)}亿元，占年度计划的${pct(share)}%，低于序时进度${pct(TIME_PROGRESS - share)}个百分点（序时进度83.33%，截至10月底）。另有${JIANGBEI.length - 1}个项目暂无填报，其完成投资未计入。`,
    );
    expect(text).toContain('预警：红灯1个、黄灯0个、绿灯0个；未达序时进度1个；停工1个、半停工0个。');
    // 倒排工期 at the end of October (asked in November): two months left; nothing was reported by the end of July,
    // so the last three months' pace is the whole figure ÷ 3 and the year ends at 5/3 of it.
    const forecast = (STOPPED_YTD * 5) / 3;
    expect(text).toContain(
      `要完成全年目标，每月还需完成${yi((plan - STOPPED_YTD) / 2)}亿元；按近三个月进度，预计全年完成${yi(forecast)}亿元，占年度计划的${pct((forecast / plan) * 100)}%（按最近一次填报的累计完成投资、全年剩余2个月计算）。`,
    );
    const stoppedRate = rate(STOPPED_YTD, STOPPED.planWan);
    expect(text).toContain(
      `1. ${STOPPED.name}\n完成率${pct(stoppedRate)}%，低于序时进度${pct(TIME_PROGRESS - stoppedRate)}个百分点 ［红灯］\n最新填报：第48周`,
    );
    // 挂图作战: the county's one red project, its rate beside its 序时, named in full under the chart.
    expect(checkCardRules(JSON.parse(sent!.content))).toEqual([]);
    expect(text).toContain('挂图作战：江北区红灯项目1个');
    expect(text).toContain(STOPPED_LINE);
    const chart = (JSON.parse(sent!.content) as { body: { elements: Array<Record<string, unknown>> } }).body.elements.find((e) => e.tag === 'chart') as {
      chart_spec: { data: Array<{ values: unknown[] }> };
    };
    expect(chart.chart_spec.data[0]!.values).toEqual([
      { project: STOPPED_LABEL, value: Number(pct(stoppedRate)), kind: '年度投资完成率(%)' },
      { project: STOPPED_LABEL, value: 83.33, kind: '序时进度(%)' },
    ]);
    // Nothing the group received carries a figure or a project of the summary.
    for (const m of inGroup()) expect(m.content).not.toMatch(/亿元|万元|\d+\.\d%|江北区重点项目/);
  });

  it('「江北区挂图」 is the county’s red projects on a card of their own; a reporter’s 「全市红灯项目图」 only what they may see', async () => {
    const a = await ask('江北区挂图', LEADER.openId);
    expect(a.reply).toMatchObject({ msg_type: 'interactive', chat_type: 'p2p' });
    expect(a.text).toContain('【江北区红灯项目挂图作战】');
    expect(a.text).toContain('挂图作战：江北区红灯项目1个');
    expect(a.text).toContain(STOPPED_LINE);
    const city = await ask('全市红灯项目图', LEADER.openId);
    expect(city.text).toContain('【全市红灯项目挂图作战】');
    expect(city.text).toContain(STOPPED_LINE);
    // The reporter's own unit has PROJECT only, green: no red project among what they may see, and they are told why.
    const mine = await ask('全市红灯项目图', REPORTER.openId);
    expect(mine.text).toContain('仅列出您有权查看的项目（本单位或本县区）。');
    expect(mine.text).toContain('全市您有权查看的项目中目前没有红灯项目。');
    expect(mine.text).not.toContain(STOPPED.name);
  });

  it('in a group, a reporter’s answer about their own project goes privately too; help stays in the group', async () => {
    const from = double.messages.length;
    const a = await ask(PROJECT_ALIAS, REPORTER.openId, true);
    expect(a.text).toBe(texts.answeredPrivately);
    const sent = await privateAnswer('the status card in the reporter’s single chat', REPORTER.openId, from, PROJECT.name);
    expect(renderCardText(JSON.parse(sent!.content))).toContain(`【${PROJECT.name}】`);
    expect(inGroup().some((m) => m.content.includes(PROJECT.name))).toBe(false);
    const help = await ask('帮助', REPORTER.openId, true);
    expect(help.reply).toMatchObject({ msg_type: 'interactive', chat_id: 'oc_project' });
    expect(help.text).toContain('【调度助手可以回答的问题】');
  });

  it('a pick list asked for in a group comes privately, and its click sends the card privately too, even from a group', async () => {
    const from = double.messages.length;
    const a = await ask('安置房二期现在进展怎么样了？', LEADER.openId, true);
    expect(a.text).toBe(texts.answeredPrivately);
    const list = await privately('the pick list in the leader’s single chat', LEADER.openId, from, 'ask_project');
    const value = JSON.parse(JSON.stringify(JSON.parse(list!.content)).match(/\{"kind":"ask_project","projectId":\d+,"nonce":"[0-9a-f]+"\}/)![0]) as Record<
      string,
      unknown
    >;
    // The same buttons on a card in the group (as cards sent there before, or forwarded ones, are): the status card still goes privately.
    const before = double.messages.length;
    const click = await feishu.sendCardAction({
      operator: { open_id: LEADER.openId },
      action: { value },
      openMessageId: a.reply.message_id,
      openChatId: 'oc_project',
    });
    expect(click.json).toEqual({ toast: { type: 'success', content: texts.answerSent } });
    const status = await privately('the status card in the leader’s single chat', LEADER.openId, before, '暂无填报');
    expect(renderCardText(JSON.parse(status!.content))).toContain('［暂无填报］');
    expect(inGroup().some((m) => m.parent_id === a.reply.message_id)).toBe(false);
  });

  it('a click on a project the clicker may not see is an error toast and sends nothing', async () => {
    const stopped = (await t.db.selectFrom('projects').select('id').where('code', '=', STOPPED.code).executeTakeFirstOrThrow()).id;
    // Every message goes through the outbox: none queued is none sent.
    const queued = async () =>
      Number(
        (
          await t.db
            .selectFrom('outbox')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const queuedBefore = await queued();
    const refused = await feishu.sendCardAction({
      operator: { open_id: REPORTER.openId },
      action: { value: { kind: 'ask_project', projectId: stopped, nonce: 'refused' } },
      openMessageId: 'om_pick_list',
      openChatId: 'oc_project',
    });
    expect(refused.json).toMatchObject({ toast: { type: 'error' } });
    expect((refused.json as { toast: { content: string } }).toast.content).toContain(`您暂无权限查看其详细情况`);
    expect(await queued()).toBe(queuedBefore);
  });

  it('someone not in the register gets a polite refusal and no data', async () => {
    const a = await ask(PROJECT.code, 'ou_stranger');
    expect(a.reply.msg_type).toBe('text');
    expect(a.text).toBe(texts.notRegistered);
    expect(a.text).not.toMatch(/\d+\.\d%|万元|亿元/);
  });

  it("a reporter sees their unit's project, is refused another unit's, and gets the city totals instead", async () => {
    const own = await ask(PROJECT_ALIAS, REPORTER.openId);
    expect(own.text).toContain(`【${PROJECT.name}】`);
    expect(own.text).toContain(`年度投资完成率：${pct(PROJECT_RATE)}%`);
    const other = await ask(`${STOPPED.name}怎么样了`, REPORTER.openId);
    expect(other.text).toContain(`“${STOPPED.name}”由${STOPPED.unit}负责，您暂无权限查看其详细情况`);
    const cityPlan = planOf(S.projects);
    const cityYtd = PROJECT_YTD[3]! + STOPPED_YTD;
    expect(other.text).toContain(
      `全市重点项目共${S.projects.length}个，年度计划投资${yi(cityPlan)}亿元。本周（第48周）已填报2个。累计完成投资${yi(cityYtd)}亿元，占年度计划的${pct(rate(cityYtd, cityPlan))}%`,
    );
    expect(other.text).not.toContain(`${pct(rate(STOPPED_YTD, STOPPED.planWan))}%`);
    expect(other.text).not.toContain(`${STOPPED.name} |`);
  });

  it('a county viewer sees their county, not another', async () => {
    const own = S.projects.filter((p) => p.county === PROJECT.county).length;
    expect((await ask(`${PROJECT.county}进度`, COUNTY.openId)).text).toContain(`${PROJECT.county}重点项目共${own}个`);
    expect((await ask('江北区进度', COUNTY.openId)).text).toContain('您暂无权限查看江北区的汇总数据');
  });

  it('several matches come as a pick list; a click sends the status card to the clicker’s single chat', async () => {
    const a = await ask('安置房二期现在进展怎么样了？', LEADER.openId);
    const named = S.projects.filter((p) => p.name.includes('安置房二期'));
    expect(a.text).toContain(`“安置房二期”对应${named.length}个项目`);
    const values = JSON.stringify(a.content).match(/\{"kind":"ask_project","projectId":\d+,"nonce":"[0-9a-f]+"\}/g) ?? [];
    expect(values).toHaveLength(named.length);
    const value = JSON.parse(values[0]!) as Record<string, unknown>;
    const before = double.messages.length;
    const click = await feishu.sendCardAction({
      operator: { open_id: LEADER.openId },
      action: { value },
      openMessageId: a.reply.message_id,
      openChatId: a.reply.chat_id,
    });
    expect(click.json).toEqual({ toast: { type: 'success', content: texts.answerSent } });
    const status = await privately('the status card in the leader’s single chat', LEADER.openId, before, '暂无填报');
    const first = (await t.db.selectFrom('projects').select('code').where('id', '=', Number(value.projectId)).executeTakeFirstOrThrow()).code;
    const picked = named.find((p) => p.code === first);
    expect(picked).toBeDefined();
    expect(renderCardText(JSON.parse(status!.content))).toContain(`【${picked!.name}】［暂无填报］`);
    const again = await feishu.sendCardAction({
      operator: { open_id: LEADER.openId },
      action: { value },
      openMessageId: a.reply.message_id,
      openChatId: a.reply.chat_id,
    });
    expect(again.json).toEqual({ toast: { type: 'info', content: texts.duplicateClick } });
  });

  it('lists and help answer too', async () => {
    expect((await ask('滞后项目', LEADER.openId)).text).toContain(
      `全市重点项目${S.projects.length}个，本周（第48周）已填报2个，另有${S.projects.length - 2}个暂无填报；其中未达序时进度项目2个。`,
    );
    expect((await ask('本周未报送', LEADER.openId)).text).toContain(`应报${S.projects.length}个项目，未报送${S.projects.length - 2}个`);
    expect((await ask('帮助', LEADER.openId)).text).toContain('【调度助手可以回答的问题】');
    expect((await ask('今天天气怎么样', LEADER.openId)).text).toContain('未能理解“今天天气怎么样”');
  });

  it('a report saved or corrected after a question is in the next answer', async () => {
    const before = (await ask('江北区进度', LEADER.openId)).text;
    expect(before).toContain(`本周（第48周）已填报1个。累计完成投资${yi(STOPPED_YTD)}亿元`);
    const period = (await t.db.selectFrom('weekly_periods').select('id').where('week_start', '=', WEEKS[3]!).executeTakeFirstOrThrow()).id;
    const project = async (code: string) => (await t.db.selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const report = {
      monthEndYuan: null,
      problemCategories: [],
      problemText: null,
      coordination: null,
      nextPlan: null,
      correctionReason: null,
      noChange: false,
      late: false,
      submittedBy: null,
      progressText: '完成桩基30%',
      status: 'building',
      submittedAt: new Date(NOW),
    };
    await saveReport(t.db, await project(LATER.code), period, { ...report, ytdYuan: LATER_YTD * 10_000 });
    const after = (await ask('江北区进度', LEADER.openId)).text;
    expect(after).toContain(`本周（第48周）已填报2个。累计完成投资${yi(STOPPED_YTD + LATER_YTD)}亿元`);
    // A correction of the same week's report replaces its figures.
    await saveReport(t.db, await project(STOPPED.code), period, { ...report, ytdYuan: STOPPED_CORRECTED * 10_000, status: 'stopped', correctionReason: null });
    expect((await ask('江北区进度', LEADER.openId)).text).toContain(`本周（第48周）已填报2个。累计完成投资${yi(STOPPED_CORRECTED + LATER_YTD)}亿元`);
  });

  it('`diaodu ask` prints the same answer as text, by mobile or open_id', async () => {
    const chat = await ask(PROJECT.code, LEADER.openId);
    const run = captureIo();
    expect(await runCli(['ask', PROJECT.code, '--as', LEADER.mobile], env, run.io)).toBe(0);
    const printed = run.out.join('\n');
    const withoutTime = (s: string) => s.replace(/查询时间：[^。]*。/u, '');
    expect(withoutTime(printed)).toBe(withoutTime(chat.text));
    for (const line of PROJECT_FIGURES) expect(printed).toContain(line);

    const stranger = captureIo();
    expect(await runCli(['ask', '全市进度', '--as', '13000000000'], env, stranger.io)).toBe(0);
    expect(stranger.out.join('\n')).toBe(texts.notRegistered);
    const usage = captureIo();
    expect(await runCli(['ask', '全市进度'], env, usage.io)).toBe(2);
  });
  // Last: it marks the reporter 离职 for the rest of the file.
  it('someone marked 离职 is refused everywhere — a form, a pick, a question — and told whom to contact', async () => {
    const id = async (code: string) => (await t.db.selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const period = (await t.db.selectFrom('weekly_periods').select('id').where('week_start', '=', WEEKS[3]!).executeTakeFirstOrThrow()).id;
    const projectId = await id(PROJECT.code);
    const reportsOf = () => t.db.selectFrom('reports').select(['id', 'revision']).where('project_id', '=', projectId).orderBy('id').execute();
    await t.db.updateTable('people').set({ resigned_at: NOW }).where('mobile', '=', REPORTER.mobile).execute();
    const before = await reportsOf();
    const sentBefore = double.messages.length;
    const click = (value: Record<string, unknown>) =>
      feishu.sendCardAction({ operator: { open_id: REPORTER.openId }, action: { value }, openMessageId: 'om_resigned_card', openChatId: 'oc_resigned' });
    // The week's form, still in the reporter's chat: 本周无变化 would save last week's figures again.
    const submit = await click({ kind: 'round_no_change', periodId: period, projectId });
    expect(submit.json).toEqual({ toast: { type: 'error', content: texts.resigned } });
    const pick = await click({ kind: 'ask_project', projectId, nonce: 'resigned' });
    expect(pick.json).toEqual({ toast: { type: 'error', content: texts.resigned } });
    const asked = await ask(PROJECT_ALIAS, REPORTER.openId);
    expect(asked.text).toBe(texts.resigned);
    expect(asked.text).toContain('请联系重点项目办');
    expect(await reportsOf()).toEqual(before);
    // No saved card, no status card went out.
    expect(double.messages.slice(sentBefore).filter((m) => m.content.includes(PROJECT.name))).toEqual([]);
  });
});
