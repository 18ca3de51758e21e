// 导出Excel: a list answer in full as an .xlsx workbook, sent to the asker as a file. A title row says what the list is
// and its as-of, a note row how the figures are measured; amounts are numbers in 万元 shown to the 元 (exact: at
// most four decimals), rates Excel percentages of the unrounded rate; the header row stays in view when scrolling.
import ExcelJS from 'exceljs';
import type { Percent } from '../../domain/exact';
import { yuanToWanText } from '../../domain/money';

export type SheetColumn = { header: string; width: number; kind?: 'text' | 'wan' | 'rate' | 'points' | 'count' };
export type SheetCell = string | number | null;
export type ListSheet = { title: string; note: string; columns: SheetColumn[]; rows: SheetCell[][] };
export type ExportFile = { fileName: string; data: Buffer };

const FORMAT: Record<NonNullable<SheetColumn['kind']>, string> = {
  text: '@',
  wan: '#,##0.00##',
  rate: '0.0%',
  points: '+0.0;-0.0;0.0',
  count: '0',
};

/** 元 as a number of 万元, exact (integer 元 have at most four decimals in 万元). */
export const wanCell = (yuan: number | null): number | null => (yuan === null ? null : Number(yuanToWanText(yuan)));
/** A rate as an Excel percentage (0.325 for 32.5%), unrounded. */
export const rateCell = (p: Percent | null): number | null => (p === null ? null : p.value / 100);
/** A gap in 个百分点, unrounded. */
export const pointsCell = (p: Percent | null): number | null => (p === null ? null : p.value);

/** "江北区未达序时进度项目（截至第48周）.xlsx": no characters a file system refuses. */
export function exportFileName(title: string): string {
  return `${title.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 120)}.xlsx`;
}

export async function listWorkbook(sheetName: string, s: ListSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', xSplit: 0, ySplit: 3 }] });
  const n = s.columns.length;
  ws.columns = s.columns.map((c) => ({ width: c.width, style: c.kind && c.kind !== 'text' ? { numFmt: FORMAT[c.kind] } : {} }));
  ws.getCell(1, 1).value = s.title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, n);
  ws.getCell(2, 1).value = s.note;
  ws.getCell(2, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = 32;
  ws.mergeCells(2, 1, 2, n);
  const head = ws.getRow(3);
  s.columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  for (const r of s.rows) ws.addRow(r);
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: n } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
