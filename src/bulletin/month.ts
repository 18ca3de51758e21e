// The months a bulletin is about: 'YYYY-MM' parsed, its first and last day, and the instants (UTC ISO text, as the
// database stores times) at which it begins and ends in Asia/Shanghai.
import { daysInMonth, type Cutoff } from '../domain/progress';

export type BulletinMonth = {
  /** 'YYYY-MM' */
  key: string;
  year: number;
  month: number;
  /** 'YYYY-MM-01' */
  firstDay: string;
  /** 'YYYY-MM-DD', the month end ("截至X月底"). */
  lastDay: string;
  /** The month's first instant, 00:00 Beijing time on the 1st, as ISO UTC text. */
  startsAt: string;
  /** The first instant after the month: 00:00 Beijing time on the 1st of the next month. */
  endsAt: string;
  cutoff: Cutoff;
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Midnight Beijing time of a day, as the ISO UTC text the database compares with. */
function beijingMidnight(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day) - 8 * 3600_000).toISOString();
}

export function monthOf(year: number, month: number): BulletinMonth {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    key: `${year}-${pad2(month)}`,
    year,
    month,
    firstDay: `${year}-${pad2(month)}-01`,
    lastDay: `${year}-${pad2(month)}-${pad2(daysInMonth(year, month))}`,
    startsAt: beijingMidnight(year, month, 1),
    endsAt: beijingMidnight(next.year, next.month, 1),
    cutoff: { year, month, half: 'full' },
  };
}

/** 'YYYY-MM' (also 'YYYY-M') → the month; null when it is not a month of a year from 2000 to 2099. */
export function parseMonth(text: string): BulletinMonth | null {
  const m = /^(20\d\d)-(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? monthOf(Number(m[1]), month) : null;
}

/** The month before (December of the year before for January). */
export function previousMonth(m: BulletinMonth): BulletinMonth {
  return m.month === 1 ? monthOf(m.year - 1, 12) : monthOf(m.year, m.month - 1);
}

/** Months 1…m.month of m's year, in order. */
export function monthsOfYearUpTo(m: BulletinMonth): BulletinMonth[] {
  return Array.from({ length: m.month }, (_, i) => monthOf(m.year, i + 1));
}

/** Whether the month has ended at `now` (a bulletin reports only months that are over). */
export function hasEnded(m: BulletinMonth, now: Date): boolean {
  return now.toISOString() >= m.endsAt;
}

export type BulletinQuarter = { key: string; year: number; quarter: 1 | 2 | 3 | 4; months: BulletinMonth[] };

/** '2026-Q3' (q in either case) → its three months; null otherwise. */
export function parseQuarter(text: string): BulletinQuarter | null {
  const m = /^(20\d\d)-[Qq]([1-4])$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const quarter = Number(m[2]) as 1 | 2 | 3 | 4;
  return { key: `${year}-Q${quarter}`, year, quarter, months: [1, 2, 3].map((i) => monthOf(year, (quarter - 1) * 3 + i)) };
}

/** '2026' → 2026; null unless a year from 2000 to 2099. */
export function parseYear(text: string): number | null {
  return /^20\d\d$/.test(text.trim()) ? Number(text.trim()) : null;
}
