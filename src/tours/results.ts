// A closed 观摩's result, from every judge's latest score for each project: what the ranking card, the command line and
// the publication show, computed in one place.
import type { Db } from '../db/connect';
import { getTour, type TourScore, tourJudges, tourProjects, tourScores } from '../db/tours';
import { type TourResult, tourRanking } from '../domain/tours';

export { tourKey } from '../domain/tours';

/** Each judge's latest score for each project (a revision replaces the earlier one; both stay stored). */
export function latestScores(scores: readonly TourScore[]): TourScore[] {
  const latest = new Map<string, TourScore>();
  for (const s of scores) latest.set(`${s.projectId}:${s.personId}`, s);
  return [...latest.values()];
}

/** The result of a closed tour; null when there is no such tour or it is still open. */
export async function tourResultOf(db: Db, tourId: number): Promise<TourResult | null> {
  const tour = await getTour(db, tourId);
  if (tour?.status !== 'closed' || tour.closedAt === null) return null;
  const [projects, judges, scores] = await Promise.all([tourProjects(db, tourId), tourJudges(db, tourId), tourScores(db, tourId)]);
  const ranking = tourRanking(
    projects,
    latestScores(scores).map((s) => ({ code: s.code, judge: s.judge, totalTenths: s.totalTenths })),
    judges.map((j) => j.name),
  );
  return { id: tour.id, name: tour.name, date: tour.date, criteria: tour.criteria, judges: judges.map((j) => j.name), closedAt: tour.closedAt, ...ranking };
}

/** A tour's id from its publication key ('tour-3' → 3; tourKey is the other way). */
export function tourIdOfKey(key: string): number | null {
  const m = /^tour-(\d+)$/.exec(key);
  return m ? Number(m[1]) : null;
}
