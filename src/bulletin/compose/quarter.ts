// 季分析 (domain.md §1): a quarter's trend, month by month, for the city, each county and each category — the same
// figures as the months' bulletins: the published ones where published, else composed from one read of the year.
import type { Db } from '../../db/connect';
import { type ComposeOptions, composeFrom } from './compose';
import { type BulletinMonth, type BulletinQuarter, hasEnded, previousMonth } from '../month';
import { publishedRow } from '../store';
import type { Bulletin, BulletinGroupRow } from '../../domain/bulletin';
import type { QuarterAnalysis, TrendPoint, TrendRow } from '../../domain/analysis';
import { loadYearData, type YearData } from '../read/year-data';
import { wanToYuan, yuanToWan } from '../../domain/money';

export type { QuarterAnalysis, TrendPoint, TrendRow } from '../../domain/analysis';

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

const sumNew = (points: readonly TrendPoint[]) => yuanToWan(points.reduce((s, p) => s + wanToYuan(p.monthNewWan), 0));

/** Each name's months, in the order the names first appear in `order`'s rows, then any others; `base` the row at the base month. */
function trends(bulletins: readonly Bulletin[], base: Bulletin | null, rowsOf: (b: Bulletin) => readonly BulletinGroupRow[], order: Bulletin): TrendRow[] {
  const names: string[] = rowsOf(order).map((r) => r.name);
  for (const b of bulletins) for (const r of rowsOf(b)) if (!names.includes(r.name)) names.push(r.name);
  return names.map((name) => {
    const points = bulletins.flatMap((b) =>
      rowsOf(b)
        .filter((r) => r.name === name)
        .map((r) => point(b.month, r)),
    );
    const last = rowsOf(order).find((r) => r.name === name);
    const before = base ? rowsOf(base).find((r) => r.name === name) : undefined;
    return {
      name,
      base: base && before ? point(base.month, before) : null,
      points,
      quarterNewWan: sumNew(points),
      rank: last && 'rank' in last ? Number(last.rank) : null,
    };
  });
}

const cityPoint = (b: Bulletin) => point(b.month, { ...b, monthNewWan: yuanToWan(b.counties.reduce((s, c) => s + wanToYuan(c.monthNewWan), 0)) });

function cityRow(bulletins: readonly Bulletin[], base: Bulletin | null): TrendRow {
  const points = bulletins.map(cityPoint);
  return { name: '全市', base: base ? cityPoint(base) : null, points, quarterNewWan: sumNew(points), rank: null };
}

/**
 * The quarter's analysis over its months that have ended (null when none has), measured against the end of the
 * quarter before (June for Q3): the base month's bulletin, published or composed like the quarter's own months. The
 * first quarter has no base: the plan year is the calendar year and its 年度累计 figures start from nothing in
 * January. Counties in the last month's order.
 */
export async function quarterAnalysis(db: Db, q: BulletinQuarter, opts: ComposeOptions): Promise<QuarterAnalysis | null> {
  const months = q.months.filter((m) => hasEnded(m, opts.now));
  if (months.length === 0 || !months[0]) return null;
  const baseMonth = q.quarter === 1 ? null : previousMonth(months[0]);
  const got = await monthsBulletins(db, baseMonth ? [baseMonth, ...months] : months, opts);
  const base = baseMonth && got[0]?.bulletin.month === baseMonth.key ? (got.shift()?.bulletin ?? null) : null;
  const bulletins = got.map((g) => g.bulletin);
  const last = bulletins.at(-1);
  if (!last) return null;
  return {
    quarter: q.key,
    months: bulletins.map((b) => b.month),
    publishedMonths: got.filter((g) => g.published).map((g) => g.bulletin.month),
    baseMonth: base?.month ?? null,
    baseTimeProgress: base?.timeProgress ?? null,
    timeProgress: bulletins.map((b) => b.timeProgress),
    timeProgressRule: last.timeProgressRule,
    timeProgressBasis: last.timeProgressBasis ?? null,
    city: cityRow(bulletins, base),
    counties: trends(bulletins, base, (b) => b.counties, last),
    categories: trends(bulletins, base, (b) => b.categories, last),
    composedAt: opts.now.toISOString(),
  };
}
