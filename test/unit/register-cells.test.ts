// Cells as exceljs and CSV hand them over, CSV splitting, and the one-line problem format users read.
import { describe, expect, it } from 'vitest';
import { fromExcel } from '../../src/register/cells';
import { parseCsvText } from '../../src/register/csv';
import { formatProblem } from '../../src/register/problems';

describe('fromExcel', () => {
  it.each([
    ['a formula: its cached result', { formula: 'A1*2', result: 42 }, { kind: 'number', n: 42 }],
    ['a shared formula', { sharedFormula: 'B2', result: '市直' }, { kind: 'text', text: '市直' }],
    ['rich text, joined', { richText: [{ text: '市教' }, { text: '育局' }] }, { kind: 'text', text: '市教育局' }],
    ['a hyperlink: its text', { text: 'r1@lj.gov.cn', hyperlink: 'mailto:r1@lj.gov.cn' }, { kind: 'text', text: 'r1@lj.gov.cn' }],
    ['a hyperlink with rich text', { text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'x' }, { kind: 'text', text: 'ab' }],
    ['spaces only', '   ', { kind: 'empty' }],
    ['control characters dropped, alike on both engines', '青河\u0000县\u001b', { kind: 'text', text: '青河县' }],
    ['only control characters', '\u0000\u0007', { kind: 'empty' }],
    ['null', null, { kind: 'empty' }],
  ])('%s', (_, value, raw) => {
    expect(fromExcel(value as never)).toEqual(raw);
  });

  it('refuses a formula without a cached result, and error cells, saying what to do', () => {
    expect(fromExcel({ formula: 'SUM(A1:A3)' } as never)).toMatchObject({ kind: 'bad', reason: expect.stringContaining('在 Excel 或 WPS 中打开并保存') });
    expect(fromExcel({ error: '#N/A' } as never)).toMatchObject({ kind: 'bad', shown: '#N/A', reason: expect.stringContaining('错误值 #N/A') });
  });
});

describe('parseCsvText', () => {
  it('handles quotes, embedded commas and line breaks, CRLF and a missing final newline', () => {
    expect(parseCsvText('a,"b,1","say ""hi"""\r\n"line\nbreak",,x\r\nlast,row')).toEqual({
      ok: true,
      value: [
        ['a', 'b,1', 'say "hi"'],
        ['line\nbreak', '', 'x'],
        ['last', 'row'],
      ],
    });
  });

  it('refuses an unclosed quote, naming the line it opened on', () => {
    expect(parseCsvText('a,b\n"open,c\nd')).toEqual({ ok: false, reason: 'CSV 第2行的引号没有闭合，文件可能被截断' });
  });
});

describe('formatProblem', () => {
  it('names sheet, row, column and value', () => {
    expect(formatProblem({ sheet: '项目', row: 4, column: '年度计划投资(万元)', value: '-500', reason: '金额不能为负数' })).toBe(
      '项目 第4行 「年度计划投资(万元)」 值“-500”：金额不能为负数',
    );
  });
  it('leaves out what a problem does not have', () => {
    expect(formatProblem({ sheet: '项目', row: 13, column: '项目名称', value: null, reason: '不能为空' })).toBe('项目 第13行 「项目名称」：不能为空');
    expect(formatProblem({ sheet: null, row: null, column: null, value: null, reason: '找不到文件' })).toBe('找不到文件');
  });
});
