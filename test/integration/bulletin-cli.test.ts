// `diaodu bulletin` and `diaodu export` on the hand-worked plan year: the month's text and JSON, the 附表 workbook,
// the quarter's trend and the year's ranking, and a clear refusal for a month that cannot be reported.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { saveSetting } from '../../src/db/settings';
import { OCTOBER_COMPOSED_AT, seedBulletinWorld } from '../fixtures/bulletin-world';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { captureIo } from '../helpers/io';
import { bj } from '../helpers/round';

describe.each(engines)('diaodu bulletin and export on %s', (engine) => {
  let t: TestDatabase;
  let dir: string;
  const cli = async (argv: string[], now = OCTOBER_COMPOSED_AT) => {
    const io = captureIo();
    const url = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
    const code = await runCli(argv, { DATABASE_URL: url, DIAODU_NOW: bj(now) }, io.io);
    return { code, out: io.out.join('\n'), err: io.err.join('\n') };
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedBulletinWorld(t.db);
    dir = mkdtempSync(join(tmpdir(), 'diaodu-export-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.drop();
  });

  it('prints the last month ended as text by default, saying it is not published yet', async () => {
    const r = await cli(['bulletin']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('（以下为按当前数据编制的月通报，尚未发布）');
    expect(r.out).toContain('市重点项目建设工作领导小组办公室\n全市重点项目建设情况通报\n2026年第1期\n（2026年1–10月；');
    expect(r.out).toContain('全市重点项目7个，年度计划投资11.00亿元；1–10月完成投资5.78亿元，完成年度计划的52.5%，低于序时进度30.8个百分点。');
  });

  it('prints JSON with numbers as numbers, percentages unrounded', async () => {
    const r = await cli(['bulletin', '--month', '2026-10', '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const b = JSON.parse(r.out);
    expect([b.month, b.asOf, b.timeProgress, b.completedWan, b.completionRate, b.gapPoints]).toEqual([
      '2026-10',
      '2026-10-31',
      83.33333333333333,
      57_800,
      52.54545454545455,
      -30.78787878787879,
    ]);
    expect(b.counties.map((c: { name: string; rank: number }) => [c.name, c.rank])).toEqual([
      ['青河县', 1],
      ['江北区', 2],
      ['市直', 3],
    ]);
  });

  it('prints a published month as published, with the day it was published (Beijing time)', async () => {
    const json = await cli(['bulletin', '--month', '2026-09', '--format', 'json']);
    await t.db
      .insertInto('bulletins')
      .values({
        month: '2026-09',
        status: 'published',
        snapshot: json.out,
        composed_at: '2026-10-16T01:00:00.000Z',
        decided_by: null,
        decided_at: new Date(bj('2026-10-17 07:30')).toISOString(),
        note: null,
      })
      .execute();
    const r = await cli(['bulletin', '--month', '2026-09']);
    expect(r.out.split('\n')[0]).toBe('（以下为已发布的月通报，发布于2026-10-17；发布后更正的数据在下一期通报中列出）');
    await t.db.deleteFrom('bulletins').execute();
  });

  it('refuses a month it cannot report, and says why', async () => {
    const bad = await cli(['bulletin', '--month', '2026-13']);
    expect([bad.code, bad.err]).toEqual([2, '月份“2026-13”无法识别，请写作 YYYY-MM，如 2026-10。']);
    const running = await cli(['bulletin', '--month', '2026-11']);
    expect([running.code, running.err]).toEqual([1, '2026年11月尚未结束，月通报在月底之后编制（“截至11月底”）。']);
    const noRegister = await cli(['bulletin', '--month', '2025-10']);
    expect([noRegister.code, noRegister.err]).toEqual([1, '2025年度项目库尚未导入，无法编制月通报。请先用 diaodu import 导入项目库。']);
    const format = await cli(['bulletin', '--month', '2026-10', '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.err).toContain('--format 只能是 text、json 或 card');
    const yearCard = await cli(['bulletin', '--year', '2026', '--format', 'card']);
    expect([yearCard.code, yearCard.err.split('\n')[0]]).toEqual([2, '--format card 和 --post 只用于月通报（--month）。']);
    const two = await cli(['bulletin', '--month', '2026-10', '--year', '2026']);
    expect(two.code).toBe(2);
  });

  it('prints the month as the cards the groups would get, as text', async () => {
    const r = await cli(['bulletin', '--month', '2026-10', '--format', 'card']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('【2026年1–10月全市重点项目建设情况通报】');
    expect(r.out).toContain('［图表：各县区年度投资完成率与序时进度］');
    expect(r.out).toContain('全市重点项目7个，年度计划投资11.00亿元；1–10月完成投资5.78亿元');
    expect(r.out).toContain('2026年第1期 · 市重点项目建设工作领导小组办公室');
  });

  it('--post sends a fresh draft to the administrators through the outbox; a published month is refused', async () => {
    await saveSetting(t.db, 'admins', ['ou_cli_admin'], 'test', new Date(bj(OCTOBER_COMPOSED_AT)));
    const first = await cli(['bulletin', '--month', '2026-10', '--post']);
    expect([first.code, first.out]).toEqual([
      0,
      '已编制2026年10月的月通报，送1名管理员审定（由运行中的服务发出）；点“发布”后发送到0个通报群（尚未设置通报群）。',
    ]);
    const queued = await t.db.selectFrom('outbox').select(['receive_id', 'msg_type']).where('status', '=', 'pending').execute();
    expect(queued.length).toBeGreaterThan(2); // the bulletin's cards, the 附表 and the approval card
    expect(new Set(queued.map((q) => q.receive_id))).toEqual(new Set(['ou_cli_admin']));
    expect(queued.map((q) => q.msg_type)).toContain('file');
    await cli(['bulletin', '--month', '2026-10', '--post']);
    expect((await t.db.selectFrom('bulletins').select('status').where('month', '=', '2026-10').orderBy('id').execute()).map((r) => r.status)).toEqual([
      'superseded',
      'draft',
    ]);
    await t.db
      .updateTable('bulletins')
      .set({ status: 'published', decided_at: new Date(bj('2026-11-06 10:00')).toISOString() })
      .where('status', '=', 'draft')
      .execute();
    const again = await cli(['bulletin', '--month', '2026-10', '--post']);
    expect(again.code).toBe(1);
    // A writing command first names its database on stderr; the refusal follows.
    expect(again.err).toMatch(/^写入数据库：[^\n]+\n2026年10月的月通报已于2026年11月6日.*发布，不再重新编制/);
    await t.db.deleteFrom('bulletins').execute();
    await t.db.deleteFrom('outbox').execute();
    await saveSetting(t.db, 'admins', [], 'test', new Date(bj(OCTOBER_COMPOSED_AT)));
  });

  it('exports the bulletin as a Word document in the official layout: 红头, 期号, office, every section, 落款 and date', async () => {
    const file = join(dir, `通报-${engine}.docx`);
    const r = await cli(['export', '--docx', '--month', '2026-10', '--out', file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`已导出 2026-10 月通报（Word 文件，按当前数据编制）到 ${file}`);
    // Read back as Word stores it: the paragraphs of word/document.xml, each the text of its runs.
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')?.async('string');
    if (!xml) throw new Error('no word/document.xml');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
    const text = paragraphs.filter(Boolean);
    // 红头 in red, then the 期号, then the office and the date over the red rule.
    expect(text.slice(0, 3)).toEqual(['全市重点项目建设情况通报', '2026年第1期', '市重点项目建设工作领导小组办公室　　　　2026年11月10日']);
    expect(xml).toContain('w:color w:val="C00000"');
    const headings = [
      '本期综述',
      '分级别、分类别完成情况',
      '分县区完成情况',
      '开工、竣工、投产情况',
      '未达序时进度项目清单',
      '问题协调情况',
      '报送情况',
      '下步工作要求',
      '附表',
    ];
    const at = headings.map((h, i) => text.indexOf(`${'一二三四五六七八九'[i]}、${h}`));
    expect(at.every((p, i) => p > 2 && (i === 0 || p > (at[i - 1] ?? 0)))).toBe(true);
    expect(text).toContain('全市重点项目7个，年度计划投资11.00亿元；1–10月完成投资5.78亿元，完成年度计划的52.5%，低于序时进度30.8个百分点。');
    // 倒排工期 and the stoppage in words (figures by hand in bulletin-compose.test.ts): the city's in 一, each county's
    // after the county table, the stoppage's duration in 四.
    expect(text).toContain('要完成全年目标，每月还需完成2.61亿元；按近三个月进度，预计全年完成9.63亿元，占年度计划的87.6%。');
    const county = text.indexOf('青河县：要完成全年目标，每月还需完成0.70亿元；按近三个月进度，预计全年完成6.33亿元，占年度计划的121.8%。');
    expect(county).toBeGreaterThan(at[2]!);
    expect(county).toBeLessThan(at[3]!);
    expect(text).toContain('停工、半停工持续时间：青河县人民医院新院区停工1周（自第43周起，据填报推算）。');
    // The county ranking as a table, and the 落款: the office and the date, last.
    expect(xml).toContain('<w:tbl>');
    expect(text.slice(-2)).toEqual(['市重点项目建设工作领导小组办公室', '2026年11月10日']);
  });

  it('exports the 附表 with numbers, number formats and a frozen header', async () => {
    const file = join(dir, `附表-${engine}.xlsx`);
    const r = await cli(['export', '--month', '2026-10', '--out', file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`已导出 2026-10 月通报附表（7个项目，按当前数据编制）到 ${file}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('附表');
    if (!ws) throw new Error('no 附表 sheet');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getRow(3).getCell(12).value).toBe('截至10月底累计完成投资(万元)');
    const jb3 = ws.getRow(6);
    expect([jb3.getCell(2).value, jb3.getCell(11).value, jb3.getCell(12).value, jb3.getCell(13).value, jb3.getCell(15).value]).toEqual([
      'JB2026-003',
      8_000,
      8_800,
      1.1,
      '绿灯',
    ]);
    expect([jb3.getCell(12).numFmt, jb3.getCell(13).numFmt, jb3.getCell(14).numFmt]).toEqual(['#,##0.00', '0.0%', '+0.0;-0.0;0.0']);
    expect(ws.getRow(8).getCell(18).value).toBe('估（第44周 10月28日填报）：未填报10月底数，按月底前最近一次填报数计');
    // The last row: 全市合计, the city's figures as the summary states them.
    const total = ws.getRow(11);
    expect([total.getCell(3).value, total.getCell(11).value, total.getCell(12).value, total.getCell(17).value]).toEqual([
      '全市合计',
      110_000,
      57_800,
      '7个项目',
    ]);
    expect(ws.getRow(9).getCell(18).value).toBe('暂无填报');
    const counties = wb.getWorksheet('分县区');
    // 亿元 and a rate Excel reads as a percentage; 本月新增 0.55 = 3.30 − (2.80 + 0.45) with QH-001's September as reported.
    expect(counties?.getRow(4).values).toEqual([undefined, '青河县', 2, 5.2, 3.8, 0.7307692307692308, -10.256410256410257, 0.55, 1]);
    const again = await cli(['export', '--month', '2026-10', '--out', file]);
    expect([again.code, again.err]).toEqual([1, `输出文件 ${file} 已存在；如要覆盖请加 --force。`]);
    expect((await cli(['export', '--month', '2026-10', '--out', file, '--force'])).code).toBe(0);
    expect(existsSync(file)).toBe(true);
  });

  it('shows a quarter month by month, for the months that have ended', async () => {
    const q3 = await cli(['bulletin', '--quarter', '2026-Q3', '--format', 'json']);
    expect(q3.code, q3.err).toBe(0);
    const a = JSON.parse(q3.out);
    expect(a.months).toEqual(['2026-07', '2026-08', '2026-09']);
    // July: no report yet. August: the August round's figures, 38,000. September: the month-end figures, 48,000.
    expect(a.city.points.map((p: { completedWan: number }) => p.completedWan)).toEqual([0, 38_000, 48_000]);
    expect(a.city.quarterNewWan).toBe(48_000);
    const q4 = await cli(['bulletin', '--quarter', '2026-Q4']);
    expect(q4.out).toContain('2026年第四季度重点项目建设分析');
    expect(q4.out).toContain('10月按当前数据编制');
    expect((await cli(['bulletin', '--quarter', '2026-Q5'])).code).toBe(2);
  });

  it('ranks counties and units for the year, with reporting timeliness', async () => {
    const r = await cli(['bulletin', '--year', '2026', '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const a = JSON.parse(r.out);
    expect([a.month, a.final, a.rounds]).toEqual(['2026-10', false, 6]);
    const pick = (rows: Array<{ name: string; rank: number; completionRate: number; onTimeRate: number; timelinessRank: number }>) =>
      rows.map((x) => [x.name, x.rank, x.completionRate, x.onTimeRate, x.timelinessRank]);
    // On time = reported by the deadline in each of the six rounds opened by the end of October.
    expect(pick(a.counties)).toEqual([
      ['青河县', 1, 73.07692307692308, 100, 1],
      ['江北区', 2, 45.526315789473685, 83.33333333333333, 2],
      ['市直', 3, 12.5, 50, 3],
    ]);
    expect(pick(a.units)).toEqual([
      ['江北区住建局', 1, 96.11111111111111, 83.33333333333333, 4],
      ['市水利局', 2, 82.5, 100, 1],
      ['市工信局', 3, 50, 100, 1],
      ['青河县卫健局', 4, 41.666666666666664, 100, 1],
      ['江北区工信局', 5, 0, 83.33333333333333, 4],
      ['市文旅局', 5, 0, 0, 6],
    ]);
    const text = await cli(['bulletin', '--year', '2026']);
    expect(text.out).toContain('2026年度尚未结束，以下为截至10月底的情况。');
    expect(text.out).toContain('市文旅局 | 1 | 1.50 | 0.00 | 0.0% | -83.3 | 5 | 0.0% | 6');
  });
});
