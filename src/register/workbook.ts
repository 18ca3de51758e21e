// Opens a register file (.xlsx, or a .csv of the 项目 sheet) and returns its sheets as rows of cells.
import ExcelJS from 'exceljs';
import { fromExcel, nameKey } from './cells';
import { readCsv } from './csv';
import { type Checked, fileProblem } from './problems';
import type { SheetRows } from './table';
import { checkXlsxLimits } from './zip-limits';

export const SHEETS = {
  projects: '项目',
  units: '单位',
  leaders: '领导',
  enterprises: '招商项目',
  reserve: '储备项目',
  roles: '权限',
  nodes: '节点计划',
  monthPlans: '月度计划',
} as const;

export type RegisterFile = { source: 'xlsx' | 'csv'; sheets: Map<string, SheetRows> };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** What the first bytes say the file is; an .xlsx with an open password is a CFB container, like an old .xls. */
export function sniff(bytes: Uint8Array, fileName: string): 'xlsx' | 'cfb' | 'csv' | 'unknown' {
  if (startsWith(bytes, ZIP)) return 'xlsx';
  if (startsWith(bytes, CFB)) return 'cfb';
  if (/\.csv$/i.test(fileName)) return 'csv';
  return 'unknown';
}

export async function readRegisterFile(bytes: Uint8Array, fileName: string): Promise<Checked<RegisterFile>> {
  const fail = (reason: string) => ({ ok: false as const, problems: [fileProblem(reason)] });
  if (bytes.length === 0) return fail(`文件 ${fileName} 是空的（0 字节）`);
  switch (sniff(bytes, fileName)) {
    case 'cfb':
      return fail(
        `无法读取 ${fileName}：这是设置了打开密码的加密工作簿，或旧版 .xls 文件。` +
          '请在 Excel/WPS 中打开它，去掉打开密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码），' +
          '再“另存为”Excel 工作簿（.xlsx）后导入。',
      );
    case 'csv': {
      const csv = readCsv(bytes, SHEETS.projects);
      return csv.ok ? { ok: true, value: { source: 'csv', sheets: new Map([[SHEETS.projects, csv.value]]) } } : fail(csv.reason);
    }
    case 'unknown':
      return fail(`无法读取 ${fileName}：它不是 Excel 工作簿（.xlsx），也不是 .csv 文件。请在 Excel/WPS 中另存为 .xlsx 后再导入。`);
    case 'xlsx':
      break;
  }
  // Before exceljs unpacks it whole: a small file may unpack to gigabytes (a "zip bomb"), or hold a million rows.
  const limits = await checkXlsxLimits(bytes);
  if (!limits.ok) {
    return fail(
      limits.corrupt
        ? `无法读取 ${fileName}：文件已损坏或不是有效的 .xlsx（${limits.reason}）。请在 Excel/WPS 中打开后重新另存为 .xlsx。`
        : `无法读取 ${fileName}：${limits.reason}。`,
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    return fail(`无法读取 ${fileName}：文件已损坏或不是有效的 .xlsx（${(err as Error).message}）。请在 Excel/WPS 中打开后重新另存为 .xlsx。`);
  }
  const sheets = new Map<string, SheetRows>();
  for (const ws of workbook.worksheets) {
    const rows: SheetRows['rows'] = [];
    ws.eachRow((row, number) => {
      const values = row.values as ExcelJS.CellValue[]; // sparse and 1-based, like Excel's columns
      rows.push({ row: number, cells: Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => fromExcel(values[i + 1])) });
    });
    // Sheet names are matched loosely ("项目 " is 项目); the first of two equal names wins.
    const key = nameKey(ws.name);
    if (!sheets.has(key)) sheets.set(key, { name: key, rows });
  }
  return { ok: true, value: { source: 'xlsx', sheets } };
}
