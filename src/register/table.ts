// One sheet as read from a file: its heading row and data rows, columns found by heading text, not position.
import { type Raw, EMPTY, nameKey, shown } from './cells';
import type { Parsed, Problem } from './problems';

export type SheetRows = { name: string; rows: Array<{ row: number; cells: Raw[] }> };

export type ColumnSpec = { key: string; heading: string; aliases?: string[]; optional?: boolean };

/** A located sheet: `get(row, key)` reads a cell by column key; absent optional columns read as empty. */
export type Table = {
  sheet: string;
  headingRow: number;
  has(key: string): boolean;
  heading(key: string): string;
  rows: Array<{ row: number; get(key: string): Raw }>;
};

/** Heading text compared loosely: （万元） equals (万元), spaces, line breaks and a "required" star ignored. */
export function headingKey(s: string): string {
  return nameKey(s).replace(/[*]/g, '');
}

const cellText = (r: Raw | undefined) => (r?.kind === 'text' ? r.text : r?.kind === 'number' ? String(r.n) : '');
const HEADING_SEARCH_ROWS = 10;

/**
 * Finds the heading row (row 1 normally; a title line above it is tolerated) and each column by its heading.
 * Every missing or repeated heading becomes a problem.
 */
export function locateColumns(sheet: SheetRows, specs: ColumnSpec[]): { table: Table; problems: Problem[] } {
  const wanted = new Map<string, ColumnSpec>();
  for (const spec of specs) for (const h of [spec.heading, ...(spec.aliases ?? [])]) wanted.set(headingKey(h), spec);
  const matchesIn = (cells: Raw[]) => cells.filter((c) => wanted.has(headingKey(cellText(c)))).length;

  let heading = sheet.rows[0];
  for (const r of sheet.rows.slice(0, HEADING_SEARCH_ROWS)) {
    if (r.row > HEADING_SEARCH_ROWS) break;
    if (matchesIn(r.cells) > matchesIn(heading?.cells ?? [])) heading = r;
  }
  const headingRow = heading?.row ?? 1;
  const problems: Problem[] = [];
  const columns = new Map<string, number>();
  (heading?.cells ?? []).forEach((cell, index) => {
    const spec = wanted.get(headingKey(cellText(cell)));
    if (!spec) return;
    const first = columns.get(spec.key);
    if (first === undefined) columns.set(spec.key, index);
    else
      problems.push({
        sheet: sheet.name,
        row: headingRow,
        column: spec.heading,
        value: null,
        reason: `表头重复（第${first + 1}列和第${index + 1}列），无法确定用哪一列`,
      });
  });
  const present = (heading?.cells ?? []).map(cellText).filter((t) => t.trim() !== '');
  for (const spec of specs) {
    if (spec.optional || columns.has(spec.key)) continue;
    problems.push({
      sheet: sheet.name,
      row: headingRow,
      column: spec.heading,
      value: null,
      reason: `缺少这一列表头（第${headingRow}行现有表头：${present.join('、') || '无'}）`,
    });
  }
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const table: Table = {
    sheet: sheet.name,
    headingRow,
    has: (key) => columns.has(key),
    heading: (key) => byKey.get(key)?.heading ?? key,
    rows: sheet.rows
      .filter((r) => r.row > headingRow && [...columns.values()].some((i) => (r.cells[i] ?? EMPTY).kind !== 'empty'))
      .map((r) => ({
        row: r.row,
        get: (key: string) => {
          const index = columns.get(key);
          return index === undefined ? EMPTY : (r.cells[index] ?? EMPTY);
        },
      })),
  };
  return { table, problems };
}

export type RowReader = {
  row: number;
  /** The parsed value; null when empty and optional; undefined when refused (the problem is already recorded). */
  field<T>(key: string, parse: (raw: Raw) => Parsed<T | null>, required?: boolean): T | null | undefined;
  fail(key: string, reason: string): void;
};

/** Reads one row's fields, recording each refusal as a problem at this row and the column's heading. */
export function rowReader(table: Table, r: Table['rows'][number], problems: Problem[]): RowReader {
  const fail = (key: string, reason: string) =>
    problems.push({ sheet: table.sheet, row: r.row, column: table.heading(key), value: shown(r.get(key)) || null, reason });
  return {
    row: r.row,
    fail,
    field(key, parse, required = false) {
      const parsed = parse(r.get(key));
      if (!parsed.ok) {
        fail(key, parsed.reason);
        return;
      }
      if (parsed.value === null && required) {
        fail(key, '不能为空');
        return;
      }
      return parsed.value;
    },
  };
}
