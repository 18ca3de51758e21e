// Checks the optional 节点计划 sheet (节点控制): one row per key node of a project of the 项目 sheet, its planned date
// and, when already reached, the date it was done. Every problem named by sheet, row and column, as elsewhere.
import { compact, parseText, type Raw, parseCode } from './cells';
import { parseDate } from './date';
import type { Problem } from './problems';
import { type ColumnSpec, type Table, rowReader } from './table';
import type { NodeIn } from './types';

export const NODE_COLUMNS: ColumnSpec[] = [
  { key: 'code', heading: '项目编号' },
  { key: 'name', heading: '节点名称', aliases: ['节点'] },
  { key: 'planned', heading: '计划完成日期', aliases: ['计划完成时间'] },
  { key: 'kind', heading: '节点类型', optional: true },
  { key: 'done', heading: '实际完成日期', aliases: ['完成日期'], optional: true },
];

const name = (raw: Raw) => parseText(raw, compact);

/**
 * `codes` are the 项目编号 of this file's 项目 sheet (null when it could not be read): a node must belong to one of them. With the plan year known, a
 * node planned outside the years its project can span is refused: a typing error more often than a plan.
 */
export function validateNodes(table: Table, codes: ReadonlySet<string> | null, year: number | null): { nodes: NodeIn[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const nodes: NodeIn[] = [];
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const before = problems.length;
    const f = rowReader(table, r, problems);
    const code = f.field('code', parseCode, true);
    if (code && codes !== null && !codes.has(code)) f.fail('code', '「项目」工作表中没有这个项目编号');
    const nodeName = f.field('name', name, true);
    if (code && nodeName) {
      const key = `${code}\u0000${nodeName}`;
      const first = seen.get(key);
      if (first !== undefined) f.fail('name', `同一项目的节点名称与第${first}行重复`);
      else seen.set(key, r.row);
    }
    const planned = f.field('planned', parseDate, true);
    if (planned && year !== null && (planned < `${year - 1}-01-01` || planned > `${year + 5}-12-31`)) {
      f.fail('planned', `计划完成日期应在${year - 1}年至${year + 5}年之间，请核对`);
    }
    const kind = f.field('kind', name);
    const done = f.field('done', parseDate);
    if (problems.length > before) continue;
    nodes.push({ row: r.row, code: code!, name: nodeName!, plannedOn: planned!, kind: kind ?? null, doneOn: done ?? null });
  }
  return { nodes, problems };
}
