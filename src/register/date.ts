// Dates in the register: Excel dates, Excel serial numbers and the text spellings people type → 'YYYY-MM-DD'.
import type { Raw } from './cells';
import { type Parsed, ok, refuse } from './problems';

const MIN_YEAR = 1950;
const MAX_YEAR = 2100;
const DAY_MS = 86_400_000;
/** Day 0 of Excel's 1900 date system, allowing for its phantom 1900-02-29 (irrelevant after 1900-03-01). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Checks that the calendar has this day, so 2026-02-30 or 2026-13-45 are refused rather than rolled over. */
export function checkYmd(y: number, m: number, d: number): Parsed<string> {
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) {
    return refuse(`日期不存在（${y}年没有${m}月${d}日）`);
  }
  if (y < MIN_YEAR || y > MAX_YEAR) return refuse(`年份 ${y} 超出合理范围（${MIN_YEAR}–${MAX_YEAR}）`);
  return ok(`${pad(y, 4)}-${pad(m)}-${pad(d)}`);
}

/** An Excel serial day number (the fraction is a time of day and is dropped). */
export function fromSerial(n: number): Parsed<string> {
  const d = new Date(EXCEL_EPOCH + Math.floor(n) * DAY_MS);
  if (!Number.isFinite(n) || n < 1 || Number.isNaN(d.getTime())) return refuse('不是有效的日期');
  return checkYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const TEXT_FORMS: RegExp[] = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, // 2026-03-01, 2026/3/1, 2026.3.1
  /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/, // 2026年3月1日
  /^(\d{4})(\d{2})(\d{2})$/, // 20260301
];

export function parseDateText(input: string): Parsed<string> {
  // A CSV saved by Excel may add a time ("2026/3/1 0:00"); the time of day means nothing for a plan date.
  const s = input
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '');
  for (const form of TEXT_FORMS) {
    const m = form.exec(s);
    if (m) return checkYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if (/^\d{5}(\.\d+)?$/.test(s)) return fromSerial(Number(s)); // a serial that lost its date format on the way
  return refuse('不是有效的日期（应写成 2026-03-01、2026/3/1 或 2026年3月1日）');
}

/** A date cell; null when empty (a 前期 project may have no dates yet). */
export function parseDate(raw: Raw): Parsed<string | null> {
  switch (raw.kind) {
    case 'empty':
      return ok(null);
    case 'date': {
      // exceljs gives the cell's calendar date at 00:00 UTC; rounding to the second absorbs float noise like 23:59:59.999.
      const d = new Date(Math.round(raw.date.getTime() / 1000) * 1000);
      return checkYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
    case 'number':
      if (Number.isInteger(raw.n) && raw.n >= 10_000_000 && raw.n <= 99_999_999) return parseDateText(String(raw.n));
      return fromSerial(raw.n);
    case 'text':
      return parseDateText(raw.text);
    case 'bad':
      return refuse(raw.reason);
  }
}
