// Money in the register: amount cells in 万元 → exact integer 元 (the parsing itself is domain/amount), and its display.
import { NOT_AN_AMOUNT, wanStringToYuan } from '../domain/amount';
import type { Raw } from './cells';
import { type Parsed, ok, refuse } from './problems';

/** An amount cell in 万元; null when the cell is empty. A number cell is read via its shortest decimal form. */
export function parseAmountWan(raw: Raw): Parsed<number | null> {
  switch (raw.kind) {
    case 'empty':
      return ok(null);
    case 'number':
      if (!Number.isFinite(raw.n)) return refuse(NOT_AN_AMOUNT);
      return wanStringToYuan(String(raw.n));
    case 'text':
      return raw.text.trim() === '' ? ok(null) : wanStringToYuan(raw.text);
    case 'date':
      return refuse('应为金额数字，不是日期');
    case 'bad':
      return refuse(raw.reason);
  }
}

/** 元 as 万元 with thousands separators and only the decimals needed: 46319600000 → "4,631,960". */
export function formatWan(yuan: number): string {
  const b = BigInt(yuan);
  const whole = (b / 10000n).toString().replace(/\B(?=(\d{3})+$)/g, ',');
  const frac = (b % 10000n).toString().padStart(4, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}
