// Money, the one place for it: amounts are stored as integer 元; people type and read 万元 (at most 4 decimals, so
// exact) and bulletins print 亿元. Parsing typed 万元 text to 元, converting between the units, and formatting for
// display all live here, exactly — no float ever decides a 元.
//
// Where two displays differ (the form's bare "1234.5", the register summary's "1,234.5", the bulletin's
// "1,234.50万元") each is its own named function: they are different promises to different readers.
import { ratio, roundToString } from './exact';

// ─── Parsing: 万元 as people type it → exact integer 元 ───────────────────────────────────────────────────────────

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

/**
 * A spreadsheet cell as the register reads it (structurally the register's `Raw`; domain/ does not import it):
 * empty, text, a number, a date, or a cell already judged bad with its reason.
 */
export type AmountCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; n: number }
  | { kind: 'date'; date: Date }
  | { kind: 'bad'; reason: string };

/** An amount cell in 万元 → 元; null when the cell is empty. A number cell is read via its shortest decimal form. */
export function parseAmountWan(raw: AmountCell): { ok: true; value: number | null } | { ok: false; reason: string } {
  switch (raw.kind) {
    case 'empty':
      return { ok: true, value: null };
    case 'number':
      if (!Number.isFinite(raw.n)) return refuse(NOT_AN_AMOUNT);
      return wanStringToYuan(String(raw.n));
    case 'text':
      return raw.text.trim() === '' ? { ok: true, value: null } : wanStringToYuan(raw.text);
    case 'date':
      return refuse('应为金额数字，不是日期');
    case 'bad':
      return refuse(raw.reason);
  }
}

// ─── Conversion between 元, 万元 and 亿元 ─────────────────────────────────────────────────────────────────────────
// The Bulletin carries amounts in 万元 as JSON numbers; the formatters take integer 元. Both ways are exact: 元 are
// integers, so a 万元 figure has at most 4 decimals and converts back without loss.

/** 元 → 万元 (a number with at most 4 decimals). */
export const yuanToWan = (yuan: number): number => yuan / 10_000;

/** 万元 → 元, rounding away the float's hair. Lenient: what is not an amount passes through as NaN or -0. */
export const wanToYuan = (wanAmount: number): number => Math.round(wanAmount * 10_000);

/**
 * 万元 → whole 元, checked. The bulletin keeps 万元 with at most 4 decimals (the database holds integer 元), so
 * ×10,000 lands within a hair of an integer and rounding recovers it exactly. Throws on what is not an amount.
 */
export function wanToYuanChecked(wanAmount: number): number {
  const yuan = Math.round(wanAmount * 10_000);
  if (!Number.isSafeInteger(yuan)) throw new RangeError(`not an amount in 万元: ${wanAmount}`);
  return yuan === 0 ? 0 : yuan; // no "-0"
}

/** Sums 万元 figures exactly (in 元), each converted by wanToYuanChecked. */
export function sumWanAsYuan(wans: readonly number[]): number {
  return wans.reduce((s, w) => s + wanToYuanChecked(w), 0);
}

/** 万元 → 亿元 as a plain number, for a spreadsheet cell under a 亿元 number format (not for text: see formatYi). */
export const wanToYiNumber = (wanAmount: number): number => wanAmount / 10_000;

// ─── Display ─────────────────────────────────────────────────────────────────────────────────────────────────────

function groupThousands(decimalText: string): string {
  const [whole = '', frac] = decimalText.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

function checkYuan(yuan: number): void {
  if (!Number.isSafeInteger(yuan)) throw new RangeError(`amounts are integer 元: ${yuan}`);
}

/** 元 as 亿元 with 2 decimals, exact and rounded half away from zero: 38642000000 → "386.42". */
export function formatYiNumber(yuan: number): string {
  checkYuan(yuan);
  return roundToString(ratio(yuan, 100_000_000), 2);
}

/** 元 as "386.42亿元". */
export function formatYi(yuan: number): string {
  return `${formatYiNumber(yuan)}亿元`;
}

/** 元 as 万元 with thousands separators: 46319600000 → "4,631,960.00" (decimals 2 unless told). */
export function formatWanNumber(yuan: number, decimals = 2): string {
  checkYuan(yuan);
  return groupThousands(roundToString(ratio(yuan, 10_000), decimals));
}

/** 元 as "4,631,960.00万元". */
export function formatWan(yuan: number, decimals = 2): string {
  return `${formatWanNumber(yuan, decimals)}万元`;
}

/**
 * 元 as 万元 with thousands separators and only the decimals needed, never rounded: 46319600000 → "4,631,960",
 * 1235 → "0.1235" (the register summary's wording).
 */
export function formatWanExact(yuan: number): string {
  const b = BigInt(yuan);
  const whole = (b / 10000n).toString().replace(/\B(?=(\d{3})+$)/g, ',');
  const frac = (b % 10000n).toString().padStart(4, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** 万元 as the form shows and accepts it: exact, without separators or trailing zeros: 12345000 → "1234.5". */
export function yuanToWanText(yuan: number): string {
  const neg = yuan < 0;
  const abs = Math.abs(yuan);
  const whole = Math.floor(abs / 10_000);
  const frac = String(abs % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}
