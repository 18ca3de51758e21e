// Questions about 节点控制: "逾期节点", "江北区逾期节点", "本月到期节点", and "「XX项目」节点" (the rest names a project).
import type { NameIndex } from './name-index';

export type NodeIntent =
  | { kind: 'nodes_overdue'; county: number | null }
  | { kind: 'nodes_month'; county: number | null }
  /** "XX项目节点": the words before 节点, to be read as a project. */
  | { kind: 'nodes_of'; rest: string };

const OVERDUE = /逾期(的)?节点|节点逾期|超期节点/u;
const MONTH = /本月(到期|应完成)?(的)?节点|本月节点/u;
const OF = /^(.+?)(的)?(节点计划|节点|关键节点|里程碑)(情况|进展|完成情况)?$/u;

function countyIn(t: string, index: NameIndex): number | null {
  const hit = index.aliases.filter((a) => a.type === 'county' && t.includes(a.text)).sort((a, b) => b.text.length - a.text.length)[0];
  return hit?.id ?? null;
}

/** `t` is the normalised question text; null when it is not about nodes. */
export function parseNodeQuestion(t: string, index: NameIndex): NodeIntent | null {
  if (OVERDUE.test(t)) return { kind: 'nodes_overdue', county: countyIn(t, index) };
  if (MONTH.test(t)) return { kind: 'nodes_month', county: countyIn(t, index) };
  const m = OF.exec(t);
  if (m?.[1]) return { kind: 'nodes_of', rest: m[1] };
  return null;
}
