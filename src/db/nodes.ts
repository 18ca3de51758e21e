// 节点控制 in the database: a plan year's project nodes with their project's place (county, unit, 包联领导), the
// completion a reporter records, and how far an overdue node has been escalated.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

type Q = Kysely<Database>;

export type ProjectNode = {
  id: number;
  projectId: number;
  planYear: number;
  code: string;
  projectName: string;
  countyId: number;
  countyName: string;
  unitId: number;
  unitName: string;
  leaderId: number | null;
  seq: number;
  name: string;
  kind: string | null;
  plannedOn: string;
  doneOn: string | null;
  doneSource: 'import' | 'card' | null;
  escalationLevel: number;
  escalatedOn: string | null;
};

export type NodeFilter = {
  projectId?: number;
  projectIds?: readonly number[];
  countyId?: number;
  unitId?: number;
  /** Only nodes not done whose planned date is before this day. */
  undoneBefore?: string;
  /** Only nodes not done whose planned date is on or before this day. */
  undoneUntil?: string;
};

function base(db: Q) {
  return db
    .selectFrom('project_nodes as n')
    .innerJoin('projects as p', 'p.id', 'n.project_id')
    .innerJoin('counties as c', 'c.id', 'p.county_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select([
      'n.id',
      'n.project_id as projectId',
      'p.plan_year as planYear',
      'p.code',
      'p.name as projectName',
      'p.county_id as countyId',
      'c.name as countyName',
      'p.unit_id as unitId',
      'u.name as unitName',
      'p.leader_id as leaderId',
      'n.seq',
      'n.name',
      'n.kind',
      'n.planned_on as plannedOn',
      'n.done_on as doneOn',
      'n.done_source as doneSource',
      'n.escalation_level as escalationLevel',
      'n.escalated_on as escalatedOn',
    ])
    .where('p.dropped_at', 'is', null);
}

/** A plan year's nodes (of projects still in the plan), by project code and the file's order. */
export async function listNodes(db: Q, planYear: number, f: NodeFilter = {}): Promise<ProjectNode[]> {
  let q = base(db).where('p.plan_year', '=', planYear);
  if (f.projectId !== undefined) q = q.where('n.project_id', '=', f.projectId);
  if (f.projectIds !== undefined) q = f.projectIds.length ? q.where('n.project_id', 'in', [...f.projectIds]) : q.where('n.id', '<', 0);
  if (f.countyId !== undefined) q = q.where('p.county_id', '=', f.countyId);
  if (f.unitId !== undefined) q = q.where('p.unit_id', '=', f.unitId);
  if (f.undoneBefore !== undefined) q = q.where('n.done_on', 'is', null).where('n.planned_on', '<', f.undoneBefore);
  if (f.undoneUntil !== undefined) q = q.where('n.done_on', 'is', null).where('n.planned_on', '<=', f.undoneUntil);
  return q.orderBy('p.code').orderBy('n.seq').execute();
}

export async function getNode(db: Q, id: number): Promise<ProjectNode | undefined> {
  return base(db).where('n.id', '=', id).executeTakeFirst();
}

/** Records a node done on `date` by a reporter; returns false when it was already recorded with that date. */
export async function markNodeDone(tx: Q, nodeId: number, date: string, personId: number | null, now: Date): Promise<boolean> {
  const r = await tx
    .updateTable('project_nodes')
    .set({ done_on: date, done_source: 'card', done_by: personId, done_recorded_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', nodeId)
    .where((eb) => eb.or([eb('done_on', 'is', null), eb('done_on', '!=', date)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Moves an overdue node to `level` on `today`; false when another run did it first (the level or day already set). */
export async function escalateNode(tx: Q, nodeId: number, fromLevel: number, level: number, today: string, now: Date): Promise<boolean> {
  const r = await tx
    .updateTable('project_nodes')
    .set({ escalation_level: level, escalated_on: today, updated_at: now.toISOString() })
    .where('id', '=', nodeId)
    .where('escalation_level', '=', fromLevel)
    .where('done_on', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
