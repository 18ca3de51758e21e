// Leaders' questions about figures over a period, rankings, the monthly bulletin and a week's reporting, asked through
// the Feishu test double: every figure is worked out here from the reports the test saves, at the period asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCardText } from '../../cards/text-render';
import { composeBulletin } from '../../src/bulletin/compose/compose';
import { storeDraft } from '../../src/bulletin/store';
import { runCli } from '../../src/cli/main';
import { createClock } from '../../src/clock';
import type { OpenedDatabase } from '../../src/db/connect';
import { saveReport } from '../../src/db/reports';
import { ensurePeriod, type Period } from '../../src/db/rounds';
import { loadSettings } from '../../src/db/settings';
import type { FeishuDouble } from '../../src/feishu-double';
import { SAMPLE } from '../fixtures/register-workbooks';
import { type SampleProject, sampleLookup } from '../fixtures/sample-lookup';
import { type BotServer, startBotServer } from '../helpers/bot';
import { checkCardRules } from '../helpers/card-rules';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { CHATS, eventSenderFor, startDouble, USERS, waitFor } from '../helpers/feishu';
import { captureIo } from '../helpers/io';

const NOW = '2026-11-12T10:00:00+08:00';
/** A week of June; weeks 44 (its round asks for September's end figure), 45 (October's) and 46 (this week). */
const WEEKS = ['2026-06-22', '2026-10-26', '2026-11-02', '2026-11-09'];

const S = await sampleLookup();
// Three projects of 江北区 on the city-wide 序时 (no 月度计划), of three different units, and one of another county.
const cityRule = S.projects.filter((p) => !p.ownPlan);
const A = cityRule.find((p) => p.county === '江北区')!;
const B = cityRule.find((p) => p.county === '江北区' && p.unit !== A.unit)!;
const C = cityRule.find((p) => p.county === '江北区' && p.unit !== A.unit && p.unit !== B.unit)!;
const D = cityRule.find((p) => p.county !== '江北区' && p.unit !== A.unit && p.unit !== B.unit && p.unit !== C.unit)!;

const share = (p: SampleProject, f: number) => Math.round(p.planWan * f);
/**
 * 年度累计完成投资, 万元: A, B and D report in June; A reports in weeks 44–46 and gives September's and October's end
 * figures; B in weeks 44 and 45 without them; C only in week 46; D only in week 44.
 */
const FIG = {
  AJun: share(A, 0.3),
  BJun: share(B, 0.25),
  DJun: share(D, 0.33),
  ASep: share(A, 0.58),
  A44: share(A, 0.61),
  A45: share(A, 0.7),
  AOct: share(A, 0.68),
  A46: share(A, 0.74),
  B44: share(B, 0.42),
  B45: share(B, 0.47),
  C46: share(C, 0.9),
  D44: share(D, 0.55),
};
/** A's October figure corrected after the bulletin was published: the published figures stand. */
const A_OCT_CORRECTED = share(A, 0.72);

const TP = (10 / 12) * 100; // 序时 at the end of October, months rule
const yi = (w: number) => (Math.round(w / 100) / 100).toFixed(2);
const wan = (w: number) => w.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
const rate = (done: number, plan: number) => (done / plan) * 100;
const planOf = (ps: readonly SampleProject[]) => ps.reduce((s, p) => s + p.planWan, 0);
/** 序时 is at the end of October unless told. */
const gapWords = (r: number, tp = TP) => (r < tp ? `低于序时进度${pct(tp - r)}个百分点` : `高于序时进度${pct(r - tp)}个百分点`);

const CITY_PLAN = planOf(S.projects);
const JIANGBEI = S.projects.filter((p) => p.county === '江北区');

const leader = S.leaderTitled('市长');
const LEADER = { openId: 'ou_metrics_leader', mobile: leader.mobile };
const REPORTER = { openId: 'ou_metrics_reporter', mobile: S.unit(A.unit).reporters[0]!.mobile };
/** A reporter of another county's unit, also given 江北区 to view. */
const viewerUnit = S.units.find((u) => u.name.includes('县') && !S.projects.some((p) => p.unit === u.name && p.county === '江北区'))!;
const COUNTY = { openId: 'ou_metrics_county', mobile: viewerUnit.reporters[0]!.mobile };

const bj = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`);

async function seed(db: OpenedDatabase['db']) {
  const now = new Date(NOW);
  const periods: Period[] = [];
  for (const w of WEEKS) {
    const monday = Date.parse(`${w}T00:00:00+08:00`);
    const at = (h: number) => new Date(monday + h * 3600_000);
    periods.push(
      await ensurePeriod(db, { weekStart: w, planYear: 2026, opensAt: at(9), remindAt: at(87), deadlineAt: at(114), openMonth: w.slice(0, 7) }, now),
    );
  }
  expect(periods.map((p) => p.asksMonthEnd)).toEqual(['2026-05', '2026-09', '2026-10', null]);
  const id = async (code: string) => (await db.selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const blank = {
    monthEndYuan: null as number | null,
    problemCategories: [] as string[],
    problemText: null,
    coordination: null,
    nextPlan: null,
    correctionReason: null,
    noChange: false,
    late: false,
    submittedBy: null,
    progressText: '按计划推进',
    status: 'building',
  };
  const save = async (p: SampleProject, week: number, ytdWan: number, submittedAt: Date, monthEndWan: number | null = null) =>
    saveReport(db, await id(p.code), periods[week]!.id, {
      ...blank,
      ytdYuan: ytdWan * 10_000,
      monthEndYuan: monthEndWan === null ? null : monthEndWan * 10_000,
      submittedAt,
    });
  await save(A, 0, FIG.AJun, bj('2026-06-24', '10:00'));
  await save(B, 0, FIG.BJun, bj('2026-06-24', '11:00'));
  await save(D, 0, FIG.DJun, bj('2026-06-25', '09:00'));
  await save(A, 1, FIG.A44, bj('2026-10-28', '10:00'), FIG.ASep);
  await save(B, 1, FIG.B44, bj('2026-10-28', '11:00'));
  await save(D, 1, FIG.D44, bj('2026-10-29', '09:00'));
  await save(A, 2, FIG.A45, bj('2026-11-04', '10:00'), FIG.AOct);
  await save(B, 2, FIG.B45, bj('2026-11-04', '11:00'));
  await save(A, 3, FIG.A46, bj('2026-11-11', '10:00'));
  await save(C, 3, FIG.C46, bj('2026-11-11', '11:00'));
  for (const who of [LEADER, REPORTER, COUNTY]) await db.updateTable('people').set({ open_id: who.openId }).where('mobile', '=', who.mobile).execute();
  const person = async (mobile: string) => (await db.selectFrom('people').select('id').where('mobile', '=', mobile).executeTakeFirstOrThrow()).id;
  const county = (await db.selectFrom('counties').select('id').where('name', '=', '江北区').executeTakeFirstOrThrow()).id;
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

describe.each(engines)('figures, rankings, 月通报 and 报送情况 in chat on %s', (engine) => {
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
    const askers = [LEADER, REPORTER, COUNTY].map((p) => ({ open_id: p.openId, name: p.openId, mobile: p.mobile }));
    double = await startDouble({ users: [...USERS, ...askers], chats: CHATS });
    bot = await startBotServer({ database: t.target, double, clock: createClock(NOW) });
    feishu = eventSenderFor(double, bot.webhookUrl, { clock: createClock(NOW) });
  });
  afterAll(async () => {
    await bot?.stop();
    await double?.close();
    await t?.drop();
  });

  /** The bot's reply to a direct message, as text (a card rendered, checked against the card rules). */
  async function ask(text: string, openId: string) {
    const sent = await feishu.sendMessage({ text, sender: { open_id: openId } });
    expect(sent.status).toBe(200);
    const id = (sent.envelope.event.message as { message_id: string }).message_id;
    const reply = await waitFor(`the reply to “${text}”`, () => double.messages.find((m) => m.via === 'reply' && m.parent_id === id), Boolean);
    const content = JSON.parse(reply!.content) as Record<string, unknown>;
    if (reply!.msg_type === 'interactive') expect(checkCardRules(content)).toEqual([]);
    return reply!.msg_type === 'interactive' ? renderCardText(content) : String(content.text);
  }

  it('the city now: the latest figures in 亿元 or 万元 as asked, with 序时, the gap and the week', async () => {
    const done = FIG.A46 + FIG.B45 + FIG.C46 + FIG.D44;
    const r = rate(done, CITY_PLAN);
    const inYi = await ask('全市完成投资多少亿', LEADER.openId);
    expect(inYi).toContain(`全市截至第46周累计完成投资${yi(done)}亿元`);
    expect(inYi).toContain(`全市重点项目${S.projects.length}个，年度计划投资${yi(CITY_PLAN)}亿元。`);
    expect(inYi).toContain(`截至第46周累计完成投资${yi(done)}亿元，完成率${pct(r)}%，序时进度83.33%，${gapWords(r)}。`);
    expect(inYi).toContain(`其中4个项目有填报数，另有${S.projects.length - 4}个项目暂无填报，其完成投资未计入。`);
    expect(inYi).toContain('据各项目最新填报（截至第46周）');
    const inWan = await ask('全市完成投资多少万', LEADER.openId);
    expect(inWan).toContain(`全市截至第46周累计完成投资${wan(done)}万元`);
    // 本月 has not ended: the latest figures, said so.
    const month = await ask('本月完成率', LEADER.openId);
    expect(month).toContain('本月（11月）尚未结束，以下为截至第46周的最新数据。');
    expect(month).toContain(`全市截至第46周投资完成率${pct(r)}%`);
  });

  it('a county in the unit asked, and a month that has ended from its month-end figures (estimates where none was given)', async () => {
    const now = FIG.A46 + FIG.B45 + FIG.C46;
    const county = await ask('江北区完成投资多少万', LEADER.openId);
    expect(county).toContain(`江北区截至第46周累计完成投资${wan(now)}万元`);
    expect(county).toContain(`江北区重点项目${JIANGBEI.length}个，年度计划投资${wan(planOf(JIANGBEI))}万元。`);
    // October's end: A's month-end figure; B and D at their latest figure before the month ended (week 44, 估); C none.
    const oct = FIG.AOct + FIG.B44 + FIG.D44;
    const r = rate(oct, CITY_PLAN);
    for (const q of ['10月完成投资多少', '截至10月底完成多少', '十月份完成了多少投资', '1-10月完成投资多少亿']) {
      const a = await ask(q, LEADER.openId);
      expect(a, q).toContain(`全市截至10月底累计完成投资${yi(oct)}亿元`);
      expect(a, q).toContain(`完成率${pct(r)}%，序时进度83.33%，${gapWords(r)}。`);
      expect(a, q).toContain('其中2个项目未报10月底数，按其10月底前最近一次填报计（估）。');
      expect(a, q).toContain('据各项目10月底填报');
    }
    const rateOct = await ask('截至10月底完成率', LEADER.openId);
    expect(rateOct).toContain(`全市截至10月底投资完成率${pct(r)}%`);
    expect(await ask('上月完成率', LEADER.openId)).toContain(`全市截至10月底投资完成率${pct(r)}%`);
    // 三季度: September's end is A's September figure and B's and D's June figures (估); the quarter's increment is
    // exact, since every project with a figure at September's end had one at June's.
    const sep = FIG.ASep + FIG.BJun + FIG.DJun;
    const q3 = await ask('前三季度完成投资', LEADER.openId);
    expect(q3).toContain(`全市前三季度（截至9月底）累计完成投资${yi(sep)}亿元`);
    expect(q3).toContain(`序时进度75%，${gapWords(rate(sep, CITY_PLAN), 75)}。`);
    expect(q3).toContain('其中2个项目未报9月底数，按其9月底前最近一次填报计（估）。');
    expect(q3).toContain(`其中三季度新增完成投资${yi(FIG.ASep - FIG.AJun)}亿元（9月底累计减6月底累计）。`);
    expect(q3).toContain('据各项目9月底填报');
    expect(q3).toContain('据各项目6月底填报');
    // 一季度: nothing had been reported by the end of March.
    expect(await ask('一季度完成投资', LEADER.openId)).toContain('一季度（截至3月底）暂无填报数据');
    expect(await ask('12月完成率', LEADER.openId)).toBe('2026年12月尚未到来，暂无数据。可问“全市完成投资多少亿”了解截至目前的完成情况。');
  });

  it('a month whose end figures are still being collected gets no figure, but when they close', async () => {
    const run = captureIo();
    expect(await runCli(['ask', '10月完成投资多少', '--as', LEADER.mobile], { ...env, DIAODU_NOW: '2026-11-05T10:00:00+08:00' }, run.io)).toBe(0);
    const printed = run.out.join('\n');
    expect(printed).toBe(
      '10月底数正在征集：第45周（11月2日—11月8日）填报同时报送10月底累计完成投资，截止时间11月6日（周五）18:00。截止后即可查询；当前最新数据可问“全市完成投资多少亿”。',
    );
  });

  it('rankings: lowest rates in a county, the largest plans, counties by rate; one name a row with its figure and week', async () => {
    const rows = [
      { p: A, done: FIG.A46, week: '第46周' },
      { p: B, done: FIG.B45, week: '第45周' },
      { p: C, done: FIG.C46, week: '第46周' },
    ]
      .map((x) => ({ ...x, r: rate(x.done, x.p.planWan) }))
      .sort((x, y) => x.r - y.r);
    const low = await ask('江北区完成率最低的2个项目', LEADER.openId);
    expect(low).toContain('【江北区完成率最低的2个项目】');
    expect(low).toContain('共3个，列出2个。');
    for (const [i, x] of rows.slice(0, 2).entries()) {
      expect(low).toContain(`${i + 1}. ${x.p.name}\n完成率${pct(x.r)}%（${gapWords(x.r)}）｜江北区｜${x.week}`);
    }
    expect(low).not.toContain(rows[2]!.p.name);

    const biggest = [...S.projects].sort((x, y) => y.planWan - x.planWan || x.code.localeCompare(y.code)).slice(0, 3);
    const most = await ask('投资最多的3个项目', LEADER.openId);
    expect(most).toContain('按年度计划投资排序。');
    for (const [i, p] of biggest.entries()) expect(most).toContain(`${i + 1}. ${p.name}\n年度计划投资${wan(p.planWan)}万元｜${p.county}`);

    // Counties by their total rate: 江北区 (A, B, C) and D's county have figures; the others none and come last.
    const counties = await ask('县区排名', LEADER.openId);
    const jb = rate(FIG.A46 + FIG.B45 + FIG.C46, planOf(JIANGBEI));
    const dCounty = S.projects.filter((p) => p.county === D.county);
    const dc = rate(FIG.D44, planOf(dCounty));
    const ranked = [
      { name: '江北区', r: jb, done: FIG.A46 + FIG.B45 + FIG.C46, reported: 3, count: JIANGBEI.length },
      { name: D.county, r: dc, done: FIG.D44, reported: 1, count: dCounty.length },
    ].sort((x, y) => y.r - x.r);
    for (const [i, c] of ranked.entries()) {
      expect(counties).toContain(`${i + 1}. ${c.name}\n完成率${pct(c.r)}%（${gapWords(c.r)}）｜累计完成${yi(c.done)}亿元｜已填报${c.reported}/${c.count}个`);
    }
    const without = new Set(S.projects.map((p) => p.county)).size;
    expect(counties).toContain(`共${without}个。`);
  });

  it('who may see what: a reporter gets the city total and their own projects ranked, no county ranking; a county viewer their county', async () => {
    const total = await ask('全市完成投资多少亿', REPORTER.openId);
    expect(total).toContain(`全市截至第46周累计完成投资${yi(FIG.A46 + FIG.B45 + FIG.C46 + FIG.D44)}亿元`);
    const own = await ask('完成率最低的5个项目', REPORTER.openId);
    expect(own).toContain('以下仅含您可查看的项目（本单位或本县区）。');
    expect(own).toContain(`1. ${A.name}`);
    for (const p of [B, C, D]) expect(own).not.toContain(p.name);
    expect(await ask('县区排名', REPORTER.openId)).toBe('县区排名和单位排名向市领导和重点项目办提供。您可查询本单位（本县区）的项目。');
    expect(await ask('江北区完成投资多少亿', REPORTER.openId)).toContain('您暂无权限查看江北区的汇总数据');

    const viewer = await ask('完成率最低的5个项目', COUNTY.openId);
    for (const p of [A, B, C]) expect(viewer).toContain(p.name);
    expect(viewer).not.toContain(D.name);
    expect(await ask('江北区完成投资多少亿', COUNTY.openId)).toContain(`江北区截至第46周累计完成投资${yi(FIG.A46 + FIG.B45 + FIG.C46)}亿元`);
  });

  it('上周报送情况: reported and not, the units not reported one a row with their count', async () => {
    const a = await ask('上周报送情况', LEADER.openId);
    expect(a).toContain(`第45周（11月2日—11月8日）应报送${S.projects.length}个项目，已报送2个，未报送${S.projects.length - 2}个。`);
    expect(a).toContain('填报已于11月6日（周五）18:00截止。');
    const missing = new Map<string, number>();
    for (const p of S.projects) if (p.code !== A.code && p.code !== B.code) missing.set(p.unit, (missing.get(p.unit) ?? 0) + 1);
    expect(a).toContain(`未报送单位（${missing.size}个）`);
    for (const [unit, n] of missing) expect(a).toContain(`${unit}\n${n}个未报送：`);
    const jb = await ask('江北区上周报送情况', LEADER.openId);
    expect(jb).toContain(`应报送${JIANGBEI.length}个项目，已报送2个，未报送${JIANGBEI.length - 2}个。`);
  });

  it('月通报: none published says when it is due; once published, its summary, and the month is answered from it', async () => {
    expect(await ask('月通报', LEADER.openId)).toMatch(/^目前还没有已发布的月通报。10月月通报/u);
    const { settings } = await loadSettings(t.db);
    const b = await composeBulletin(t.db, '2026-10', { settings, now: new Date(NOW) });
    const id = await storeDraft(t.db, b);
    await t.db
      .updateTable('bulletins')
      .set({ status: 'published', decided_at: new Date(NOW).toISOString() })
      .where('id', '=', id)
      .execute();
    // A's October figure corrected after publication: the published bulletin stays the figure of record.
    const a45 = (await t.db.selectFrom('weekly_periods').select('id').where('week_start', '=', WEEKS[2]!).executeTakeFirstOrThrow()).id;
    const aId = (await t.db.selectFrom('projects').select('id').where('code', '=', A.code).executeTakeFirstOrThrow()).id;
    await saveReport(t.db, aId, a45, {
      ytdYuan: FIG.A45 * 10_000,
      monthEndYuan: A_OCT_CORRECTED * 10_000,
      progressText: '按计划推进',
      status: 'building',
      problemCategories: [],
      problemText: null,
      coordination: null,
      nextPlan: null,
      correctionReason: '更正月末数',
      noChange: false,
      late: true,
      submittedBy: null,
      submittedAt: bj('2026-11-12', '09:00'),
    });
    const oct = FIG.AOct + FIG.B44 + FIG.D44;
    const a = await ask('10月完成投资多少', LEADER.openId);
    expect(a).toContain(`全市截至10月底累计完成投资${yi(oct)}亿元`);
    expect(a).toContain('据10月月通报');
    const summary = await ask('月通报', LEADER.openId);
    expect(summary).toContain(`1–10月完成投资${yi(oct)}亿元，完成年度计划的${pct(rate(oct, CITY_PLAN))}%`);
    expect(summary).toContain('回复“10月月通报全文”查看');
    const withoutTime = (x: string) => x.replace(/查询时间：.*$/mu, '');
    expect(withoutTime(await ask('10月月通报', LEADER.openId))).toBe(withoutTime(summary));
    // A reporter gets the summary without the counties' figures and is not offered the full text.
    const reporter = await ask('月通报', REPORTER.openId);
    expect(reporter).toContain(`1–10月完成投资${yi(oct)}亿元`);
    expect(reporter).not.toContain('县区完成率最高');
    expect(reporter).toContain('全文向市领导和重点项目办提供');
    expect(await ask('11月月通报', LEADER.openId)).toMatch(/^11月尚未结束，月通报在月底之后编制。/u);
  });
});
