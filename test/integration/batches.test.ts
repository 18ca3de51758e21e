// 四个一批 and the 储备库 end to end: a hand-made 招商项目 and 储备项目 sheet on the sample register, the figures the
// bulletin gets (worked out by hand below), the monthly and quarterly cards through the Feishu double, a 2027 register
// promoting a reserve project.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchSections } from '../../src/batches/figures';
import { renderBulletinCards } from '../../cards/bulletin/cards';
import { composeBulletin } from '../../src/bulletin/compose/compose';
import { bulletinText } from '../../src/bulletin/render/text';
import { loadSettings } from '../../src/db/settings';
import { parseSnapshot, serializeSnapshot } from '../../src/domain/bulletin-snapshot';
import { createManualClock } from '../../src/clock';
import { tickBatches } from '../../src/jobs/batches';
import { type BotServer, startBotServer } from '../helpers/bot';
import { engines } from '../helpers/db';
import { eventSenderFor, settled } from '../helpers/feishu';
import { SAMPLE, copySheets, readSheets, sampleRegister, writeWorkbook } from '../fixtures/register-workbooks';
import { bj, buttonOf, cardText, prepareRoundWorld, type RoundWorld, type Shown, tap } from '../helpers/round';

const R = await sampleRegister();
const ADMIN = R.leaders[0]!;
const JB = '江北区人民政府';
const JN = '江南区人民政府';
const ENT = ['编号', '企业名称', '所属县区', '责任单位', '签约日期', '计划投资(万元)', '开工日期', '投产日期', '达效日期'];
// E1 达效; E2 开工, reaches 投产 on 6月15日 by the card; E3 skips 开工 in the data; E4 开工; E5 only signed; E6 signs in July.
const ENTERPRISES = [
  ['ZS-01', '甲新能源电池项目', '江北区', JB, '2026-01-10', 12000, '2026-02-01', '2026-04-01', '2026-05-20'],
  ['ZS-02', '乙生物医药项目', '江北区', JB, '2026-02-15', 8000, '2026-03-01', '', ''],
  ['ZS-03', '丙智能装备项目', '江北区', JB, '2026-03-01', 15000, '', '2026-05-10', ''],
  ['ZS-04', '丁新材料项目', '江南区', JN, '2026-01-20', 5000, '2026-03-10', '', ''],
  ['ZS-05', '戊光伏组件项目', '江南区', JN, '2026-04-01', 20000, '', '', ''],
  ['ZS-06', '己绿色食品项目', '西山县', '西山县人民政府', '2026-07-05', 3000, '', '', ''],
];
const RES = ['储备编号', '项目名称', '所属县区', '类别', '总投资(万元)', '阶段', '计划开工年份', '责任单位'];
const RESERVE = [
  ['CB-01', '江北区电子信息产业园', '江北区', '产业项目', 30000, '前期', 2027, JB],
  ['CB-02', '江北区滨江片区综合开发', '江北区', '基础设施', 150000, '具备开工条件', 2027, JB],
  ['CB-03', '江北区城东学校', '江北区', '社会民生', 40000, '谋划', 2028, JB],
  ['CB-04', '江南区新材料产业园', '江南区', '产业项目', 10000, '前期', 2027, JN],
  ['CB-05', '江南区河西道路提升', '江南区', '基础设施', 60000, '具备开工条件', 2027, JN],
];

/** Each county's 2026 annual plan in 万元, from the sample's 项目 sheet. */
const planWan = (county: string) => R.projects.filter((p) => p.county === county).reduce((a, p) => a + p.annual, 0);
const counties = new Set(R.projects.map((p) => p.county));

describe.each(engines)('四个一批 and the 储备库 on %s', (engine) => {
  let w: RoundWorld;
  let server: BotServer;
  const clock = createManualClock(bj('2026-09-01 10:30'));
  const dir = mkdtempSync(join(tmpdir(), 'diaodu-batches-'));

  beforeAll(async () => {
    const sheets = copySheets(await readSheets(SAMPLE));
    sheets.招商项目 = [ENT, ...ENTERPRISES];
    sheets.储备项目 = [RES, ...RESERVE];
    // First a copy with 投产 dated before 开工: refused, naming sheet, row and column; nothing written.
    const bad = copySheets(sheets);
    bad.招商项目!.push(['ZS-07', '庚汽车零部件项目', '江南区', JN, '2026-02-01', 6000, '2026-04-01', '2026-03-01', '']);
    const badPath = join(dir, 'bad.xlsx');
    await writeWorkbook(badPath, bad);
    const path = join(dir, 'register.xlsx');
    await writeWorkbook(path, sheets);
    w = await prepareRoundWorld(engine, ADMIN.mobile, { register: path, batchCards: true });
    const refused = await w.cli(['import', badPath, '--year', '2026'], bj('2026-09-01 10:20'));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('招商项目 第8行 「投产日期」 值“2026-03-01”：投产日期早于开工日期（2026-04-01），日期不能倒退，请核对');
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  const may = {
    signed: 5,
    started: 4,
    producing: 2,
    effective: 1,
    conversionRate: 40,
    target: (50 * 5) / 6,
    overHundredMillion: { signed: 3, started: 2, producing: 2, effective: 1, conversionRate: 200 / 3 },
    counties: [
      { name: '江北区', signed: 3, producing: 2, conversionRate: 200 / 3, gapPoints: 25 },
      { name: '江南区', signed: 2, producing: 0, conversionRate: 0, gapPoints: -250 / 6 },
    ],
  };

  it('the imported chain as of 5月底 and 6月底, and a re-import changes nothing', async () => {
    expect((await batchSections(w.t.db, '2026-05')).fourBatches).toEqual(may);
    const again = await w.cli(['import', join(dir, 'register.xlsx'), '--year', '2026'], bj('2026-09-01 10:25'));
    expect(again.out).toContain('招商项目（四个一批）：新增 0 个，更新 0 个，未变 6 个');
    expect(again.out).toContain('储备项目：新增 0 个，更新 0 个，未变 5 个');
  });

  it('the monthly cards: once per reporter of each unit with enterprises not yet 达效; another unit refused; a backwards date needs a reason', async () => {
    // The server's first tick on starting (09-01 10:30, after the month's first working day 09:00) sent them; a
    // second tick, as after a restart, sends nothing again.
    await clock.set(bj('2026-09-01 10:30'));
    await tickBatches(server.ctx);
    expect(await tickBatches(server.ctx)).toEqual([]);
    const runs = await w.t.db.selectFrom('job_runs').select(['job', 'run_key']).where('job', 'like', 'batches.%').execute();
    expect(runs).toEqual([{ job: 'batches.monthly', run_key: '2026-08' }]);
    server.bot!.sender.wake();
    await settled(w.t.db, 15_000);
    const cards = w.double.messages.filter((m) => m.msg_type === 'interactive' && cardText(JSON.parse(m.content)).includes('四个一批进展登记'));
    const units = [JB, JN, '西山县人民政府'];
    const reporters = R.units.filter((u) => units.includes(u.name)).flatMap((u) => u.reporters.map((r) => `ou_${r.mobile}`));
    expect(cards.map((m) => m.receive_id).sort()).toEqual([...reporters].sort());
    const jb = R.units.find((u) => u.name === JB)!.reporters[0]!;
    const jn = R.units.find((u) => u.name === JN)!.reporters[0]!;
    const shownOf = (mobile: string): Shown => {
      const m = cards.find((c) => c.receive_id === `ou_${mobile}`)!;
      return { messageId: m.message_id, chatId: m.chat_id, openId: `ou_${mobile}`, card: JSON.parse(m.content) };
    };
    const mine = shownOf(jb.mobile);
    const text = cardText(mine.card);
    expect(text).toContain('2026年8月四个一批进展登记');
    expect(text).toContain('丙智能装备项目（江北区）：已投产（2026-05-10）；开工日期未登记');
    expect(text).not.toContain('甲新能源电池项目');
    const ids = new Map((await w.t.db.selectFrom('enterprises').select(['id', 'code']).execute()).map((e) => [e.code, e.id]));
    const sender = eventSenderFor(w.double, server.webhookUrl, { clock });
    const submit = buttonOf(mine.card, 'batches_submit');
    // 江南区's reporter holding a forwarded copy of 江北区's card: refused.
    const forwarded: Shown = { ...shownOf(jn.mobile), card: mine.card };
    const other = await tap(sender, w.double, forwarded, submit, { form: { enterprise: String(ids.get('ZS-02')), stage: '投产', date: '2026-06-15 +0800' } });
    expect(other.toast?.content).toBe('您不是该企业责任单位的填报人，不能登记其进展；如有疑问请联系重点项目办。');
    // 丁 started on 3月10日: 投产 on 3月1日 goes backwards and needs a reason.
    const jnCard = shownOf(jn.mobile);
    const back = await tap(sender, w.double, jnCard, buttonOf(jnCard.card, 'batches_submit'), {
      form: { enterprise: String(ids.get('ZS-04')), stage: '投产', date: '2026-03-01 +0800' },
    });
    expect(back.toast).toEqual({ type: 'error', content: '丁新材料项目：投产日期早于此前阶段的日期（2026-03-10），请在“说明”中写明原因' });
    const ok = await tap(sender, w.double, mine, submit, { form: { enterprise: String(ids.get('ZS-02')), stage: '投产', date: '2026-06-15 +0800' } });
    expect(ok.toast).toEqual({ type: 'success', content: '已登记：乙生物医药项目 投产（2026-06-15）' });
    // 5月底 is as it was; 6月底 counts 乙.
    expect((await batchSections(w.t.db, '2026-05')).fourBatches).toEqual(may);
    expect((await batchSections(w.t.db, '2026-06')).fourBatches).toEqual({
      signed: 5,
      started: 4,
      producing: 3,
      effective: 1,
      conversionRate: 60,
      target: 50,
      overHundredMillion: { signed: 3, started: 2, producing: 2, effective: 1, conversionRate: 200 / 3 },
      counties: [
        { name: '江北区', signed: 3, producing: 3, conversionRate: 100, gapPoints: 50 },
        { name: '江南区', signed: 2, producing: 0, conversionRate: 0, gapPoints: -50 },
      ],
    });
    const list = await w.cli(['batches', 'list', '--month', '2026-06'], bj('2026-09-01 11:00'));
    expect(list.out).toContain(
      '截至6月底，签约企业5家，已开工4家，已投产3家（含达效1家）；转化率60.0%（投产达效3家÷签约5家），6月底目标50.0%，高于目标10.0个百分点。',
    );
    const asked = await w.cli(['ask', '江北区四个一批', '--as', ADMIN.mobile], bj('2026-09-01 11:00'));
    expect(asked.out).toContain('乙生物医药项目：已投产（2026-06-15）');

    // The June bulletin carries the same figures in its JSON and says them in section 四, text, cards and .docx alike.
    const composed = await composeBulletin(w.t.db, '2026-06', { settings: (await loadSettings(w.t.db)).settings, now: new Date(bj('2026-09-01 11:00')) });
    expect(composed.fourBatches).toEqual((await batchSections(w.t.db, '2026-06')).fourBatches);
    expect(composed.fourBatches?.conversionRate).toBe(60);
    const headline = '截至6月底，签约企业5家，已开工4家，已投产3家（含达效1家）；转化率60.0%（投产达效3家÷签约5家），6月底目标50.0%，高于目标10.0个百分点。';
    const whole = bulletinText(composed);
    const four = whole.slice(whole.indexOf('四、开工、竣工、投产情况'), whole.indexOf('五、'));
    expect(four).toContain(`“四个一批”（签约、开工、投产、达效）：${headline}`);
    expect(four).toContain('重大项目储备：储备库现有储备项目5个');
    expect(
      renderBulletinCards(composed)
        .map((c) => cardText(c))
        .join('\n'),
    ).toContain(headline);
    // A snapshot with the lists reads back with them; one without (any month composed before) has neither.
    const stored = parseSnapshot(serializeSnapshot(composed));
    expect(stored.fourBatches).toEqual(composed.fourBatches);
    expect(stored.reserve).toEqual(composed.reserve);
  });

  it('the reserve: per county against the annual plan, quarterly cards once, and a project promoted by the 2027 register', async () => {
    const before = (await batchSections(w.t.db, '2026-06')).reserve!;
    expect(before.projects).toBe(5);
    expect(before.industryShare).toBe(40);
    const jn = before.counties.find((c) => c.name === '江南区')!;
    expect(jn).toEqual({ name: '江南区', projects: 2, readyWan: 70000, ratio: 70000 / planWan('江南区'), light: 70000 < planWan('江南区') ? 'red' : 'green' });
    expect(jn.light).toBe('red');
    expect(before.counties.find((c) => c.name === '江北区')).toEqual({
      name: '江北区',
      projects: 3,
      readyWan: 180000,
      ratio: 180000 / planWan('江北区'),
      light: 'green',
    });

    await clock.set(bj('2026-10-08 09:30'));
    const mark = w.double.messages.length;
    expect(await tickBatches(server.ctx)).toEqual(['batches:2026-09', 'reserve:2026-Q3']);
    expect(await tickBatches(server.ctx)).toEqual([]);
    server.bot!.sender.wake();
    await settled(w.t.db, 15_000);
    const reserveCards = w.double.messages.slice(mark).filter((m) => cardText(JSON.parse(m.content)).includes('2026年第3季度储备项目确认'));
    const reporters = R.units.filter((u) => u.name === JB || u.name === JN).flatMap((u) => u.reporters);
    expect(reserveCards.map((m) => m.receive_id).sort()).toEqual(reporters.map((r) => `ou_${r.mobile}`).sort());

    // The 2027 register: one project carrying 储备编号 CB-05.
    const sheets = copySheets(await readSheets(SAMPLE));
    delete sheets.招商项目;
    delete sheets.储备项目;
    delete sheets.节点计划;
    delete sheets.月度计划;
    const head = [...(sheets.项目![0] as unknown[]), '储备编号'];
    const row = [...(sheets.项目![1] as unknown[])];
    row[0] = 'LJ2027-001';
    row[1] = '江南区河西道路提升工程';
    sheets.项目 = [head, [...row, 'CB-05']] as never;
    const path = join(dir, 'register-2027.xlsx');
    await writeWorkbook(path, sheets);
    const imported = await w.cli(['import', path, '--year', '2027'], bj('2026-12-20 10:00'));
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain('储备项目列入 2027 年度重点项目：1 个');
    const after = (await batchSections(w.t.db, '2026-06')).reserve!;
    expect({ projects: after.projects, totalWan: after.totalWan, byStage: after.byStage, industryShare: after.industryShare }).toEqual({
      projects: 4,
      totalWan: 230000,
      byStage: { 谋划: { projects: 1, totalWan: 40000 }, 前期: { projects: 2, totalWan: 40000 }, 具备开工条件: { projects: 1, totalWan: 150000 } },
      industryShare: 50,
    });
    expect(after.counties.find((c) => c.name === '江南区')).toMatchObject({ projects: 1, readyWan: 10000, light: 'red' });
    expect(after.counties).toHaveLength(counties.size);
    const listed = await w.cli(['reserve', 'list', '--county', '江南区'], bj('2026-12-20 10:05'));
    expect(listed.out).toContain(
      'CB-05 江南区河西道路提升（江南区 · 基础设施 · 总投资6.00亿元 · 具备开工条件 · 计划2027年开工 · 江南区人民政府）；已列入2027年度重点项目 LJ2027-001 江南区河西道路提升工程',
    );
    const shortAsk = await w.cli(['ask', '储备不足的县区', '--as', ADMIN.mobile], bj('2026-12-20 10:06'));
    expect(shortAsk.out).toContain('江南区：储备项目1个');
    // The plain phrasings a leader types: the city's reserve, and the conversion rate.
    const reserveAsk = await w.cli(['ask', '储备项目', '--as', ADMIN.mobile], bj('2026-12-20 10:07'));
    expect(reserveAsk.out).toContain('储备库现有储备项目4个，总投资23.00亿元');
    expect(reserveAsk.out).toContain('产业类项目占50.0%');
    const rateAsk = await w.cli(['ask', '转化率', '--as', ADMIN.mobile], bj('2026-12-20 10:08'));
    // By 20 December a sixth enterprise has signed (ZS-06, signed 5 July): 3 of 6, against 80 % by 12月底.
    expect(rateAsk.out).toContain(
      '截至12月20日，签约企业6家，已开工4家，已投产3家（含达效1家）；转化率50.0%（投产达效3家÷签约6家），12月底目标80.0%，低于目标30.0个百分点。',
    );
  });
});
