// 停工 / 半停工 in the database: each project's reported status week by week (the current revision of each report),
// from which a stoppage's start is read, and the record that a long stoppage was escalated (once per stoppage).
import type { Kysely } from 'kysely';
import { mondayOf } from '../domain/calendar-dates';
import { isStoppedStatus, type StatusOfWeek, type Stoppage, stoppageOf, weeksStopped } from '../domain/stoppage';
import { latestFigures } from './latest-reports';
import type { Database } from './schema';

type Q = Kysely<Database>;

export type StatusWeek = { projectId: number; weekStart: string; status: string; statusDate: string | null };

/** Every report's status of the plan year up to a week, oldest first per project; of the projects named when given. */
export async function statusWeeks(db: Q, planYear: number, upToWeekStart: string, projectIds?: readonly number[]): Promise<StatusWeek[]> {
  if (projectIds?.length === 0) return [];
  let q = db
    .selectFrom('reports as r')
    .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
    .innerJoin('weekly_periods as w', 'w.id', 'r.period_id')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .select(['r.project_id as projectId', 'w.week_start as weekStart', 'v.status', 'v.status_date as statusDate'])
    .where('w.plan_year', '=', planYear)
    .where('w.week_start', '<=', upToWeekStart)
    .where('p.dropped_at', 'is', null);
  if (projectIds !== undefined) q = q.where('r.project_id', 'in', [...projectIds]);
  return q.orderBy('r.project_id').orderBy('w.week_start').execute();
}

/** One project's stoppage as of `day` with its whole weeks, or null when its latest report is not 停工 or 半停工. */
export async function projectStoppage(db: Q, planYear: number, projectId: number, day: string): Promise<(Stoppage & { weeks: number }) | null> {
  const s = stoppageOf(await statusWeeks(db, planYear, mondayOf(day), [projectId]));
  return s && { ...s, weeks: weeksStopped(s.since, day) };
}

/**
 * Records a stoppage escalated, by the Monday of its run's first week (Stoppage.runStart: the same however its
 * 停工日期 is entered or corrected); false when it already was (another run, or a restart, got there first).
 */
export async function markStoppageEscalated(tx: Q, projectId: number, since: string, now: Date): Promise<boolean> {
  const done = await tx.selectFrom('stoppage_escalations').select('since').where('project_id', '=', projectId).where('since', '=', since).executeTakeFirst();
  if (done) return false;
  await tx.insertInto('stoppage_escalations').values({ project_id: projectId, since, escalated_at: now.toISOString() }).execute();
  return true;
}

export type StoppedProject = { id: number; code: string; name: string; countyName: string; unitName: string; leaderId: number | null };

/** The projects named, with what a stoppage's message and list need. */
export async function projectsNamed(db: Q, ids: readonly number[]): Promise<Map<number, StoppedProject>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('projects as p')
    .innerJoin('counties as c', 'c.id', 'p.county_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.code', 'p.name', 'c.name as countyName', 'u.name as unitName', 'p.leader_id as leaderId'])
    .where('p.id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export type StoppedRow = StoppedProject & Stoppage & { weeks: number };

/**
 * The projects in a stoppage as of `day` (reports of weeks up to it), longest first. Only a project whose latest
 * report says 停工 or 半停工 can be in one, so their weeks alone are read: the whole year's statuses of every project
 * (≈ 440,000 rows at 10,000 projects × 44 weeks) cost the bulletin about a second, the latest figures a tenth of it.
 */
export async function stoppedAsOf(db: Q, planYear: number, day: string): Promise<StoppedRow[]> {
  const week = mondayOf(day);
  const { byProject: latest } = await latestFigures(db, planYear, week);
  const candidates = [...latest.values()].filter((r) => isStoppedStatus(r.status)).map((r) => r.projectId);
  const byProject = new Map<number, StatusOfWeek[]>();
  // In slices, to stay inside the bound-parameter limits of both engines.
  for (let i = 0; i < candidates.length; i += 500)
    for (const w of await statusWeeks(db, planYear, week, candidates.slice(i, i + 500))) {
      const weeks = byProject.get(w.projectId);
      if (weeks) weeks.push(w);
      else byProject.set(w.projectId, [w]);
    }
  const stops = new Map<number, Stoppage>();
  for (const [id, weeks] of byProject) {
    const s = stoppageOf(weeks);
    if (s) stops.set(id, s);
  }
  const named = await projectsNamed(db, [...stops.keys()]);
  const out: StoppedRow[] = [];
  for (const [id, s] of stops) {
    const p = named.get(id);
    if (p) out.push({ ...p, ...s, weeks: weeksStopped(s.since, day) });
  }
  return out.sort((a, b) => b.weeks - a.weeks || a.code.localeCompare(b.code));
}
