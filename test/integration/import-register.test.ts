// `diaodu import`: the project register as an administrator imports it — counts, money, history, refusals.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importCommand } from '../../src/cli/commands/import';
import { createManualClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { INVALID, SAMPLE, type Sheets, col, copySheets, readSheets, writeCsv, writeWorkbook } from '../fixtures/register-workbooks';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { buildZip, megabytes, sheetOfRows, workbookParts } from '../fixtures/zip';

type Run = { code: number; out: string; err: string };

/** Runs the command as the CLI runner does: same option parsing, a clock in March 2026 (Beijing). */
async function runImport(t: TestDatabase, args: string[], now = '2026-03-10T09:00:00+08:00'): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const parsed = parseArgs({ args, options: importCommand.options ?? {}, allowPositionals: true, strict: true });
  const config = loadConfig({ DATABASE_URL: t.target.kind === 'sqlite' ? t.target.path : t.target.url });
  const code = await importCommand.run(
    { config, clock: createManualClock(now), io: { out: (s) => out.push(s), err: (s) => err.push(s) }, openDb: async () => ({ ...t, close: async () => {} }) },
    { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Row counts of every table, to prove a refused import wrote nothing. */
async function rowCounts(t: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await t.db.introspection.getTables()) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table.name)}`.execute(t.db);
    counts[table.name] = Number(r.rows[0]?.n);
  }
  return counts;
}

/** The current (highest-version) plan of each project of a year, summed in the database. */
async function currentAnnualPlanSum(t: TestDatabase, year = 2026): Promise<number> {
  const r = await sql<{ s: number | string }>`
    select sum(pp.annual_plan_yuan) as s from project_plans pp join projects p on p.id = pp.project_id
    where p.plan_year = ${year} and p.dropped_at is null
      and pp.version = (select max(version) from project_plans x where x.project_id = pp.project_id)`.execute(t.db);
  return Number(r.rows[0]?.s);
}

async function plansOf(t: TestDatabase, code: string) {
  return t.db
    .selectFrom('project_plans')
    .innerJoin('projects', 'projects.id', 'project_plans.project_id')
    .selectAll('project_plans')
    .where('projects.code', '=', code)
    .orderBy('version')
    .execute();
}

const countRoles = async (t: TestDatabase, role: 'reporter' | 'unit_head' | 'leader') =>
  (await t.db.selectFrom('person_roles').select('id').where('role', '=', role).execute()).length;

let sample: Sheets;
/** A column of the sample's 项目 sheet added up, in 万元. */
let sumWan: (heading: string) => number;
beforeAll(async () => {
  sample = await readSheets(SAMPLE);
  sumWan = (heading: string) => sample.项目!.slice(1).reduce<number>((n, r) => n + Number(r[col(sample.项目!, heading)]), 0);
});

describe.each(engines)('diaodu import on %s', (engine) => {
  let t: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    t = await createTestDatabase(engine);
    dir = mkdtempSync(join(tmpdir(), 'diaodu-import-'));
  });
  afterEach(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The sample with edits applied to a copy, written under the given file name. */
  async function editedSample(name: string, edit: (s: Sheets) => void): Promise<string> {
    const s = copySheets(sample);
    edit(s);
    const path = join(dir, name);
    await writeWorkbook(path, s);
    return path;
  }

  it('imports the sample register: counts, exact money, people and roles, an audit row', async () => {
    const r = await runImport(t, [SAMPLE]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已导入 2026 年度项目库：registry-sample.xlsx');
    expect(r.out).toContain('项目 120 个，责任单位 24 个，填报人 32 人，包联领导 12 人，县区 11 个');
    // The totals, added up here from the workbook's own cells.
    const annualWan = sumWan('年度计划投资(万元)');
    const totalWan = sumWan('总投资(万元)');
    expect(r.out).toContain(
      `年度计划投资合计 ${annualWan.toLocaleString('en-US')} 万元（${(annualWan / 10_000).toFixed(2)} 亿元），总投资合计 ${totalWan.toLocaleString('en-US')} 万元`,
    );
    expect(r.out).toContain('项目：新增 120 个，更新 0 个，未变 0 个');
    expect(r.out).toContain('人员：新增 68 人');

    const counts = await rowCounts(t);
    expect(counts).toMatchObject({ projects: 120, project_plans: 120, units: 24, counties: 11, people: 68, plan_years: 1, register_imports: 1 });
    expect(await currentAnnualPlanSum(t)).toBe(annualWan * 10_000);
    expect(await countRoles(t, 'reporter')).toBe(32);
    expect(await countRoles(t, 'unit_head')).toBe(24);
    expect(await countRoles(t, 'leader')).toBe(12);

    const p = await t.db
      .selectFrom('projects')
      .innerJoin('units', 'units.id', 'projects.unit_id')
      .innerJoin('people', 'people.id', 'projects.leader_id')
      .innerJoin('counties', 'counties.id', 'projects.county_id')
      .select(['projects.name', 'units.name as unit', 'people.name as leader', 'counties.name as county', 'projects.nature', 'projects.level'])
      .where('projects.code', '=', 'LJ2026-001')
      .executeTakeFirstOrThrow();
    const first = sample.项目![1]!;
    const cell = (h: string) => first[col(sample.项目!, h)];
    expect(p).toEqual({
      name: cell('项目名称'),
      unit: cell('责任单位'),
      leader: cell('包联领导'),
      county: cell('所属县区'),
      nature: cell('建设性质'),
      level: cell('项目级别'),
    });
    const [plan] = await plansOf(t, 'LJ2026-001');
    expect(plan).toMatchObject({
      version: 1,
      total_investment_yuan: Number(cell('总投资(万元)')) * 10_000,
      annual_plan_yuan: Number(cell('年度计划投资(万元)')) * 10_000,
      prior_completed_yuan: Number(cell('截至上年底累计完成投资(万元)')) * 10_000,
      planned_start: cell('计划开工日期'),
      planned_end: cell('计划竣工日期'),
      source: 'registry-sample.xlsx',
    });

    const audit = await t.db.selectFrom('register_imports').selectAll().executeTakeFirstOrThrow();
    expect(audit.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.plan_year).toBe(2026);
    expect(JSON.parse(audit.summary).projects.added).toBe(120);
  });

  it('is idempotent: a second import of the same file changes nothing', async () => {
    await runImport(t, [SAMPLE]);
    const before = await rowCounts(t);
    const r = await runImport(t, [SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('项目：新增 0 个，更新 0 个，未变 120 个；其中计划数变更 0 个');
    expect(r.out).toContain('人员：新增 0 人，更新 0 人；角色：新增 0 个，移除 0 个');
    expect(r.out).not.toContain('本次文件中没有的项目');
    expect(await rowCounts(t)).toEqual({ ...before, register_imports: 2 });
  });

  it('records a plan change as version 2 and keeps version 1; other edits update in place', async () => {
    await runImport(t, [SAMPLE]);
    const was = Number(sample.项目![3]![col(sample.项目!, '年度计划投资(万元)')]) * 10_000; // LJ2026-003's plan, in 元
    const s = await editedSample('2026年项目库-调整.xlsx', (x) => {
      const rows = x.项目!;
      rows[3]![col(rows, '年度计划投资(万元)')] = 50000; // LJ2026-003: → 50,000 万元
      rows[4]![col(rows, '项目名称')] = '改名后的项目'; // LJ2026-004: not a plan figure
    });
    const r = await runImport(t, [s]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('项目：新增 0 个，更新 2 个，未变 118 个；其中计划数变更 1 个');
    expect(r.out).toContain('计划数变更的项目（已记为新版本，原版本保留）：LJ2026-003');
    const plans = await plansOf(t, 'LJ2026-003');
    expect(plans.map((p) => [p.version, p.annual_plan_yuan, p.source])).toEqual([
      [1, was, 'registry-sample.xlsx'],
      [2, 500_000_000, '2026年项目库-调整.xlsx'],
    ]);
    expect((await plansOf(t, 'LJ2026-004')).length).toBe(1);
    const renamed = await t.db.selectFrom('projects').select('name').where('code', '=', 'LJ2026-004').executeTakeFirstOrThrow();
    expect(renamed.name).toBe('改名后的项目');
    expect(await currentAnnualPlanSum(t)).toBe(sumWan('年度计划投资(万元)') * 10_000 - was + 500_000_000);
  });

  it('--dry-run prints the same summary and writes nothing', async () => {
    const before = await rowCounts(t);
    const dry = await runImport(t, [SAMPLE, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('【试运行 --dry-run】');
    expect(dry.out).toContain('项目：新增 120 个，更新 0 个，未变 0 个');
    expect(await rowCounts(t)).toEqual(before);
    const real = await runImport(t, [SAMPLE]);
    // Apart from the dry-run banner and verb, the report is the same line for line.
    const body = (text: string) => text.split('\n').filter((l) => !l.startsWith('【') && !/年度项目库：/.test(l));
    expect(body(real.out)).toEqual(body(dry.out));
  });

  it('reports projects missing from the file, drops them only with --drop-missing, restores them on return', async () => {
    await runImport(t, [SAMPLE]);
    const last = sample.项目!.at(-1)!;
    const shorter = await editedSample('少一个.xlsx', (x) => x.项目!.pop());
    const r1 = await runImport(t, [shorter]);
    expect(r1.out).toContain(`本次文件中没有的项目 1 个：${last[0]} ${last[1]}，未作改动`);
    const dropped = () => t.db.selectFrom('projects').select('dropped_at').where('code', '=', String(last[0])).executeTakeFirstOrThrow();
    expect((await dropped()).dropped_at).toBeNull();
    const r2 = await runImport(t, [shorter, '--drop-missing']);
    expect(r2.out).toContain('已标记为调出计划');
    expect((await dropped()).dropped_at).toBe('2026-03-10T01:00:00.000Z');
    expect(await currentAnnualPlanSum(t)).toBe(sumWan('年度计划投资(万元)') * 10_000 - Number(last[col(sample.项目!, '年度计划投资(万元)')]) * 10_000);
    const r3 = await runImport(t, [SAMPLE]);
    expect(r3.out).toContain('更新 1 个，未变 119 个');
    expect(r3.out).toContain('1 个此前已调出计划的项目重新列入');
    expect((await dropped()).dropped_at).toBeNull();
  });

  it('keeps register roles in step with the file and never touches manual roles', async () => {
    await runImport(t, [SAMPLE]);
    // A reporter of a unit with two reporters (so the unit keeps one), looked up in the workbook.
    const units = sample.单位!;
    const at = units.findIndex((r, i) => i > 0 && units.filter((o) => o[0] === r[0]).length === 2);
    const mobile = String(units[at]![col(units, '填报人手机')]);
    const someone = await t.db.selectFrom('people').select('id').where('mobile', '=', mobile).executeTakeFirstOrThrow();
    await t.db
      .insertInto('person_roles')
      .values({ person_id: someone.id, role: 'admin', unit_id: null, county_id: null, scope: '', source: 'manual', created_at: 'x' })
      .execute();
    // That reporter stops reporting for the unit: the row goes from the file's 单位 sheet.
    const s = await editedSample('换人.xlsx', (x) => x.单位!.splice(at, 1));
    const r = await runImport(t, [s]);
    expect(r.out).toContain('角色：新增 0 个，移除 1 个');
    const roles = await t.db.selectFrom('person_roles').select(['role', 'source']).where('person_id', '=', someone.id).execute();
    expect(roles).toEqual([{ role: 'admin', source: 'manual' }]);
    expect(await countRoles(t, 'reporter')).toBe(31);
  });

  it('refuses the invalid workbook with all six defects located, and writes nothing', async () => {
    await runImport(t, [SAMPLE]);
    const before = await rowCounts(t);
    const r = await runImport(t, [INVALID]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const lines = r.err.split('\n');
    expect(lines[0]).toContain('6 处问题，未写入任何数据');
    expect(lines.slice(1)).toEqual([
      '项目 第4行 「年度计划投资(万元)」 值“-500”：金额不能为负数',
      '项目 第7行 「项目编号」 值“LJ2026-005”：项目编号与第6行重复（同一年度内编号必须唯一）',
      '项目 第9行 「责任单位」 值“市不存在局”：「单位」工作表中没有这个责任单位',
      '项目 第11行 「计划开工日期」 值“2026-13-45”：日期不存在（2026年没有13月45日）',
      '项目 第13行 「项目名称」：不能为空',
      '项目 第15行 「总投资(万元)」 值“一千万”：不是有效的金额数字（单位：万元）',
    ]);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('explains files it cannot read: encrypted or .xls, garbage, truncated, GBK CSV, missing', async () => {
    const before = await rowCounts(t);
    const cfb = join(dir, '加密.xlsx');
    writeFileSync(cfb, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]));
    const garbage = join(dir, '乱码.xlsx');
    writeFileSync(garbage, 'this is not a workbook at all');
    const truncated = join(dir, '截断.xlsx');
    writeFileSync(truncated, readFileSync(SAMPLE).subarray(0, 3000));
    const gbk = join(dir, '项目.csv');
    writeFileSync(gbk, Buffer.from([0xcf, 0xee, 0xc4, 0xbf, 0xb1, 0xe0, 0xba, 0xc5])); // "项目编号" in GBK

    const expectations: Array<[string, RegExp]> = [
      [cfb, /加密.*旧版 \.xls.*去掉打开密码.*另存为.*\.xlsx/],
      [garbage, /不是 Excel 工作簿（\.xlsx）.*另存为 \.xlsx/],
      [truncated, /已损坏或不是有效的 \.xlsx/],
      [gbk, /不是 UTF-8 编码.*CSV UTF-8/],
      [join(dir, '没有这个文件.xlsx'), /找不到文件：.*没有这个文件\.xlsx/],
    ];
    for (const [path, message] of expectations) {
      const r = await runImport(t, [path]);
      expect(r.code, path).toBe(1);
      expect(r.err, path).toMatch(message);
    }
    expect(await rowCounts(t)).toEqual(before);
  });

  it('refuses a zip bomb and an oversized sheet quickly, naming the limit, before unpacking it (issue 17 row 15)', async () => {
    await runImport(t, [SAMPLE]);
    const before = await rowCounts(t);
    const bomb = join(dir, '炸弹.xlsx');
    writeFileSync(bomb, await buildZip(workbookParts(megabytes(300)))); // ~300 KB on disk, 300 MB unpacked
    const lying = join(dir, '谎报.xlsx');
    writeFileSync(lying, await buildZip(workbookParts(megabytes(300), 1000))); // its directory claims 1,000 bytes
    const rows = join(dir, '行数.xlsx');
    writeFileSync(rows, await buildZip(workbookParts(sheetOfRows(50_001))));
    const cases: Array<[string, RegExp]> = [
      [bomb, /无法读取 炸弹\.xlsx：工作簿解压后共 300 MB，超出导入上限（解压后合计不超过 200 MB，每个工作表不超过 50,000 行/],
      [lying, /无法读取 谎报\.xlsx：文件已损坏或不是有效的 \.xlsx（部件 xl\/worksheets\/sheet1\.xml 解压后大于它声明的大小）/],
      [rows, /无法读取 行数\.xlsx：工作表（xl\/worksheets\/sheet1\.xml）超过 50,000 行，超出导入上限/],
    ];
    for (const [path, message] of cases) {
      const started = Date.now();
      const r = await runImport(t, [path]);
      expect(Date.now() - started, path).toBeLessThan(5_000);
      expect(r.code, path).toBe(1);
      expect(r.err, path).toMatch(message);
    }
    expect(await rowCounts(t)).toEqual(before);
  });

  it('reads what real workbooks contain: Excel dates, serials, text amounts, full-width digits, stray spaces', async () => {
    const path = join(dir, 'messy.xlsx');
    await writeWorkbook(path, messyWorkbook());
    const r = await runImport(t, [path]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('项目 3 个，责任单位 2 个，填报人 3 人，包联领导 2 人，县区 3 个');
    const rows = await t.db
      .selectFrom('projects')
      .innerJoin('project_plans', 'project_plans.project_id', 'projects.id')
      .leftJoin('people', 'people.id', 'projects.leader_id')
      .select([
        'code',
        'projects.name',
        'people.name as leader',
        'owner',
        'content',
        'national_code',
        'nature',
        'total_investment_yuan',
        'annual_plan_yuan',
        'prior_completed_yuan',
        'planned_start',
        'planned_end',
      ])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      {
        code: 'LJ2026-101',
        name: '滨江大道工程',
        leader: '李明',
        owner: '市交通局',
        content: '道路\n桥梁',
        national_code: '2203-330100-04-01-123456',
        nature: '续建',
        total_investment_yuan: 12_345_000,
        annual_plan_yuan: 1_230_000,
        prior_completed_yuan: 880_000,
        planned_start: '2026-03-01',
        planned_end: '2027-03-01',
      },
      {
        code: 'LJ2026-102',
        name: '江南污水厂',
        leader: '王芳',
        owner: null,
        content: null,
        national_code: null,
        nature: '新开工',
        total_investment_yuan: 1_234_500,
        annual_plan_yuan: 1_235,
        prior_completed_yuan: 0,
        planned_start: '2026-03-01',
        planned_end: '2026-12-31',
      },
      {
        code: 'LJ2026-103',
        name: '高新区产业园',
        leader: null,
        owner: '某公司',
        content: null,
        national_code: null,
        nature: '前期',
        total_investment_yuan: 200_000_000,
        annual_plan_yuan: 50_000_000,
        prior_completed_yuan: 0,
        planned_start: '2026-07-01',
        planned_end: '2026-12-01',
      },
    ]);
    const people = await t.db.selectFrom('people').select(['name', 'mobile', 'email', 'title']).orderBy('mobile').execute();
    expect(people).toEqual([
      { name: '王芳', mobile: '+85291234567', email: null, title: '市长' },
      { name: '李明', mobile: '13900010001', email: 'liming@example.com', title: '副市长' },
      { name: '张三', mobile: '13900010101', email: 'zs@example.com', title: null },
      { name: '赵四', mobile: '13900010102', email: 'zhao@example.com', title: null },
      { name: '钱五', mobile: '13900010103', email: null, title: null },
      { name: '孙六', mobile: '13900010104', email: 'sun@example.com', title: null },
      { name: '周七', mobile: '13900010105', email: null, title: null },
    ]);
    const unit = await t.db
      .selectFrom('units')
      .innerJoin('people', 'people.id', 'units.head_person_id')
      .select('people.name')
      .where('units.name', '=', '市交通局')
      .executeTakeFirstOrThrow();
    expect(unit.name).toBe('赵四');
  });

  it('refuses a total of 0 and amounts above the total, naming each row, and writes nothing (issue 17 row 6)', async () => {
    await runImport(t, [SAMPLE]);
    const before = await rowCounts(t);
    const path = await editedSample('amounts.xlsx', (s) => {
      const p = s.项目!;
      const [total, annual, prior] = ['总投资(万元)', '年度计划投资(万元)', '截至上年底累计完成投资(万元)'].map((h) => col(p, h));
      p[1]![total!] = 0;
      p[2]![total!] = 1000;
      p[2]![annual!] = 1200;
      p[2]![prior!] = 0;
      p[3]![total!] = 1000;
      p[3]![annual!] = 100;
      p[3]![prior!] = 1000.5;
      p[4]![total!] = 1000;
      p[4]![annual!] = 600;
      p[4]![prior!] = 500;
    });
    const r = await runImport(t, [path]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toContain('4 处问题，未写入任何数据');
    expect(r.err.split('\n').slice(1)).toEqual([
      '项目 第2行 「总投资(万元)」 值“0”：总投资应大于0（单位：万元），否则填报的完成投资无从核对',
      '项目 第3行 「年度计划投资(万元)」 值“1200”：年度计划投资1,200万元超过总投资1,000万元，请核对（单位为万元）',
      '项目 第4行 「截至上年底累计完成投资(万元)」 值“1000.5”：截至上年底累计完成投资1,000.5万元超过总投资1,000万元，请核对（单位为万元）',
      '项目 第5行 「年度计划投资(万元)」 值“600”：年度计划投资600万元加上截至上年底累计完成投资500万元，共1,100万元，超过总投资1,000万元，请核对',
    ]);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('locates every other kind of defect by sheet, row and column', async () => {
    const s = messyWorkbook();
    const p = s.项目!;
    p[1]![5] = '在建'; // 建设性质
    p[1]![6] = '国家重点'; // 项目级别
    p[2]![8] = '不认识'; // 包联领导
    p[2]![13] = '2026-02-30'; // 计划开工日期
    p[3]![14] = '2026-06-30'; // 计划竣工 before 开工 2026-07-01
    p[3]![10] = true; // 总投资 as a logical value
    s.单位![2]![4] = '另一人'; // 市交通局 with a second head
    s.单位![2]![5] = '13900010199';
    s.单位![3]![2] = '1390001'; // short mobile
    s.领导![1]![3] = 'liming@'; // bad e-mail
    const path = join(dir, 'defects.xlsx');
    await writeWorkbook(path, s);
    const r = await runImport(t, [path]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n').slice(1)).toEqual([
      '项目 第2行 「建设性质」 值“在建”：建设性质应为 新开工/续建/竣工/前期 之一',
      '项目 第2行 「项目级别」 值“国家重点”：项目级别应为 省重点/市重点/县重点 之一',
      '项目 第3行 「包联领导」 值“不认识”：「领导」工作表中没有这位包联领导',
      '项目 第3行 「计划开工日期」 值“2026-02-30”：日期不存在（2026年没有2月30日）',
      '项目 第4行 「总投资(万元)」 值“TRUE”：是逻辑值（TRUE/FALSE），不是所需内容',
      '项目 第4行 「计划竣工日期」 值“2026-06-30”：计划竣工日期早于计划开工日期（2026-07-01）',
      '单位 第3行 「负责人手机」 值“13900010199”：同一单位的负责人应一致：第2行为 赵四（13900010102）',
      '单位 第4行 「填报人手机」 值“1390001”：不是有效的手机号（应为 1 开头的 11 位数字；境外号码写 +国家代码）',
      '领导 第2行 「邮箱」 值“liming@”：不是有效的邮箱地址',
    ]);
  });

  it('names a missing sheet and a missing heading', async () => {
    const s = copySheets(sample);
    delete s.领导;
    const rows = s.项目!;
    const i = col(rows, '年度计划投资(万元)');
    for (const row of rows) row.splice(i, 1);
    const path = join(dir, 'incomplete.xlsx');
    await writeWorkbook(path, s);
    const r = await runImport(t, [path]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('缺少工作表「领导」（文件中现有工作表：项目、单位、招商项目、储备项目、节点计划、月度计划）');
    expect(r.err).toContain('项目 第1行 「年度计划投资(万元)」：缺少这一列表头');
  });

  it('imports a CSV of the 项目 sheet against the units and leaders already in the database', async () => {
    const csv = join(dir, '项目.csv');
    writeCsv(csv, sample.项目!);
    const refused = await runImport(t, [csv]);
    expect(refused.code).toBe(1);
    const firstUnit = sample.项目![1]![col(sample.项目!, '责任单位')];
    expect(refused.err).toContain(`项目 第2行 「责任单位」 值“${firstUnit}”：数据库中没有这个责任单位`);

    await runImport(t, [SAMPLE]);
    const edited = copySheets(sample).项目!;
    const total = Number(edited[1]![col(edited, '总投资(万元)')]);
    edited[1]![col(edited, '总投资(万元)')] = (total + 100).toLocaleString('en-US'); // LJ2026-001, a thousands separator as people type it
    writeCsv(csv, edited);
    const r = await runImport(t, [csv]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('项目：新增 0 个，更新 1 个，未变 119 个');
    expect(r.out).toContain('CSV 只含项目表，未改动单位、人员和角色');
    expect((await plansOf(t, 'LJ2026-001')).map((p) => p.total_investment_yuan)).toEqual([total * 10_000, (total + 100) * 10_000]);
    expect(await countRoles(t, 'reporter')).toBe(32);

    const noBom = join(dir, '无BOM.csv');
    writeCsv(noBom, sample.项目!, false);
    expect((await runImport(t, [noBom])).out).toContain('更新 1 个，未变 119 个');
  });

  it('takes the plan year from --year, else from the Beijing calendar, and warns when codes disagree', async () => {
    const copy = join(dir, 'registry.xlsx');
    copyFileSync(SAMPLE, copy);
    // 2025-12-31 20:00 UTC is already 2026-01-01 in Beijing.
    const r1 = await runImport(t, [copy, '--dry-run'], '2025-12-31T20:00:00Z');
    expect(r1.out).toContain('检查 2026 年度项目库');
    const r2 = await runImport(t, [copy, '--year', '2027']);
    expect(r2.err).toContain('项目编号中的年份都是 2026，而本次导入的计划年度是 2027');
    expect((await t.db.selectFrom('plan_years').select('year').execute()).map((y) => y.year)).toEqual([2027]);
    expect((await runImport(t, [copy, '--year', '26'])).code).toBe(2);
  });
});

/** A small register typed the way real ones arrive: shuffled and padded headings, mixed cell types. */
function messyWorkbook(): Sheets {
  return {
    项目: [
      [
        '序号',
        ' 项目名称 ',
        '项目编号',
        '所属县区',
        '项目类别',
        '建设性质',
        '项目级别',
        '责任单位',
        '包联领导',
        '建设单位',
        '总投资（万元）',
        '年度计划投资（万元）',
        '截至上年底累计完成投资 (万元)',
        '计划开工日期',
        '计划竣工日期',
        '建设内容',
        '投资项目代码',
      ],
      [
        1,
        { richText: [{ text: '滨江' }, { text: '大道工程' }] },
        ' LJ2026-101 ',
        ' 江北区',
        '基础设施',
        '续建 ',
        '市重点',
        '市 交通局',
        '李  明',
        '市交通局',
        '1,234.5',
        '１２３',
        ' 88 ',
        new Date(Date.UTC(2026, 2, 1)),
        '2027/3/1',
        ' 道路 \n桥梁',
        '2203-330100-04-01-123456',
      ],
      [
        2,
        '江南污水厂',
        'LJ2026-102',
        '江南区',
        '生态环保',
        '新开工',
        '省重点',
        '市水利局',
        '王芳',
        null,
        { formula: '100+23.45', result: 123.45 },
        0.12345,
        null,
        46082,
        '2026年12月31日',
        '',
        null,
      ],
      [
        3,
        '高新区产业园',
        'LJ2026-103',
        '高新区',
        '产业项目',
        '前期',
        '县重点',
        '市交通局',
        null,
        '某公司',
        '20000',
        '5,000.0000',
        '0',
        '20260701',
        '2026.12.1',
        null,
        null,
      ],
    ],
    单位: [
      [' 责任单位', '填报人', '填报人手机', '填报人邮箱', '负责人', '负责人手机', '负责人邮箱'],
      ['市交通局', '张 三', '+86 139-0001-0101', { text: 'ZS@Example.com', hyperlink: 'mailto:ZS@Example.com' }, '赵四', 13900010102, 'zhao@example.com'],
      ['市交通局', '钱五', '13900010103', null, null, null, null],
      ['市水利局', '孙六', '13900010104', 'sun@example.com', '周七', '13900010105', null],
    ],
    领导: [
      ['姓名', '职务', '手机', '邮箱'],
      ['李明', '副市长', '13900010001', 'liming@example.com'],
      ['王芳', '市长', '+852 9123 4567', null],
    ],
  };
}
