// Validates a whole register file at once: every problem in every sheet is collected before anything is written.
import { nameKey, parseCode } from './cells';
import { type Checked, type Problem, fileProblem, ok, refuse, sortProblems } from './problems';
import { locateColumns, type Table } from './table';
import type { LeaderRef, Reference, Register } from './types';
import { LEADER_COLUMNS, PeopleBook, UNIT_COLUMNS, validateLeaders, validateUnits } from './validate-people';
import { ROLE_COLUMNS, validateRoles } from './validate-roles';
import { ENTERPRISE_COLUMNS, RESERVE_COLUMNS, validateEnterprises, validateReserve } from './validate-batches';
import { MONTH_PLAN_COLUMNS, validateMonthPlans } from './validate-month-plans';
import { NODE_COLUMNS, validateNodes } from './validate-nodes';
import { type Lookup, PROJECT_COLUMNS, validateProjects } from './validate-projects';
import { type RegisterFile, SHEETS } from './workbook';

const CSV_HINT = '（CSV 只含项目表，单位和领导须先用含「单位」「领导」工作表的 .xlsx 导入）';

/** For a CSV: 责任单位 and 包联领导 must already be in the database. */
function referenceLookup(ref: Reference): Lookup {
  const units = new Map(ref.units.map((u) => [nameKey(u), u]));
  const leaders = new Map<string, Reference['leaders']>();
  for (const l of ref.leaders) leaders.set(nameKey(l.name), [...(leaders.get(nameKey(l.name)) ?? []), l]);
  return {
    unit: (key) => {
      const u = units.get(key);
      return u ? ok(u) : refuse(`数据库中没有这个责任单位${CSV_HINT}`);
    },
    leader: (key) => {
      const found = leaders.get(key) ?? [];
      if (found.length > 1) return refuse('数据库中有多位同名的包联领导，无法区分');
      const l = found[0];
      return l ? ok({ name: l.name, personId: l.personId }) : refuse(`数据库中没有这位包联领导${CSV_HINT}`);
    },
  };
}

/**
 * Checks the file's sheets; `reference` (units and leaders in the database) is needed only for a CSV.
 * Returns the register ready to write, or every problem found, sorted by sheet and row.
 */
export function validateRegister(file: RegisterFile, reference: Reference | null, year?: number): Checked<Register> {
  const problems: Problem[] = [];
  const wanted = file.source === 'csv' ? [SHEETS.projects] : [SHEETS.projects, SHEETS.units, SHEETS.leaders];
  const missing = wanted.filter((s) => !file.sheets.has(s));
  if (missing.length > 0) {
    const present = [...file.sheets.keys()].join('、') || '无';
    for (const s of missing) problems.push(fileProblem(`缺少工作表「${s}」（文件中现有工作表：${present}）`));
  }
  const book = new PeopleBook();
  let lookup: Lookup | null = file.source === 'csv' && reference ? referenceLookup(reference) : null;
  let units: Register['units'] = null;
  let unitRows = new Map<string, number>();
  let leaders: Register['leaders'] = null;
  if (file.source === 'xlsx') {
    const unitSheet = file.sheets.get(SHEETS.units);
    const leaderSheet = file.sheets.get(SHEETS.leaders);
    const u = unitSheet && locateColumns(unitSheet, UNIT_COLUMNS);
    const l = leaderSheet && locateColumns(leaderSheet, LEADER_COLUMNS);
    const uv = u && u.problems.length === 0 ? validateUnits(u.table, book) : null;
    const lv = l && l.problems.length === 0 ? validateLeaders(l.table, book) : null;
    problems.push(...(u?.problems ?? []), ...(uv?.problems ?? []), ...(l?.problems ?? []), ...(lv?.problems ?? []));
    units = uv?.units ?? null;
    unitRows = uv?.firstRows ?? new Map();
    leaders = lv?.leaders ?? null;
    // When a sheet could not be read, names are not checked against it: one cause, one problem line.
    lookup = {
      unit: (key) => {
        const n = uv ? uv.names.get(key) : key;
        return n ? ok(n) : refuse('「单位」工作表中没有这个责任单位');
      },
      leader: (key) => {
        const n = lv ? lv.names.get(key) : { name: key, mobile: '' };
        return n ? ok<LeaderRef>({ name: n.name, mobile: n.mobile }) : refuse('「领导」工作表中没有这位包联领导');
      },
    };
  }
  const projectSheet = file.sheets.get(SHEETS.projects);
  let projects: Register['projects'] = [];
  // Every 项目编号 the 项目 sheet names, its rows valid or not (null when the sheet could not be read): a node is
  // checked against these, so that a project row with a mistake is reported once, not again for each of its nodes.
  let codesInSheet: Set<string> | null = null;
  if (projectSheet && lookup) {
    const located = locateColumns(projectSheet, PROJECT_COLUMNS);
    problems.push(...located.problems);
    if (located.problems.length === 0) {
      codesInSheet = codesOf(located.table);
      const checked = validateProjects(located.table, lookup);
      problems.push(...checked.problems);
      projects = checked.projects;
      if (projects.length === 0 && checked.problems.length === 0) problems.push(fileProblem('「项目」工作表中没有项目（第一行应为表头，项目从第二行起）'));
      // A department without 填报人 may take problems but not projects: someone must report on them each week.
      for (const u of units ?? []) {
        const count = u.reporters.length === 0 ? projects.filter((p) => p.unit === u.name).length : 0;
        if (count > 0)
          problems.push({
            sheet: SHEETS.units,
            row: unitRows.get(u.name) ?? 0,
            column: '填报人',
            value: null,
            reason: `单位“${u.name}”是${count}个项目的责任单位，须至少登记一位填报人`,
          });
      }
    }
  }
  // The optional sheets of 四个一批 and the reserve: absent, what is stored stays; present, checked like the rest.
  let enterprises: Register['enterprises'] = null;
  let reserve: Register['reserve'] = null;
  const enterpriseSheet = file.sheets.get(SHEETS.enterprises);
  if (enterpriseSheet && lookup) {
    const located = locateColumns(enterpriseSheet, ENTERPRISE_COLUMNS);
    problems.push(...located.problems);
    if (located.problems.length === 0) {
      const checked = validateEnterprises(located.table, lookup);
      problems.push(...checked.problems);
      enterprises = checked.enterprises;
    }
  }
  const reserveSheet = file.sheets.get(SHEETS.reserve);
  if (reserveSheet && lookup) {
    const located = locateColumns(reserveSheet, RESERVE_COLUMNS);
    problems.push(...located.problems);
    if (located.problems.length === 0) {
      const checked = validateReserve(located.table, lookup);
      problems.push(...checked.problems);
      reserve = checked.reserve;
    }
  }
  // The optional 权限 sheet: county viewers, unit viewers and administrators, checked against this file's counties and units.
  let roles: Register['roles'] = null;
  const roleSheet = file.source === 'xlsx' ? file.sheets.get(SHEETS.roles) : undefined;
  if (roleSheet && lookup) {
    const located = locateColumns(roleSheet, ROLE_COLUMNS);
    problems.push(...located.problems);
    if (located.problems.length === 0) {
      const counties = new Map(projects.map((p) => [nameKey(p.county), p.county]));
      const unitOf = lookup.unit;
      const checked = validateRoles(located.table, book, {
        county: (key) => counties.get(key) ?? null,
        unit: (key) => {
          const u = unitOf(key);
          return u.ok ? u.value : null;
        },
      });
      problems.push(...checked.problems);
      roles = checked.roles;
    }
  }
  // 节点计划: each node belongs to a project of this file's 项目 sheet.
  let nodes: Register['nodes'] = null;
  const nodeSheet = file.sheets.get(SHEETS.nodes);
  if (nodeSheet && projectSheet) {
    const located = locateColumns(nodeSheet, NODE_COLUMNS);
    problems.push(...located.problems);
    if (located.problems.length === 0) {
      const checked = validateNodes(located.table, codesInSheet, year ?? null);
      problems.push(...checked.problems);
      nodes = checked.nodes;
    }
  }
  // 月度计划: each row a project of this file's 项目 sheet, its December equal to that row's 年度计划投资.
  let monthPlans: Register['monthPlans'] = null;
  const monthPlanSheet = file.sheets.get(SHEETS.monthPlans);
  if (monthPlanSheet && projectSheet) {
    const located = locateColumns(monthPlanSheet, MONTH_PLAN_COLUMNS);
    problems.push(...located.problems);
    if (located.problems.length === 0) {
      const annual = new Map(projects.map((p) => [p.code, p.annualYuan]));
      const checked = validateMonthPlans(located.table, codesInSheet, annual);
      problems.push(...checked.problems);
      monthPlans = checked.plans;
    }
  }
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  return ok({ source: file.source, projects, units, leaders, enterprises, reserve, roles, nodes, monthPlans });
}

function codesOf(table: Table): Set<string> {
  const out = new Set<string>();
  for (const r of table.rows) {
    const c = parseCode(r.get('code'));
    if (c.ok && c.value) out.add(c.value);
  }
  return out;
}
