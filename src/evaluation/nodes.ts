// 节点按期完成率 for the half-year evaluation. Node plans (节点控制, issue 19) are being built separately: until they
// exist this source says "no data" for everyone, and the evaluation states the part as not available. The engineer
// adding node plans fills `nodePunctuality` (reading the nodes due in the half and those done by their date, per
// county and per responsible unit); nothing else in the evaluation changes.
import type { Db } from '../db/connect';

export type NodeCounts = { due: number; onTime: number };
export type NodeFigures = { counties: Map<string, NodeCounts>; units: Map<string, NodeCounts> };

/** Nodes due between two days ('YYYY-MM-DD', inclusive) and done on time; null while no node plans exist. */
export async function nodePunctuality(_db: Db, _year: number, _from: string, _to: string): Promise<NodeFigures | null> {
  return null;
}
