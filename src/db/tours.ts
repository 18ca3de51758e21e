// 观摩 in the database: a tour, its projects and judges, and every score a judge gave (each revision a new row).
import type { Kysely } from 'kysely';
import { type TourCriterion, tourKey } from '../domain/tours';
import type { Database } from './schema';

type Q = Kysely<Database>;

export type Tour = {
  id: number;
  name: string;
  date: string;
  criteria: TourCriterion[];
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  closedBy: string | null;
};

export type TourProject = { projectId: number; code: string; name: string; county: string; unit: string };
export type TourJudge = { personId: number; name: string; openId: string | null; resigned: boolean };

export async function createTour(
  tx: Q,
  t: { name: string; date: string; criteria: TourCriterion[]; source: string | null; openedBy: number | null; projectIds: number[]; judgeIds: number[] },
  now: Date,
): Promise<number> {
  const row = await tx
    .insertInto('tours')
    .values({
      name: t.name,
      tour_date: t.date,
      criteria: JSON.stringify(t.criteria),
      status: 'open',
      source: t.source,
      opened_by: t.openedBy,
      opened_at: now.toISOString(),
      closed_by: null,
      closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('tour_projects')
    .values(t.projectIds.map((project_id, position) => ({ tour_id: row.id, project_id, position })))
    .execute();
  await tx
    .insertInto('tour_judges')
    .values(t.judgeIds.map((person_id) => ({ tour_id: row.id, person_id })))
    .execute();
  return row.id;
}

/** The tour a chat message opened, if it did (a message handled again after a restart opens nothing new). */
export async function tourBySource(db: Q, source: string): Promise<number | null> {
  return (await db.selectFrom('tours').select('id').where('source', '=', source).executeTakeFirst())?.id ?? null;
}

export async function getTour(db: Q, id: number): Promise<Tour | undefined> {
  const r = await db
    .selectFrom('tours as t')
    .leftJoin('people as c', 'c.id', 't.closed_by')
    .select(['t.id', 't.name', 't.tour_date', 't.criteria', 't.status', 't.opened_at', 't.closed_at', 'c.name as closed_by_name'])
    .where('t.id', '=', id)
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      name: r.name,
      date: r.tour_date,
      criteria: JSON.parse(r.criteria) as TourCriterion[],
      status: r.status,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
      closedBy: r.closed_by_name,
    }
  );
}

export async function tourProjects(db: Q, tourId: number): Promise<TourProject[]> {
  return db
    .selectFrom('tour_projects as tp')
    .innerJoin('projects as p', 'p.id', 'tp.project_id')
    .innerJoin('counties as c', 'c.id', 'p.county_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id as projectId', 'p.code', 'p.name', 'c.name as county', 'u.name as unit'])
    .where('tp.tour_id', '=', tourId)
    .orderBy('tp.position')
    .execute();
}

export async function tourJudges(db: Q, tourId: number): Promise<TourJudge[]> {
  const rows = await db
    .selectFrom('tour_judges as j')
    .innerJoin('people as p', 'p.id', 'j.person_id')
    .select(['p.id', 'p.name', 'p.open_id', 'p.resigned_at'])
    .where('j.tour_id', '=', tourId)
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ personId: r.id, name: r.name, openId: r.open_id, resigned: r.resigned_at !== null }));
}

export type TourScore = {
  id: number;
  projectId: number;
  code: string;
  personId: number;
  judge: string;
  tenths: number[];
  totalTenths: number;
  recordedAt: string;
};

/** Every score of the tour, oldest first: revisions included, each with who and when. */
export async function tourScores(db: Q, tourId: number): Promise<TourScore[]> {
  const rows = await db
    .selectFrom('tour_scores as s')
    .innerJoin('projects as p', 'p.id', 's.project_id')
    .innerJoin('people as w', 'w.id', 's.person_id')
    .select(['s.id', 's.project_id', 'p.code', 's.person_id', 'w.name', 's.scores', 's.total_tenths', 's.recorded_at'])
    .where('s.tour_id', '=', tourId)
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    code: r.code,
    personId: r.person_id,
    judge: r.name,
    tenths: JSON.parse(r.scores) as number[],
    totalTenths: r.total_tenths,
    recordedAt: r.recorded_at,
  }));
}

/**
 * Records a judge's score, only while the tour is open: the status is read inside the same transaction, so a score
 * racing the closing either lands before it or is refused. False when the tour was closed.
 */
export async function addTourScore(
  tx: Q,
  s: { tourId: number; projectId: number; personId: number; tenths: number[]; totalTenths: number },
  now: Date,
): Promise<boolean> {
  // Touching the tour row first orders this write against a concurrent close (PostgreSQL row lock; SQLite's one writer).
  const open = await tx.updateTable('tours').set({ status: 'open' }).where('id', '=', s.tourId).where('status', '=', 'open').executeTakeFirst();
  if (Number(open.numUpdatedRows) === 0) return false;
  await tx
    .insertInto('tour_scores')
    .values({
      tour_id: s.tourId,
      project_id: s.projectId,
      person_id: s.personId,
      scores: JSON.stringify(s.tenths),
      total_tenths: s.totalTenths,
      recorded_at: now.toISOString(),
    })
    .execute();
  return true;
}

/** Closes an open tour; false when it was closed already. */
export async function closeTour(tx: Q, tourId: number, personId: number | null, now: Date): Promise<boolean> {
  const r = await tx
    .updateTable('tours')
    .set({ status: 'closed', closed_by: personId, closed_at: now.toISOString() })
    .where('id', '=', tourId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Register projects of a plan year by code, or all of some counties (not dropped), in code order. */
export async function projectsForTour(
  db: Q,
  year: number,
  by: { codes?: string[]; counties?: string[] },
): Promise<Array<{ id: number; code: string; county: string }>> {
  let q = db
    .selectFrom('projects as p')
    .innerJoin('counties as c', 'c.id', 'p.county_id')
    .select(['p.id', 'p.code', 'c.name as county'])
    .where('p.plan_year', '=', year)
    .where('p.dropped_at', 'is', null);
  if (by.codes) q = q.where('p.code', 'in', by.codes.length ? by.codes : ['']);
  if (by.counties) q = q.where('c.name', 'in', by.counties.length ? by.counties : ['']);
  return q.orderBy('p.code').execute();
}

/** People by mobile or by name (as in the register); a name two people share is not resolved. */
export async function peopleByMobileOrName(db: Q, words: string[]): Promise<Map<string, Array<{ id: number; name: string }>>> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name', 'mobile'])
    .where((eb) => eb.or([eb('mobile', 'in', words.length ? words : ['']), eb('name', 'in', words.length ? words : [''])]))
    .execute();
  const out = new Map<string, Array<{ id: number; name: string }>>();
  for (const w of words)
    out.set(
      w,
      rows.filter((r) => r.mobile === w || r.name === w).map((r) => ({ id: r.id, name: r.name })),
    );
  return out;
}

/**
 * The 观摩 held between two days (inclusive) whose ranking has been published: closed, sent for approval and
 * approved by an administrator (the bulletin row 'tour-<id>' published). These are the ones the 综合评价 counts —
 * a ranking awaiting approval, or returned, is not public yet.
 */
export async function publishedToursBetween(db: Q, from: string, to: string): Promise<number[]> {
  const rows = await db
    .selectFrom('tours')
    .select('id')
    .where('status', '=', 'closed')
    .where('tour_date', '>=', from)
    .where('tour_date', '<=', to)
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const published = await db
    .selectFrom('bulletins')
    .select('month')
    .where(
      'month',
      'in',
      rows.map((r) => tourKey(r.id)),
    )
    .where('status', '=', 'published')
    .execute();
  const keys = new Set(published.map((r) => r.month));
  return rows.filter((r) => keys.has(tourKey(r.id))).map((r) => r.id);
}
