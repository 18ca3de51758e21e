// The amount parsers under any input: a form's 万元 field and a register cell never throw; every exact 元 amount,
// written the ways the bot writes it (and the ways people retype it), reads back to the same 元; what must be
// refused (negatives, text, 元 or 亿元 where 万元 is asked) is refused with a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatWanExact as formatRegisterWan,
  formatWan,
  formatWanNumber,
  parseAmountWan,
  parseFormAmountWan,
  wanStringToYuan,
  yuanToWanText,
} from '../../src/domain/money';

const RUNS = { numRuns: 2000 };
/** Any exact amount of 元 the bot can hold. */
const yuan = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.maxSafeNat());
/** Strings of every kind: any code unit, any grapheme, and the characters amounts are made of. */
const amountish = fc.string({ unit: fc.constantFrom(...'0123456789０１２３４５６７８９.,，．-−+eE万元亿 \u3000\u00a0'.split('')), maxLength: 30 });
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 }), amountish);

const wellFormed = (r: { ok: true; yuan: number } | { ok: false; reason: string }) =>
  r.ok ? Number.isSafeInteger(r.yuan) && r.yuan >= 0 : typeof r.reason === 'string' && r.reason.length > 0;

describe('the form amount parser (万元 → 元)', () => {
  it('never throws, and answers either a safe non-negative whole 元 or a reason', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(wellFormed(parseFormAmountWan(s)), s).toBe(true);
        const r = wanStringToYuan(s);
        expect(r.ok ? Number.isSafeInteger(r.value) && r.value >= 0 : r.reason.length > 0).toBe(true);
      }),
      RUNS,
    );
  });

  it('reads back every exact amount as the bot writes it: form prefill, 4-decimal 万元, with 万元, the register summary', () => {
    fc.assert(
      fc.property(yuan, (y) => {
        for (const written of [yuanToWanText(y), formatWanNumber(y, 4), formatWan(y, 4), formatRegisterWan(y)]) {
          expect(parseFormAmountWan(written), written).toEqual({ ok: true, yuan: y });
        }
      }),
      RUNS,
    );
  });

  it('reads back an amount retyped with full-width digits, spaces and a 万 suffix', () => {
    const fullWidth = (s: string) => s.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(yuan, fc.constantFrom('', '万', '万元'), fc.constantFrom('', ' ', '\u3000'), (y, unit, pad) => {
        const typed = `${pad}${fullWidth(formatWanNumber(y, 4))}${unit}${pad}`;
        expect(parseFormAmountWan(typed), typed).toEqual({ ok: true, yuan: y });
      }),
      RUNS,
    );
  });

  it('refuses negatives, figures in 元 or 亿元, and anything with letters in it', () => {
    const positive = fc.integer({ min: 1, max: 10_000_000_000 }).map((y) => yuanToWanText(y));
    fc.assert(
      fc.property(positive, fc.constantFrom('-', '−', '－'), (n, minus) => {
        expect(parseFormAmountWan(`${minus}${n}`)).toEqual({ ok: false, reason: '金额不能为负数' });
      }),
      RUNS,
    );
    fc.assert(
      fc.property(positive, fc.constantFrom('元', '亿', '亿元'), (n, unit) => {
        expect(parseFormAmountWan(`${n}${unit}`).ok, `${n}${unit}`).toBe(false);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(
        positive,
        fc.string({ unit: fc.constantFrom(...'abcxyz约余一二三万千百'.split('')), minLength: 1, maxLength: 3 }),
        fc.nat(8),
        (n, junk, at) => {
          const i = Math.min(at, n.length);
          const typed = `${n.slice(0, i)}${junk}${n.slice(i)}`;
          // Only 万 and 万元 at the very end are part of an amount.
          fc.pre(!/^[0-9.]*万元?$/.test(typed));
          expect(parseFormAmountWan(typed).ok, typed).toBe(false);
        },
      ),
      RUNS,
    );
  });
});

describe('the register amount cell (万元 → 元)', () => {
  it('never throws on any number or text a cell can hold', () => {
    const cell = fc.oneof(
      fc.double().map((n) => ({ kind: 'number' as const, n })),
      anyString.map((text) => ({ kind: 'text' as const, text })),
      fc.date({ noInvalidDate: false }).map((date) => ({ kind: 'date' as const, date })),
    );
    fc.assert(
      fc.property(cell, (raw) => {
        const r = parseAmountWan(raw);
        expect(r.ok ? r.value === null || (Number.isSafeInteger(r.value) && r.value >= 0) : r.reason.length > 0).toBe(true);
      }),
      RUNS,
    );
  });

  it('reads a number cell of whole 元 (as 万元 with up to 4 decimals) exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), (y) => {
        // What Excel stores for 1234.5678 万元 is the nearest double; its shortest form is what was typed.
        const n = Number(formatWanNumber(y, 4).replace(/,/g, ''));
        expect(parseAmountWan({ kind: 'number', n })).toEqual({ ok: true, value: y });
      }),
      RUNS,
    );
  });
});
