// Money as people type it in 万元 (separators, full-width digits, a 万/万元 suffix) → exact integer 元, never via floats.

/** A parsed amount, or the reason (Chinese) it was refused. Same shape as the register's `Parsed`. */
export type AmountParsed = { ok: true; value: number } | { ok: false; reason: string };

export const NOT_AN_AMOUNT = '不是有效的金额数字（单位：万元）';

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/**
 * Parses a decimal string of 万元 into 元 without floating point: the digits are shifted four places and
 * anything beyond 元 is rounded half up. Accepts an exponent, since String(1e21) is written that way.
 */
export function wanStringToYuan(input: string): AmountParsed {
  let s = input
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/\u2212/g, '-');
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
  if (!m || intDigits + fracDigits === '') return refuse(NOT_AN_AMOUNT);
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
  return { ok: true, value: Number(yuan) };
}

export type FormAmount = { ok: true; yuan: number } | { ok: false; reason: string };

/**
 * An amount typed into a card form, in 万元: "1,234.5", "1234.5万", "1234.5万元", full-width digits and stray spaces
 * are all read; more than 4 decimals (below one 元) are rounded half up to 元, as the register import does. Text,
 * negatives, and amounts written in 元 or 亿元 are refused with a reason saying what to type instead.
 */
export function parseFormAmountWan(text: string): FormAmount {
  const s = text.normalize('NFKC').replace(/[\s\u3000\u00a0]+/g, '');
  if (s === '') return refuse('未填写金额');
  // A form has room for one unit only; a figure in 亿元 or 元 is off by 10^4, so it is refused, not converted.
  if (/亿元?$/.test(s)) return refuse('请按万元填写（1亿元 = 10000万元）');
  if (/[0-9.]元$/.test(s)) return refuse('请按万元填写，不要按元填写（1万元 = 10000元）');
  if (!/^[-+\u2212]?[0-9][0-9,]*(\.[0-9]*)?(万元|万)?$|^[-+\u2212]?\.[0-9]+(万元|万)?$/.test(s)) {
    return refuse('只能填写数字（单位：万元），如 1234.5');
  }
  const r = wanStringToYuan(s);
  return r.ok ? { ok: true, yuan: r.value } : r;
}
