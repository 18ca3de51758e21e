// 季分析 (domain.md §1): a quarter's trend, month by month, for the city, each county and each category — the same
// figures as the months' bulletins: the published ones where published, else composed from one read of the year.
import type { Db } from '../db/connect';
import { type ComposeOptions, composeFrom } from './compose';
import { type BulletinMonth, type BulletinQuarter, hasEnded } from './month';
import { publishedRow } from './store';
import type { Bulletin, BulletinGroupRow } from '../domain/bulletin';
import { yuanOf, wan } from './wan';
import { loadYearData, type YearData } from './year-data';

export type TrendPoint = {
  month: string;
  projects: number;
  completedWan: number;
  completionRate: number | null;
  gapPoints: number | null;
  monthNewWan: number;
};

/** One row's months; `rank` is a county's rank at the quarter's last month (null for categories and the city). */
export type TrendRow = { name: string; points: TrendPoint[]; quarterNewWan: number; rank: number | null };

export type QuarterAnalysis = {
  quarter: string;
  /** The quarter's months that have ended, 'YYYY-MM'. */
  months: string[];
  /** Months whose figures are those of the published bulletin. */
  publishedMonths: string[];
  timeProgress: number[];
  timeProgressRule: string;
  timeProgressBasis: string | null;
  city: TrendRow;
  counties: TrendRow[];
  categories: TrendRow[];
  composedAt: string;
};

/** The bulletins of the given months: the published snapshot of each, else composed from one read of the year. */
export async function monthsBulletins(
  db: Db,
  months: readonly BulletinMonth[],
  opts: ComposeOptions,
): Promise<Array<{ bulletin: Bulletin; published: boolean }>> {
  const last = months.at(-1);
  let data: YearData | null = null;
  const out = [];
  for (const m of months) {
    const row = await publishedRow(db, m.key);
    if (row) {
      out.push({ bulletin: row.bulletin, published: true });
      continue;
    }
    data ??= last ? await loadYearData(db, last) : null;
    if (!data) continue;
    out.push({ bulletin: await composeFrom(db, { ...data, month: m, months: data.months.slice(0, m.month) }, opts), published: false });
  }
  return out;
}

const point = (month: string, r: Omit<BulletinGroupRow, 'name'>): TrendPoint => ({
  month,
  projects: r.projects,
  completedWan: r.completedWan,
  completionRate: r.completionRate,
  gapPoints: r.gapPoints,
  monthNewWan: r.monthNewWan,
});

const sumNew = (points: readonly TrendPoint[]) => wan(points.reduce((s, p) => s + yuanOf(p.monthNewWan), 0));

/** Each name's months, in the order the names first appear in `order`'s rows, then any others. */
function trends(bulletins: readonly Bulletin[], rowsOf: (b: Bulletin) => readonly BulletinGroupRow[], order: Bulletin): TrendRow[] {
  const names: string[] = rowsOf(order).map((r) => r.name);
  for (const b of bulletins) for (const r of rowsOf(b)) if (!names.includes(r.name)) names.push(r.name);
  return names.map((name) => {
    const points = bulletins.flatMap((b) =>
      rowsOf(b)
        .filter((r) => r.name === name)
        .map((r) => point(b.month, r)),
    );
    const last = rowsOf(order).find((r) => r.name === name);
    return { name, points, quarterNewWan: sumNew(points), rank: last && 'rank' in last ? Number(last.rank) : null };
  });
}

function cityRow(bulletins: readonly Bulletin[]): TrendRow {
  const points = bulletins.map((b) => point(b.month, { ...b, monthNewWan: wan(b.counties.reduce((s, c) => s + yuanOf(c.monthNewWan), 0)) }));
  return { name: '全市', points, quarterNewWan: sumNew(points), rank: null };
}

/** The quarter's analysis over its months that have ended (null when none has). Counties in the last month's order. */
export async function quarterAnalysis(db: Db, q: BulletinQuarter, opts: ComposeOptions): Promise<QuarterAnalysis | null> {
  const months = q.months.filter((m) => hasEnded(m, opts.now));
  if (months.length === 0) return null;
  const got = await monthsBulletins(db, months, opts);
  const bulletins = got.map((g) => g.bulletin);
  const last = bulletins.at(-1);
  if (!last) return null;
  return {
    quarter: q.key,
    months: bulletins.map((b) => b.month),
    publishedMonths: got.filter((g) => g.published).map((g) => g.bulletin.month),
    timeProgress: bulletins.map((b) => b.timeProgress),
    timeProgressRule: last.timeProgressRule,
    timeProgressBasis: last.timeProgressBasis ?? null,
    city: cityRow(bulletins),
    counties: trends(bulletins, (b) => b.counties, last),
    categories: trends(bulletins, (b) => b.categories, last),
    composedAt: opts.now.toISOString(),
  };
}
