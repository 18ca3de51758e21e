// `diaodu bulletin` and `diaodu export` on the hand-worked plan year: the month's text and JSON, the 附表 workbook,
// the quarter's trend and the year's ranking, and a clear refusal for a month that cannot be reported.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { saveSetting } from '../../src/db/settings';
import { OCTOBER_COMPOSED_AT, seedBulletinWorld } from '../fixtures/bulletin-world';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { captureIo } from '../helpers/io';
import { type DocxParagraph, type DocxTable, readDocx } from '../helpers/docx';
import { serializeSnapshot } from '../../src/domain/bulletin-snapshot';
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
    // Not published: the 期号 it would get now, marked 拟 as on the draft card.
    expect(r.out).toContain('市重点项目建设工作领导小组办公室\n全市重点项目建设情况通报\n2026年第1期（拟）\n（2026年1–10月；');
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
    expect(r.out).toContain('2026年第1期（拟） · 市重点项目建设工作领导小组办公室');
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
    expect(r.out).toBe(`已导出 2026-10 月通报（Word 文件，按当前数据编制，期号“2026年第1期（拟）”在发布时确定）到 ${file}`);
    // Read back by a docx reader (mammoth), as Word would open it: the body's paragraphs and tables in order.
    const { blocks, html } = await readDocx(file);
    const paragraphs = blocks.filter((b): b is DocxParagraph => b.kind === 'p' && b.text !== '');
    const text = paragraphs.map((p) => p.text);
    // 红头 (the title in 小标宋, centred), then the 期号, then the office and the date over the red rule (mammoth reads
    // no colours or borders: the red is not checked here).
    expect(paragraphs.slice(0, 3)).toEqual([
      { kind: 'p', text: '全市重点项目建设情况通报', align: 'center', font: '方正小标宋简体', size: 33 },
      { kind: 'p', text: '2026年第1期（拟）', align: 'center', font: '仿宋_GB2312', size: 16 },
      { kind: 'p', text: '市重点项目建设工作领导小组办公室　　　　2026年11月10日', align: 'center', font: '仿宋_GB2312', size: 16 },
    ]);
    const headings = [
      '一、本期综述',
      '二、分级别、分类别完成情况',
      '三、分县区完成情况',
      '四、开工、竣工、投产情况',
      '五、未达序时进度项目清单',
      '六、问题协调情况',
      '七、报送情况',
      '八、下步工作要求',
      '九、附表',
    ];
    // Every section once, in order, each heading a paragraph of its own in 黑体.
    expect(paragraphs.filter((p) => headings.includes(p.text))).toEqual(headings.map((h) => ({ kind: 'p', text: h, align: null, font: '黑体', size: 16 })));
    for (const h of headings) expect(html).toContain(`<p>${h}</p>`);
    const at = headings.map((h) => text.indexOf(h));
    expect(text.slice(3, at[0])).toEqual([
      '2026年1–10月全市重点项目建设情况',
      '（2026年1–10月；数据截至2026年10月31日；序时进度83.33%（按整月计算）；计划口径：2026年度计划（第2版，2026-09-15 调整））',
    ]);
    expect(text[at[0]! + 1]).toBe('全市重点项目7个，年度计划投资11.00亿元；1–10月完成投资5.78亿元，完成年度计划的52.5%，低于序时进度30.8个百分点。');
    // 环比 (figures by hand in bulletin-compose.test.ts) and 倒排工期, in 一.
    expect(text).toContain(
      '环比：年度计划完成率由9月底的43.6%变为10月底的52.5%，提高8.9个百分点；与序时进度相比，由低于序时进度31.4个百分点变为低于序时进度30.8个百分点。',
    );
    expect(text).toContain('要完成全年目标，每月还需完成2.61亿元；按近三个月进度，预计全年完成9.63亿元，占年度计划的87.6%。');
    // Each county's 倒排 after the county table (in 三), the stoppage's duration in 四.
    const county = text.indexOf('青河县：要完成全年目标，每月还需完成0.70亿元；按近三个月进度，预计全年完成6.33亿元，占年度计划的121.8%。');
    expect(county).toBeGreaterThan(at[2]!);
    expect(county).toBeLessThan(at[3]!);
    expect(text.indexOf('停工、半停工持续时间：青河县人民医院新院区停工1周（自第43周起，据填报推算）。')).toBeGreaterThan(at[3]!);
    // The county ranking and the laggards as real tables (a header row, then one row each), in 三 and 五.
    const tables = blocks.filter((b): b is DocxTable => b.kind === 'table');
    expect(tables.map((t) => t.rows.map((row) => row[1]))).toEqual([
      ['县区', '青河县', '江北区', '市直'],
      ['项目名称', '江北区智能制造产业园', '青河县人民医院新院区', '市大数据中心', '青河县城区污水处理厂'],
    ]);
    expect(tables[0]?.rows[1]).toEqual(['1', '青河县', '2', '5.20', '3.80', '73.1%', '-10.3', '0.55']);
    expect(html.match(/<table>/g)).toHaveLength(2);
    const tableAt = blocks.flatMap((b, i) => (b.kind === 'table' ? [i] : []));
    const blockOf = (h: string) => blocks.findIndex((b) => b.kind === 'p' && b.text === h);
    expect(tableAt[0]).toBeGreaterThan(blockOf(headings[2]!));
    expect(tableAt[0]).toBeLessThan(blockOf(headings[3]!));
    expect(tableAt[1]).toBeGreaterThan(blockOf(headings[4]!));
    expect(tableAt[1]).toBeLessThan(blockOf(headings[5]!));
    // The 附表 under 九, then the 落款: the office and the date, right-aligned, last.
    expect(text.slice(at[8]! + 1)).toEqual([
      '附表：2026年10月重点项目建设情况明细表（共7个项目），另附电子表格。',
      '市重点项目建设工作领导小组办公室',
      '2026年11月10日',
    ]);
    expect(paragraphs.slice(-2).map((p) => p.align)).toEqual(['right', 'right']);
  });

  it('a month not published is exported and printed with its 期号 marked 拟, in the file name too; once published, with the final number', async () => {
    const title = '2026年1–10月全市重点项目建设情况通报';
    const issueLine = async (file: string) => {
      const { blocks } = await readDocx(file);
      return blocks.filter((b): b is DocxParagraph => b.kind === 'p' && b.text !== '')[1]?.text;
    };
    // Without --out the file is named after the bulletin, in the working directory.
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const draft = await cli(['export', '--docx', '--month', '2026-10']);
      expect(draft.code, draft.err).toBe(0);
      const draftFile = join(dir, `${title}（2026年第1期，拟）.docx`);
      expect(draft.out).toBe(`已导出 2026-10 月通报（Word 文件，按当前数据编制，期号“2026年第1期（拟）”在发布时确定）到 ${draftFile}`);
      expect(await issueLine(draftFile)).toBe('2026年第1期（拟）');

      const json = await cli(['bulletin', '--month', '2026-10', '--format', 'json']);
      expect(JSON.parse(json.out).issue).toMatchObject({ year: 2026, number: 1 });
      await t.db
        .insertInto('bulletins')
        .values({
          month: '2026-10',
          status: 'published',
          snapshot: serializeSnapshot(JSON.parse(json.out)),
          composed_at: '2026-11-10T01:00:00.000Z',
          decided_by: null,
          decided_at: new Date(bj('2026-11-10 10:00')).toISOString(),
          note: null,
        })
        .execute();
      const issued = await cli(['export', '--docx', '--month', '2026-10']);
      expect(issued.code, issued.err).toBe(0);
      const issuedFile = join(dir, `${title}（2026年第1期）.docx`);
      expect(issued.out).toBe(`已导出 2026-10 月通报（Word 文件，已发布的通报）到 ${issuedFile}`);
      expect(await issueLine(issuedFile)).toBe('2026年第1期');
      const text = await cli(['bulletin', '--month', '2026-10']);
      expect(text.out).toContain('全市重点项目建设情况通报\n2026年第1期\n（2026年1–10月；');
      expect(text.out).not.toContain('拟');
      expect((await cli(['bulletin', '--month', '2026-10', '--format', 'card'])).out).toContain('2026年第1期 · 市重点项目建设工作领导小组办公室');
    } finally {
      process.chdir(cwd);
      await t.db.deleteFrom('bulletins').execute();
    }
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
