// Problems found in a register file and how they are printed: one line each, naming sheet, row and column.

/** One defect; `row` counts the heading as row 1, `column` is the heading text. Null parts are file-level. */
export type Problem = {
  sheet: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
};

/** The result of parsing one cell: a value, or the reason (Chinese) it was refused. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The result of checking a whole file or sheet: every problem, never just the first. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

export function fileProblem(reason: string): Problem {
  return { sheet: null, row: null, column: null, value: null, reason };
}

/** e.g. `项目 第4行 「年度计划投资(万元)」 值“-500”：金额不能为负数`. */
export function formatProblem(p: Problem): string {
  const where = [p.sheet, p.row === null ? null : `第${p.row}行`, p.column === null ? null : `「${p.column}」`]
    .filter((x): x is string => x !== null)
    .join(' ');
  const value = p.value ? `值“${p.value}”` : '';
  const head = [where, value].filter((x) => x !== '').join(' ');
  return head ? `${head}：${p.reason}` : p.reason;
}

const SHEET_ORDER = ['项目', '单位', '领导', '招商项目', '储备项目', '节点计划'];

/** File-level problems first, then by sheet and row, keeping the column order within a row. */
export function sortProblems(problems: Problem[]): Problem[] {
  const rank = (p: Problem) => (p.sheet === null ? -1 : SHEET_ORDER.indexOf(p.sheet));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i)
    .map((x) => x.p);
}
