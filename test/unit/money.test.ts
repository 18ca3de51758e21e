// Money (src/domain/money.ts): 万元 as people type it, in a form or a register cell, turned into exact 元 — no float
// ever touches the money; 元 ↔ 万元 ↔ 亿元 exactly; and each display of an amount, rounded as it always was.
import { describe, expect, it } from 'vitest';
import {
  formatWan,
  formatWanExact,
  formatWanNumber,
  formatYi,
  formatYiNumber,
  parseAmountWan,
  parseFormAmountWan,
  sumWanAsYuan,
  wanStringToYuan,
  wanToYiNumber,
  wanToYuan,
  wanToYuanChecked,
  yuanToWan,
  yuanToWanText,
} from '../../src/domain/money';
import type { Raw } from '../../src/register/cells';

const text = (t: string): Raw => ({ kind: 'text', text: t });
const num = (n: number): Raw => ({ kind: 'number', n });

describe('parseFormAmountWan', () => {
  it.each<[string, number]>([
    ['1234.5', 12_345_000],
    ['1,234.5', 12_345_000],
    ['1234.5万', 12_345_000],
    ['1234.5万元', 12_345_000],
    ['１２３４．５', 12_345_000], // full-width digits and point
    ['１，２３４．５万元', 12_345_000],
    ['  1 234.5 ', 12_345_000], // stray spaces, including inside the number
    ['\u30001234.5\u3000', 12_345_000],
    ['0', 0],
    ['.5', 5_000],
    ['0.0001', 1], // 4 decimals: exactly one 元
    ['0.00005', 1], // below one 元: rounded half up to 元
    ['0.00004', 0],
    ['1234.56789', 12_345_679],
  ])('reads %j as %d 元', (input, yuan) => {
    expect(parseFormAmountWan(input)).toEqual({ ok: true, yuan });
  });

  it.each<[string, string]>([
    ['', '未填写金额'],
    ['约1200', '只能填写数字（单位：万元），如 1234.5'],
    ['一千二百', '只能填写数字（单位：万元），如 1234.5'],
    ['1200左右', '只能填写数字（单位：万元），如 1234.5'],
    ['1.5e3', '只能填写数字（单位：万元），如 1234.5'],
    ['-5', '金额不能为负数'],
    ['－5', '金额不能为负数'], // full-width minus
    ['\u22125', '金额不能为负数'],
    ['1,5', '千分位逗号位置不对，应为 1,234.56 这样的写法'],
    ['1.2亿', '请按万元填写（1亿元 = 10000万元）'],
    ['1.2亿元', '请按万元填写（1亿元 = 10000万元）'],
    ['12000000元', '请按万元填写，不要按元填写（1万元 = 10000元）'],
    ['1000000000000', '金额过大'],
  ])('refuses %j', (input, reason) => {
    expect(parseFormAmountWan(input)).toEqual({ ok: false, reason });
  });
});

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
    expect(formatWanExact(yuan)).toBe(wan);
    expect(formatYiNumber(yuan)).toBe(yi);
  });
});

describe('formatYi: 元 → 亿元 with 2 decimals, exact', () => {
  it.each<[number, string]>([
    [38_642_000_000, '386.42'],
    [46_319_600_000, '463.20'],
    [4_999_999, '0.05'],
    [500_000, '0.01'], // half a hundredth of 亿元 rounds up
    [499_999, '0.00'],
    [0, '0.00'],
    [-500_000, '-0.01'], // a correction can make 本月新增 negative
    [123_456_789_012_345, '1234567.89'],
  ])('%i 元 → %s', (yuan, text) => {
    expect(formatYiNumber(yuan)).toBe(text);
  });

  it('says the unit', () => {
    expect(formatYi(38_642_000_000)).toBe('386.42亿元');
  });

  it('refuses amounts that are not integer 元', () => {
    expect(() => formatYi(0.5)).toThrow(RangeError);
  });
});

describe('formatWan: 元 → 万元 with thousands separators', () => {
  it.each<[number, number | undefined, string]>([
    [46_319_600_000, undefined, '4,631,960.00'],
    [12_345, undefined, '1.23'],
    [12_350, undefined, '1.24'],
    [999, undefined, '0.10'],
    [1_234_567_890_000, 0, '123,456,789'],
    [1_234_567_890_000, 4, '123,456,789.0000'],
    [-12_345_678, undefined, '-1,234.57'],
  ])('%i 元 (%s places) → %s', (yuan, places, text) => {
    expect(formatWanNumber(yuan, places)).toBe(text);
  });

  it('says the unit', () => {
    expect(formatWan(50_000_000)).toBe('5,000.00万元');
  });
});

describe('conversion between 元, 万元 and 亿元', () => {
  it('元 → 万元 and back is exact for whole 元', () => {
    for (const y of [0, 1, 1_235, 12_345_000, 46_319_600_000, Number.MAX_SAFE_INTEGER]) {
      expect(wanToYuan(yuanToWan(y))).toBe(y);
      expect(wanToYuanChecked(yuanToWan(y))).toBe(y);
    }
    expect(yuanToWan(12_345_000)).toBe(1234.5);
    expect(wanToYuan(8_200.5)).toBe(82_005_000);
  });

  it('the checked conversion refuses what is not an amount and never answers -0', () => {
    expect(() => wanToYuanChecked(Number.NaN)).toThrow(RangeError);
    expect(() => wanToYuanChecked(1e13)).toThrow(RangeError);
    expect(Object.is(wanToYuanChecked(-0.00001), 0)).toBe(true);
    expect(Object.is(wanToYuan(-0.00001), -0)).toBe(true); // the lenient one passes -0 through, as it always did
  });

  it('sums 万元 figures in 元, with no float drift', () => {
    expect(sumWanAsYuan([0.1, 0.2])).toBe(3_000);
    expect(sumWanAsYuan([2_300, 8_200.5, 6_100.25, 1_800])).toBe(184_007_500);
    expect(sumWanAsYuan([])).toBe(0);
  });

  it('万元 → 亿元 as a spreadsheet number', () => {
    expect(wanToYiNumber(386_420)).toBe(38.642);
    expect(wanToYiNumber(30_000)).toBe(3);
  });
});

describe('yuanToWanText: the wording of the form, exact and bare', () => {
  it.each<[number, string]>([
    [12_345_000, '1234.5'],
    [0, '0'],
    [1, '0.0001'],
    [46_319_600_000, '4631960'],
    [-12_345, '-1.2345'],
  ])('%i 元 → %s', (yuan, text) => {
    expect(yuanToWanText(yuan)).toBe(text);
  });
});
