// A CSV export of the 项目 sheet: UTF-8 (with or without BOM), RFC 4180 quoting, CRLF or LF line ends.
import { textCell } from './cells';
import { type Parsed, ok, refuse } from './problems';
import type { SheetRows } from './table';

/** Splits CSV text into rows of fields; quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsvText(text: string): Parsed<string[][]> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
    } else field += c;
  }
  if (quoted) return refuse(`CSV 第${quoteLine}行的引号没有闭合，文件可能被截断`);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return ok(rows);
}

/** Decodes and parses a CSV file as the 项目 sheet. Excel's plain "CSV" is GBK on Chinese Windows: say how to fix. */
export function readCsv(bytes: Uint8Array, sheet: string): Parsed<SheetRows> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refuse('CSV 文件不是 UTF-8 编码（多半是 GBK）：请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后再导入');
  }
  const parsed = parseCsvText(text);
  if (!parsed.ok) return parsed;
  return ok({ name: sheet, rows: parsed.value.map((cells, i) => ({ row: i + 1, cells: cells.map(textCell) })) });
}
