// The problem ledger in the database: items with their project, units and people named, their history (events and
// the weekly reports that raised them), and the one way an item's status changes (checked, with an event).
import type { Kysely } from 'kysely';
import { isProblemStatus, type ProblemStatus } from '../domain/problem-lifecycle';
import type { Database } from './schema';

type Q = Kysely<Database>;

export type ProblemItem = {
  id: number;
  projectId: number;
  projectCode: string;
  projectName: string;
  planYear: number;
  countyId: number;
  countyName: string;
  /** The project's 责任单位 (who reports it), not the item's lead unit. */
  projectUnitId: number;
  projectUnitName: string;
  leaderId: number | null;
  leaderName: string | null;
  /** A category id of PROBLEM_CATEGORIES, or '' when the report named none (a 需协调事项 alone). */
  category: string;
  description: string;
  coordination: string | null;
  status: ProblemStatus;
  overdue: boolean;
  escalationLevel: number;
  escalatedOn: string | null;
  raisedById: number | null;
  raisedByName: string | null;
  raisedAt: string;
  leadUnitId: number | null;
  leadUnitName: string | null;
  helperUnitIds: number[];
  deadline: string | null;
  closedAt: string | null;
  updatedAt: string;
};

export type ProblemFilter = {
  ids?: readonly number[];
  planYear?: number;
  statuses?: readonly ProblemStatus[];
  overdue?: boolean;
  escalated?: boolean;
  countyIds?: readonly number[];
  projectIds?: readonly number[];
  categories?: readonly string[];
  leadUnitId?: number;
  /** Deadline strictly before this day ('YYYY-MM-DD'). */
  deadlineBefore?: string;
  escalationBelow?: number;
};

function base(db: Q) {
  return db
    .selectFrom('problems as x')
    .innerJoin('projects as p', 'p.id', 'x.project_id')
    .innerJoin('counties as c', 'c.id', 'p.county_id')
    .innerJoin('units as pu', 'pu.id', 'p.unit_id')
    .leftJoin('people as l', 'l.id', 'p.leader_id')
    .leftJoin('people as r', 'r.id', 'x.raised_by')
    .leftJoin('units as lu', 'lu.id', 'x.lead_unit_id')
    .select([
      'x.id',
      'x.project_id',
      'p.code',
      'p.name',
      'p.plan_year',
      'p.county_id',
      'c.name as county_name',
      'p.unit_id',
      'pu.name as unit_name',
      'p.leader_id',
      'l.name as leader_name',
      'x.category',
      'x.description',
      'x.coordination',
      'x.status',
      'x.overdue',
      'x.escalation_level',
      'x.escalated_on',
      'x.raised_by',
      'r.name as raised_by_name',
      'x.raised_at',
      'x.lead_unit_id',
      'lu.name as lead_unit_name',
      'x.helper_unit_ids',
      'x.deadline',
      'x.closed_at',
      'x.updated_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function toItem(r: Row): ProblemItem {
  return {
    id: r.id,
    projectId: r.project_id,
    projectCode: r.code,
    projectName: r.name,
    planYear: r.plan_year,
    countyId: r.county_id,
    countyName: r.county_name,
    projectUnitId: r.unit_id,
    projectUnitName: r.unit_name,
    leaderId: r.leader_id,
    leaderName: r.leader_name,
    category: r.category,
    description: r.description,
    coordination: r.coordination,
    status: isProblemStatus(r.status) ? r.status : '待梳理',
    overdue: r.overdue === 1,
    escalationLevel: r.escalation_level,
    escalatedOn: r.escalated_on,
    raisedById: r.raised_by,
    raisedByName: r.raised_by_name,
    raisedAt: r.raised_at,
    leadUnitId: r.lead_unit_id,
    leadUnitName: r.lead_unit_name,
    helperUnitIds: parseIds(r.helper_unit_ids),
    deadline: r.deadline,
    closedAt: r.closed_at,
    updatedAt: r.updated_at,
  };
}

function parseIds(json: string | null): number[] {
  if (!json) return [];
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : [];
}

export async function getProblem(db: Q, id: number): Promise<ProblemItem | null> {
  const row = await base(db).where('x.id', '=', id).executeTakeFirst();
  return row ? toItem(row) : null;
}

/** Items by the filter, in ledger order (oldest first). Empty id lists select nothing. */
export async function listProblems(db: Q, f: ProblemFilter = {}): Promise<ProblemItem[]> {
  for (const list of [f.ids, f.statuses, f.countyIds, f.projectIds, f.categories]) if (list && list.length === 0) return [];
  let q = base(db);
  if (f.ids) q = q.where('x.id', 'in', [...f.ids]);
  if (f.planYear !== undefined) q = q.where('p.plan_year', '=', f.planYear);
  if (f.statuses) q = q.where('x.status', 'in', [...f.statuses]);
  if (f.overdue !== undefined) q = q.where('x.overdue', '=', f.overdue ? 1 : 0);
  if (f.escalated) q = q.where('x.escalation_level', '>', 0);
  if (f.countyIds) q = q.where('p.county_id', 'in', [...f.countyIds]);
  if (f.projectIds && f.projectIds.length <= 500) q = q.where('x.project_id', 'in', [...f.projectIds]);
  if (f.categories) q = q.where('x.category', 'in', [...f.categories]);
  if (f.leadUnitId !== undefined) q = q.where('x.lead_unit_id', '=', f.leadUnitId);
  if (f.deadlineBefore !== undefined) q = q.where('x.deadline', '<', f.deadlineBefore);
  if (f.escalationBelow !== undefined) q = q.where('x.escalation_level', '<', f.escalationBelow);
  const rows = (await q.orderBy('x.raised_at').orderBy('x.id').execute()).map(toItem);
  // Past the bound-parameter comfort of both engines, the project cut is made here instead.
  if (f.projectIds && f.projectIds.length > 500) {
    const ids = new Set(f.projectIds);
    return rows.filter((r) => ids.has(r.projectId));
  }
  return rows;
}

export type ProblemEvent = {
  id: number;
  at: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  actorId: number | null;
  actorName: string | null;
  leadUnitName: string | null;
  deadline: string | null;
};

/** Every event of an item, oldest first. */
export async function problemEvents(db: Q, problemId: number): Promise<ProblemEvent[]> {
  const rows = await db
    .selectFrom('problem_events as e')
    .leftJoin('people as a', 'a.id', 'e.actor_id')
    .leftJoin('units as u', 'u.id', 'e.lead_unit_id')
    .where('e.problem_id', '=', problemId)
    .select([
      'e.id',
      'e.at',
      'e.action',
      'e.from_status',
      'e.to_status',
      'e.note',
      'e.actor_id',
      'a.name as person_name',
      'e.actor_name',
      'u.name as unit_name',
      'e.deadline',
    ])
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    note: r.note,
    actorId: r.actor_id,
    actorName: r.person_name ?? r.actor_name,
    leadUnitName: r.unit_name,
    deadline: r.deadline,
  }));
}

/** The weeks whose reports raised an item, oldest first. */
export async function problemWeeks(db: Q, problemId: number): Promise<Array<{ weekStart: string; text: string | null; coordination: string | null }>> {
  const rows = await db
    .selectFrom('problem_reports')
    .select(['week_start', 'problem_text', 'coordination'])
    .where('problem_id', '=', problemId)
    .orderBy('week_start')
    .execute();
  return rows.map((r) => ({ weekStart: r.week_start, text: r.problem_text, coordination: r.coordination }));
}

export async function unitNames(db: Q): Promise<Map<number, string>> {
  const rows = await db.selectFrom('units').select(['id', 'name']).orderBy('name').execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Problems raised between two instants (ISO UTC, [from, to)) on a plan year's projects, with the unit that leads them. */
export async function problemsRaisedBetween(
  db: Q,
  year: number,
  from: string,
  to: string,
): Promise<Array<{ projectId: number; status: string; closedAt: string | null; leadUnit: string | null }>> {
  const rows = await db
    .selectFrom('problems as pr')
    .innerJoin('projects as p', 'p.id', 'pr.project_id')
    .leftJoin('units as u', 'u.id', 'pr.lead_unit_id')
    .select(['pr.project_id', 'pr.status', 'pr.closed_at', 'u.name as lead_unit'])
    .where('p.plan_year', '=', year)
    .where('pr.raised_at', '>=', from)
    .where('pr.raised_at', '<', to)
    .execute();
  return rows.map((r) => ({ projectId: r.project_id, status: r.status, closedAt: r.closed_at, leadUnit: r.lead_unit }));
}
