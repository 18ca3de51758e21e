// Plan dates in every form a register arrives with, and dates the calendar does not have.
import { describe, expect, it } from 'vitest';
import type { Raw } from '../../src/register/cells';
import { parseDate } from '../../src/register/date';

const text = (t: string): Raw => ({ kind: 'text', text: t });

describe('parseDate', () => {
  it.each<[string, Raw, string | null]>([
    ['ISO text', text('2026-03-01'), '2026-03-01'],
    ['slashes without padding', text('2026/3/1'), '2026-03-01'],
    ['dots', text('2026.3.1'), '2026-03-01'],
    ['Chinese', text('2026年3月1日'), '2026-03-01'],
    ['Chinese without 日', text('2026年3月1'), '2026-03-01'],
    ['eight digits', text('20260301'), '2026-03-01'],
    ['eight digits as a number cell', { kind: 'number', n: 20260301 }, '2026-03-01'],
    ['full-width digits', text('２０２６－０３－０１'), '2026-03-01'],
    ['stray spaces', text(' 2026-03-01 '), '2026-03-01'],
    ['a time left by a CSV export', text('2026/3/1 0:00'), '2026-03-01'],
    ['an Excel date (exceljs gives 00:00 UTC)', { kind: 'date', date: new Date(Date.UTC(2026, 2, 1)) }, '2026-03-01'],
    ['an Excel date a hair before midnight', { kind: 'date', date: new Date(Date.UTC(2026, 2, 1) - 1) }, '2026-03-01'],
    ['an Excel serial', { kind: 'number', n: 46082 }, '2026-03-01'],
    ['an Excel serial with a time of day', { kind: 'number', n: 46082.75 }, '2026-03-01'],
    ['a serial as text', text('45658'), '2025-01-01'],
    ['a leap day', text('2028-02-29'), '2028-02-29'],
    ['an empty cell', { kind: 'empty' }, null],
  ])('%s', (_, raw, iso) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: iso });
  });

  it.each<[string, Raw, string]>([
    ['month 13', text('2026-13-45'), '日期不存在（2026年没有13月45日）'],
    ['February 30', text('2026年2月30日'), '日期不存在（2026年没有2月30日）'],
    ['February 29 outside a leap year', text('20270229'), '日期不存在（2027年没有2月29日）'],
    ['day 0', text('2026/4/0'), '日期不存在（2026年没有4月0日）'],
    ['a year too far', text('2206-03-01'), '年份 2206 超出合理范围（1950–2100）'],
    ['a small number is not a plausible serial', { kind: 'number', n: 2026 }, '年份 1905 超出合理范围（1950–2100）'],
    ['words', text('待定'), '不是有效的日期（应写成 2026-03-01、2026/3/1 或 2026年3月1日）'],
    ['a month only', text('2026年3月'), '不是有效的日期（应写成 2026-03-01、2026/3/1 或 2026年3月1日）'],
    ['a negative serial', { kind: 'number', n: -5 }, '不是有效的日期'],
  ])('refuses %s', (_, raw, reason) => {
    expect(parseDate(raw)).toEqual({ ok: false, reason });
  });
});
