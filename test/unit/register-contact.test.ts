// Mobiles and e-mails: the keys people are matched to Feishu users by, so one spelling each.
import { describe, expect, it } from 'vitest';
import type { Raw } from '../../src/register/cells';
import { parseEmail, parseMobile } from '../../src/register/contact';

const text = (t: string): Raw => ({ kind: 'text', text: t });

describe('parseMobile', () => {
  it.each<[string, Raw, string | null]>([
    ['11 digits', text('13900010001'), '13900010001'],
    ['a number cell', { kind: 'number', n: 13900010001 }, '13900010001'],
    ['spaces and dashes', text('139 0001-0001'), '13900010001'],
    ['full-width digits', text('１３９０００１０００１'), '13900010001'],
    ['+86', text('+86 139 0001 0001'), '13900010001'],
    ['0086', text('008613900010001'), '13900010001'],
    ['+86 in brackets', text('(+86)13900010001'), '13900010001'],
    ['a Hong Kong number', text('+852 9123 4567'), '+85291234567'],
    ['a US number', text('+1 415 555 0100'), '+14155550100'],
    ['an empty cell', { kind: 'empty' }, null],
  ])('%s', (_, raw, mobile) => {
    expect(parseMobile(raw)).toEqual({ ok: true, value: mobile });
  });

  it.each<[string, Raw]>([
    ['10 digits', text('1390001000')],
    ['12 digits', text('139000100012')],
    ['not starting with 1', text('23900010001')],
    ['a landline', text('0571-88888888')],
    ['+86 with a landline', text('+86 571 8888 8888')],
    ['letters', text('139abc10001')],
    ['a decimal number cell', { kind: 'number', n: 1390001000.5 }],
    ['a country code too long', text('+1234567890123456')],
  ])('refuses %s', (_, raw) => {
    expect(parseMobile(raw)).toEqual({ ok: false, reason: '不是有效的手机号（应为 1 开头的 11 位数字；境外号码写 +国家代码）' });
  });
});

describe('parseEmail', () => {
  it.each<[string, string]>([
    ['r1@linjiang.gov.cn', 'r1@linjiang.gov.cn'],
    [' ZS@Example.COM ', 'zs@example.com'],
    ['mailto:a.b+c@x-y.org', 'a.b+c@x-y.org'],
    ['ｒ１＠ｌｊ．ｇｏｖ．ｃｎ', 'r1@lj.gov.cn'],
  ])('%s → %s', (input, email) => {
    expect(parseEmail(text(input))).toEqual({ ok: true, value: email });
  });

  it.each(['liming@', '@example.com', 'a@b', 'a b@c.com', 'a@@b.com', 'a@b..com', 'a@-b.com', '张三@example.com'])('refuses %s', (input) => {
    expect(parseEmail(text(input))).toEqual({ ok: false, reason: '不是有效的邮箱地址' });
  });
});
