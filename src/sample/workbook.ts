// The sample workbooks as bytes: exceljs writes the sheets, then every date inside (the document properties and each
// zip entry's time) is pinned, so the same rows always give the same file.
import ExcelJS from 'exceljs';
import { SAMPLE_WRITTEN_AT, type SampleSheets } from './generate';
import { CITY } from './vocab';

/** The workbook's bytes: the three sheets with their headings, the properties and zip entries at a fixed time. */
export async function sampleWorkbookBytes(sheets: SampleSheets): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `${CITY.name}重点项目办（示例数据）`;
  wb.lastModifiedBy = wb.creator;
  wb.created = SAMPLE_WRITTEN_AT;
  wb.modified = SAMPLE_WRITTEN_AT;
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((c, i) => {
      c.width = Math.min(40, Math.max(10, ...rows.map((r) => String(r[i] ?? '').length * 2 + 2)));
    });
  }
  return pinZipTimes(Buffer.from(await wb.xlsx.writeBuffer()), SAMPLE_WRITTEN_AT);
}

/**
 * Sets the modification time of every entry of a zip file (local headers and central directory) to `at`: the zip
 * writer stamps entries with the current time, which would make each run's bytes differ.
 */
export function pinZipTimes(zip: Buffer, at: Date): Buffer {
  const out = Buffer.from(zip);
  const dosTime = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const dosDate = ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('不是 zip 文件：找不到中央目录结尾');
  const entries = out.readUInt16LE(eocd + 10);
  let at0 = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at0) !== 0x02014b50) throw new Error('zip 中央目录损坏');
    out.writeUInt16LE(dosTime, at0 + 12);
    out.writeUInt16LE(dosDate, at0 + 14);
    const local = out.readUInt32LE(at0 + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('zip 本地文件头损坏');
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    at0 += 46 + out.readUInt16LE(at0 + 28) + out.readUInt16LE(at0 + 30) + out.readUInt16LE(at0 + 32);
  }
  return out;
}
