// 节点按期完成率 for the 综合评价 (issue 21) from the node plans (节点控制, issue 19): the nodes planned to be done within
// the period, and of those the ones done on or before their planned date; per county and per responsible unit. A
// period with no node due anywhere has no figures (the part is then stated as missing, not scored zero).
import type { Db } from '../db/connect';
import { listNodes } from '../db/nodes';

export type NodeCounts = { due: number; onTime: number };
export type NodeFigures = { counties: Map<string, NodeCounts>; units: Map<string, NodeCounts> };

/** Nodes due between two days ('YYYY-MM-DD', inclusive) and done on time; null when no node falls due in them. */
export async function nodePunctuality(db: Db, year: number, from: string, to: string): Promise<NodeFigures | null> {
  const due = (await listNodes(db, year)).filter((n) => n.plannedOn >= from && n.plannedOn <= to);
  if (due.length === 0) return null;
  const counties = new Map<string, NodeCounts>();
  const units = new Map<string, NodeCounts>();
  for (const n of due) {
    const onTime = n.doneOn !== null && n.doneOn <= n.plannedOn ? 1 : 0;
    for (const [map, key] of [
      [counties, n.countyName],
      [units, n.unitName],
    ] as const) {
      const c = map.get(key) ?? { due: 0, onTime: 0 };
      map.set(key, { due: c.due + 1, onTime: c.onTime + onTime });
    }
  }
  return { counties, units };
}
