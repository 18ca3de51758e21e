// Turns what a spreadsheet cell holds (exceljs values, CSV text) into one small shape the parsers understand.
import type { CellValue } from 'exceljs';
import { withoutControlChars } from '../domain/plain-text';
import { type Parsed, ok, refuse } from './problems';

/** A cell reduced to what matters: formulas, rich text and hyperlinks are already resolved to their value. */
export type Raw =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; n: number }
  | { kind: 'date'; date: Date }
  | { kind: 'bad'; shown: string; reason: string };

export const EMPTY: Raw = { kind: 'empty' };

/** A text cell without control characters (a NUL in a name: SQLite kept it, PostgreSQL refused the import). */
export function textCell(cell: string): Raw {
  const text = withoutControlChars(cell);
  return text.trim() === '' ? EMPTY : { kind: 'text', text };
}

/** Reads an exceljs cell value; a formula counts as its cached result, since that is what the user sees. */
export function fromExcel(v: CellValue | undefined): Raw {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return textCell(v);
  if (typeof v === 'number') return { kind: 'number', n: v };
  if (typeof v === 'boolean') return { kind: 'bad', shown: v ? 'TRUE' : 'FALSE', reason: '是逻辑值（TRUE/FALSE），不是所需内容' };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { kind: 'bad', shown: '', reason: '日期无效' } : { kind: 'date', date: v };
  if ('error' in v) return { kind: 'bad', shown: String(v.error), reason: `单元格是错误值 ${String(v.error)}，请改正公式或填入数值` };
  if ('richText' in v) return textCell(v.richText.map((r) => r.text).join(''));
  if ('formula' in v || 'sharedFormula' in v) {
    // A workbook written by a program may carry formulas without cached results; only Excel/WPS can compute them.
    if (v.result === undefined) return { kind: 'bad', shown: `=${v.formula ?? ''}`, reason: '公式没有保存计算结果：请在 Excel 或 WPS 中打开并保存后再导入' };
    return fromExcel(v.result);
  }
  if ('hyperlink' in v) return fromExcel(v.text as CellValue);
  return { kind: 'bad', shown: '', reason: '无法识别的单元格内容' };
}

/** Whitespace of every width (incl. U+3000 and no-break space), as typed for alignment in Chinese sheets. */
const SPACES = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/** Free text (names of projects, owners): runs of spaces collapse to one, ends trimmed. */
export function cleanText(s: string): string {
  return s.replace(SPACES, ' ').trim();
}

/** Names used as keys (units, people, counties): Chinese names carry no spaces, "李  明" means 李明. */
export function compact(s: string): string {
  return s.replace(SPACES, '');
}

/** The key two spellings of one name share: full-width brackets and letters fold to their plain forms. */
export function nameKey(s: string): string {
  return compact(s.normalize('NFKC'));
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The value as shown in a problem line. */
export function shown(raw: Raw): string {
  switch (raw.kind) {
    case 'empty':
      return '';
    case 'text':
      return raw.text.length > 60 ? `${raw.text.slice(0, 60)}…` : raw.text;
    case 'number':
      return String(raw.n);
    case 'date':
      return isoDate(raw.date);
    case 'bad':
      return raw.shown;
  }
}

/** A text field: numbers are taken as typed (a code like 1001), dates refused; null when empty. */
export function parseText(raw: Raw, clean: (s: string) => string = cleanText): Parsed<string | null> {
  switch (raw.kind) {
    case 'empty':
      return ok(null);
    case 'text': {
      const s = clean(raw.text);
      return ok(s === '' ? null : s);
    }
    case 'number':
      return ok(String(raw.n));
    case 'date':
      return refuse('应为文字，不是日期');
    case 'bad':
      return refuse(raw.reason);
  }
}

/** A code (项目编号, 储备编号, 国家代码…): full-width characters made half-width and every space dropped. */
export function parseCode(raw: Raw): Parsed<string | null> {
  return parseText(raw, (s) => compact(s.normalize('NFKC')));
}
