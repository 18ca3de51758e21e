// Exact fractions for the progress numbers, so that boundaries (10 points, 80 %) and display rounding never drift.
//
// Binary floats get both wrong in ways a bulletin reader notices: 1573 ÷ 2000 × 100 is 78.64999999999999 as a float
// (shown 78.6 instead of 78.65 → 78.7), and 16.67 − 6.67 can land a hair under a 10-point threshold. Rates are
// therefore kept as bigint fractions alongside their float `value`; the float is for sorting and charts only.

/** num ÷ den with den > 0, in lowest terms. */
export type Ratio = { readonly num: bigint; readonly den: bigint };

/** A percentage: `value` is the unrounded float, `exact` the same number as a fraction (in percent units). */
export type Percent = { readonly value: number; readonly exact: Ratio };

/** What the progress functions accept for a percentage: an exact one, or a plain number read as it is written. */
export type PercentInput = Percent | number;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function ratio(num: bigint | number, den: bigint | number = 1n): Ratio {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError('ratio: zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { num: n / g, den: d / g } : { num: n, den: d };
}

/**
 * A float as the decimal it prints as (its shortest round-trip form), so 2.675 means 2.675 and 0.05 means 0.05 —
 * what the person who typed the number or the setting meant, not the nearest binary value.
 */
export function decimalRatio(x: number): Ratio {
  if (!Number.isFinite(x)) throw new RangeError(`decimalRatio: not a finite number: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`decimalRatio: unexpected form ${String(x)}`);
  const frac = m[3] ?? '';
  const exp = Number(m[4] ?? 0) - frac.length;
  const digits = BigInt(`${m[1]}${m[2]}${frac}`);
  return exp >= 0 ? ratio(digits * 10n ** BigInt(exp)) : ratio(digits, 10n ** BigInt(-exp));
}

export function toNumber(r: Ratio): number {
  return Number(r.num) / Number(r.den);
}

export function sub(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function mul(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.num, a.den * b.den);
}

/** a ÷ b; b must not be zero. */
export function div(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den, a.den * b.num);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function percentOf(r: Ratio): Percent {
  return { value: toNumber(r), exact: r };
}

/** A number or Percent as a Percent; numbers are taken as written (see decimalRatio). */
export function toPercent(p: PercentInput): Percent {
  return typeof p === 'number' ? { value: p, exact: decimalRatio(p) } : p;
}

/**
 * Rounds half away from zero to `decimals` places and returns the decimal text ("78.7", "-4.7", "0.0").
 * A result of zero never carries a minus sign, so a gap of −0.03 is "0.0", not "-0.0".
 */
export function roundToString(x: Ratio | number, decimals: number): string {
  const r = typeof x === 'number' ? decimalRatio(x) : x;
  const negative = r.num < 0n;
  const scaled = (negative ? -r.num : r.num) * 10n ** BigInt(decimals);
  let q = scaled / r.den;
  if ((scaled % r.den) * 2n >= r.den) q += 1n;
  const digits = q.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const text = decimals > 0 ? `${whole}.${digits.slice(digits.length - decimals)}` : whole;
  return negative && q !== 0n ? `-${text}` : text;
}
