// A register at a province's scale for benchmarks: 10,000 projects across 15 counties, 150 units with 2,000 reporters
// and 30 leaders, with their plans and up to 51 weekly rounds of reports (each round's steps done), the 52nd and last
// week of the plan year left for its round to open, generated from a seeded PRNG (the same figures on every run)
// and inserted in bulk, in transactions, into a fresh database (SQLite always, PostgreSQL when TEST_DATABASE_URL is set).
import { sql } from 'kysely';
import { pinyin } from 'pinyin-pro';
import type { Db } from '../../src/db/connect';
import type { TestDatabase } from '../helpers/db';

export const PLAN_YEAR = 2026;
/** Wednesday of the 51st week of the plan year: 51 weekly rounds, 2026-01-05 … 2026-12-21, have opened. */
export const BENCH_NOW = new Date('2026-12-23T10:00:00+08:00');
/** The last week of the plan year, whose round has not opened yet. */
export const OPEN_WEEK = '2026-12-28';
/** Half an hour before that round opens (Monday 09:00): the server's clock, so that no step is due at its start. */
export const ROUND_NOW = '2026-12-28T08:30:00+08:00';
/** Weeks of reports at most: every week of the plan year before OPEN_WEEK. */
export const MAX_WEEKS = 51;

export type SeedOptions = { projects?: number; weeks?: number; reporters?: number; seed?: number };

export type SeedAskers = {
  leader: { openId: string; name: string };
  reporter: { openId: string; name: string; unitName: string };
};

export type SeedSample = { code: string; name: string; countyName: string; unitName: string; leaderName: string | null; fragment: string; initials: string };

export type Seeded = {
  projects: number;
  counties: string[];
  units: string[];
  leaders: string[];
  weeks: number;
  reporters: number;
  reports: number;
  revisions: number;
  problems: number;
  seedMs: number;
  askers: SeedAskers;
  /** Everyone with an open_id (leaders, reporters), for the Feishu double's directory. */
  people: Array<{ openId: string; name: string; mobile: string }>;
  /** The week whose round has not opened yet (OPEN_WEEK): its period is created when it opens. */
  openWeek: string;
  /** Projects to ask about, picked by the PRNG, with a fragment of each name and the pinyin initials of it. */
  samples: SeedSample[];
};

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}

const COUNTIES = [
  '市直',
  '江北区',
  '江南区',
  '高新区',
  '经开区',
  '东湖区',
  '西山区',
  '青河县',
  '云溪县',
  '白沙县',
  '南塘县',
  '北岭县',
  '石门县',
  '桃源县',
  '凤鸣市',
];
/** Each county numbers its own projects: JB2026-0001 … (the code's sequence has at most four digits). */
const COUNTY_PREFIX = ['SZ', 'JB', 'JN', 'GX', 'JK', 'DH', 'XS', 'QH', 'YX', 'BS', 'NT', 'BL', 'SM', 'TY', 'FM'];
const CATEGORIES = ['基础设施', '产业发展', '社会民生', '生态环保', '城市更新', '农业农村'];
const CITY_UNITS = [
  '市发展改革委',
  '市教育局',
  '市交通运输局',
  '市水利局',
  '市住房城乡建设局',
  '市生态环境局',
  '市卫生健康委',
  '市文化广电旅游局',
  '市农业农村局',
  '市工业和信息化局',
  '市自然资源和规划局',
  '市城市管理局',
  '市商务局',
  '市科技局',
  '市民政局',
];
const COUNTY_UNITS = ['交通运输局', '住房和城乡建设局', '教育局', '水利局', '卫生健康局', '农业农村局', '工业和信息化局', '市场监督管理局', '城市投资发展集团'];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '萧',
  '田',
  '董',
  '潘',
  '袁',
  '蔡',
  '蒋',
  '余',
];
const GIVEN = [
  '建国',
  '志强',
  '晓明',
  '秀英',
  '丽华',
  '俊杰',
  '欣怡',
  '海涛',
  '春燕',
  '雨桐',
  '明辉',
  '思远',
  '家豪',
  '红梅',
  '立新',
  '文博',
  '子涵',
  '国栋',
  '晓燕',
  '振华',
  '佳怡',
  '宏伟',
  '敏',
  '静',
  '磊',
  '洋',
  '军',
  '勇',
  '艳',
  '杰',
  '涛',
  '超',
  '霞',
  '平',
  '刚',
  '桂英',
];
const TITLES = ['市长', '常务副市长', '副市长', '市委常委', '市人大常委会副主任', '市政协副主席', '秘书长'];
const PLACES = [
  '滨江',
  '城东',
  '城南',
  '城西',
  '城北',
  '迎宾大道',
  '云溪',
  '青河',
  '白沙湾',
  '桃花岛',
  '凤凰山',
  '石门峡',
  '南塘湖',
  '北岭',
  '梅园',
  '龙湾',
  '金湖',
  '银杏',
  '望江',
  '沿河',
  '新城',
  '老城',
  '工业园',
  '科技城',
  '临港',
  '高铁站',
  '航空港',
  '中心城区',
  '东部新区',
  '西部片区',
];
const OBJECTS = [
  '污水处理厂及配套管网工程',
  '安置房',
  '生活垃圾焚烧发电工程',
  '快速化改造工程',
  '人民医院新院区',
  '第一中学扩建工程',
  '智能制造产业园',
  '新能源电池项目',
  '冷链物流园',
  '老旧小区改造工程',
  '防洪堤加固工程',
  '高标准农田建设项目',
  '大数据中心',
  '体育中心',
  '综合管廊工程',
  '流域生态修复工程',
  '保障性租赁住房',
  '职业教育园区',
  '文化旅游综合体',
  '供水厂扩建工程',
  '农贸市场提升改造',
  '停车场及充电设施',
  '半导体材料项目',
  '汽车零部件产业园',
  '养老服务中心',
  '妇幼保健院迁建工程',
  '城市绿道',
  '棚户区改造',
  '电子信息产业园',
  '港口码头扩建工程',
];
const PHASES = ['', '', '一期', '二期', '三期', '（A区）', '（B区）', '提升工程'];
const NATURES: Array<[string, number]> = [
  ['续建', 0.5],
  ['新开工', 0.3],
  ['竣工', 0.1],
  ['前期', 0.1],
];
const LEVELS: Array<[string, number]> = [
  ['市重点', 0.6],
  ['省重点', 0.25],
  ['县重点', 0.15],
];
const PROGRESS = [
  '主体结构施工至{n}层',
  '完成土方开挖{n}%',
  '桩基施工完成{n}%',
  '设备安装完成{n}%',
  '管网铺设{n}千米',
  '路基施工完成{n}%',
  '装饰装修完成{n}%',
  '厂房封顶，设备进场{n}台',
];
const PROBLEM_CATS = ['land', 'approval', 'funding', 'external', 'policy', 'weather', 'enterprise', 'statistics'];
const COORDINATION = [
  '请市自然资源和规划局协调用地报批',
  '请市发展改革委协调专项债资金拨付',
  '请供电公司协调线路迁改',
  '请市住房城乡建设局加快施工许可办理',
  '请属地政府协调征地拆迁',
];

const weighted = (r: ReturnType<typeof prng>, xs: Array<[string, number]>) => {
  let x = r.next();
  for (const [v, w] of xs) {
    x -= w;
    if (x < 0) return v;
  }
  return xs[xs.length - 1]![0];
};
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const iso = (d: Date) => d.toISOString();
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86400_000);

/** Rows into a table, in one transaction: prepared single-row inserts on SQLite, multi-row inserts on PostgreSQL. */
async function bulk(t: TestDatabase, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  if (t.sqlite) {
    const stmt = t.sqlite.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`);
    t.sqlite.transaction((rs: typeof rows) => {
      for (const r of rs) stmt.run(...cols.map((c) => r[c] ?? null));
    })(rows);
    return;
  }
  const per = Math.max(1, Math.floor(30000 / cols.length));
  await t.db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += per)
      await (tx as Db)
        .insertInto(table as never)
        .values(rows.slice(i, i + per) as never)
        .execute();
  });
}

/** Seeds a fresh, migrated database. Reports are generated week by week so that memory stays flat. */
export async function seedBench(t: TestDatabase, opts: SeedOptions = {}): Promise<Seeded> {
  const started = performance.now();
  const nProjects = opts.projects ?? 10_000;
  const nWeeks = Math.max(1, Math.min(MAX_WEEKS, opts.weeks ?? MAX_WEEKS));
  const r = prng(opts.seed ?? 20261230);
  const now = iso(BENCH_NOW);

  await bulk(t, 'plan_years', [{ year: PLAN_YEAR, created_at: now }]);
  await bulk(
    t,
    'counties',
    COUNTIES.map((name, i) => ({ id: i + 1, name })),
  );
  await bulk(
    t,
    'categories',
    CATEGORIES.map((name, i) => ({ id: i + 1, name })),
  );

  // People: 30 leaders, then reporters (one or two per unit) and a head per unit.
  const used = new Set<string>();
  const personName = () => {
    for (;;) {
      const n = r.pick(SURNAMES) + r.pick(GIVEN);
      if (!used.has(n) || used.size > 1200) {
        used.add(n);
        return n;
      }
    }
  };
  const people: Array<Record<string, unknown>> = [];
  const roles: Array<Record<string, unknown>> = [];
  const addPerson = (name: string, title: string | null, openId: string | null) => {
    const id = people.length + 1;
    people.push({
      id,
      name,
      mobile: `139${pad(10000000 + id, 8)}`,
      email: `p${id}@bench.gov.cn`,
      title,
      open_id: openId,
      resigned_at: null,
      created_at: now,
      updated_at: now,
    });
    return id;
  };
  const leaders: Array<{ id: number; name: string }> = [];
  for (let i = 0; i < 30; i++) {
    const name = personName();
    const id = addPerson(name, TITLES[Math.min(i, TITLES.length - 1)] ?? '副市长', `ou_bench_leader_${i + 1}`);
    leaders.push({ id, name });
    roles.push({ person_id: id, role: 'leader', unit_id: null, county_id: null, scope: '', source: 'register', created_at: now });
  }
  const unitNames = [...CITY_UNITS];
  for (const c of COUNTIES.slice(1)) unitNames.push(c.endsWith('区') && ['高新区', '经开区'].includes(c) ? `${c}管委会` : `${c}人民政府`);
  for (const c of COUNTIES.slice(1)) for (const u of COUNTY_UNITS) unitNames.push(`${c}${u}`);
  const units = unitNames
    .slice(0, 150)
    .map((name, i) => ({ id: i + 1, name, countyId: i < CITY_UNITS.length ? 1 : COUNTIES.indexOf(COUNTIES.find((c) => name.startsWith(c)) ?? '市直') + 1 }));
  const reportersOf = new Map<number, number[]>();
  const heads = new Map<number, number>();
  // The reporters spread evenly: 2,000 over 150 units is 13 or 14 a unit.
  const nReporters = Math.max(units.length, opts.reporters ?? 2000);
  for (const [i, u] of units.entries()) {
    const ids: number[] = [];
    for (let k = 0, n = Math.floor(nReporters / units.length) + (i < nReporters % units.length ? 1 : 0); k < n; k++) {
      const id = addPerson(personName(), '填报员', `ou_bench_reporter_${u.id}_${k + 1}`);
      ids.push(id);
      roles.push({ person_id: id, role: 'reporter', unit_id: u.id, county_id: null, scope: `unit:${u.id}`, source: 'register', created_at: now });
    }
    reportersOf.set(u.id, ids);
    const head = addPerson(personName(), '负责人', null);
    heads.set(u.id, head);
    roles.push({ person_id: head, role: 'unit_head', unit_id: u.id, county_id: null, scope: `unit:${u.id}`, source: 'register', created_at: now });
  }
  await bulk(t, 'people', people);
  await bulk(
    t,
    'units',
    units.map((u) => ({ id: u.id, name: u.name, head_person_id: heads.get(u.id) ?? null })),
  );
  await bulk(
    t,
    'person_roles',
    roles.map((x, i) => ({ id: i + 1, ...x })),
  );

  // Projects and their plans (a few with a second plan version, as after an adjustment).
  type P = {
    id: number;
    code: string;
    name: string;
    countyId: number;
    unitId: number;
    leaderId: number | null;
    nature: string;
    plan: number;
    speed: number;
    startWeek: number;
    fragment: string;
  };
  const projects: P[] = [];
  const names = new Set<string>();
  const unitsByCounty = new Map<number, typeof units>();
  for (const u of units) unitsByCounty.set(u.countyId, [...(unitsByCounty.get(u.countyId) ?? []), u]);
  const projectRows: Array<Record<string, unknown>> = [];
  const seqOf = new Map<number, number>();
  const planRows: Array<Record<string, unknown>> = [];
  for (let i = 1; i <= nProjects; i++) {
    const countyId = r.int(1, COUNTIES.length);
    const county = COUNTIES[countyId - 1]!;
    let name = '';
    let fragment = '';
    for (let tries = 0; ; tries++) {
      const place = r.pick(PLACES);
      const object = r.pick(OBJECTS);
      const phase = r.pick(PHASES);
      fragment = `${place}${object.replace(/(工程|项目)$/u, '')}${phase}`;
      name = `${county === '市直' ? '' : county}${place}${object}${phase}`;
      if (!names.has(name) || tries > 20) break;
    }
    if (names.has(name)) name = `${name}（${pad(i, 5)}）`;
    names.add(name);
    seqOf.set(countyId, (seqOf.get(countyId) ?? 0) + 1);
    const nature = weighted(r, NATURES);
    const local = unitsByCounty.get(countyId) ?? [];
    const unit = local.length > 0 && r.chance(0.6) ? r.pick(local) : r.pick(units.slice(0, CITY_UNITS.length));
    const leader = r.chance(0.9) ? r.pick(leaders) : null;
    const plan = Math.round(10 ** (3 + r.next() * 2.7)) * 10_000; // 1,000万 … 5亿 元, skewed to the small
    const total = plan * r.int(2, 8);
    const prior = nature === '新开工' || nature === '前期' ? 0 : Math.round(total * r.next() * 0.5);
    const startWeek = nature === '新开工' ? r.int(0, 30) : nature === '前期' ? 60 : -1;
    const start =
      startWeek >= 0 ? addDays(new Date('2026-01-05T00:00:00Z'), startWeek * 7) : new Date(Date.UTC(2024 + r.int(0, 1), r.int(0, 11), r.int(1, 28)));
    const end = new Date(Date.UTC(2026 + r.int(nature === '竣工' ? 0 : 1, 3), r.int(0, 11), 28));
    const p: P = {
      id: i,
      code: `${COUNTY_PREFIX[countyId - 1]}${PLAN_YEAR}-${pad(seqOf.get(countyId) ?? 0, 4)}`,
      name,
      countyId,
      unitId: unit.id,
      leaderId: leader?.id ?? null,
      nature,
      plan,
      speed: 0.6 + r.next() * 0.6,
      startWeek,
      fragment,
    };
    projects.push(p);
    projectRows.push({
      id: i,
      plan_year: PLAN_YEAR,
      code: p.code,
      name,
      county_id: countyId,
      category_id: r.int(1, CATEGORIES.length),
      nature,
      level: weighted(r, LEVELS),
      unit_id: unit.id,
      leader_id: p.leaderId,
      owner: unit.name,
      content: `建设内容：新建及改扩建约${r.int(2, 90)}万平方米及配套设施。`,
      national_code: r.chance(0.5) ? `2026-3301${pad(r.int(0, 99), 2)}-${pad(r.int(10, 99), 2)}-01-${pad(r.int(0, 999999), 6)}` : null,
      dropped_at: r.chance(0.005) ? now : null,
      created_at: now,
      updated_at: now,
    });
    const planned = { planned_start: start.toISOString().slice(0, 10), planned_end: end.toISOString().slice(0, 10) };
    planRows.push({
      project_id: i,
      version: 1,
      total_investment_yuan: total,
      annual_plan_yuan: plan,
      prior_completed_yuan: prior,
      ...planned,
      source: 'import',
      recorded_at: now,
    });
    if (r.chance(0.03))
      planRows.push({
        project_id: i,
        version: 2,
        total_investment_yuan: total,
        annual_plan_yuan: Math.round(plan * 0.8),
        prior_completed_yuan: prior,
        ...planned,
        source: 'manual',
        recorded_at: now,
      });
  }
  await bulk(t, 'projects', projectRows);
  await bulk(
    t,
    'project_plans',
    planRows.map((x, i) => ({ id: i + 1, ...x })),
  );

  // Weekly periods: the last `nWeeks` Mondays before OPEN_WEEK; the first round opening in a month asks for the month before.
  const firstMonday = new Date('2026-01-05T00:00:00+08:00');
  const periods: Array<{ id: number; index: number; weekStart: string; monday: Date }> = [];
  const asked = new Set<string>();
  const periodRows: Array<Record<string, unknown>> = [];
  for (let w = MAX_WEEKS - nWeeks; w < MAX_WEEKS; w++) {
    const monday = addDays(firstMonday, w * 7);
    const weekStart = iso(new Date(monday.getTime() + 8 * 3600_000)).slice(0, 10); // the Shanghai date of the Monday
    const month = weekStart.slice(0, 7);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const prev = m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1, 2)}`;
    const asks = asked.has(prev) ? null : prev;
    asked.add(prev);
    const id = periods.length + 1;
    periods.push({ id, index: w, weekStart, monday });
    const at = (h: number) => iso(new Date(monday.getTime() + h * 3600_000));
    periodRows.push({
      id,
      plan_year: PLAN_YEAR,
      week_start: weekStart,
      opens_at: at(9),
      remind_at: at(87),
      deadline_at: at(114),
      asks_month_end: asks,
      created_at: at(9),
    });
  }
  await bulk(t, 'weekly_periods', periodRows);
  // Every step of these rounds has run (as the scheduler records it), so a server started on this database sends
  // nothing of its own accord before OPEN_WEEK's round opens.
  const stepAt = (weekStart: string) => iso(new Date(`${weekStart}T09:00:00+08:00`));
  await bulk(
    t,
    'job_runs',
    periods.flatMap((p) =>
      ['open', 'remind', 'close'].map((step) => ({
        job: `round.${step}`,
        run_key: p.weekStart,
        status: 'done',
        started_at: stepAt(p.weekStart),
        finished_at: stepAt(p.weekStart),
        error: null,
      })),
    ),
  );

  // Reports, week by week: most projects report every week (more of them in recent weeks); a few correct a report.
  let reportId = 0;
  let revisionId = 0;
  const ytdOf = new Map<number, number>();
  const lastRevision = new Map<number, number>();
  for (const period of periods) {
    const reports: Array<Record<string, unknown>> = [];
    const revisions: Array<Record<string, unknown>> = [];
    const recent = period.index >= 44;
    for (const p of projects) {
      if (!r.chance(recent ? 0.93 : 0.85)) continue;
      const started = p.startWeek < 0 || period.index >= p.startWeek;
      const stalled = r.chance(0.03);
      const weekly = started && !stalled ? (p.plan / 52) * p.speed * (0.5 + r.next()) : 0;
      const ytd = Math.round((ytdOf.get(p.id) ?? 0) + weekly);
      ytdOf.set(p.id, ytd);
      const status = !started
        ? 'not_started'
        : stalled
          ? r.chance(0.5)
            ? 'stopped'
            : 'half_stopped'
          : p.nature === '竣工' && period.index > 40
            ? 'completed'
            : 'building';
      const id = ++reportId;
      const corrected = r.chance(0.02);
      const submitted = new Date(period.monday.getTime() + (24 + r.int(0, 96)) * 3600_000);
      const late = r.chance(0.05);
      const by = r.pick(reportersOf.get(p.unitId) ?? [null]);
      const problem = r.chance(0.08);
      reports.push({ id, project_id: p.id, period_id: period.id, revision: corrected ? 2 : 1, created_at: iso(submitted), updated_at: iso(submitted) });
      const revision = (rev: number, yuan: number) => ({
        id: ++revisionId,
        report_id: id,
        revision: rev,
        submitted_by: by,
        submitted_at: iso(new Date(submitted.getTime() + (rev - 1) * 3600_000)),
        ytd_investment_yuan: yuan,
        month_end_investment_yuan: null,
        progress_text: started ? r.pick(PROGRESS).replace('{n}', String(r.int(2, 95))) : '前期手续办理中',
        status,
        status_date: null,
        problem_categories: JSON.stringify(problem ? [r.pick(PROBLEM_CATS)] : []),
        problem_text: problem ? '部分前期手续尚在办理' : null,
        coordination: problem && r.chance(0.5) ? r.pick(COORDINATION) : null,
        next_plan: null,
        correction_reason: rev > 1 ? '统计口径调整' : null,
        no_change: weekly === 0 && started ? 1 : 0,
        late: late ? 1 : 0,
        changes: JSON.stringify({ fields: rev > 1 ? ['ytd_investment'] : [], previousRevision: rev > 1 ? rev - 1 : null }),
      });
      revisions.push(revision(1, corrected ? Math.round(ytd * 1.1) : ytd));
      if (corrected) revisions.push(revision(2, ytd));
      lastRevision.set(p.id, revisionId);
    }
    await bulk(t, 'reports', reports);
    await bulk(t, 'report_revisions', revisions);
  }

  // The 问题台账: open problems on about one project in twelve, a few of them overdue; some already closed.
  const problems: Array<Record<string, unknown>> = [];
  for (const p of projects) {
    if (!r.chance(0.08)) continue;
    const closed = r.chance(0.3);
    const raised = iso(addDays(BENCH_NOW, -r.int(7, 200)));
    problems.push({
      id: problems.length + 1,
      project_id: p.id,
      category: r.pick(PROBLEM_CATS),
      description: `${r.pick(COORDINATION)}（${p.code}）`,
      is_coordination: r.chance(0.6) ? 1 : 0,
      status: closed ? '已销号' : r.pick(['待梳理', '已交办', '办理中', '申请销号']),
      overdue: r.chance(0.15) ? 1 : 0,
      escalation_level: 0,
      raised_by: r.pick(reportersOf.get(p.unitId) ?? [null]),
      raised_at: raised,
      report_revision_id: lastRevision.get(p.id) ?? null,
      lead_unit_id: r.pick(units).id,
      helper_unit_ids: null,
      deadline: iso(addDays(BENCH_NOW, r.int(-30, 60))).slice(0, 10),
      closed_at: closed ? now : null,
      updated_at: now,
    });
  }
  await bulk(t, 'problems', problems);

  if (t.engine.name === 'postgres') {
    for (const table of [
      'counties',
      'categories',
      'people',
      'units',
      'person_roles',
      'projects',
      'project_plans',
      'weekly_periods',
      'reports',
      'report_revisions',
      'problems',
      'job_runs',
    ]) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select coalesce(max(id), 1) from ${sql.table(table)}))`.execute(t.db);
    }
    await sql`analyze`.execute(t.db);
  } else {
    t.sqlite!.exec('analyze');
  }

  // Askers: a leader (sees everything) and a reporter of the unit with the most projects (sees that unit's).
  const perUnit = new Map<number, number>();
  for (const p of projects) perUnit.set(p.unitId, (perUnit.get(p.unitId) ?? 0) + 1);
  const busiest = [...perUnit.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  const reporterId = reportersOf.get(busiest)![0]!;
  const reporter = people[reporterId - 1]!;
  const samples: SeedSample[] = [];
  for (let k = 0; k < 40; k++) {
    const p = k % 4 === 0 ? r.pick(projects.filter((x) => x.unitId === busiest)) : r.pick(projects);
    const fragment = [...p.fragment].slice(0, r.int(4, 7)).join('');
    samples.push({
      code: p.code,
      name: p.name,
      countyName: COUNTIES[p.countyId - 1]!,
      unitName: units[p.unitId - 1]!.name,
      leaderName: leaders.find((l) => l.id === p.leaderId)?.name ?? null,
      fragment: p.fragment,
      initials: pinyin(fragment, { pattern: 'first', toneType: 'none', type: 'array' }).join(''),
    });
  }
  return {
    projects: nProjects,
    counties: COUNTIES,
    units: units.map((u) => u.name),
    leaders: leaders.map((l) => l.name),
    weeks: nWeeks,
    reporters: [...reportersOf.values()].reduce((n, ids) => n + ids.length, 0),
    reports: reportId,
    revisions: revisionId,
    problems: problems.length,
    seedMs: performance.now() - started,
    askers: {
      leader: { openId: 'ou_bench_leader_1', name: leaders[0]!.name },
      reporter: { openId: String(reporter.open_id), name: String(reporter.name), unitName: units[busiest - 1]!.name },
    },
    people: people.filter((x) => x.open_id).map((x) => ({ openId: String(x.open_id), name: String(x.name), mobile: String(x.mobile) })),
    openWeek: OPEN_WEEK,
    samples,
  };
}
