// Money in the register: 万元 as typed (numbers, text with separators, full-width digits) → exact integer 元.
import type { Raw } from './cells';
import { type Parsed, ok, refuse } from './problems';

const NOT_A_NUMBER = '不是有效的金额数字（单位：万元）';

/**
 * Parses a decimal string of 万元 into 元 without floating point: the digits are shifted four places and
 * anything beyond 元 is rounded half up. Accepts an exponent, since String(1e21) is written that way.
 */
export function wanStringToYuan(input: string): Parsed<number> {
  let s = input.normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/\u2212/g, '-');
  s = s.replace(/万元$|万$/, '');
  const sign = s.startsWith('-') ? -1 : 1;
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  if (s.includes(',')) {
    // A comma is only a thousands separator in full groups of three; "1,5" is refused rather than guessed.
    if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) return refuse('千分位逗号位置不对，应为 1,234.56 这样的写法');
    s = s.replace(/,/g, '');
  }
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/.exec(s);
  const intDigits = m?.[1] ?? '';
  const fracDigits = m?.[2] ?? '';
  if (!m || intDigits + fracDigits === '') return refuse(NOT_A_NUMBER);
  const digits = intDigits + fracDigits;
  if (sign < 0 && /[1-9]/.test(digits)) return refuse('金额不能为负数');
  // Position of the decimal point within `digits` once the value is expressed in 元 (×10^4).
  const point = intDigits.length + Number(m[3] ?? 0) + 4;
  if (point > 40) return refuse('金额过大');
  const whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  const next = point < 0 ? '0' : (digits[point] ?? '0');
  let yuan = BigInt(whole);
  if (next >= '5') yuan += 1n;
  if (yuan > BigInt(Number.MAX_SAFE_INTEGER)) return refuse('金额过大');
  return ok(Number(yuan));
}

/** An amount cell in 万元; null when the cell is empty. A number cell is read via its shortest decimal form. */
export function parseAmountWan(raw: Raw): Parsed<number | null> {
  switch (raw.kind) {
    case 'empty': return ok(null);
    case 'number':
      if (!Number.isFinite(raw.n)) return refuse(NOT_A_NUMBER);
      return wanStringToYuan(String(raw.n));
    case 'text': return raw.text.trim() === '' ? ok(null) : wanStringToYuan(raw.text);
    case 'date': return refuse('应为金额数字，不是日期');
    case 'bad': return refuse(raw.reason);
  }
}

/** 元 as 万元 with thousands separators and only the decimals needed: 46319600000 → "4,631,960". */
export function formatWan(yuan: number): string {
  const b = BigInt(yuan);
  const whole = (b / 10000n).toString().replace(/\B(?=(\d{3})+$)/g, ',');
  const frac = (b % 10000n).toString().padStart(4, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** 元 as 亿元 with 2 decimals, rounded half up, the way bulletins show it: 46319600000 → "463.20". */
export function formatYi(yuan: number): string {
  const cents = (BigInt(yuan) + 500_000n) / 1_000_000n; // hundredths of 亿元
  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}
