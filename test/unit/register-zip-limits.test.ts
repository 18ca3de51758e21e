// The .xlsx size check before exceljs (issue 17 row 15): cells are counted exactly across 64 KB chunk boundaries.
import { describe, expect, it } from 'vitest';
import { checkXlsxLimits, XLSX_LIMITS } from '../../src/register/zip-limits';
import { buildZip, workbookParts } from '../fixtures/zip';

/** A worksheet of `cells` cells, 40 to a row (well under the row limit), their tags of varying length. */
function* sheetOfCells(cells: number): Generator<Buffer> {
  yield Buffer.from('<worksheet><sheetData>');
  let s = '';
  for (let i = 0; i < cells; i++) {
    if (i % 40 === 0) s += `${i ? '</row>' : ''}<row r="${i / 40 + 1}">`;
    s += i % 7 ? '<c/>' : `<c r="X${i}"><v>${i % 997}</v></c>`;
    if (s.length > 100_000) {
      yield Buffer.from(s);
      s = '';
    }
  }
  yield Buffer.from(`${s}</row></sheetData></worksheet>`);
}

describe('checkXlsxLimits', () => {
  it('accepts exactly the cell limit and refuses one cell more, naming the limit', async () => {
    const at = await checkXlsxLimits(await buildZip(workbookParts(sheetOfCells(XLSX_LIMITS.cells))));
    expect(at).toEqual({ ok: true });
    const over = await checkXlsxLimits(await buildZip(workbookParts(sheetOfCells(XLSX_LIMITS.cells + 1))));
    expect(over.ok).toBe(false);
    expect(!over.ok && over.reason).toContain('工作表合计超过 1,000,000 个单元格，超出导入上限');
  }, 30_000);

  it('reports a zip without its directory as corrupt', async () => {
    const zip = await buildZip(workbookParts([Buffer.from('<worksheet/>')]));
    expect(await checkXlsxLimits(zip.subarray(0, zip.length - 30))).toMatchObject({ ok: false, corrupt: true });
  });
});
