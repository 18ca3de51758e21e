// Month-end figures (domain.md §3): the cumulative figure "as of the month end" that the first round after the month
// asked for; a project that did not give it is counted at its latest cumulative figure reported on or before the
// month end (submitted by then, as it stood then), marked as estimated (估) with the week and day of that figure. A project with neither has no figure (暂无填报) — nothing is guessed.
import type { Db } from '../../db/connect';
import { latestReportsBefore, type Period, periodPrefix, reportsOfPeriod, type ReportRow } from '../read/data';
import { reportsAtMonthEnds } from '../read/month-ends';
import type { BulletinMonth } from '../month';

export type MonthEnd = {
  /** 年度累计完成投资 at the month end, 元; null when there is no figure at all. */
  figureYuan: number | null;
  /** True when figureYuan is the latest figure before the month end, not a reported month-end figure. */
  estimated: boolean;
  /** The status and 形象进度 of the latest report before the month end (else of the month-end report). */
  status: string | null;
  progressText: string | null;
  /** For an estimate: the round (period id) and the instant (ISO UTC) of the figure used. */
  estimatedFrom?: { periodId: number; submittedAt: string | null };
  /** Whether the project gave a figure for this month: the month-end figure, or a weekly report of a round opened in it. */
  reportedInMonth: boolean;
};

/** The month-end facts of one project from its latest report before the month end and its month-end report. */
export function monthEndOf(latest: ReportRow | undefined, asked: ReportRow | undefined, monthPeriodIds: ReadonlySet<number>): MonthEnd {
  const given = asked !== undefined && asked.monthEndYuan !== null;
  const source = latest ?? asked;
  const estimated = !given && latest !== undefined;
  return {
    figureYuan: given ? asked.monthEndYuan : (latest?.ytdYuan ?? null),
    estimated,
    status: source?.status ?? null,
    progressText: source?.progressText ?? null,
    ...(estimated ? { estimatedFrom: { periodId: latest.periodId, submittedAt: latest.submittedAt ?? null } } : {}),
    reportedInMonth: given || (latest !== undefined && monthPeriodIds.has(latest.periodId)),
  };
}

/** The round that asked for this month's end figure, if one has been opened. */
export function askingPeriod(periods: readonly Period[], m: BulletinMonth): Period | null {
  return periods.find((p) => p.asksMonthEnd === m.key) ?? null;
}

/** The rounds of a month: those that opened in it. */
export function periodsOpenedIn(periods: readonly Period[], m: BulletinMonth): Period[] {
  return periods.filter((p) => p.opensAt >= m.startsAt && p.opensAt < m.endsAt);
}

function factsOf(
  latest: ReadonlyMap<number, ReportRow>,
  asked: ReadonlyMap<number, ReportRow>,
  periods: readonly Period[],
  m: BulletinMonth,
): Map<number, MonthEnd> {
  const inMonth = new Set(periodsOpenedIn(periods, m).map((p) => p.id));
  const out = new Map<number, MonthEnd>();
  for (const id of new Set([...latest.keys(), ...asked.keys()])) out.set(id, monthEndOf(latest.get(id), asked.get(id), inMonth));
  return out;
}

/** Every project's month-end facts for one month (projects of the plan year without any report are left out). */
export async function monthEnds(db: Db, year: number, periods: readonly Period[], m: BulletinMonth, withText = false): Promise<Map<number, MonthEnd>> {
  const asking = askingPeriod(periods, m);
  const [latest, asked] = await Promise.all([
    latestReportsBefore(db, year, periods, m.endsAt, withText),
    asking ? reportsOfPeriod(db, year, asking.id, withText) : Promise.resolve(new Map<number, ReportRow>()),
  ]);
  return factsOf(latest, asked, periods, m);
}

function reportOf(period: number | null, ytd: number | null, me: number | null, status: string | null): ReportRow | undefined {
  if (period === null) return undefined;
  return { periodId: period, ytdYuan: Number(ytd ?? 0), monthEndYuan: me === null ? null : Number(me), status: status ?? '', progressText: null };
}

/**
 * Month-end facts for several months of one plan year, by month key; `withText` names the month whose 形象进度 is
 * wanted too (the bulletin's own month). The other months are read in one statement when periods are in order.
 */
export async function monthEndsOfYear(
  db: Db,
  year: number,
  periods: readonly Period[],
  months: readonly BulletinMonth[],
  withText: string | null,
): Promise<Map<string, Map<number, MonthEnd>>> {
  const out = new Map<string, Map<number, MonthEnd>>(months.map((k) => [k.key, new Map()]));
  // Months before the first round (the bot started mid-year) have no reports to read.
  const plain = months.filter((k) => k.key !== withText && (periods.some((p) => p.opensAt < k.endsAt) || askingPeriod(periods, k) !== null));
  const text = months.find((k) => k.key === withText);
  // Both reads at once: PostgreSQL runs them side by side; SQLite runs one after the other either way.
  const [read, own] = await Promise.all([plainMonthEnds(db, year, periods, plain), text ? monthEnds(db, year, periods, text, true) : null]);
  for (const [key, facts] of read) out.set(key, facts);
  if (text && own) out.set(text.key, own);
  return out;
}

const MONTHS_PER_READ = 2;

async function plainMonthEnds(db: Db, year: number, periods: readonly Period[], months: readonly BulletinMonth[]): Promise<Map<string, Map<number, MonthEnd>>> {
  const out = new Map<string, Map<number, MonthEnd>>();
  const queries = months.map((k) => ({ upToId: periodPrefix(periods, k.endsAt), endsAt: k.endsAt, askId: askingPeriod(periods, k)?.id ?? 0 }));
  if (!queries.every((q) => q.upToId !== null)) {
    for (const k of months) out.set(k.key, await monthEnds(db, year, periods, k));
    return out;
  }
  // A few months per statement, not the whole year in one: at 10,000 projects each month is 10,000 rows, and eleven
  // months' rows held at once as objects raised the server's peak memory by ~50 MB while composing; the rows of a
  // couple of months at a time cost the same index seeks and no more time.
  for (let from = 0; from < months.length; from += MONTHS_PER_READ) {
    const part = months.slice(from, from + MONTHS_PER_READ);
    const slots = part.map((k) => ({ key: k.key, inMonth: new Set(periodsOpenedIn(periods, k).map((p) => p.id)), facts: new Map<number, MonthEnd>() }));
    const rows = await reportsAtMonthEnds(
      db,
      year,
      queries.slice(from, from + MONTHS_PER_READ).map((q) => ({ upToId: q.upToId ?? 0, endsAt: q.endsAt, askId: q.askId })),
    );
    for (const r of rows) {
      const slot = slots[Number(r.k)];
      if (!slot) continue;
      const latest = reportOf(r.l_period, r.l_ytd, null, r.l_status);
      const asked = reportOf(r.a_period, null, r.a_me, r.a_status);
      slot.facts.set(r.project_id, monthEndOf(latest, asked, slot.inMonth));
    }
    for (const s of slots) out.set(s.key, s.facts);
  }
  return out;
}
