// Which plan a month is measured against (domain.md §2): the plan changes during the year and is kept as history,
// so a bulletin takes each project's plan version in force at the month end and says which version that was.
//
// The register as first imported for a plan year is the year's plan from 1 January, whenever it was imported (a city
// that starts using the bot in November still reports January to October against it). Every later change — a
// project added or dropped, a plan adjusted — holds from the moment it was recorded.
import { shanghaiDate } from '../../domain/progress';
import type { BulletinProject, RegisterPlan } from '../read/data';
import type { BulletinMonth } from '../month';

export type PlanHistory = {
  year: number;
  /** The Beijing-time day of the first import: versions recorded that day are the plan as issued. */
  baselineDay: string | null;
  /** The versions of the plan as issued, in force from 1 January. */
  baseline: ReadonlySet<RegisterPlan>;
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The Beijing-time day of an ISO instant, 'YYYY-MM-DD'. */
export function beijingDay(iso: string): string {
  const d = shanghaiDate(new Date(iso));
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
}

export function planHistoryOf(year: number, projects: readonly BulletinProject[]): PlanHistory {
  let first: string | null = null;
  for (const p of projects) for (const v of p.plans) if (first === null || v.recordedAt < first) first = v.recordedAt;
  const baselineDay = first === null ? null : beijingDay(first);
  // Versions recorded before the end of the first import's day: compared as text, like every stored instant.
  const dayEnds = baselineDay === null ? '' : new Date(Date.parse(`${baselineDay}T00:00:00+08:00`) + 86_400_000).toISOString();
  const baseline = new Set<RegisterPlan>();
  for (const p of projects) for (const v of p.plans) if (v.recordedAt < dayEnds) baseline.add(v);
  return { year, baselineDay, baseline };
}

function inForceBy(h: PlanHistory, v: RegisterPlan, m: BulletinMonth): boolean {
  return h.baseline.has(v) || v.recordedAt < m.endsAt;
}

/** The project's plan in force at the month end; null when the project was not yet in the plan or was dropped by then. */
export function planAt(h: PlanHistory, p: BulletinProject, m: BulletinMonth): RegisterPlan | null {
  if (p.droppedAt !== null && p.droppedAt < m.endsAt) return null;
  let found: RegisterPlan | null = null;
  for (const v of p.plans) if (inForceBy(h, v, m) && (found === null || v.version > found.version)) found = v;
  return found;
}

/**
 * The plan version a month is measured against, in words: "2026年度计划（第1版，2026-01-12 导入）", or after changes
 * "2026年度计划（第3版，2026-06-30 调整）" — one version per day on which anything in the plan changed by the month end.
 */
export function planVersionText(h: PlanHistory, projects: readonly BulletinProject[], m: BulletinMonth): string {
  const instants = new Set<string>();
  for (const p of projects) {
    for (const v of p.plans) if (inForceBy(h, v, m)) instants.add(v.recordedAt);
    if (p.droppedAt !== null && p.droppedAt < m.endsAt) instants.add(p.droppedAt);
  }
  const sorted = [...new Set([...instants].map(beijingDay))].sort();
  const last = sorted.at(-1);
  if (!last) return `${h.year}年度计划`;
  return sorted.length === 1 ? `${h.year}年度计划（第1版，${last} 导入）` : `${h.year}年度计划（第${sorted.length}版，${last} 调整）`;
}
