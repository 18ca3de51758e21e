// Amounts in 万元 as people type them, turned into exact 元 — no float ever touches the money.
import { describe, expect, it } from 'vitest';
import { wanStringToYuan } from '../../src/domain/amount';
import { formatYiNumber as formatYi } from '../../src/domain/format';
import { formatWan, parseAmountWan } from '../../src/register/amount';
import type { Raw } from '../../src/register/cells';

const text = (t: string): Raw => ({ kind: 'text', text: t });
const num = (n: number): Raw => ({ kind: 'number', n });

describe('parseAmountWan', () => {
  it.each<[string, Raw, number | null]>([
    ['a whole number cell', num(3860), 38_600_000],
    ['a decimal number cell', num(123.45), 1_234_500],
    ['0.1 + 0.2 as a cell, read by its shortest form', num(0.1 + 0.2), 3_000], // 0.30000000000000004 万元 → 3000 元
    ['4 decimals: exactly 元', num(0.0001), 1],
    ['5 decimals, half rounds up', num(0.12345), 1_235],
    ['5 decimals, below half rounds down', text('0.12344'), 1_234],
    ['text with thousands separators', text('1,234,567.89'), 12_345_678_900],
    ['full-width digits and comma', text('１，２３４．５'), 12_345_000],
    ['stray and ideographic spaces', text('  88\u3000 '), 880_000],
    ['a trailing unit', text('500万元'), 5_000_000],
    ['zero', text('0'), 0],
    ['minus zero is zero', text('-0'), 0],
    ['a leading plus', text('+12'), 120_000],
    ['an exponent', text('1.5e3'), 15_000_000],
    ['a tiny number written with an exponent', num(1e-7), 0],
    ['an empty cell', { kind: 'empty' }, null],
    ['blank text', text('   '), null],
  ])('%s', (_, raw, yuan) => {
    expect(parseAmountWan(raw)).toEqual({ ok: true, value: yuan });
  });

  it.each<[string, Raw, string]>([
    ['a negative number', num(-500), '金额不能为负数'],
    ['negative text', text('-1,000'), '金额不能为负数'],
    ['a unicode minus sign', text('\u2212500'), '金额不能为负数'],
    ['Chinese numerals', text('一千万'), '不是有效的金额数字（单位：万元）'],
    ['a comma that is not a thousands separator', text('1,5'), '千分位逗号位置不对，应为 1,234.56 这样的写法'],
    ['two decimal points', text('1.2.3'), '不是有效的金额数字（单位：万元）'],
    ['a date', { kind: 'date', date: new Date(Date.UTC(2026, 0, 1)) }, '应为金额数字，不是日期'],
    ['beyond 2^53 元', text('1000000000000'), '金额过大'],
    ['a huge number cell, which String() writes as 1e+21', num(1e21), '金额过大'],
    ['an error cell', { kind: 'bad', shown: '#REF!', reason: '单元格是错误值 #REF!' }, '单元格是错误值 #REF!'],
  ])('refuses %s', (_, raw, reason) => {
    expect(parseAmountWan(raw)).toEqual({ ok: false, reason });
  });

  it('keeps the largest safe amount exact', () => {
    expect(wanStringToYuan('900719925474.0991')).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
  });
});

describe('formatting 元 for people', () => {
  it.each([
    [46_319_600_000, '4,631,960', '463.20'],
    [176_748_000_000, '17,674,800', '1767.48'],
    [1_235, '0.1235', '0.00'],
    [999_500_000, '99,950', '10.00'], // 9.995 亿元 rounds half up
  ])('%d 元 → %s 万元, %s 亿元', (yuan, wan, yi) => {
    expect(formatWan(yuan)).toBe(wan);
    expect(formatYi(yuan)).toBe(yi);
  });
});
