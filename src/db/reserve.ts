// The 储备库 in the database: reserve projects with their county, category, stage and the key project each became,
// quarterly confirmations as events; and each county's annual plan of a year, the yardstick of 储备不足.
import type { Kysely } from 'kysely';
import { isCurrentPlan } from './current-plan';
import type { Database } from './schema';

type Q = Kysely<Database>;

export type ReserveProject = {
  id: number;
  code: string;
  name: string;
  countyId: number;
  countyName: string;
  categoryName: string;
  totalYuan: number;
  stage: string;
  startYear: number | null;
  unitId: number;
  unitName: string;
  /** The key project it became: plan year and 项目编号, or null while it waits in the reserve. */
  promotedTo: { planYear: number; code: string; name: string } | null;
  confirmedAt: string | null;
};

export async function reserveProjects(db: Q, filter: { unitId?: number; countyId?: number; id?: number } = {}): Promise<ReserveProject[]> {
  let q = db
    .selectFrom('reserve_projects as r')
    .innerJoin('counties as c', 'c.id', 'r.county_id')
    .innerJoin('categories as k', 'k.id', 'r.category_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('projects as p', 'p.id', 'r.project_id')
    .select([
      'r.id',
      'r.code',
      'r.name',
      'r.county_id as countyId',
      'c.name as countyName',
      'k.name as categoryName',
      'r.total_yuan as totalYuan',
      'r.stage',
      'r.start_year as startYear',
      'r.unit_id as unitId',
      'u.name as unitName',
      'p.plan_year as projectYear',
      'p.code as projectCode',
      'p.name as projectName',
      'r.confirmed_at as confirmedAt',
    ])
    .orderBy('r.code');
  if (filter.unitId !== undefined) q = q.where('r.unit_id', '=', filter.unitId);
  if (filter.countyId !== undefined) q = q.where('r.county_id', '=', filter.countyId);
  if (filter.id !== undefined) q = q.where('r.id', '=', filter.id);
  const rows = await q.execute();
  return rows.map(({ projectYear, projectCode, projectName, ...r }) => ({
    ...r,
    promotedTo: projectYear !== null && projectCode !== null && projectName !== null ? { planYear: projectYear, code: projectCode, name: projectName } : null,
  }));
}

/** Each county's annual plan investment of a year (元): active projects at their current plan version. */
export async function countyAnnualPlans(db: Q, planYear: number): Promise<Array<{ name: string; annualYuan: number }>> {
  const rows = await db
    .selectFrom('projects as p')
    .innerJoin('counties as c', 'c.id', 'p.county_id')
    .innerJoin('project_plans as pp', 'pp.project_id', 'p.id')
    .where('p.plan_year', '=', planYear)
    .where('p.dropped_at', 'is', null)
    .where(isCurrentPlan)
    .select(['c.name', 'pp.annual_plan_yuan as annualYuan'])
    .execute();
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.name, (sums.get(r.name) ?? 0) + Number(r.annualYuan));
  return [...sums].map(([name, annualYuan]) => ({ name, annualYuan }));
}

/** A quarterly confirmation: the stage kept or advanced, by whom, for which quarter. */
export async function confirmReserve(tx: Q, r: ReserveProject, toStage: string, quarter: string, personId: number | null, now: Date): Promise<void> {
  const at = now.toISOString();
  await tx.updateTable('reserve_projects').set({ stage: toStage, confirmed_at: at, updated_at: at }).where('id', '=', r.id).execute();
  await tx
    .insertInto('reserve_events')
    .values({ reserve_id: r.id, from_stage: r.stage, to_stage: toStage, quarter, source: 'card', person_id: personId, recorded_at: at })
    .execute();
}

/** Reserve projects confirmed for a quarter (by any reporter of their unit). */
export async function confirmedIn(db: Q, quarter: string): Promise<Set<number>> {
  const rows = await db.selectFrom('reserve_events').select('reserve_id').where('quarter', '=', quarter).where('source', '=', 'card').execute();
  return new Set(rows.map((r) => r.reserve_id));
}

/** Quarterly confirmations a reporter made on the card for a reserve project. */
export async function reserveCardEvents(db: Q, reserveId: number): Promise<number> {
  const rows = await db.selectFrom('reserve_events').select('id').where('reserve_id', '=', reserveId).where('source', '=', 'card').execute();
  return rows.length;
}

/** Removes a reserve project entered by mistake with its stage records; returns how many records went with it. */
export async function removeReserve(tx: Q, reserveId: number): Promise<number> {
  const events = await tx.deleteFrom('reserve_events').where('reserve_id', '=', reserveId).executeTakeFirst();
  await tx.deleteFrom('reserve_projects').where('id', '=', reserveId).execute();
  return Number(events.numDeletedRows);
}
