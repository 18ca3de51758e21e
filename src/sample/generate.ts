// The sample project register of the fictional 临江市 (plan year 2026), generated from a seed: the workbook the
// sandbox loads and the tests import, and a defective copy whose six defects the importer must locate. The same seed
// gives the same rows; writeSampleWorkbook pins every date inside the file, so it also gives the same bytes.
import { mulberry32, type Rng } from './prng';
import {
  CATEGORIES,
  CITY,
  CITY_LEVEL,
  CITY_UNITS,
  COMPANY_WORDS,
  CONTENT,
  COUNTIES,
  type Category,
  countyUnit,
  GIVEN_NAMES,
  INDUSTRIES,
  LEADER_POSTS,
  NAME_PATTERNS,
  PHASES,
  RIVERS,
  ROADS,
  AREAS,
  SURNAMES,
} from './vocab';

export const SAMPLE_SEED = 20260101;
export const INVALID_SEED = 20261313;
export const SAMPLE_YEAR = 2026;
/** The time written into the workbook's properties and every zip entry: fixed, so the bytes never depend on the clock. */
export const SAMPLE_WRITTEN_AT = new Date('2026-01-05T01:00:00Z');

export const PROJECT_HEADINGS = [
  '项目编号',
  '项目名称',
  '所属县区',
  '项目类别',
  '建设性质',
  '项目级别',
  '责任单位',
  '包联领导',
  '建设单位',
  '总投资(万元)',
  '年度计划投资(万元)',
  '截至上年底累计完成投资(万元)',
  '计划开工日期',
  '计划竣工日期',
  '建设内容',
] as const;
export const UNIT_HEADINGS = ['责任单位', '填报人', '填报人手机', '填报人邮箱', '负责人', '负责人手机', '负责人邮箱'] as const;
export const LEADER_HEADINGS = ['姓名', '职务', '手机', '邮箱'] as const;

export type Cell = string | number;
export const ENTERPRISE_HEADINGS = ['编号', '企业名称', '所属县区', '责任单位', '签约日期', '计划投资(万元)', '开工日期', '投产日期', '达效日期'] as const;
export const RESERVE_HEADINGS = ['储备编号', '项目名称', '所属县区', '类别', '总投资(万元)', '阶段', '计划开工年份', '责任单位'] as const;

export const NODE_HEADINGS = ['项目编号', '节点名称', '计划完成日期', '节点类型', '实际完成日期'] as const;
export const MONTH_PLAN_HEADINGS = ['项目编号', '1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'] as const;
export type SampleSheets = {
  项目: Cell[][];
  单位: Cell[][];
  领导: Cell[][];
  招商项目?: Cell[][];
  储备项目?: Cell[][];
  节点计划?: Cell[][];
  月度计划?: Cell[][];
};

export type SampleShape = {
  projects: number;
  /** How many units have a second reporter. */
  twoReporterUnits: number;
  /**
   * How many projects the busiest city department reports: more than the ten a weekly card shows on one page, so
   * that the sandbox and the tests have a unit whose card is paged. Unset: left as the draw fell.
   */
  largestUnit?: number;
};
export const SAMPLE_SHAPE: SampleShape = { projects: 120, twoReporterUnits: 8, largestUnit: 13 };

type Unit = { name: string; county: string | null; categories: readonly Category[] };
type Person = { name: string; mobile: string; email: string };

const NATURE_WEIGHTS: ReadonlyArray<[string, number]> = [
  ['续建', 0.42],
  ['新开工', 0.3],
  ['竣工', 0.14],
  ['前期', 0.14],
];

function weighted<T>(rng: Rng, list: ReadonlyArray<[T, number]>): T {
  let x = rng.next();
  for (const [v, w] of list) {
    if (x < w) return v;
    x -= w;
  }
  return list[list.length - 1]![0];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const date = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** An amount in 万元, rounded to ten 万元 as registers are kept. */
const wan = (x: number) => Math.max(10, Math.round(x / 10) * 10);

/** The city's 24 responsible units: its departments and companies, and one per county or zone. */
function units(): Unit[] {
  return [
    ...CITY_UNITS.map((u) => ({ name: u.name, county: null, categories: u.categories })),
    ...COUNTIES.map((c) => ({ name: countyUnit(c), county: c, categories: CATEGORIES })),
  ];
}

/** Unique person names: a surname and a given name, never the same full name twice. */
function nameMaker(rng: Rng) {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const name = `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

type People = { leaders: Array<Person & { post: string }>; unitRows: Cell[][] };

/** Leaders first (mobiles 13900010001…, the mayor first), then each unit's reporters and head. */
function people(rng: Rng, all: Unit[], twoReporterUnits: number): People {
  const name = nameMaker(rng);
  let serial = 0;
  const mobile = () => `139000${pad(10000 + ++serial, 5)}`;
  const leaders = LEADER_POSTS.map((post, i) => ({ name: name(), post, mobile: mobile(), email: `leader${pad(i + 1)}@${CITY.mailDomain}` }));
  const doubles = new Set<number>();
  while (doubles.size < Math.min(twoReporterUnits, all.length)) doubles.add(rng.int(0, all.length - 1));
  const unitRows: Cell[][] = [];
  all.forEach((u, i) => {
    const reporters = Array.from({ length: doubles.has(i) ? 2 : 1 }, (_, k) => ({
      name: name(),
      mobile: mobile(),
      email: `tb${pad(i + 1)}${k ? 'b' : ''}@${CITY.mailDomain}`,
    }));
    const head = { name: name(), mobile: mobile(), email: `fzr${pad(i + 1)}@${CITY.mailDomain}` };
    for (const r of reporters) unitRows.push([u.name, r.name, r.mobile, r.email, head.name, head.mobile, head.email]);
  });
  return { leaders, unitRows };
}

/** Dates, total investment, this year's plan and what was done before, consistent with the project's stage. */
function figures(rng: Rng, nature: string, year: number) {
  const total = wan(Math.exp(rng.next() * Math.log(600_000 / 5_000)) * 5_000);
  const endYear = year + rng.int(1, 3);
  const end = date(endYear, rng.int(1, 12), 28);
  switch (nature) {
    case '续建': {
      const prior = wan(total * (0.15 + rng.next() * 0.45));
      const annual = Math.min(wan(total * (0.15 + rng.next() * 0.25)), total - prior);
      return { total, annual, prior, start: date(year - rng.int(1, 3), rng.int(1, 12), rng.int(1, 28)), end };
    }
    case '新开工': {
      const annual = wan(total * (0.15 + rng.next() * 0.25));
      return { total, annual, prior: 0, start: date(year, rng.int(2, 10), rng.int(1, 28)), end };
    }
    case '竣工': {
      const prior = wan(total * (0.45 + rng.next() * 0.3));
      return { total, annual: total - prior, prior, start: date(year - rng.int(1, 3), rng.int(1, 12), rng.int(1, 28)), end: date(year, rng.int(3, 12), 28) };
    }
    default: {
      // 前期: preparatory; a little this year (design, land), the start at the year's end or later.
      const annual = wan(total * (0.01 + rng.next() * 0.02));
      return { total, annual, prior: 0, start: date(year, 12, rng.int(1, 28)), end: date(endYear + 1, rng.int(1, 12), 28) };
    }
  }
}

function projectRows(rng: Rng, all: Unit[], leaders: Person[], count: number, year: number): Cell[][] {
  const names = new Set<string>();
  const rows: Cell[][] = [];
  for (let i = 0; i < count; i++) {
    // Every unit has at least one project; the rest are spread at random, city departments weighted up.
    const unit = i < all.length ? all[i]! : rng.chance(0.55) ? all[rng.int(0, CITY_UNITS.length - 1)]! : rng.pick(all);
    const category = rng.pick(unit.categories);
    const county = unit.county ?? (rng.chance(0.35) ? CITY_LEVEL : rng.pick(COUNTIES));
    const nature = weighted(rng, NATURE_WEIGHTS);
    const company = `${rng.pick(COMPANY_WORDS)}${rng.pick(['实业', '科技', '新材料', '智能制造'])}有限公司`;
    let name = '';
    for (let tries = 0; !name || names.has(name); tries++) {
      const words = {
        p: county === CITY_LEVEL ? '' : county,
        reach: county === CITY_LEVEL ? rng.pick(COUNTIES) : county,
        road: rng.pick(ROADS),
        area: rng.pick(AREAS),
        river: rng.pick(RIVERS),
        industry: rng.pick(INDUSTRIES),
        company: company.slice(0, 2),
        phase: rng.pick(PHASES),
      };
      name = rng.pick(NAME_PATTERNS[category])(words);
      if (tries > 50) name = `${name}${tries}`;
    }
    names.add(name);
    const f = figures(rng, nature, year);
    const [what, measure] = rng.pick(CONTENT[category]);
    const quantity = measure === '公里' || measure === '万平方米' ? rng.int(2, 60) : rng.int(1, 12);
    rows.push([
      `${CITY.codePrefix}${year}-${pad(i + 1, 3)}`,
      name,
      county,
      category,
      nature,
      rng.chance(0.18) ? '省重点' : '市重点',
      unit.name,
      rng.pick(leaders).name,
      category === '产业项目' && rng.chance(0.7) ? company : unit.name,
      f.total,
      f.annual,
      f.prior,
      f.start,
      f.end,
      `建设内容：${nature === '竣工' ? '完成' : '建设'}${what}约${quantity}${measure}及配套设施。`,
    ]);
  }
  return rows;
}

/**
 * Gives the city department with the most projects (the first of them on a tie) `size` projects, taking projects of
 * its categories from the other city departments, last rows first and never a unit's first project (rows 1–24), so
 * every unit keeps one. Only 责任单位 (and 建设单位 where the unit built it itself) changes: no figure, name or code.
 */
function gatherLargestUnit(rows: Cell[][], all: Unit[], size: number): void {
  const unitCol = PROJECT_HEADINGS.indexOf('责任单位');
  const builderCol = PROJECT_HEADINGS.indexOf('建设单位');
  const categoryCol = PROJECT_HEADINGS.indexOf('项目类别');
  const city = all.filter((u) => u.county === null);
  const countOf = (u: Unit) => rows.filter((r) => r[unitCol] === u.name).length;
  const target = city.reduce((best, u) => (countOf(u) > countOf(best) ? u : best));
  for (let i = rows.length - 1; i >= all.length && countOf(target) < size; i--) {
    const r = rows[i]!;
    const from = city.find((u) => u.name === r[unitCol]);
    if (!from || from === target || !target.categories.includes(r[categoryCol] as Category)) continue;
    if (r[builderCol] === from.name) r[builderCol] = target.name;
    r[unitCol] = target.name;
  }
}

/** The sample register: 120 projects of 24 units (32 reporters), 12 leaders, 11 counties and zones. */
export function sampleRegister(seed = SAMPLE_SEED, shape: SampleShape = SAMPLE_SHAPE, year = SAMPLE_YEAR): SampleSheets {
  const rng = mulberry32(seed);
  const all = units();
  const { leaders, unitRows } = people(rng, all, shape.twoReporterUnits);
  const rows = projectRows(rng, all, leaders, shape.projects, year);
  if (shape.largestUnit !== undefined) gatherLargestUnit(rows, all, shape.largestUnit);
  return {
    项目: [[...PROJECT_HEADINGS], ...rows],
    单位: [[...UNIT_HEADINGS], ...unitRows],
    领导: [[...LEADER_HEADINGS], ...leaders.map((l) => [l.name, l.post, l.mobile, l.email])],
    招商项目: [[...ENTERPRISE_HEADINGS], ...enterpriseRows(mulberry32(seed + 20), year, Math.max(6, Math.round(shape.projects / 3)))],
    储备项目: [[...RESERVE_HEADINGS], ...reserveRows(mulberry32(seed + 21), year, Math.max(6, Math.round(shape.projects * 0.3)))],
    节点计划: [[...NODE_HEADINGS], ...nodeRows(mulberry32(seed + 22), year, rows)],
    月度计划: [[...MONTH_PLAN_HEADINGS], ...monthPlanRows(mulberry32(seed + 23), rows)],
  };
}

/**
 * The 月度计划 sheet: about one 续建 or 竣工 project in four gets its own curve of the year — the cumulative planned
 * investment at each month end (whole 万元), slow over the Spring Festival, reaching its 年度计划投资 in December. The
 * others stay on the city-wide 序时. Drawn from a stream of its own, so the other sheets stay as they were.
 */
function monthPlanRows(rng: Rng, projects: readonly Cell[][]): Cell[][] {
  const annualAt = PROJECT_HEADINGS.indexOf('年度计划投资(万元)');
  const rows: Cell[][] = [];
  for (const p of projects) {
    if ((p[4] !== '续建' && p[4] !== '竣工') || !rng.chance(0.25)) continue;
    const annual = Number(p[annualAt]);
    const weights = Array.from({ length: 12 }, (_, i) => (i < 2 ? 0.4 : 1) * (0.5 + rng.next()));
    const all = weights.reduce((a, w) => a + w, 0);
    let sum = 0;
    const cumulative = weights.map((w, i) => {
      sum += w;
      return i === 11 ? annual : Math.floor((annual * sum) / all);
    });
    rows.push([p[0] as Cell, ...cumulative]);
  }
  return rows;
}

/** The key nodes of each kind of project, in order (节点控制): worked backwards from its end. */
const NODE_PLANS: Record<string, ReadonlyArray<[string, string]>> = {
  新开工: [
    ['开工', '开工'],
    ['基础完成', '基础完成'],
    ['主体封顶', '主体封顶'],
  ],
  续建: [
    ['主体封顶', '主体封顶'],
    ['设备安装完成', '设备安装'],
    ['竣工验收', '竣工'],
  ],
  竣工: [
    ['竣工验收', '竣工'],
    ['投产运营', '投产'],
  ],
};

/**
 * The 节点计划 sheet: about two projects in five (not 前期 ones) get their key nodes, planned through the year; a node
 * planned before September is mostly done (some of them late), so the sample has nodes done on time, done late,
 * overdue and upcoming. Drawn from a stream of its own, so the other sheets stay as they were.
 */
function nodeRows(rng: Rng, year: number, projects: readonly Cell[][]): Cell[][] {
  const rows: Cell[][] = [];
  for (const p of projects) {
    const plan = NODE_PLANS[String(p[4])];
    if (!plan || !rng.chance(0.4)) continue;
    let month = rng.int(2, 5);
    for (const [name, kind] of plan) {
      if (month > 12) break;
      const planned = date(year, month, rng.int(1, 28));
      let done = '';
      if (month <= 8 && rng.chance(0.8)) {
        const late = rng.chance(0.3) ? rng.int(1, 20) : -rng.int(0, 5);
        const d = new Date(Date.UTC(year, month - 1, Number(planned.slice(8, 10)) + late));
        done = d.toISOString().slice(0, 10) > `${year}-08-31` ? `${year}-08-31` : d.toISOString().slice(0, 10);
      }
      rows.push([p[0] as Cell, name, planned, kind, done]);
      month += rng.int(2, 4);
    }
  }
  return rows;
}

/**
 * The 招商项目 sheet (四个一批): enterprises signed in the first eight months, each a little further along the chain
 * the earlier it signed. Drawn from a stream of its own, so the three older sheets stay as they were.
 */
function enterpriseRows(rng: Rng, year: number, count: number): Cell[][] {
  const rows: Cell[][] = [];
  const used = new Set<string>();
  for (let i = 1; i <= count; i++) {
    const county = rng.pick(COUNTIES);
    let name = '';
    do name = `${rng.pick(COMPANY_WORDS)}${rng.pick(INDUSTRIES)}${rng.pick(['项目', '产业园', '生产基地'])}`;
    while (used.has(name));
    used.add(name);
    const signedMonth = rng.int(1, 7);
    const signed = date(year, signedMonth, rng.int(1, 28));
    const planned = rng.chance(0.4) ? wan(rng.int(10_000, 80_000)) : wan(rng.int(2_000, 9_990));
    const stages: Cell[] = ['', '', ''];
    let month = signedMonth;
    for (let s = 0; s < 3; s++) {
      month += rng.int(1, 3);
      if (month > 8 || !rng.chance(0.75)) break;
      stages[s] = date(year, month, rng.int(1, 28));
    }
    rows.push([`ZS${year}-${pad(i, 3)}`, name, county, countyUnit(county), signed, planned, ...stages]);
  }
  return rows;
}

/** The 储备项目 sheet: reserve projects of every county and category, at each stage, to start next year or after. */
function reserveRows(rng: Rng, year: number, count: number): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 1; i <= count; i++) {
    const county = rng.pick(COUNTIES);
    const category = rng.pick(CATEGORIES);
    const name = `${county}${category === '产业项目' ? `${rng.pick(INDUSTRIES)}产业园` : `${rng.pick(AREAS)}${rng.pick(['片区综合开发', '道路提升', '安置房', '污水处理厂', '学校'])}`}${rng.pick(PHASES)}`;
    const stage = weighted(rng, [
      ['谋划', 0.35],
      ['前期', 0.4],
      ['具备开工条件', 0.25],
    ]);
    rows.push([`CB${year}-${pad(i, 3)}`, name, county, category, wan(rng.int(5_000, 300_000)), stage, year + rng.int(1, 2), countyUnit(county)]);
  }
  return rows;
}

/** The six defects of the invalid register: 项目 sheet row (the heading is row 1), column, and what is wrong. */
export const INVALID_DEFECTS = [
  { row: 4, column: '年度计划投资(万元)', defect: '负数 -500' },
  { row: 7, column: '项目编号', defect: '与第6行重复' },
  { row: 9, column: '责任单位', defect: '「单位」工作表中没有的“市不存在局”' },
  { row: 11, column: '计划开工日期', defect: '不存在的日期 2026-13-45' },
  { row: 13, column: '项目名称', defect: '空白' },
  { row: 15, column: '总投资(万元)', defect: '不是数字的“一千万”' },
] as const;

/** A register of 20 projects, each of six rows spoilt in a different way (INVALID_DEFECTS); the rest is sound. */
export function invalidRegister(seed = INVALID_SEED, year = SAMPLE_YEAR): SampleSheets {
  const s = sampleRegister(seed, { projects: 20, twoReporterUnits: 3 }, year);
  // Its six defects are in the 项目 sheet; nodes of the spoilt rows would only add lines about the same rows.
  delete s.节点计划;
  delete s.月度计划;
  const p = s.项目;
  const colOf = (h: (typeof PROJECT_HEADINGS)[number]) => PROJECT_HEADINGS.indexOf(h);
  const row = (n: number) => p[n - 1]!;
  row(4)[colOf('年度计划投资(万元)')] = -500;
  row(7)[colOf('项目编号')] = row(6)[colOf('项目编号')]!;
  row(9)[colOf('责任单位')] = '市不存在局';
  row(11)[colOf('计划开工日期')] = '2026-13-45';
  row(13)[colOf('项目名称')] = '';
  row(15)[colOf('总投资(万元)')] = '一千万';
  return s;
}
