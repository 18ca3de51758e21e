// `diaodu import` of mutated registers: the sample workbook with random cells (text of any unicode, numbers, dates,
// booleans, formulas without results, error cells, rich text, huge strings), rows deleted or duplicated, columns
// removed, sheets renamed or dropped — also saved as CSV. Every run either imports (exit 0, a summary; importing the
// same file again changes nothing) or lists its problems (exit 1) and leaves the database exactly as it was. Never an
// exception ("执行失败"), never a partial write.
import Database from 'better-sqlite3';
import type ExcelJS from 'exceljs';
import fc from 'fast-check';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { copySheets, readSheets, SAMPLE, type Sheets, writeCsv, writeWorkbook } from '../fixtures/register-workbooks';
import { sampleLookup } from '../fixtures/sample-lookup';
import { captureIo } from '../helpers/io';

const NOW = '2026-03-10T09:00:00+08:00';

/** A reporter and the mayor of the generated register, whose names, mobiles and emails mutated cells repeat. */
const S = await sampleLookup();
const REPORTER = S.units[0]!.reporters[0]!;
const MAYOR = S.leaderTitled('市长');

const cellValue: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  fc.constant(null),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 5000, maxLength: 30000 }),
  fc.double(),
  fc.integer(),
  fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
  fc.boolean(),
  // Values the register's own columns hold, so that rows collide with each other and with the database.
  fc.constantFrom(
    'LJ2026-001',
    'LJ2026-002',
    '市教育局',
    '市直',
    REPORTER.name,
    MAYOR.name,
    MAYOR.mobile,
    REPORTER.mobile,
    REPORTER.email,
    '续建',
    '新开工',
    '市重点',
    '2026-02-30',
    '2026/3/1',
    '2026年3月1日',
    '1,234.5',
    '１２３４',
    '-5',
    '0',
    ' ',
  ),
  fc.constantFrom<ExcelJS.CellValue>(
    { formula: 'A1*2' } as ExcelJS.CellFormulaValue,
    { formula: 'K2', result: 5 } as ExcelJS.CellFormulaValue,
    { error: '#REF!' } as ExcelJS.CellErrorValue,
    { richText: [{ text: '市教' }, { text: '育局' }] },
    { text: '市直', hyperlink: 'https://example.invalid/' },
  ),
);

type Mutation =
  | { kind: 'set'; sheet: number; row: number; col: number; value: ExcelJS.CellValue }
  | { kind: 'deleteRow' | 'duplicateRow'; sheet: number; row: number }
  | { kind: 'deleteColumn'; sheet: number; col: number }
  | { kind: 'renameSheet'; sheet: number; name: string }
  | { kind: 'dropSheet'; sheet: number };

const sheet = fc.nat(2);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('set' as const), sheet, row: fc.nat(130), col: fc.nat(16), value: cellValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('deleteRow' as const, 'duplicateRow' as const), sheet, row: fc.nat(130) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteColumn' as const), sheet, col: fc.nat(15) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('renameSheet' as const), sheet, name: fc.constantFrom('项目表', 'Sheet1', ' 单位 ', '领 导', '项目（2026）') }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dropSheet' as const), sheet }) },
);

function mutate(base: Sheets, ms: Mutation[]): Sheets {
  const s = copySheets(base);
  for (const m of ms) {
    const name = Object.keys(s)[m.sheet % Object.keys(s).length];
    if (name === undefined) break;
    const rows = s[name]!;
    const r = rows.length ? (m.kind === 'set' || m.kind === 'deleteRow' || m.kind === 'duplicateRow' ? m.row % (rows.length + 1) : 0) : 0;
    switch (m.kind) {
      case 'set':
        rows[r] ??= [];
        rows[r]![m.col] = m.value;
        if (r >= rows.length) rows.length = r + 1;
        break;
      case 'deleteRow':
        rows.splice(r, 1);
        break;
      case 'duplicateRow':
        if (rows[r]) rows.splice(r, 0, [...rows[r]!]);
        break;
      case 'deleteColumn':
        for (const row of rows) row.splice(m.col, 1);
        break;
      case 'renameSheet':
        if (!(m.name in s)) {
          s[m.name] = rows;
          delete s[name];
        }
        break;
      case 'dropSheet':
        delete s[name];
        break;
    }
  }
  for (const k of Object.keys(s)) s[k] = s[k]!.map((row) => row ?? []);
  return s;
}

/** Every row of every table, in a stable order: equal dumps mean the database was not touched. */
function dump(path: string, skip: string[] = []): string {
  const d = new Database(path, { readonly: true });
  try {
    const tables = (
      d.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as Array<{ name: string }>
    ).map((t) => t.name);
    return JSON.stringify(tables.filter((t) => !skip.includes(t)).map((t) => [t, d.prepare(`select * from "${t}" order by rowid`).all()]));
  } finally {
    d.close();
  }
}

describe('diaodu import of mutated registers', () => {
  let dir: string;
  let base: string;
  let sample: Sheets;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'diaodu-import-prop-'));
    sample = await readSheets(SAMPLE);
    // A database that already holds the sample register: the import then updates, versions and compares.
    base = join(dir, 'base.sqlite');
    const io = captureIo();
    expect(await runCli(['import', SAMPLE, '--year', '2026'], { DATABASE_URL: base, DIAODU_NOW: NOW }, io.io), io.err.join('\n')).toBe(0);
    const d = new Database(base);
    d.pragma('wal_checkpoint(TRUNCATE)');
    d.close();
  }, 60_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let run = 0;
  const importFile = async (db: string, file: string) => {
    const io = captureIo();
    const code = await runCli(['import', file, '--year', '2026'], { DATABASE_URL: db, DIAODU_NOW: NOW }, io.io);
    return { code, out: io.out.join('\n'), err: io.err.join('\n') };
  };

  it('imports or lists the problems, and a refused file writes nothing', async () => {
    const seen = { imported: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.boolean(), async (ms, emptyDb, asCsv) => {
        run += 1;
        const sheets = mutate(sample, ms);
        const file = join(dir, `r${run}.${asCsv ? 'csv' : 'xlsx'}`);
        try {
          if (asCsv) writeCsv(file, sheets.项目 ?? Object.values(sheets)[0] ?? []);
          else await writeWorkbook(file, sheets);
        } catch {
          fc.pre(false); // exceljs refused to write it (e.g. a string with characters XML cannot hold)
        }
        const db = join(dir, `r${run}.sqlite`);
        if (!emptyDb) copyFileSync(base, db);
        const before = emptyDb ? null : dump(db);
        const first = await importFile(db, file);
        expect(first.err, first.err.slice(0, 500)).not.toContain('执行失败');
        expect([0, 1]).toContain(first.code);
        if (first.code === 1) {
          seen.refused += 1;
          // The first line names the database the command writes to; the problems follow it.
          expect(first.err).toMatch(/^写入数据库：.+\n/);
          const problems = first.err.replace(/^写入数据库：[^\n]*\n/, '');
          expect(problems.slice(0, 300)).toMatch(/^项目库文件有 \d+ 处问题，未写入任何数据。请改正后重新导入：|^无法读取|^文件 /);
          if (before !== null) expect(dump(db) === before, 'a refused import changed the database').toBe(true);
          else if (existsSync(db))
            expect(JSON.parse(dump(db, ['kysely_migration', 'kysely_migration_lock'])).filter(([, rows]: [string, unknown[]]) => rows.length > 0)).toEqual([]);
        } else {
          seen.imported += 1;
          expect(first.out).toContain('已导入 2026 年度项目库');
          // The same file again changes nothing (but leaves its audit row).
          const once = dump(db, ['register_imports']);
          const again = await importFile(db, file);
          expect(again.code, again.err.slice(0, 500)).toBe(0);
          expect(again.out).toMatch(/项目：新增 0 个，更新 0 个/);
          expect(dump(db, ['register_imports']) === once, 'a second import of the same file changed the database').toBe(true);
        }
        rmSync(db, { force: true });
        rmSync(`${db}-wal`, { force: true });
        rmSync(`${db}-shm`, { force: true });
        rmSync(file, { force: true });
      }),
      { numRuns: 60 },
    );
    console.log(`[import property] ${JSON.stringify(seen)}`);
    // Both outcomes were exercised, not one of them only.
    expect(seen.imported).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  }, 120_000);
});
