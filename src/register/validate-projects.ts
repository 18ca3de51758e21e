// Checks every row of the 项目 sheet: types, enumerations, dates in order, unique codes, known units and leaders.
import { formatWanExact, parseAmountWan } from '../domain/money';
import { cleanText, compact, nameKey, parseText, parseCode } from './cells';
import { parseDate } from './date';
import type { Parsed, Problem } from './problems';
import { ok, refuse } from './problems';
import { type ColumnSpec, type Table, rowReader } from './table';
import { LEVELS, type LeaderRef, NATURES, type ProjectIn } from './types';

export const PROJECT_COLUMNS: ColumnSpec[] = [
  { key: 'code', heading: '项目编号' },
  { key: 'name', heading: '项目名称' },
  { key: 'county', heading: '所属县区' },
  { key: 'category', heading: '项目类别' },
  { key: 'nature', heading: '建设性质' },
  { key: 'level', heading: '项目级别' },
  { key: 'unit', heading: '责任单位' },
  { key: 'leader', heading: '包联领导' },
  { key: 'owner', heading: '建设单位' },
  { key: 'total', heading: '总投资(万元)' },
  { key: 'annual', heading: '年度计划投资(万元)' },
  { key: 'prior', heading: '截至上年底累计完成投资(万元)' },
  { key: 'start', heading: '计划开工日期', aliases: ['计划开工时间'] },
  { key: 'end', heading: '计划竣工日期', aliases: ['计划竣工时间'] },
  { key: 'content', heading: '建设内容' },
  { key: 'nationalCode', heading: '投资项目代码', optional: true },
  { key: 'reserveCode', heading: '储备编号', optional: true },
];

/** Where 责任单位 and 包联领导 names are looked up: the 单位/领导 sheets, or the database for a CSV. */
export type Lookup = {
  unit(key: string): Parsed<string>;
  leader(key: string): Parsed<LeaderRef>;
};

const oneOf =
  (allowed: readonly string[], what: string) =>
  (raw: Parameters<typeof parseText>[0]): Parsed<string | null> => {
    const t = parseText(raw, compact);
    if (!t.ok || t.value === null) return t;
    return allowed.includes(t.value) ? ok(t.value) : refuse(`${what}应为 ${allowed.join('/')} 之一`);
  };

/** 建设内容 keeps its line breaks; each line is tidied. */
const multiline = (s: string) =>
  s
    .split(/\r?\n/)
    .map(cleanText)
    .filter((l) => l !== '')
    .join('\n');

/** A total line at the foot of the sheet is not a project. */
const TOTAL_LINE = new Set(['合计', '总计', '小计']);

const wan = (yuan: number) => `${formatWanExact(yuan)}万元`;

/**
 * Every amount is bounded by the project's total: a total of 0 (or an annual plan above it) let a reporter's figure
 * go unchecked, and one saved 900,000,000,000 万元 (issue 17). The weekly form allows up to total − prior.
 */
function checkAmounts(
  f: ReturnType<typeof rowReader>,
  total: number | null | undefined,
  annual: number | null | undefined,
  prior: number | null | undefined,
): void {
  if (total === null || total === undefined) return;
  if (total <= 0) {
    f.fail('total', '总投资应大于0（单位：万元），否则填报的完成投资无从核对');
    return;
  }
  if (annual != null && annual > total) f.fail('annual', `年度计划投资${wan(annual)}超过总投资${wan(total)}，请核对（单位为万元）`);
  if (prior != null && prior > total) f.fail('prior', `截至上年底累计完成投资${wan(prior)}超过总投资${wan(total)}，请核对（单位为万元）`);
  else if (annual != null && prior != null && annual <= total && annual + prior > total)
    f.fail('annual', `年度计划投资${wan(annual)}加上截至上年底累计完成投资${wan(prior)}，共${wan(annual + prior)}，超过总投资${wan(total)}，请核对`);
}

export function validateProjects(table: Table, lookup: Lookup): { projects: ProjectIn[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const projects: ProjectIn[] = [];
  const codeRows = new Map<string, number>();
  const reserveRows = new Map<string, number>();
  for (const r of table.rows) {
    if (
      ['code', 'name'].some((k) => {
        const v = r.get(k);
        return v.kind === 'text' && TOTAL_LINE.has(compact(v.text));
      })
    )
      continue;
    const before = problems.length;
    const f = rowReader(table, r, problems);
    const code = f.field('code', parseCode, true);
    if (code) {
      const first = codeRows.get(code);
      if (first !== undefined) f.fail('code', `项目编号与第${first}行重复（同一年度内编号必须唯一）`);
      else codeRows.set(code, r.row);
    }
    const name = f.field('name', parseText, true);
    const county = f.field('county', (raw) => parseText(raw, compact), true);
    const category = f.field('category', (raw) => parseText(raw, compact), true);
    const nature = f.field('nature', oneOf(NATURES, '建设性质'), true);
    const level = f.field('level', oneOf(LEVELS, '项目级别'), true);
    const unit = f.field(
      'unit',
      (raw): Parsed<string | null> => {
        const t = parseText(raw, compact);
        return !t.ok || t.value === null ? t : lookup.unit(nameKey(t.value));
      },
      true,
    );
    const leader = f.field('leader', (raw): Parsed<LeaderRef | null> => {
      const t = parseText(raw, compact);
      if (!t.ok) return t;
      return t.value === null ? ok(null) : lookup.leader(nameKey(t.value));
    });
    const owner = f.field('owner', parseText);
    const content = f.field('content', (raw) => parseText(raw, multiline));
    const nationalCode = table.has('nationalCode') ? f.field('nationalCode', parseCode) : undefined;
    const reserveCode = table.has('reserveCode') ? f.field('reserveCode', parseCode) : undefined;
    if (reserveCode) {
      const first = reserveRows.get(reserveCode);
      if (first !== undefined) f.fail('reserveCode', `储备编号与第${first}行重复（一个储备项目只能列入一个重点项目）`);
      else reserveRows.set(reserveCode, r.row);
    }
    const total = f.field('total', parseAmountWan, true);
    const annual = f.field('annual', parseAmountWan, true);
    // A project started this year has nothing completed before it; registers leave the cell blank then (→ 0).
    const prior = f.field('prior', parseAmountWan);
    checkAmounts(f, total, annual, prior);
    const start = f.field('start', parseDate);
    const end = f.field('end', parseDate);
    if (start && end && end < start) f.fail('end', `计划竣工日期早于计划开工日期（${start}）`);
    if (problems.length > before) continue;
    // Every field was checked above; reaching here means none was refused, so the required ones are present.
    projects.push({
      row: r.row,
      code: code!,
      name: name!,
      county: county!,
      category: category!,
      nature: nature!,
      level: level!,
      unit: unit!,
      leader: leader ?? null,
      owner: owner ?? null,
      content: content ?? null,
      nationalCode: nationalCode === undefined && !table.has('nationalCode') ? undefined : (nationalCode ?? null),
      totalYuan: total!,
      annualYuan: annual!,
      priorYuan: prior ?? 0,
      plannedStart: start ?? null,
      plannedEnd: end ?? null,
      reserveCode: table.has('reserveCode') ? (reserveCode ?? null) : undefined,
    });
  }
  return { projects, problems };
}
