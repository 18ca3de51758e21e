// Reads the statistics office's monthly sheet (项目编号 · 统计完成投资(万元) · 是否入库, optionally 项目名称): every row
// checked, every problem named by sheet, row and column, the same way as the register import; nothing is kept of a
// file with any problem.
import { parseAmountWan } from '../domain/money';
import type { StatsFigure } from '../domain/statistics';
import { compact, parseText, type Raw } from '../register/cells';
import { type Checked, ok, type Parsed, type Problem, refuse } from '../register/problems';
import { type ColumnSpec, locateColumns, rowReader, type Table } from '../register/table';
import { readRegisterFile } from '../register/workbook';

export const STATS_COLUMNS: ColumnSpec[] = [
  { key: 'code', heading: '项目编号', aliases: ['编号'] },
  { key: 'name', heading: '项目名称', optional: true },
  { key: 'stats', heading: '统计完成投资(万元)', aliases: ['统计完成投资'] },
  { key: 'library', heading: '是否入库', aliases: ['入库'] },
];

const YES = new Set(['是', '已入库', '入库', 'Y', 'YES', '1']);
const NO = new Set(['否', '未入库', '不入库', 'N', 'NO', '0']);

function libraryFlag(raw: Raw): Parsed<boolean | null> {
  if (raw.kind === 'empty') return ok(null);
  const t = raw.kind === 'text' ? compact(raw.text.normalize('NFKC')).toUpperCase() : raw.kind === 'number' ? String(raw.n) : null;
  if (t !== null && YES.has(t)) return ok(true);
  if (t !== null && NO.has(t)) return ok(false);
  return refuse('应填“是”或“否”');
}

const TOTAL_LINE = new Set(['合计', '总计', '小计']);

/** The rows of a located table, checked; problems for each bad cell, a repeated code, a 入库 row without its figure. */
export function validateStatsTable(table: Table): { figures: Array<StatsFigure & { row: number }>; problems: Problem[] } {
  const problems: Problem[] = [];
  const figures: Array<StatsFigure & { row: number }> = [];
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const first = r.get('code');
    if (first.kind === 'text' && TOTAL_LINE.has(compact(first.text))) continue;
    const read = rowReader(table, r, problems);
    const code = read.field('code', (raw) => parseText(raw, (s) => compact(s.normalize('NFKC'))), true);
    const name = read.field('name', (raw) => parseText(raw));
    const stats = read.field('stats', parseAmountWan);
    const inLibrary = read.field('library', libraryFlag, true);
    if (typeof code === 'string') {
      const before = seen.get(code);
      if (before !== undefined) read.fail('code', `项目编号重复（第${before}行已有），同一项目只能有一行`);
      else seen.set(code, r.row);
    }
    if (inLibrary === true && stats === null) read.fail('stats', '已入库的项目须填写统计完成投资（没有完成投资的填 0）');
    if (typeof code !== 'string' || inLibrary === undefined || inLibrary === null || stats === undefined) continue;
    figures.push({ row: r.row, code, name: name ?? null, statsYuan: stats, inLibrary });
  }
  if (figures.length === 0 && problems.length === 0) problems.push({ sheet: table.sheet, row: null, column: null, value: null, reason: '工作表中没有数据行' });
  return { figures, problems };
}

/** The file's figures, or every problem in it. The sheet used is the one whose headings match best (any name). */
export async function readStatsFile(bytes: Uint8Array, fileName: string): Promise<Checked<Array<StatsFigure & { row: number }>>> {
  const file = await readRegisterFile(bytes, fileName);
  if (!file.ok) return file;
  let best: { table: Table; problems: Problem[] } | null = null;
  for (const sheet of file.value.sheets.values()) {
    const located = locateColumns(sheet, STATS_COLUMNS);
    if (best === null || located.problems.length < best.problems.length) best = located;
  }
  if (!best) return { ok: false, problems: [{ sheet: null, row: null, column: null, value: null, reason: `${fileName} 中没有工作表` }] };
  if (best.problems.length) return { ok: false, problems: best.problems };
  const { figures, problems } = validateStatsTable(best.table);
  return problems.length ? { ok: false, problems } : { ok: true, value: figures };
}
