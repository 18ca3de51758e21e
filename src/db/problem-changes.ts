// The problem ledger's writes: an event in an item's history, the one checked way its status changes, the overdue
// flag, and the escalation step. Each compares before it writes, so two instances never both move an item.
import type { Kysely } from 'kysely';
import { type ProblemStatus, WORKING_STATUSES } from '../domain/problem-lifecycle';
import type { ProblemItem } from './problems';
import type { Database } from './schema';

type Q = Kysely<Database>;

export type NewEvent = {
  problemId: number;
  actorId: number | null;
  /** Kept only for an actor the register does not hold (actorId null): their name from the Feishu directory. */
  actorName?: string | null;
  at: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  leadUnitId?: number | null;
  deadline?: string | null;
};

export async function addProblemEvent(tx: Q, e: NewEvent): Promise<number> {
  const row = await tx
    .insertInto('problem_events')
    .values({
      problem_id: e.problemId,
      actor_id: e.actorId,
      actor_name: e.actorName ?? null,
      at: e.at,
      action: e.action,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      note: e.note,
      lead_unit_id: e.leadUnitId ?? null,
      deadline: e.deadline ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type ItemChange = {
  status?: ProblemStatus;
  leadUnitId?: number | null;
  helperUnitIds?: number[];
  deadline?: string | null;
  category?: string;
  overdue?: boolean;
  escalationLevel?: number;
  escalatedOn?: string | null;
  closedAt?: string | null;
};

/**
 * Changes an item only if it is still in `expected` status: two people acting on two copies of one card cannot both
 * win. Returns false when someone else changed it first (nothing is written then).
 */
export async function changeProblem(tx: Q, id: number, expected: ProblemStatus, change: ItemChange, at: string): Promise<boolean> {
  const set: Record<string, unknown> = { updated_at: at };
  if (change.status !== undefined) set.status = change.status;
  if (change.leadUnitId !== undefined) set.lead_unit_id = change.leadUnitId;
  if (change.helperUnitIds !== undefined) set.helper_unit_ids = JSON.stringify(change.helperUnitIds);
  if (change.deadline !== undefined) set.deadline = change.deadline;
  if (change.category !== undefined) set.category = change.category;
  if (change.overdue !== undefined) set.overdue = change.overdue ? 1 : 0;
  if (change.escalationLevel !== undefined) set.escalation_level = change.escalationLevel;
  if (change.escalatedOn !== undefined) set.escalated_on = change.escalatedOn;
  if (change.closedAt !== undefined) set.closed_at = change.closedAt;
  const r = await tx.updateTable('problems').set(set).where('id', '=', id).where('status', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks an item overdue once (an event says when): false when it already was, or is no longer being worked. */
export async function flagOverdue(tx: Q, item: Pick<ProblemItem, 'id' | 'deadline'>, at: string): Promise<boolean> {
  const r = await tx
    .updateTable('problems')
    .set({ overdue: 1, updated_at: at })
    .where('id', '=', item.id)
    .where('overdue', '=', 0)
    .where('status', 'in', [...WORKING_STATUSES])
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await addProblemEvent(tx, {
    problemId: item.id,
    actorId: null,
    at,
    action: 'overdue',
    fromStatus: null,
    toStatus: null,
    note: null,
    deadline: item.deadline,
  });
  return true;
}

/** Names of units by id (for helper units and the 交办 form's choices). */

/** Moves a working item from its current escalation level to `level`; false when another step moved it first. */
export async function escalateProblem(tx: Q, item: { id: number; escalationLevel: number }, level: number, today: string, at: string): Promise<boolean> {
  const moved = await tx
    .updateTable('problems')
    .set({ escalation_level: level, escalated_on: today, updated_at: at })
    .where('id', '=', item.id)
    .where('escalation_level', '=', item.escalationLevel)
    .where('status', 'in', [...WORKING_STATUSES])
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) === 1;
}
