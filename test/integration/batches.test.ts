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
import { sendMonthlyCards, sendQuarterlyCards } from '../../src/handlers/batches/steps';
import { answerQuestion } from '../../src/handlers/answer/answer';
import { askerByOpenId } from '../../src/handlers/answer/asker';
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

  /** The 2026 register of this test with these 招商项目 and 储备项目 rows, written to `name` in the test's folder. */
  const registerWith = async (name: string, enterprises: unknown[][], reserve: unknown[][]) => {
    const sheets = copySheets(await readSheets(SAMPLE));
    sheets.招商项目 = [ENT, ...enterprises] as never;
    sheets.储备项目 = [RES, ...reserve] as never;
    const path = join(dir, name);
    await writeWorkbook(path, sheets);
    return path;
  };

  /** A 2027 register of one project, carrying `reserveCode` in its 储备编号 column. */
  const register2027 = async (name: string, code: string, projectName: string, reserveCode: string) => {
    const sheets = copySheets(await readSheets(SAMPLE));
    delete sheets.招商项目;
    delete sheets.储备项目;
    delete sheets.节点计划;
    delete sheets.月度计划;
    const head = [...(sheets.项目![0] as unknown[]), '储备编号'];
    const row = [...(sheets.项目![1] as unknown[])];
    row[0] = code;
    row[1] = projectName;
    sheets.项目 = [head, [...row, reserveCode]] as never;
    const path = join(dir, name);
    await writeWorkbook(path, sheets);
    return path;
  };

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
    // A mistyped 所属县区 (「江北」 for 江北区) or 类别 is refused with sheet, row, column and value, not made a new
    // county or category; nothing written.
    const typo = copySheets(sheets);
    typo.招商项目![4]![2] = '江北';
    typo.储备项目![2]![3] = '基建';
    const typoPath = join(dir, 'typo.xlsx');
    await writeWorkbook(typoPath, typo);
    const countiesBefore = await w.t.db.selectFrom('counties').select('name').orderBy('id').execute();
    const categoriesBefore = await w.t.db.selectFrom('categories').select('name').orderBy('id').execute();
    const mistyped = await w.cli(['import', typoPath, '--year', '2026'], bj('2026-09-01 10:21'));
    expect(mistyped.code).toBe(1);
    expect(mistyped.err.split('\n').filter((l) => !l.startsWith('写入数据库'))).toEqual([
      '项目库文件有 2 处问题，未写入任何数据。请改正后重新导入：',
      '招商项目 第5行 「所属县区」 值“江北”：项目库中没有这个县区（「项目」工作表和数据库中都没有），请核对名称',
      '储备项目 第3行 「类别」 值“基建”：项目库中没有这个项目类别（「项目」工作表和数据库中都没有），请核对名称',
    ]);
    expect(await w.t.db.selectFrom('counties').select('name').orderBy('id').execute()).toEqual(countiesBefore);
    expect(await w.t.db.selectFrom('categories').select('name').orderBy('id').execute()).toEqual(categoriesBefore);
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
    // 丙 has only 投产 (5月10日) recorded; a file giving 开工 on 7月1日 would put 开工 after 投产. 乙 started on 3月1日;
    // a file moving its signing to 3月5日 would put 签约 after 开工. The records stand, both enterprises are named in the
    // report with the two dates, and nothing changes.
    const later = await registerWith(
      'register-later.xlsx',
      ENTERPRISES.map((e) =>
        e[0] === 'ZS-03'
          ? ['ZS-03', '丙智能装备项目', '江北区', JB, '2026-03-01', 15000, '2026-07-01', '', '']
          : e[0] === 'ZS-02'
            ? ['ZS-02', '乙生物医药项目', '江北区', JB, '2026-03-05', 8000, '', '', '']
            : e,
      ),
      RESERVE,
    );
    const backwards = await w.cli(['import', later, '--year', '2026'], bj('2026-09-01 10:26'));
    expect(backwards.code, backwards.err).toBe(0);
    expect(backwards.out).toContain('招商项目（四个一批）：新增 0 个，更新 0 个，未变 6 个');
    expect(backwards.out).toContain(
      '2 个企业的进展与文件不同，以已登记的为准（文件只补充未登记的进展）：' +
        'ZS-02 乙生物医药项目（文件中签约日期2026-03-05晚于已登记的开工日期2026-03-01，未采用）、' +
        'ZS-03 丙智能装备项目（文件中开工日期2026-07-01晚于已登记的投产日期2026-05-10，未采用）',
    );
    const yi = await w.t.db.selectFrom('enterprises').select('signed_on').where('code', '=', 'ZS-02').executeTakeFirstOrThrow();
    expect(yi.signed_on).toBe('2026-02-15');
    const bing = await w.t.db.selectFrom('enterprises').select(['started_on', 'producing_on']).where('code', '=', 'ZS-03').executeTakeFirstOrThrow();
    expect(bing).toEqual({ started_on: null, producing_on: '2026-05-10' });
    expect(await w.t.db.selectFrom('enterprise_events').select('id').where('stage', '=', '开工').where('date', '=', '2026-07-01').execute()).toEqual([]);
    expect((await batchSections(w.t.db, '2026-05')).fourBatches).toEqual(may);
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
    await settled(w.t.db, 15_000, { clock, wake: () => server.bot!.sender.wake() });
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
    // The sample's 2026 annual plans in 万元 (the 项目 sheet summed by county): 江南区 442,880, 江北区 127,050; the
    // other nine counties have no reserve project, so nothing ready: ratio 0, 储备不足, no 产业类 share.
    expect([planWan('江南区'), planWan('江北区')]).toEqual([442880, 127050]);
    expect(counties.size).toBe(11);
    const empty = ['东阳县', '高新区', '经开区', '临江新区', '青河县', '石门县', '市直', '西山县', '云台县'].map((name) => ({
      name,
      projects: 0,
      readyWan: 0,
      ratio: 0,
      light: 'red',
      industryShare: null,
    }));
    // 江南区: CB-04 (产业, 前期, 1亿) and CB-05 (基础设施, 具备开工条件, 6亿): 7亿 ready of 44.288亿, 1 of 2 产业类.
    // 江北区: CB-01 (产业, 前期, 3亿), CB-02 (具备开工条件, 15亿), CB-03 (谋划, 4亿): 18亿 ready of 12.705亿, 1 of 3.
    expect((await batchSections(w.t.db, '2026-06')).reserve).toEqual({
      projects: 5,
      totalWan: 290000,
      byStage: { 谋划: { projects: 1, totalWan: 40000 }, 前期: { projects: 2, totalWan: 40000 }, 具备开工条件: { projects: 2, totalWan: 210000 } },
      industryShare: 40,
      counties: [
        ...empty,
        { name: '江南区', projects: 2, readyWan: 70000, ratio: 70000 / 442880, light: 'red', industryShare: 50 },
        { name: '江北区', projects: 3, readyWan: 180000, ratio: 180000 / 127050, light: 'green', industryShare: 100 / 3 },
      ],
    });
    const jbLine = await w.cli(['reserve', 'list', '--county', '江北区'], bj('2026-10-08 09:00'));
    expect(jbLine.out).toContain('江北区：储备项目3个，产业类项目占33.3%，前期及具备开工条件项目总投资18.00亿元，为本年度计划投资的1.42倍，储备充足');

    await clock.set(bj('2026-10-08 09:30'));
    const mark = w.double.messages.length;
    expect(await tickBatches(server.ctx)).toEqual(['batches:2026-09', 'reserve:2026-Q3']);
    expect(await tickBatches(server.ctx)).toEqual([]);
    server.bot!.sender.wake();
    await settled(w.t.db, 15_000, { clock, wake: () => server.bot!.sender.wake() });
    const reserveCards = w.double.messages.slice(mark).filter((m) => cardText(JSON.parse(m.content)).includes('2026年第3季度储备项目确认'));
    const reporters = R.units.filter((u) => u.name === JB || u.name === JN).flatMap((u) => u.reporters);
    expect(reserveCards.map((m) => m.receive_id).sort()).toEqual(reporters.map((r) => `ou_${r.mobile}`).sort());

    // The 2027 register: one project carrying 储备编号 CB-05.
    const path = await register2027('register-2027.xlsx', 'LJ2027-001', '江南区河西道路提升工程', 'CB-05');
    const imported = await w.cli(['import', path, '--year', '2027'], bj('2026-12-20 10:00'));
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain('储备项目列入 2027 年度重点项目：1 个');
    // CB-05 is in the 2027 key list: out of the reserve. 江南区 keeps CB-04 alone (产业, 1亿 ready).
    expect((await batchSections(w.t.db, '2026-06')).reserve).toEqual({
      projects: 4,
      totalWan: 230000,
      byStage: { 谋划: { projects: 1, totalWan: 40000 }, 前期: { projects: 2, totalWan: 40000 }, 具备开工条件: { projects: 1, totalWan: 150000 } },
      industryShare: 50,
      counties: [
        ...empty,
        { name: '江南区', projects: 1, readyWan: 10000, ratio: 10000 / 442880, light: 'red', industryShare: 100 },
        { name: '江北区', projects: 3, readyWan: 180000, ratio: 180000 / 127050, light: 'green', industryShare: 100 / 3 },
      ],
    });
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

  /** The card of `title` last sent to the reporter with `mobile`, as on their screen. */
  const cardTo = (mobile: string, title: string): Shown => {
    const m = w.double.messages.filter((x) => x.receive_id === `ou_${mobile}` && x.msg_type === 'interactive' && x.content.includes(title)).at(-1)!;
    return { messageId: m.message_id, chatId: m.chat_id, openId: `ou_${mobile}`, card: JSON.parse(m.content) };
  };
  const personOf = (mobile: string) => w.people.find((p) => p.mobile === mobile)!.id;
  const jbReporter = () => R.units.find((u) => u.name === JB)!.reporters[0]!;
  const jnReporter = () => R.units.find((u) => u.name === JN)!.reporters[0]!;
  /** 28 more reserve projects of 江北区 (CB-10 … CB-37), with CB-06 one more than a card of 30 shows. */
  const EXTRA = Array.from({ length: 28 }, (_, i) => [`CB-${10 + i}`, `江北区老旧小区改造${i + 1}期`, '江北区', '社会民生', 5000, '谋划', 2028, JB]);

  it('the quarterly card confirms only what it showed: another unit refused, a step back refused, an advance recorded; more than 30 paged', async () => {
    // Added after the Q3 cards went out: CB-06 and 28 more for 江北区, and an enterprise ZS-08 signed by mistake.
    const path = await registerWith(
      'register-more.xlsx',
      [...ENTERPRISES, ['ZS-08', '辛误录企业', '江南区', JN, '2026-08-01', 3000, '', '', '']],
      [...RESERVE, ['CB-06', '江北区智能制造产业园二期', '江北区', '产业项目', 25000, '谋划', 2028, JB], ...EXTRA],
    );
    const added = await w.cli(['import', path, '--year', '2026'], bj('2026-10-08 09:40'));
    expect(added.code, added.err).toBe(0);
    expect(added.out).toContain('储备项目：新增 29 个，更新 0 个，未变 5 个');
    const jb = jbReporter();
    const jn = jnReporter();
    const title = '2026年第3季度储备项目确认';
    const mine = cardTo(jb.mobile, title);
    expect(cardText(mine.card)).not.toContain('CB-06');
    const confirm = buttonOf(mine.card, 'reserve_confirm');
    const ids = new Map((await w.t.db.selectFrom('reserve_projects').select(['id', 'code']).execute()).map((r) => [r.code, r.id]));
    expect(confirm.value.ids).toEqual(['CB-01', 'CB-02', 'CB-03'].map((c) => ids.get(c)));
    const sender = eventSenderFor(w.double, server.webhookUrl, { clock });
    const field = (code: string) => `stage_${ids.get(code)}`;

    // 江南区's reporter holding a forwarded copy of 江北区's card.
    const forwarded: Shown = { ...cardTo(jn.mobile, title), card: mine.card };
    expect((await tap(sender, w.double, forwarded, confirm)).toast).toEqual({
      type: 'error',
      content: '您不是这些储备项目责任单位的填报人，不能确认其阶段；如有疑问请联系重点项目办。',
    });
    // CB-02 is 具备开工条件: back to 前期 is refused, nothing recorded.
    const back = await tap(sender, w.double, mine, confirm, { form: { [field('CB-02')]: '前期' } });
    expect(back.toast).toEqual({
      type: 'error',
      content: '江北区滨江片区综合开发：储备项目已处于“具备开工条件”阶段，不能退回“前期”；如确需调整，请联系重点项目办',
    });
    const events = () =>
      w.t.db
        .selectFrom('reserve_events as e')
        .innerJoin('reserve_projects as r', 'r.id', 'e.reserve_id')
        .select(['r.code', 'e.from_stage', 'e.to_stage', 'e.quarter', 'e.person_id'])
        .where('e.source', '=', 'card')
        .orderBy('r.code')
        .execute();
    expect(await events()).toEqual([]);
    // CB-03 advances 谋划 → 前期; CB-01 and CB-02 are confirmed as they are; CB-06, never shown, is not touched.
    const ok = await tap(sender, w.double, mine, confirm, { form: { [field('CB-01')]: '前期', [field('CB-02')]: '具备开工条件', [field('CB-03')]: '前期' } });
    expect(ok.toast).toEqual({ type: 'success', content: '已确认 3 个储备项目，其中 1 个推进：江北区城东学校（谋划→前期）' });
    const who = personOf(jb.mobile);
    expect(await events()).toEqual([
      { code: 'CB-01', from_stage: '前期', to_stage: '前期', quarter: '2026-Q3', person_id: who },
      { code: 'CB-02', from_stage: '具备开工条件', to_stage: '具备开工条件', quarter: '2026-Q3', person_id: who },
      { code: 'CB-03', from_stage: '谋划', to_stage: '前期', quarter: '2026-Q3', person_id: who },
    ]);
    const stages = await w.t.db
      .selectFrom('reserve_projects')
      .select(['code', 'stage', 'confirmed_at'])
      .where('code', 'in', ['CB-03', 'CB-06'])
      .orderBy('code')
      .execute();
    expect(stages.map((r) => [r.code, r.stage, r.confirmed_at !== null])).toEqual([
      ['CB-03', '前期', true],
      ['CB-06', '谋划', false],
    ]);
    // The refreshed card: 32 projects, the 29 not yet confirmed first; 30 on the card, and a way to the other two.
    const first = cardText(mine.card);
    expect(first).toContain(
      '共32个储备项目，本卡片列出第1—30个。另有2个项目未列出，请先确认以上项目（确认后卡片将列出尚未确认的其余项目），或点“查看其余项目”。',
    );
    expect(first).toContain('CB-06');
    expect(first).toContain('CB-37');
    expect(first).not.toContain('CB-02');
    expect((buttonOf(mine.card, 'reserve_confirm').value.ids as number[]).length).toBe(30);
    const page = buttonOf(mine.card, 'reserve_page');
    expect(page.text).toBe('查看其余项目');
    expect((await tap(sender, w.double, forwarded, page)).toast?.content).toBe(
      '您不是这些储备项目责任单位的填报人，不能确认其阶段；如有疑问请联系重点项目办。',
    );
    await tap(sender, w.double, mine, page);
    const second = cardText(mine.card);
    expect(second).toContain('共32个储备项目，本卡片列出第31—32个。其余30个项目请点“回到第一页”查看。');
    expect(second.match(/\*\*CB-\d+\*\* [^\n]+/g)).toEqual([
      '**CB-02** 江北区滨江片区综合开发（江北区，总投资15&#46;00亿元）（本季度已确认）',
      '**CB-03** 江北区城东学校（江北区，总投资4&#46;00亿元）（本季度已确认）',
    ]);
    expect(buttonOf(mine.card, 'reserve_confirm').value.ids).toEqual([ids.get('CB-02'), ids.get('CB-03')]);
    expect(buttonOf(mine.card, 'reserve_page').text).toBe('回到第一页');
  });

  it('a monthly date earlier than one recorded is accepted with a reason, and the reason is kept', async () => {
    const jn = jnReporter();
    const card = cardTo(jn.mobile, '2026年9月四个一批进展登记');
    const ids = new Map((await w.t.db.selectFrom('enterprises').select(['id', 'code']).execute()).map((e) => [e.code, e.id]));
    const sender = eventSenderFor(w.double, server.webhookUrl, { clock });
    const reason = '该企业3月1日已试生产，3月10日为补办开工手续日期';
    const done = await tap(sender, w.double, card, buttonOf(card.card, 'batches_submit'), {
      form: { enterprise: String(ids.get('ZS-04')), stage: '投产', date: '2026-03-01 +0800', reason: `  ${reason} ` },
    });
    expect(done.toast).toEqual({ type: 'success', content: `已登记：丁新材料项目 投产（2026-03-01），说明：${reason}` });
    const row = await w.t.db
      .selectFrom('enterprise_events')
      .select(['stage', 'date', 'previous', 'reason', 'source', 'person_id'])
      .where('enterprise_id', '=', ids.get('ZS-04')!)
      .where('source', '=', 'card')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ stage: '投产', date: '2026-03-01', previous: null, reason, source: 'card', person_id: personOf(jn.mobile) });
    const ding = await w.t.db.selectFrom('enterprises').select(['started_on', 'producing_on']).where('id', '=', ids.get('ZS-04')!).executeTakeFirstOrThrow();
    expect(ding).toEqual({ started_on: '2026-03-10', producing_on: '2026-03-01' });
  });

  it('restart-safe: a new bot on the same database, its jobs ticked again, sends no second monthly or quarterly card', async () => {
    const isBatchCard = (m: { msg_type: string; content: string }) =>
      m.msg_type === 'interactive' && (m.content.includes('四个一批进展登记') || m.content.includes('储备项目确认'));
    server.bot!.sender.wake();
    await settled(w.t.db, 15_000, { clock, wake: () => server.bot!.sender.wake() });
    const sentBefore = w.double.messages.filter(isBatchCard).length;
    const mark = w.double.messages.length;
    await server.stop();
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    await clock.set(bj('2026-10-08 11:00'));
    expect(await tickBatches(server.ctx)).toEqual([]);
    expect(await sendMonthlyCards(server.ctx, '2026-09')).toEqual({ ran: false, messages: 0, unresolved: [] });
    expect(await sendQuarterlyCards(server.ctx, '2026-Q3')).toEqual({ ran: false, messages: 0, unresolved: [] });
    server.bot!.sender.wake();
    await settled(w.t.db, 15_000, { clock, wake: () => server.bot!.sender.wake() });
    expect(w.double.messages.slice(mark).filter(isBatchCard)).toEqual([]);
    expect(w.double.messages.filter(isBatchCard)).toHaveLength(sentBefore);
    const runs = await w.t.db
      .selectFrom('job_runs')
      .select(['job', 'run_key'])
      .where('job', 'in', ['batches.monthly', 'reserve.quarterly'])
      .orderBy('run_key')
      .execute();
    expect(runs).toEqual([
      { job: 'batches.monthly', run_key: '2026-08' },
      { job: 'batches.monthly', run_key: '2026-09' },
      { job: 'reserve.quarterly', run_key: '2026-Q3' },
    ]);
  });

  it('an enterprise or reserve project imported by mistake is removed; one with recorded progress only with --force', async () => {
    const at = bj('2026-10-08 11:10');
    const signedBefore = (await batchSections(w.t.db, '2026-09')).fourBatches!.signed;
    expect(signedBefore).toBe(7);
    const gone = await w.cli(['batches', 'remove', 'ZS-08', '--year', '2026'], at);
    expect(gone.code, gone.err).toBe(0);
    expect(gone.out).toContain('已删除2026年度招商项目：ZS-08 辛误录企业（江南区 · 江南区人民政府 · 计划投资');
    expect(gone.out).toContain(
      '2026-08-01签约 · 已签约（2026-08-01）），进展记录0条一并删除。如项目库文件中仍有这一行，再次导入时会重新加入，请同时从文件中删去。',
    );
    expect((await batchSections(w.t.db, '2026-09')).fourBatches!.signed).toBe(6);
    expect((await w.cli(['batches', 'remove', 'ZS-99'], at)).err).toContain('2026年度没有编号为“ZS-99”的招商项目，未作改动。');
    // 乙's 投产 was recorded on the card: refused without --force, nothing removed.
    const refused = await w.cli(['batches', 'remove', 'ZS-02'], at);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      'ZS-02 乙生物医药项目已有填报人登记的进展1条（投产2026-06-15），未作改动。确属误导入需要删除的，请加 --force（登记记录一并删除）。',
    );
    const yi = await w.t.db.selectFrom('enterprises').select('id').where('code', '=', 'ZS-02').executeTakeFirstOrThrow();
    expect(await w.t.db.selectFrom('enterprise_events').select('id').where('enterprise_id', '=', yi.id).execute()).toHaveLength(2);
    const forced = await w.cli(['batches', 'remove', 'ZS-02', '--force'], at);
    expect(forced.code, forced.err).toBe(0);
    expect(forced.out).toContain('进展记录2条一并删除');
    expect(await w.t.db.selectFrom('enterprise_events').select('id').where('enterprise_id', '=', yi.id).execute()).toEqual([]);
    expect((await batchSections(w.t.db, '2026-09')).fourBatches!.signed).toBe(5);

    const reserveBefore = (await batchSections(w.t.db, '2026-09')).reserve!.projects;
    const cb01 = await w.cli(['reserve', 'remove', 'CB-01'], at);
    expect(cb01.code).toBe(1);
    expect(cb01.err).toContain('CB-01 江北区电子信息产业园已有填报人的季度确认记录1条，未作改动。确属误导入需要删除的，请加 --force。');
    const cb05 = await w.cli(['reserve', 'remove', 'CB-05'], at);
    expect(cb05.err).toContain('CB-05 江南区河西道路提升已列入2027年度重点项目 LJ2027-001 江南区河西道路提升工程，未作改动。');
    expect((await w.cli(['reserve', 'remove', 'CB-99'], at)).err).toContain('储备库中没有储备编号为“CB-99”的项目，未作改动。');
    const cb06 = await w.cli(['reserve', 'remove', 'CB-06'], at);
    expect(cb06.code, cb06.err).toBe(0);
    expect(cb06.out).toContain(
      '已删除储备项目：CB-06 江北区智能制造产业园二期（江北区 · 产业项目 · 总投资2.50亿元 · 谋划 · 江北区人民政府），阶段记录1条一并删除。',
    );
    expect((await batchSections(w.t.db, '2026-09')).reserve!.projects).toBe(reserveBefore - 1);
    expect(await w.t.db.selectFrom('reserve_projects').select('id').where('code', '=', 'CB-06').execute()).toEqual([]);
  });

  it('a county’s reserve in chat lists its projects a page at a time; reserve list by county and by stage; an unknown 储备编号 refused', async () => {
    const at = bj('2026-10-08 11:20');
    const asked = await w.cli(['ask', '江北区储备项目', '--as', ADMIN.mobile], at);
    expect(asked.out).toContain(
      '与2026年度计划投资相比：江北区：储备项目31个，产业类项目占3.2%，前期及具备开工条件项目总投资22.00亿元，为本年度计划投资的1.73倍，储备充足。共31个，显示第1—20个。',
    );
    expect(asked.out).toContain('共31个，显示第1—20个。');
    expect(asked.out).toContain('1. CB-01 江北区电子信息产业园\n阶段：前期　总投资：3.00亿元　计划开工：2027年\n类别：产业项目');
    expect(asked.out).toContain('3. CB-03 江北区城东学校\n阶段：前期　总投资：4.00亿元　计划开工：2028年');
    expect(asked.out).not.toContain('CB-27');
    // 更多, through the double: the next page to the clicker.
    const admin = `ou_${ADMIN.mobile}`;
    const answer = await answerQuestion(w.t.db, new Date(at), await askerByOpenId(w.t.db, admin), '江北区储备项目');
    const more = buttonOf((answer as { card: unknown }).card, 'answer_more');
    expect(more.value.from).toBe(20);
    const mark = w.double.messages.length;
    // The list as the administrator holds it (any message of the chat serves as the card's message here).
    const any = w.double.messages.at(-1)!;
    const sender = eventSenderFor(w.double, server.webhookUrl, { clock });
    const click = await sender.sendCardAction({
      operator: { open_id: admin },
      action: { value: more.value },
      openMessageId: any.message_id,
      openChatId: any.chat_id,
    });
    expect(click.json).toMatchObject({ toast: { type: 'success' } });
    server.bot!.sender.wake();
    await settled(w.t.db, 15_000, { clock, wake: () => server.bot!.sender.wake() });
    const next = w.double.messages.slice(mark).find((m) => m.receive_id === admin && m.content.includes('显示第21—31个'));
    expect(next).toBeDefined();
    expect(cardText(JSON.parse(next!.content))).toContain('CB-37 江北区老旧小区改造28期');

    const county = await w.cli(['reserve', 'list', '--county', '江北区'], at);
    expect(county.out).not.toContain('储备库现有储备项目');
    expect(county.out.split('\n').slice(0, 2)).toEqual([
      '江北区重大项目储备（与2026年度计划投资相比）',
      '江北区：储备项目31个，产业类项目占3.2%，前期及具备开工条件项目总投资22.00亿元，为本年度计划投资的1.73倍，储备充足',
    ]);
    const stage = await w.cli(['reserve', 'list', '--stage', '前期'], at);
    expect(stage.out).toContain('储备库现有储备项目');
    expect(stage.out).toContain('储备项目（前期）：3 个');
    const listed = stage.out
      .split('\n')
      .filter((l) => /^ {2}CB-/.test(l))
      .map((l) => l.trim().split(' ')[0]);
    expect(listed).toEqual(['CB-01', 'CB-03', 'CB-04']);
    const bad = await w.cli(['reserve', 'list', '--stage', '立项'], at);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('阶段“立项”无效，可用：谋划、前期、具备开工条件');

    // A 2027 project naming a 储备编号 the reserve has never had: refused, naming sheet, row and column; nothing written.
    const path = await register2027('register-2027-bad.xlsx', 'LJ2027-002', '江北区未知储备转入项目', 'CB-99');
    const refused = await w.cli(['import', path, '--year', '2027'], at);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('项目 第2行 「储备编号」 值“CB-99”：储备库中没有这个储备编号（「储备项目」工作表和数据库中都没有）');
    expect(await w.t.db.selectFrom('projects').select('id').where('code', '=', 'LJ2027-002').execute()).toEqual([]);
  });
});
