// The plan year's register as the features read it: projects with their current plan and names, its fingerprint.
import { sql, type Kysely } from 'kysely';
import { isCurrentPlan } from './current-plan';
import type { Database } from './schema';
import { loadMonthPlans } from './month-plans';

type Q = Kysely<Database>;

export type RegisterProject = {
  id: number;
  code: string;
  name: string;
  nationalCode: string | null;
  countyId: number;
  countyName: string;
  categoryId: number;
  categoryName: string;
  unitId: number;
  unitName: string;
  leaderId: number | null;
  leaderName: string | null;
  nature: string;
  level: string;
  annualPlanYuan: number;
  totalInvestmentYuan: number;
  priorCompletedYuan: number;
  plannedStart: string | null;
  plannedEnd: string | null;
  planVersion: number;
  /** The project's own 月度计划 (cumulative 元 at each month end, January first); absent or null without one. */
  monthPlanYuan?: number[] | null;
};

export type Named = { id: number; name: string };

export type Register = {
  planYear: number;
  projects: RegisterProject[];
  counties: Named[];
  categories: Named[];
  units: Named[];
  /** People holding the leader role, and anyone named as a project's 包联领导. */
  leaders: Array<Named & { title: string | null }>;
};

/** The plan year a question is about: the calendar year if its register is imported, else the latest one before it. */
export async function planYearFor(db: Q, year: number): Promise<number | null> {
  // The plan years that have projects: a look per plan year (every project's year is one of plan_years), not a
  // distinct over every project, since this is asked before every answer.
  const years = await db
    .selectFrom('plan_years as y')
    .select('y.year as plan_year')
    .where((eb) => eb.exists(eb.selectFrom('projects as p').select('p.id').whereRef('p.plan_year', '=', 'y.year')))
    .orderBy('y.year', 'desc')
    .execute();
  const list = years.map((y) => y.plan_year);
  return list.find((y) => y <= year) ?? list[list.length - 1] ?? null;
}

/**
 * A fingerprint of everything the name index is built from. Changes whenever a register import or a by-hand edit
 * touches projects, plans, people, roles or names, so a cached index is rebuilt exactly then.
 */
export async function registerFingerprint(db: Q): Promise<string> {
  const row = await sql<Record<string, unknown>>`
    select
      (select count(*) from projects) as p, (select max(updated_at) from projects) as pu,
      (select max(id) from project_plans) as pp, (select count(*) from people) as n, (select max(updated_at) from people) as nu,
      (select count(*) from person_roles) as r, (select max(id) from person_roles) as ri,
      (select count(*) from units) as u, (select count(*) from counties) as c, (select count(*) from categories) as k,
      (select max(id) from register_imports) as ri2,
      (select count(*) from project_month_plans) as mp, (select max(updated_at) from project_month_plans) as mpu`.execute(db);
  return JSON.stringify(row.rows[0] ?? {}, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
}

/** Projects `p` with their county `c`, category `k`, unit `u` and (if any) 包联领导 `l`: the names every listing shows. */
export function projectsWithNames(db: Q) {
  return db
    .selectFrom('projects as p')
    .innerJoin('counties as c', 'c.id', 'p.county_id')
    .innerJoin('categories as k', 'k.id', 'p.category_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('people as l', 'l.id', 'p.leader_id');
}

export async function loadRegister(db: Q, planYear: number): Promise<Register> {
  const rows = await projectsWithNames(db)
    .innerJoin('project_plans as pp', 'pp.project_id', 'p.id')
    .where('p.plan_year', '=', planYear)
    .where('p.dropped_at', 'is', null)
    .where(isCurrentPlan)
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.national_code',
      'p.county_id',
      'c.name as county_name',
      'p.category_id',
      'k.name as category_name',
      'p.unit_id',
      'u.name as unit_name',
      'p.leader_id',
      'l.name as leader_name',
      'p.nature',
      'p.level',
      'pp.annual_plan_yuan',
      'pp.total_investment_yuan',
      'pp.prior_completed_yuan',
      'pp.planned_start',
      'pp.planned_end',
      'pp.version',
    ])
    .orderBy('p.code')
    .execute();
  const monthPlans = await loadMonthPlans(db, planYear);
  const projects: RegisterProject[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nationalCode: r.national_code,
    countyId: r.county_id,
    countyName: r.county_name,
    categoryId: r.category_id,
    categoryName: r.category_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    leaderId: r.leader_id,
    leaderName: r.leader_name,
    nature: r.nature,
    level: r.level,
    annualPlanYuan: Number(r.annual_plan_yuan),
    totalInvestmentYuan: Number(r.total_investment_yuan),
    priorCompletedYuan: Number(r.prior_completed_yuan),
    plannedStart: r.planned_start,
    plannedEnd: r.planned_end,
    planVersion: r.version,
    monthPlanYuan: monthPlans.get(r.id) ?? null,
  }));
  const leaderRows = await db
    .selectFrom('people as p')
    .select(['p.id', 'p.name', 'p.title'])
    .where((eb) =>
      eb.or([
        eb('p.id', 'in', eb.selectFrom('person_roles').select('person_id').where('role', '=', 'leader')),
        eb('p.id', 'in', eb.selectFrom('projects').select('leader_id').where('plan_year', '=', planYear).where('leader_id', 'is not', null)),
      ]),
    )
    .orderBy('p.id')
    .execute();
  return {
    planYear,
    projects,
    counties: await db.selectFrom('counties').select(['id', 'name']).orderBy('id').execute(),
    categories: await db.selectFrom('categories').select(['id', 'name']).orderBy('id').execute(),
    units: await db.selectFrom('units').select(['id', 'name']).orderBy('id').execute(),
    leaders: leaderRows.map((l) => ({ id: l.id, name: l.name, title: l.title })),
  };
}

/** Whether the plan year's register has been imported. */
export async function hasRegister(db: Q, year: number): Promise<boolean> {
  return (await db.selectFrom('projects').select('id').where('plan_year', '=', year).limit(1).executeTakeFirst()) !== undefined;
}
