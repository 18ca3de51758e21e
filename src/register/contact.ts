// Mobiles and e-mail addresses: people are matched to Feishu users by them, so they are normalised strictly.
import type { Raw } from './cells';
import { type Parsed, ok, refuse } from './problems';

const BAD_MOBILE = '不是有效的手机号（应为 1 开头的 11 位数字；境外号码写 +国家代码）';

/**
 * The one spelling a mobile is stored and matched under: 11 digits for a mainland number (+86/0086 dropped),
 * otherwise "+" and the digits (E.164, at most 15 digits).
 */
export function normaliseMobile(input: string): Parsed<string> {
  const s = input.normalize('NFKC').replace(/[\s\u3000\-()（）]/g, '');
  if (/^1\d{10}$/.test(s)) return ok(s);
  const intl = /^(?:\+|00)(\d+)$/.exec(s)?.[1];
  if (intl !== undefined) {
    if (intl.startsWith('86')) return /^861\d{10}$/.test(intl) ? ok(intl.slice(2)) : refuse(BAD_MOBILE);
    if (/^[1-9]\d{6,14}$/.test(intl)) return ok(`+${intl}`);
  }
  return refuse(BAD_MOBILE);
}

export function parseMobile(raw: Raw): Parsed<string | null> {
  switch (raw.kind) {
    case 'empty':
      return ok(null);
    case 'number':
      return Number.isInteger(raw.n) ? normaliseMobile(String(raw.n)) : refuse(BAD_MOBILE);
    case 'text':
      return normaliseMobile(raw.text);
    case 'date':
      return refuse(BAD_MOBILE);
    case 'bad':
      return refuse(raw.reason);
  }
}

const EMAIL = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

/** Lower-cased, since Feishu and mail servers treat addresses case-insensitively in practice. */
export function normaliseEmail(input: string): Parsed<string> {
  // Only the ends are trimmed: a space inside ("zhang san@…") is a typo to fix, not one to guess at.
  const s = input
    .normalize('NFKC')
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  return EMAIL.test(s) && !s.includes('..') ? ok(s) : refuse('不是有效的邮箱地址');
}

export function parseEmail(raw: Raw): Parsed<string | null> {
  switch (raw.kind) {
    case 'empty':
      return ok(null);
    case 'text':
      return normaliseEmail(raw.text);
    case 'number':
    case 'date':
      return refuse('不是有效的邮箱地址');
    case 'bad':
      return refuse(raw.reason);
  }
}
