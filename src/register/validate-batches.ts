// Checks the two optional sheets: 招商项目 (四个一批 enterprises) and 储备项目 (the reserve), row by row, every
// problem named by sheet, row and column — the same style as the 项目 sheet.
import { parseAmountWan } from '../domain/money';
import { isReserveStage, RESERVE_STAGES } from '../domain/reserve';
import { compact, nameKey, parseText, type Raw, parseCode } from './cells';
import { parseDate } from './date';
import { ok, refuse, type Parsed, type Problem } from './problems';
import { type ColumnSpec, type Table, rowReader } from './table';
import type { EnterpriseIn, ReserveIn } from './types';
import type { Lookup } from './validate-projects';
import { SHEETS } from './workbook';

export const ENTERPRISE_COLUMNS: ColumnSpec[] = [
  { key: 'code', heading: '编号', aliases: ['企业编号', '项目编号'] },
  { key: 'name', heading: '企业名称' },
  { key: 'county', heading: '所属县区' },
  { key: 'unit', heading: '责任单位' },
  { key: 'signed', heading: '签约日期' },
  { key: 'planned', heading: '计划投资(万元)' },
  { key: 'started', heading: '开工日期', optional: true },
  { key: 'producing', heading: '投产日期', optional: true },
  { key: 'effective', heading: '达效日期', optional: true },
];

export const RESERVE_COLUMNS: ColumnSpec[] = [
  { key: 'code', heading: '储备编号' },
  { key: 'name', heading: '项目名称' },
  { key: 'county', heading: '所属县区' },
  { key: 'category', heading: '类别', aliases: ['项目类别'] },
  { key: 'total', heading: '总投资(万元)' },
  { key: 'stage', heading: '阶段' },
  { key: 'startYear', heading: '计划开工年份' },
  { key: 'unit', heading: '责任单位' },
];

const TOTAL_LINE = new Set(['合计', '总计', '小计']);
const name = (raw: Raw) => parseText(raw, compact);
const isTotalLine = (r: Table['rows'][number]) =>
  ['code', 'name'].some((k) => {
    const v = r.get(k);
    return v.kind === 'text' && TOTAL_LINE.has(compact(v.text));
  });

function unitField(lookup: Lookup) {
  return (raw: Raw): Parsed<string | null> => {
    const t = parseText(raw, compact);
    return !t.ok || t.value === null ? t : lookup.unit(nameKey(t.value));
  };
}

function positiveAmount(raw: Raw): Parsed<number | null> {
  const a = parseAmountWan(raw);
  if (!a.ok || a.value === null) return a;
  return a.value > 0 ? ok(a.value) : refuse('金额应大于0（单位：万元）');
}

function year(raw: Raw): Parsed<number | null> {
  if (raw.kind === 'empty') return ok(null);
  const text = raw.kind === 'number' ? String(raw.n) : raw.kind === 'text' ? raw.text.normalize('NFKC').trim().replace(/年$/u, '') : '';
  if (!/^\d{4}$/.test(text)) return refuse('应为四位年份，如 2027');
  const y = Number(text);
  return y >= 2000 && y <= 2100 ? ok(y) : refuse('年份超出合理范围（2000–2100）');
}

export function validateEnterprises(table: Table, lookup: Lookup): { enterprises: EnterpriseIn[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const enterprises: EnterpriseIn[] = [];
  const codeRows = new Map<string, number>();
  for (const r of table.rows) {
    if (isTotalLine(r)) continue;
    const before = problems.length;
    const f = rowReader(table, r, problems);
    const code = f.field('code', parseCode, true);
    if (code) {
      const first = codeRows.get(code);
      if (first !== undefined) f.fail('code', `编号与第${first}行重复（同一年度内编号必须唯一）`);
      else codeRows.set(code, r.row);
    }
    const entName = f.field('name', parseText, true);
    const county = f.field('county', name, true);
    const unit = f.field('unit', unitField(lookup), true);
    const signed = f.field('signed', parseDate, true);
    const planned = f.field('planned', positiveAmount, true);
    const started = f.field('started', parseDate);
    const producing = f.field('producing', parseDate);
    const effective = f.field('effective', parseDate);
    // The chain runs forward: no stage before signing, none before the stage it follows (a skipped stage is allowed).
    const chain: Array<[string, string | null | undefined, string]> = [
      ['started', started, '开工日期'],
      ['producing', producing, '投产日期'],
      ['effective', effective, '达效日期'],
    ];
    let last: { date: string; label: string } | null = signed ? { date: signed, label: '签约日期' } : null;
    for (const [key, date, label] of chain) {
      if (!date) continue;
      if (last && date < last.date) f.fail(key, `${label}早于${last.label}（${last.date}），日期不能倒退，请核对`);
      else last = { date, label };
    }
    if (problems.length > before) continue;
    enterprises.push({
      row: r.row,
      code: code!,
      name: entName!,
      county: county!,
      unit: unit!,
      signedOn: signed!,
      plannedYuan: planned!,
      startedOn: started ?? null,
      producingOn: producing ?? null,
      effectiveOn: effective ?? null,
    });
  }
  return { enterprises, problems };
}

export function validateReserve(table: Table, lookup: Lookup): { reserve: ReserveIn[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const reserve: ReserveIn[] = [];
  const codeRows = new Map<string, number>();
  for (const r of table.rows) {
    if (isTotalLine(r)) continue;
    const before = problems.length;
    const f = rowReader(table, r, problems);
    const code = f.field('code', parseCode, true);
    if (code) {
      const first = codeRows.get(code);
      if (first !== undefined) f.fail('code', `储备编号与第${first}行重复（储备编号必须唯一）`);
      else codeRows.set(code, r.row);
    }
    const projectName = f.field('name', parseText, true);
    const county = f.field('county', name, true);
    const category = f.field('category', name, true);
    const total = f.field('total', positiveAmount, true);
    const stage = f.field(
      'stage',
      (raw): Parsed<string | null> => {
        const t = parseText(raw, compact);
        if (!t.ok || t.value === null) return t;
        return isReserveStage(t.value) ? ok(t.value) : refuse(`阶段应为 ${RESERVE_STAGES.join('/')} 之一`);
      },
      true,
    );
    const startYear = f.field('startYear', year);
    const unit = f.field('unit', unitField(lookup), true);
    if (problems.length > before) continue;
    reserve.push({
      row: r.row,
      code: code!,
      name: projectName!,
      county: county!,
      category: category!,
      totalYuan: total!,
      stage: stage!,
      startYear: startYear ?? null,
      unit: unit!,
    });
  }
  return { reserve, problems };
}

/**
 * A project row naming a 储备编号 must name a reserve project: of this file's 储备项目 sheet, or one already in the
 * database (`known`). Checked after the sheets, since the database is read only when the file does not say.
 */
export function checkReserveLinks(
  projects: ReadonlyArray<{ row: number; reserveCode?: string | null | undefined }>,
  inFile: ReadonlySet<string>,
  known: ReadonlySet<string>,
): Problem[] {
  return projects
    .filter((p) => p.reserveCode && !inFile.has(p.reserveCode) && !known.has(p.reserveCode))
    .map((p) => ({
      sheet: '项目',
      row: p.row,
      column: '储备编号',
      value: p.reserveCode ?? null,
      reason: '储备库中没有这个储备编号（「储备项目」工作表和数据库中都没有）',
    }));
}

/**
 * The counties and categories the 招商项目 and 储备项目 rows name must be the register's own: a county of this file's
 * 项目 sheet or of the database, a 类别 likewise. A mistyped 「江北」 would otherwise become a new county, with its own
 * line in every figure. Checked after the sheets, since the database is read only once the file is valid.
 */
export function checkBatchNames(
  rows: { enterprises: ReadonlyArray<{ row: number; county: string }>; reserve: ReadonlyArray<{ row: number; county: string; category: string }> },
  known: { counties: Iterable<string>; categories: Iterable<string> },
): Problem[] {
  const counties = new Set([...known.counties].map(nameKey));
  const categories = new Set([...known.categories].map(nameKey));
  const problems: Problem[] = [];
  const county = (sheet: string, r: { row: number; county: string }) => {
    if (!counties.has(nameKey(r.county)))
      problems.push({ sheet, row: r.row, column: '所属县区', value: r.county, reason: '项目库中没有这个县区（「项目」工作表和数据库中都没有），请核对名称' });
  };
  for (const e of rows.enterprises) county(SHEETS.enterprises, e);
  for (const r of rows.reserve) {
    county(SHEETS.reserve, r);
    if (!categories.has(nameKey(r.category)))
      problems.push({
        sheet: SHEETS.reserve,
        row: r.row,
        column: '类别',
        value: r.category,
        reason: '项目库中没有这个项目类别（「项目」工作表和数据库中都没有），请核对名称',
      });
  }
  return problems;
}
