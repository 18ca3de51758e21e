// The breakdowns of §5.2–5.3: each level, category and county with its count, plan, completed, rate, gap and the
// month's new investment, and the county ranking (1 = the highest completion rate; ties share a rank).
import { compare, type Percent } from '../domain/progress';
import { type GroupFigures, groupFigures, type Measure } from '../domain/question-figures';
import type { ProjectAt } from './standing';
import type { BulletinCountyRow, BulletinGroupRow, CountyOrder } from '../domain/bulletin';
import { wan } from './wan';

/** Project id → last month's month-end figure, 元 (absent: none). */
export type PreviousFigures = ReadonlyMap<number, number>;

type Group = { name: string; order: number; items: ProjectAt[] };

function groupBy(items: readonly ProjectAt[], key: (x: ProjectAt) => { name: string; order: number }): Group[] {
  const groups = new Map<string, Group>();
  for (const x of items) {
    const k = key(x);
    const g = groups.get(k.name) ?? { name: k.name, order: k.order, items: [] };
    g.items.push(x);
    groups.set(k.name, g);
  }
  return [...groups.values()].sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function figuresOf(items: readonly ProjectAt[], measure: Measure): GroupFigures {
  return groupFigures(
    items.map((x) => ({ plan: x.planFacts, ytdYuan: x.figureYuan, standing: x.standing })),
    measure,
  );
}

/** This month's new investment: month-end figures now minus last month's, over the same projects. */
export function monthNewYuan(items: readonly ProjectAt[], previous: PreviousFigures): number {
  let sum = 0;
  for (const x of items) sum += (x.figureYuan ?? 0) - (previous.get(x.p.id) ?? 0);
  return sum;
}

function rowOf(name: string, items: readonly ProjectAt[], measure: Measure, previous: PreviousFigures): BulletinGroupRow & { rate: Percent | null } {
  const f = figuresOf(items, measure);
  return {
    name,
    projects: f.count,
    annualPlanWan: wan(f.annualPlanYuan),
    completedWan: wan(f.completedYuan),
    completionRate: f.rate?.value ?? null,
    gapPoints: f.gap?.value ?? null,
    monthNewWan: wan(monthNewYuan(items, previous)),
    rate: f.rate,
  };
}

const strip = ({ rate: _rate, ...row }: BulletinGroupRow & { rate: Percent | null }): BulletinGroupRow => row;

const LEVEL_ORDER = ['省重点', '市重点', '县重点'];

export function levelRows(items: readonly ProjectAt[], measure: Measure, previous: PreviousFigures): BulletinGroupRow[] {
  const order = (level: string) => (LEVEL_ORDER.includes(level) ? LEVEL_ORDER.indexOf(level) : LEVEL_ORDER.length);
  return groupBy(items, (x) => ({ name: x.p.level, order: order(x.p.level) })).map((g) => strip(rowOf(g.name, g.items, measure, previous)));
}

/** Categories in the register's order of them. */
export function categoryRows(items: readonly ProjectAt[], measure: Measure, previous: PreviousFigures): BulletinGroupRow[] {
  return groupBy(items, (x) => ({ name: x.p.category, order: x.p.categoryId })).map((g) => strip(rowOf(g.name, g.items, measure, previous)));
}

/** Highest rate first; a missing rate after every rate. */
function byRateDesc(a: Percent | null, b: Percent | null): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  return compare(b.exact, a.exact);
}

/** Competition ranks (1, 1, 3…): 1 for the highest rate, equal rates share a rank, missing rates rank last. */
export function ranksOf(rates: ReadonlyArray<Percent | null>): number[] {
  return rates.map((r) => 1 + rates.filter((o) => byRateDesc(o, r) < 0).length);
}

/**
 * Counties ranked by completion rate, 1 for the highest; equal rates share a rank; a county without a rate (no
 * plan) ranks after all others. Listed in rank order, or lowest rate first when the city lists laggards first.
 */
export function countyRows(items: readonly ProjectAt[], measure: Measure, previous: PreviousFigures, order: CountyOrder): BulletinCountyRow[] {
  const groups = groupBy(items, (x) => ({ name: x.p.county, order: x.p.countyId }));
  const rows = groups.map((g) => rowOf(g.name, g.items, measure, previous));
  const ranks = ranksOf(rows.map((r) => r.rate));
  const listed = rows.map((r, i) => ({ r, rank: ranks[i] ?? 0, order: groups[i]?.order ?? 0 }));
  const rateLast = (x: (typeof listed)[number]) => (x.r.rate === null ? 1 : 0);
  listed.sort((a, b) => (order === 'lowest_first' ? rateLast(a) - rateLast(b) || b.rank - a.rank : a.rank - b.rank) || a.order - b.order);
  return listed.map(({ r, rank }) => ({ ...strip(r), rank }));
}
