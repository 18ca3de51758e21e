// 观摩 (domain.md §10): judges score each visited project on a sheet of criteria, each with a maximum. A project's score
// is the mean of its judges' totals — with five judges or more, one highest and one lowest total are dropped first
// (去掉一个最高分和一个最低分); a county's is the mean of its projects' scores. Scores are kept in tenths of a point, so
// every sum is exact; means are kept unrounded and rounded only for display.
import { z } from 'zod';
import { roundToString } from './exact';

export type TourCriterion = { name: string; max: number };

export const criteriaSchema = z
  .array(
    z
      .object({
        name: z.string().trim().min(1, '评分项名称不能为空').max(12, '评分项名称不超过 12 个字'),
        max: z.number().int('满分应为整数').min(1, '满分至少为 1 分').max(100, '满分不超过 100 分'),
      })
      .strict(),
  )
  .min(1, '至少要有一个评分项')
  .max(8, '评分项不超过 8 个')
  .refine((a) => new Set(a.map((c) => c.name)).size === a.length, '评分项名称不能重复');

export const DEFAULT_CRITERIA: TourCriterion[] = [
  { name: '形象进度', max: 30 },
  { name: '投资强度', max: 30 },
  { name: '质量安全', max: 20 },
  { name: '亮点特色', max: 20 },
];

/** Five judges or more: the highest and the lowest total are dropped. */
export const TRIM_FROM_JUDGES = 5;

/** The publication key of a tour in the bulletins table ('tour-3'): its ranking is approved and published as one. */
export const tourKey = (id: number) => `tour-${id}`;

export type ScoreEntry = { ok: true; tenths: number[]; totalTenths: number } | { ok: false; reason: string };

/** One criterion's score as typed: 0 to the maximum, at most one decimal ("18.5"); full-width digits read. */
function parseOne(raw: unknown, c: TourCriterion): { ok: true; tenths: number } | { ok: false; reason: string } {
  const s = (typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '').normalize('NFKC').replace(/\s+/g, '').replace(/分$/, '');
  if (s === '') return { ok: false, reason: `请填写“${c.name}”的得分` };
  const m = /^(\d{1,3})(?:\.(\d))?$/.exec(s);
  if (!m) return { ok: false, reason: `“${c.name}”的得分应为 0 到 ${c.max} 之间的数，最多一位小数` };
  const tenths = Number(m[1]) * 10 + Number(m[2] ?? 0);
  if (tenths > c.max * 10) return { ok: false, reason: `“${c.name}”的得分不能超过满分 ${c.max} 分` };
  return { ok: true, tenths };
}

/** A judge's sheet for one project: every criterion scored, each within its maximum. */
export function parseScores(criteria: readonly TourCriterion[], values: readonly unknown[]): ScoreEntry {
  const tenths: number[] = [];
  for (const [i, c] of criteria.entries()) {
    const one = parseOne(values[i], c);
    if (!one.ok) return one;
    tenths.push(one.tenths);
  }
  return { ok: true, tenths, totalTenths: tenths.reduce((a, b) => a + b, 0) };
}

export type TrimmedMean = {
  /** Points, unrounded. */
  score: number;
  judges: number;
  /** The totals dropped (points), when five judges or more scored. */
  dropped: { high: number; low: number } | null;
};

/** The mean of the totals (tenths in, points out), trimmed by one at each end with five totals or more. */
export function trimmedMean(totalsTenths: readonly number[]): TrimmedMean | null {
  if (totalsTenths.length === 0) return null;
  const sorted = [...totalsTenths].sort((a, b) => a - b);
  const trim = sorted.length >= TRIM_FROM_JUDGES;
  const kept = trim ? sorted.slice(1, -1) : sorted;
  const sum = kept.reduce((a, b) => a + b, 0);
  return {
    score: sum / kept.length / 10,
    judges: sorted.length,
    dropped: trim ? { high: (sorted.at(-1) ?? 0) / 10, low: (sorted[0] ?? 0) / 10 } : null,
  };
}

export type TourProjectFact = { code: string; name: string; county: string };
export type TourScoreFact = { code: string; judge: string; totalTenths: number };

export const tourProjectResultSchema = z.object({
  code: z.string(),
  name: z.string(),
  county: z.string(),
  /** Null when no judge scored it (not ranked). */
  score: z.number().nullable(),
  rank: z.number().nullable(),
  judges: z.number(),
  dropped: z.object({ high: z.number(), low: z.number() }).nullable(),
  /** Each judge's total in points, in the order of the judges' list, for tracing the score back. */
  totals: z.array(z.object({ judge: z.string(), total: z.number() })),
});
export const tourCountyResultSchema = z.object({ name: z.string(), projects: z.number(), score: z.number(), rank: z.number() });
export const tourResultSchema = z.object({
  id: z.number(),
  name: z.string(),
  date: z.string(),
  criteria: z.array(z.object({ name: z.string(), max: z.number() })),
  judges: z.array(z.string()),
  closedAt: z.string(),
  projects: z.array(tourProjectResultSchema),
  counties: z.array(tourCountyResultSchema),
});
export type TourProjectResult = z.infer<typeof tourProjectResultSchema>;
export type TourCountyResult = z.infer<typeof tourCountyResultSchema>;
export type TourResult = z.infer<typeof tourResultSchema>;

/** Ranks by score, highest first; equal scores share a rank (1, 2, 2, 4). */
function ranked<T extends { score: number }>(rows: T[]): Array<T & { rank: number }> {
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  return sorted.map((r, i) => ({ ...r, rank: i > 0 && sorted[i - 1]?.score === r.score ? sorted.findIndex((x) => x.score === r.score) + 1 : i + 1 }));
}

/**
 * Each project's score and rank (projects no judge scored come last, unranked) and each county's: the mean of its
 * scored projects' scores. `judges` orders each project's list of totals.
 */
export function tourRanking(
  projects: readonly TourProjectFact[],
  scores: readonly TourScoreFact[],
  judges: readonly string[],
): { projects: TourProjectResult[]; counties: TourCountyResult[] } {
  const order = new Map(judges.map((j, i) => [j, i]));
  const rows = projects.map((p) => {
    const mine = scores.filter((s) => s.code === p.code).sort((a, b) => (order.get(a.judge) ?? 0) - (order.get(b.judge) ?? 0));
    const mean = trimmedMean(mine.map((s) => s.totalTenths));
    return {
      code: p.code,
      name: p.name,
      county: p.county,
      score: mean?.score ?? null,
      judges: mean?.judges ?? 0,
      dropped: mean?.dropped ?? null,
      totals: mine.map((s) => ({ judge: s.judge, total: s.totalTenths / 10 })),
    };
  });
  const scored = ranked(rows.filter((r): r is (typeof rows)[number] & { score: number } => r.score !== null));
  const unscored = rows.filter((r) => r.score === null).map((r) => ({ ...r, rank: null }));
  const byCounty = new Map<string, number[]>();
  for (const r of scored) byCounty.set(r.county, [...(byCounty.get(r.county) ?? []), r.score]);
  const counties = ranked([...byCounty].map(([name, s]) => ({ name, projects: s.length, score: s.reduce((a, b) => a + b, 0) / s.length })));
  return { projects: [...scored, ...unscored], counties };
}

/** "86.25" → "86.25分" shown with two decimals (scores are means of tenths). */
export function formatScore(points: number): string {
  return `${roundToString(points, 2)}分`;
}
