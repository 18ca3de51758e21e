// From the database to node lines: a plan year's nodes with where each stands today, for the CLI, chat and cards.
import type { NodeLineVM } from '../../../cards/nodes/lines';
import type { Db } from '../../db/connect';
import { listNodes, type NodeFilter, type ProjectNode } from '../../db/nodes';
import { loadSettings } from '../../db/settings';
import { nodeState } from '../../domain/nodes';

export type NodeView = ProjectNode & NodeLineVM;

export async function upcomingDaysSetting(db: Db): Promise<number> {
  return (await loadSettings(db)).settings['nodes.upcomingDays'];
}

/** The nodes of `planYear` matching `filter`, each with its state on `today`. */
export async function nodeViews(db: Db, planYear: number, filter: NodeFilter, today: string, upcomingDays: number): Promise<NodeView[]> {
  return (await listNodes(db, planYear, filter)).map((n) => ({ ...n, state: nodeState(n, today, upcomingDays) }));
}

/** Overdue first (longest overdue first), then upcoming (soonest first), then the rest in plan order. */
export function byUrgency(a: NodeView, b: NodeView): number {
  const rank = (v: NodeView) => (v.state.state === 'overdue' ? 0 : v.state.state === 'upcoming' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  return a.plannedOn < b.plannedOn ? -1 : a.plannedOn > b.plannedOn ? 1 : a.code.localeCompare(b.code) || a.seq - b.seq;
}
