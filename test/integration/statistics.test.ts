// 统计监测 end to end: October reports for a handful of sample projects, the statistics office's October sheet with
// every kind of flag (worked out by hand below), a broken sheet refused whole, the explanation cards through the Feishu
// double once per reporter of each flagged unit, another unit's reporter refused, and the explanation kept.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import { saveReport } from '../../src/db/reports';
import { type BotServer, startBotServer } from '../helpers/bot';
import { engines } from '../helpers/db';
import { eventSenderFor, settled } from '../helpers/feishu';
import { sampleRegister, writeWorkbook } from '../fixtures/register-workbooks';
import { bj, buttonOf, cardText, prepareRoundWorld, type RoundWorld, type Shown, tap } from '../helpers/round';

const R = await sampleRegister();
const ADMIN = R.leaders[0]!;
const HEAD = ['项目编号', '项目名称', '统计完成投资(万元)', '是否入库'];

/** October's reports, 万元 of the year to date, and the status each gives. */
const REPORTED: Record<string, { wan: number; status: 'building' | 'not_started' }> = {
  'LJ2026-001': { wan: 5000, status: 'building' }, // statistics 4000: 25 % more → flagged
  'LJ2026-003': { wan: 8800, status: 'building' }, // statistics 8000: exactly 10 % → not flagged
  'LJ2026-009': { wan: 3000, status: 'building' }, // statistics 3400: 400/3400 = 11.76…% less → flagged
  'LJ2026-010': { wan: 1500, status: 'building' }, // statistics 0 → flagged, no percentage
  'LJ2026-002': { wan: 2000, status: 'building' }, // 新开工, started, 否 → 已开工未入库
  'LJ2026-006': { wan: 0, status: 'not_started' }, // 新开工, not started, 否 → nothing
};
/** The sheet: its own figure for the five above, 否 for 002 and 006, nothing for 012 (续建, so started, and absent),
 *  a 入库 project the register lacks, a 否 row the register lacks (ignored), and every other project 入库 at 100. */
function sheetRows(): unknown[][] {
  const own: Record<string, [number | string, string]> = {
    'LJ2026-001': [4000, '是'],
    'LJ2026-003': [8000, '是'],
    'LJ2026-009': ['3,400', '是'],
    'LJ2026-010': [0, '是'],
    'LJ2026-002': ['', '否'],
    'LJ2026-006': ['', '否'],
  };
  const rows: unknown[][] = [HEAD];
  for (const p of R.projects) {
    if (p.code === 'LJ2026-012') continue;
    const [figure, flag] = own[p.code] ?? [100, '是'];
    rows.push([p.code, p.name, figure, flag]);
  }
  rows.push(['TJ2026-901', '临江新区冷链物流园', 1200, '是']);
  rows.push(['TJ2026-902', '某商住小区', '', '否']);
  return rows;
}

const unitOf = (code: string) => R.project(code).unit;
const name = (code: string) => R.project(code).name;

const EXPECTED = [
  { code: 'LJ2026-010', name: name('LJ2026-010'), reportedWan: 1500, statsWan: 0, diffPercent: null, kind: 'difference' },
  { code: 'LJ2026-001', name: name('LJ2026-001'), reportedWan: 5000, statsWan: 4000, diffPercent: 25, kind: 'difference' },
  { code: 'LJ2026-009', name: name('LJ2026-009'), reportedWan: 3000, statsWan: 3400, diffPercent: (-400 / 3400) * 100, kind: 'difference' },
  { code: 'LJ2026-002', name: name('LJ2026-002'), reportedWan: 2000, statsWan: null, diffPercent: null, kind: 'not_in_library' },
  { code: 'LJ2026-012', name: name('LJ2026-012'), reportedWan: null, statsWan: null, diffPercent: null, kind: 'not_in_library' },
  { code: 'TJ2026-901', name: '临江新区冷链物流园', reportedWan: null, statsWan: 1200, diffPercent: null, kind: 'not_in_register' },
];

describe.each(engines)('统计监测 on %s', (engine) => {
  let w: RoundWorld;
  let server: BotServer;
  const clock = createManualClock(bj('2026-11-10 10:00'));
  const dir = mkdtempSync(join(tmpdir(), 'diaodu-stats-'));

  beforeAll(async () => {
    w = await prepareRoundWorld(engine, ADMIN.mobile);
    const period = await w.t.db
      .insertInto('weekly_periods')
      .values({
        plan_year: 2026,
        week_start: '2026-10-12',
        opens_at: '2026-10-12T01:00:00.000Z',
        remind_at: '2026-10-15T07:00:00.000Z',
        deadline_at: '2026-10-16T10:00:00.000Z',
        asks_month_end: null,
        created_at: new Date(bj('2026-10-12 09:00')).toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids = new Map((await w.t.db.selectFrom('projects').select(['id', 'code']).execute()).map((p) => [p.code, p.id]));
    for (const [code, r] of Object.entries(REPORTED)) {
      await w.t.db.transaction().execute((tx) =>
        saveReport(tx, ids.get(code)!, period.id, {
          ytdYuan: r.wan * 10_000,
          monthEndYuan: null,
          progressText: r.status === 'building' ? '主体结构施工' : '办理施工许可',
          status: r.status,
          problemCategories: [],
          problemText: null,
          coordination: null,
          nextPlan: null,
          correctionReason: null,
          noChange: false,
          late: false,
          submittedBy: null,
          submittedAt: new Date(bj('2026-10-14 10:00')),
        }),
      );
    }
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  it('a sheet with problems is refused whole, naming sheet, row and column; nothing is written', async () => {
    const rows = sheetRows();
    rows.push(['LJ2026-001', '重复', 10, '是']);
    rows.push(['TJ2026-913', '', '', '是']);
    rows.push(['TJ2026-914', '', 'abc', '可能']);
    const path = join(dir, 'bad.xlsx');
    await writeWorkbook(path, { 统计: rows as never });
    const n = rows.length;
    const r = await w.cli(['stats', 'import', path, '--month', '2026-10'], bj('2026-11-10 10:05'));
    expect(r.code).toBe(1);
    expect(r.err.split('\n').slice(1)).toEqual([
      '统计数据文件有 4 处问题，未写入任何数据。请改正后重新导入：',
      `统计 第${n - 2}行 「项目编号」 值“LJ2026-001”：项目编号重复（第2行已有），同一项目只能有一行`,
      `统计 第${n - 1}行 「统计完成投资(万元)」：已入库的项目须填写统计完成投资（没有完成投资的填 0）`,
      `统计 第${n}行 「统计完成投资(万元)」 值“abc”：不是有效的金额数字（单位：万元）`,
      `统计 第${n}行 「是否入库」 值“可能”：应填“是”或“否”`,
    ]);
    expect(await w.t.db.selectFrom('stats_figures').select('code').execute()).toEqual([]);
    expect(await w.t.db.selectFrom('stats_imports').select('id').execute()).toEqual([]);
    const early = await w.cli(['stats', 'import', path, '--month', '2026-11'], bj('2026-11-10 10:05'));
    expect(early.code).toBe(1);
    expect(early.err.split('\n').at(-1)).toBe('2026年11月尚未结束，统计数据在月底之后导入。');
  });

  it('the October sheet: every kind of flag as worked out by hand, in JSON and in words', async () => {
    const path = join(dir, 'october.xlsx');
    await writeWorkbook(path, { 统计: sheetRows() as never });
    const json = await w.cli(['stats', 'import', path, '--month', '2026-10', '--format', 'json'], bj('2026-11-10 10:10'));
    expect(json.code, json.err).toBe(0);
    expect(JSON.parse(json.out)).toEqual({ month: '2026-10', statsMismatches: EXPECTED });

    const again = await w.cli(['stats', 'import', path, '--month', '2026-10'], bj('2026-11-10 10:12'));
    expect(again.code, again.err).toBe(0);
    expect(again.out.split('\n')).toEqual([
      `已导入2026年10月统计数据（october.xlsx）：${R.projects.length + 1} 个项目，其中入库 ${R.projects.length - 2} 个、未入库 3 个。`,
      '统计监测（截至10月底，差异阈值 10%）：调度数与统计数差异较大 3 个，已开工未入库 2 个，已入库但不在项目库 1 个。',
      '调度数与统计数差异较大：',
      `  LJ2026-010 ${name('LJ2026-010')}：调度累计完成1,500.00万元，统计0.00万元，统计数为0，无法按比例计算差异（${unitOf('LJ2026-010')}）`,
      `  LJ2026-001 ${name('LJ2026-001')}：调度累计完成5,000.00万元，统计4,000.00万元，调度数较统计数高25.0%（${unitOf('LJ2026-001')}）`,
      `  LJ2026-009 ${name('LJ2026-009')}：调度累计完成3,000.00万元，统计3,400.00万元，调度数较统计数低11.8%（${unitOf('LJ2026-009')}）`,
      '已开工未入库：',
      `  LJ2026-002 ${name('LJ2026-002')}：已开工（调度累计完成2,000.00万元），统计部门未入库（${unitOf('LJ2026-002')}）`,
      `  LJ2026-012 ${name('LJ2026-012')}：已开工（调度累计完成未填报），统计部门未入库（${unitOf('LJ2026-012')}）`,
      '已入库但不在项目库：',
      '  TJ2026-901 临江新区冷链物流园：统计部门已入库（统计完成1,200.00万元），项目库中没有该项目',
      '说明卡片：5 个责任单位，新排入发送队列 0 张，' +
        `${R.units.filter((u) => ['LJ2026-010', 'LJ2026-001', 'LJ2026-009', 'LJ2026-002', 'LJ2026-012'].map(unitOf).includes(u.name)).flatMap((u) => u.reporters).length} 张此前已发（每月每人一张）；由运行中的服务发出。`,
    ]);
    // Two imports, the month's figures once.
    expect((await w.t.db.selectFrom('stats_imports').select('id').execute()).length).toBe(2);
    expect((await w.t.db.selectFrom('stats_figures').select('code').where('month', '=', '2026-10').execute()).length).toBe(R.projects.length + 1);
  });

  it('explanation cards once per reporter of each flagged unit; another unit refused; the explanation kept with who and when', async () => {
    await clock.set(bj('2026-11-10 10:15'));
    server.bot!.sender.wake();
    await settled(w.t.db, 15_000, { clock, wake: () => server.bot!.sender.wake() });
    const cards = w.double.messages.filter((m) => m.msg_type === 'interactive' && cardText(JSON.parse(m.content)).includes('2026年10月统计监测差异说明'));
    const units = [...new Set(['LJ2026-010', 'LJ2026-001', 'LJ2026-009', 'LJ2026-002', 'LJ2026-012'].map(unitOf))];
    const reporters = R.units.filter((u) => units.includes(u.name)).flatMap((u) => u.reporters.map((r) => `ou_${r.mobile}`));
    expect(cards.map((m) => m.receive_id).sort()).toEqual([...reporters].sort());

    const fgw = R.unit(unitOf('LJ2026-001')).reporters[0]!;
    const other = R.units.find((u) => !units.includes(u.name))!.reporters[0]!;
    const m = cards.find((c) => c.receive_id === `ou_${fgw.mobile}`)!;
    const mine: Shown = { messageId: m.message_id, chatId: m.chat_id, openId: `ou_${fgw.mobile}`, card: JSON.parse(m.content) };
    const text = cardText(mine.card);
    expect(text).toContain(`LJ2026-001 ${name('LJ2026-001')}：调度累计完成5,000.00万元，统计4,000.00万元，调度数较统计数高25.0%`);
    expect(text).not.toContain('LJ2026-009');
    const id = (await w.t.db.selectFrom('projects').select('id').where('code', '=', 'LJ2026-001').executeTakeFirstOrThrow()).id;
    const submit = buttonOf(mine.card, 'stats_explain');
    const sender = eventSenderFor(w.double, server.webhookUrl, { clock });
    const forwarded: Shown = { ...mine, openId: `ou_${other.mobile}` };
    const refused = await tap(sender, w.double, forwarded, submit, { form: { [`x_${id}`]: '代为说明' } });
    expect(refused.toast).toEqual({ type: 'error', content: '您不是这些项目责任单位的填报人，不能提交说明；如有疑问请联系重点项目办。' });
    const empty = await tap(sender, w.double, mine, submit, { form: {} });
    expect(empty.toast).toEqual({ type: 'error', content: '请至少填写一个项目的原因说明后再提交' });
    const said = '10月下旬完成的1000万元设备款统计部门11月入统';
    const ok = await tap(sender, w.double, mine, submit, { form: { [`x_${id}`]: said } });
    expect(ok.toast).toEqual({ type: 'success', content: `已提交 1 个项目的说明：${name('LJ2026-001')}` });
    expect(cardText(ok.card)).toContain(`已说明（${fgw.name}，2026年11月10日（周二）10:15）：${said}`);
    const rows = await w.t.db.selectFrom('stats_explanations').select(['month', 'kind', 'text', 'person_id', 'recorded_at']).execute();
    expect(rows).toEqual([
      { month: '2026-10', kind: 'difference', text: said, person_id: w.person(fgw.name).id, recorded_at: new Date(bj('2026-11-10 10:15')).toISOString() },
    ]);
    const shown = await w.cli(['stats', 'show', '--month', '2026-10'], bj('2026-11-10 11:00'));
    expect(shown.out).toContain(`责任单位说明（1 条）：\n  LJ2026-001（调度数与统计数差异较大）${fgw.name} 2026年11月10日（周二）10:15：${said}`);
  });

  it('the bulletin carries the section for October only: the same flags in JSON, in words and on the card', async () => {
    const json = await w.cli(['bulletin', '--month', '2026-10', '--format', 'json'], bj('2026-11-10 11:00'));
    expect(json.code, json.err).toBe(0);
    expect(JSON.parse(json.out).statsMismatches).toEqual(EXPECTED);
    const september = await w.cli(['bulletin', '--month', '2026-09', '--format', 'json'], bj('2026-11-10 11:00'));
    expect(september.code, september.err).toBe(0);
    expect(JSON.parse(september.out)).not.toHaveProperty('statsMismatches');
    const words = await w.cli(['bulletin', '--month', '2026-10'], bj('2026-11-10 11:00'));
    expect(words.out).toContain(
      [
        '八、统计监测情况',
        '10月统计部门数据与各单位调度数核对，调度数与统计数差异较大3个，已开工未入库2个，已入库但不在项目库1个：',
        `1. LJ2026-010 ${name('LJ2026-010')}：调度累计完成1,500.00万元，统计0.00万元，统计数为0，无法按比例计算差异。`,
        `2. LJ2026-001 ${name('LJ2026-001')}：调度累计完成5,000.00万元，统计4,000.00万元，调度数较统计数高25.0%。`,
      ].join('\n'),
    );
    expect(words.out).toContain('九、下步工作要求');
    const card = await w.cli(['bulletin', '--month', '2026-10', '--format', 'card'], bj('2026-11-10 11:00'));
    expect(card.out).toContain('统计部门数据与调度数核对：调度数与统计数差异较大3个，已开工未入库2个，已入库但不在项目库1个。');
  });

  it('the threshold is the setting stats.diffPercent: at 15 the 11.76 % difference is no longer flagged, the 25 % still is', async () => {
    const set = await w.cli(['settings', 'set', 'stats.diffPercent', '15'], bj('2026-11-10 11:05'));
    expect(set.code, set.err).toBe(0);
    const shown = await w.cli(['stats', 'show', '--month', '2026-10', '--format', 'json'], bj('2026-11-10 11:10'));
    expect(shown.code, shown.err).toBe(0);
    // |−400 ÷ 3400| = 11.76 % ≤ 15: LJ2026-009 drops out; 25 % > 15 stays; a statistical 0 has no percentage and stays.
    expect(JSON.parse(shown.out).statsMismatches).toEqual(EXPECTED.filter((m) => m.code !== 'LJ2026-009'));
    const words = await w.cli(['stats', 'show', '--month', '2026-10'], bj('2026-11-10 11:10'));
    expect(words.out).toContain('差异阈值 15%');
    expect(words.out).not.toContain('LJ2026-009');
    const bulletin = await w.cli(['bulletin', '--month', '2026-10', '--format', 'json'], bj('2026-11-10 11:10'));
    expect(JSON.parse(bulletin.out).statsMismatches).toEqual(EXPECTED.filter((m) => m.code !== 'LJ2026-009'));
    expect((await w.cli(['settings', 'set', 'stats.diffPercent', '10'], bj('2026-11-10 11:15'))).code).toBe(0);
  });
});
