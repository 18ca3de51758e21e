// Writes the 节点计划 sheet: nodes upserted by (project, 节点名称). The sheet is the plan: a node the file no longer
// lists is removed, unless it is done (its completion is a fact, kept and reported). A completion a reporter recorded
// is never undone or moved by a file; the file only fills in one not yet recorded. The same file again changes nothing.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { NodeIn } from './types';

type Tx = Kysely<Database>;

export type NodeCounts = {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** "项目编号 节点名称" of nodes whose completion in the file differs from the record (the record stands), or that the file no longer lists but are done (kept). */
  kept: string[];
};

export async function syncNodes(trx: Tx, rows: NodeIn[], year: number, now: string): Promise<NodeCounts> {
  const out: NodeCounts = { added: 0, updated: 0, unchanged: 0, removed: 0, kept: [] };
  const projects = new Map((await trx.selectFrom('projects').select(['id', 'code']).where('plan_year', '=', year).execute()).map((p) => [p.code, p.id]));
  const stored = await trx
    .selectFrom('project_nodes as n')
    .innerJoin('projects as p', 'p.id', 'n.project_id')
    .selectAll('n')
    .select('p.code')
    .where('p.plan_year', '=', year)
    .execute();
  const byKey = new Map(stored.map((n) => [`${n.code}\u0000${n.name}`, n]));
  const seq = new Map<string, number>();
  const listed = new Set<string>();
  for (const r of rows) {
    const projectId = projects.get(r.code);
    if (projectId === undefined) throw new Error(`节点计划中的项目编号“${r.code}”未能解析`);
    const n = (seq.get(r.code) ?? 0) + 1;
    seq.set(r.code, n);
    const key = `${r.code}\u0000${r.name}`;
    listed.add(key);
    const cur = byKey.get(key);
    if (!cur) {
      await trx
        .insertInto('project_nodes')
        .values({
          project_id: projectId,
          seq: n,
          name: r.name,
          kind: r.kind,
          planned_on: r.plannedOn,
          done_on: r.doneOn,
          done_source: r.doneOn ? 'import' : null,
          done_by: null,
          done_recorded_at: r.doneOn ? now : null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      out.added++;
      continue;
    }
    const fillDone = r.doneOn !== null && cur.done_on === null;
    if (r.doneOn !== null && cur.done_on !== null && cur.done_on !== r.doneOn) out.kept.push(`${r.code} ${r.name}`);
    // A new planned date (the plan was moved) starts the node's escalation afresh.
    const replanned = cur.planned_on !== r.plannedOn;
    const changed = cur.seq !== n || cur.kind !== r.kind || replanned || fillDone;
    if (!changed) {
      out.unchanged++;
      continue;
    }
    await trx
      .updateTable('project_nodes')
      .set({
        seq: n,
        kind: r.kind,
        planned_on: r.plannedOn,
        ...(replanned ? { escalation_level: 0, escalated_on: null } : {}),
        ...(fillDone ? { done_on: r.doneOn, done_source: 'import' as const, done_recorded_at: now } : {}),
        updated_at: now,
      })
      .where('id', '=', cur.id)
      .execute();
    out.updated++;
  }
  for (const [key, n] of byKey) {
    if (listed.has(key)) continue;
    if (n.done_on !== null) {
      out.kept.push(`${n.code} ${n.name}`);
      continue;
    }
    await trx.deleteFrom('project_nodes').where('id', '=', n.id).execute();
    out.removed++;
  }
  return out;
}
