// 四个一批 in the database: a plan year's enterprises with their stage dates, and each stage recorded with its event.
import type { Kysely } from 'kysely';
import type { LaterStage, StageDates } from '../domain/batches';
import type { Database } from './schema';

type Q = Kysely<Database>;

export type Enterprise = StageDates & {
  id: number;
  planYear: number;
  code: string;
  name: string;
  countyId: number;
  countyName: string;
  unitId: number;
  unitName: string;
  plannedYuan: number;
};

function base(db: Q) {
  return db
    .selectFrom('enterprises as e')
    .innerJoin('counties as c', 'c.id', 'e.county_id')
    .innerJoin('units as u', 'u.id', 'e.unit_id')
    .select([
      'e.id',
      'e.plan_year as planYear',
      'e.code',
      'e.name',
      'e.county_id as countyId',
      'c.name as countyName',
      'e.unit_id as unitId',
      'u.name as unitName',
      'e.planned_yuan as plannedYuan',
      'e.signed_on as signedOn',
      'e.started_on as startedOn',
      'e.producing_on as producingOn',
      'e.effective_on as effectiveOn',
    ])
    .orderBy('e.code');
}

/** A plan year's enterprises, optionally of one unit or county. */
export async function enterprisesOf(db: Q, planYear: number, filter: { unitId?: number; countyId?: number } = {}): Promise<Enterprise[]> {
  let q = base(db).where('e.plan_year', '=', planYear);
  if (filter.unitId !== undefined) q = q.where('e.unit_id', '=', filter.unitId);
  if (filter.countyId !== undefined) q = q.where('e.county_id', '=', filter.countyId);
  return q.execute();
}

export async function getEnterprise(db: Q, id: number): Promise<Enterprise | undefined> {
  return base(db).where('e.id', '=', id).executeTakeFirst();
}

const COLUMN: Record<LaterStage, 'started_on' | 'producing_on' | 'effective_on'> = { 开工: 'started_on', 投产: 'producing_on', 达效: 'effective_on' };

/** Records a stage reached (or its date corrected) with who, when, the date it replaced and the reason. */
export async function recordStage(
  tx: Q,
  e: Enterprise,
  entry: { stage: LaterStage; date: string; reason: string | null },
  personId: number | null,
  now: Date,
): Promise<void> {
  const column = COLUMN[entry.stage];
  const previous = e[({ 开工: 'startedOn', 投产: 'producingOn', 达效: 'effectiveOn' } as const)[entry.stage]];
  await tx
    .updateTable('enterprises')
    .set({ [column]: entry.date, updated_at: now.toISOString() })
    .where('id', '=', e.id)
    .execute();
  await tx
    .insertInto('enterprise_events')
    .values({
      enterprise_id: e.id,
      stage: entry.stage,
      date: entry.date,
      previous,
      reason: entry.reason,
      source: 'card',
      person_id: personId,
      recorded_at: now.toISOString(),
    })
    .execute();
}

/** Whether any enterprise of the year has a card event recorded since `since` (the monthly card's "本月已登记"). */
export async function recordedSince(db: Q, enterpriseIds: number[], since: string): Promise<Set<number>> {
  if (enterpriseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('enterprise_events')
    .select('enterprise_id')
    .where('enterprise_id', 'in', enterpriseIds)
    .where('source', '=', 'card')
    .where('recorded_at', '>=', since)
    .execute();
  return new Set(rows.map((r) => r.enterprise_id));
}

/** Stage records of an enterprise a reporter made on the card (not those an import wrote). */
export async function cardEvents(db: Q, enterpriseId: number): Promise<Array<{ stage: string; date: string }>> {
  return db
    .selectFrom('enterprise_events')
    .select(['stage', 'date'])
    .where('enterprise_id', '=', enterpriseId)
    .where('source', '=', 'card')
    .orderBy('recorded_at')
    .execute();
}

/** Removes an enterprise imported by mistake with all its stage records; returns how many records went with it. */
export async function removeEnterprise(tx: Q, enterpriseId: number): Promise<number> {
  const events = await tx.deleteFrom('enterprise_events').where('enterprise_id', '=', enterpriseId).executeTakeFirst();
  await tx.deleteFrom('enterprises').where('id', '=', enterpriseId).execute();
  return Number(events.numDeletedRows);
}
