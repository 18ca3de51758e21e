// The answer book's caches: per database and plan year, the register with its name index, and under it each project's
// latest figures and ranked standing, brought up to date from the revisions saved since (see registerOf, reportsOf).
import type { Db } from '../../db/connect';
import { type LatestFigures, latestFigures } from '../../db/latest-reports';
import { type Register, type RegisterProject, loadRegister, registerFingerprint } from '../../db/register';
import { type ReportsStamp, reportsStamp, revisionsBetween, sameStamp } from '../../db/report-changes';
import { buildNameIndex, type NameIndex } from '../../domain/name-index';
import { compareStanding, type GroupItem, type PlanFacts, type Standing, yearMonthOf } from '../../domain/standing';

/** A project as summaries and lists take it; also a GroupItem for groupFigures. */
export type Ranked = GroupItem & { p: RegisterProject; r: LatestFigures | null };

/** String.prototype.localeCompare's order, without building a collator for each of thousands of comparisons. */
const byCode = new Intl.Collator().compare;

function rankedItem(p: RegisterProject, r: LatestFigures | null, standing: StandingOf): Ranked {
  return { p, r, plan: planFactsOf(p), ytdYuan: r?.ytdYuan ?? null, standing: standing(p, r) };
}

export function rank(projects: readonly RegisterProject[], latest: Map<number, LatestFigures>, standing: StandingOf): Ranked[] {
  return projects.map((p) => rankedItem(p, latest.get(p.id) ?? null, standing)).sort(order);
}

/** Each project's latest figures as of a stamp of the reports, and the standings computed from them under a measure. */
export type Reports = {
  weekStart: string;
  stamp: ReportsStamp;
  loadedAt: number;
  latest: Map<number, LatestFigures>;
  throughPeriodId: number | null;
  weekOf: Map<number, string>;
  /** The measure `ranked` was computed under. */
  measureKey: string;
  ranked: Ranked[] | null;
};

export type Cached = {
  fingerprint: string;
  planYear: number;
  register: Register;
  index: NameIndex;
  projectById: Map<number, RegisterProject>;
  reports: Reports | null;
};

/**
 * Per database handle and plan year: the register with its name index (the pinyin of every name is the slow part of
 * a cold answer), rebuilt when the register's fingerprint changes, and under it the latest reports: brought up to
 * date with the revisions saved since when the reports' stamp changes, read afresh when the week turns, when that
 * cannot be done exactly, or after REPORTS_MAX_AGE_MS in any case.
 */
const cache = new WeakMap<Db, Map<number, Cached>>();
const REPORTS_MAX_AGE_MS = 5 * 60_000;

export async function registerOf(db: Db, planYear: number): Promise<Cached> {
  const fingerprint = await registerFingerprint(db);
  const years = cache.get(db) ?? new Map<number, Cached>();
  cache.set(db, years);
  const hit = years.get(planYear);
  if (hit && hit.fingerprint === fingerprint) return hit;
  const register = await loadRegister(db, planYear);
  const index = buildNameIndex({
    projects: register.projects.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      countyId: p.countyId,
      categoryId: p.categoryId,
      unitId: p.unitId,
      leaderId: p.leaderId,
      nationalCode: p.nationalCode,
    })),
    counties: register.counties,
    categories: register.categories,
    units: register.units,
    leaders: register.leaders,
  });
  const fresh: Cached = { fingerprint, planYear, register, index, projectById: new Map(register.projects.map((p) => [p.id, p])), reports: null };
  // Questions are about one plan year at a time (the current one): another year's register is not kept alongside.
  years.clear();
  years.set(planYear, fresh);
  warmInitials(index, () => years.get(planYear) === fresh);
  return fresh;
}

/**
 * The names' pinyin initials, worked out a few hundred names at a time between answers rather than all at once before
 * the first one (a question in initials that comes sooner works out the rest itself); no longer once the index is replaced.
 */
function warmInitials(index: NameIndex, current: () => boolean, from = 0): void {
  if (from >= index.projects.length) return;
  // setTimeout 0 yields the event loop between chunks of CPU work; it is not a wait, so not on the clock.
  setTimeout(() => {
    if (!current()) return;
    for (const p of index.projects.slice(from, from + 200)) void p.initials;
    warmInitials(index, current, from + 200);
  }, 0).unref();
}

export type StandingOf = (p: RegisterProject, r: LatestFigures | null) => Standing;

/** The stamp is read before the figures: a report saved in between changes the next stamp, never goes unseen. */
export async function reportsOf(db: Db, entry: Cached, weekStart: string, measureKey: string, standing: StandingOf): Promise<Reports> {
  const prev = entry.reports;
  if (prev && prev.weekStart === weekStart && performance.now() - prev.loadedAt < REPORTS_MAX_AGE_MS) {
    const stamp = await reportsStamp(db, prev.stamp.floor);
    if (sameStamp(stamp, prev.stamp)) {
      if (prev.measureKey !== measureKey) Object.assign(prev, { measureKey, ranked: null });
      return prev;
    }
    const next = await withRevisions(db, entry, prev, stamp, measureKey, standing);
    if (next) {
      entry.reports = next;
      return next;
    }
  }
  const stamp = await reportsStamp(db);
  const { byProject, throughPeriodId, weekOf } = await latestFigures(db, entry.planYear, weekStart);
  const fresh: Reports = { weekStart, stamp, loadedAt: performance.now(), latest: byProject, throughPeriodId, weekOf, measureKey, ranked: null };
  entry.reports = fresh;
  return fresh;
}

/** Worst first, then by code: the order of `ranked`. */
const order = (a: Ranked, b: Ranked) => compareStanding(a.standing, b.standing) || byCode(a.p.code, b.p.code);

/**
 * The cached figures with the revisions saved since their stamp, or null when that would not be exact: a new week
 * (period), a revision counted but not among those after the last stamp's highest id (one committed out of id
 * order), or one corrected again meanwhile. Only the projects reported on are ranked again; the rest keep their place.
 */
async function withRevisions(db: Db, entry: Cached, prev: Reports, stamp: ReportsStamp, measureKey: string, standing: StandingOf): Promise<Reports | null> {
  if (stamp.periods !== prev.stamp.periods || stamp.maxId < prev.stamp.maxId) return null;
  const added = await revisionsBetween(db, prev.stamp.maxId, stamp.maxId);
  if (stamp.count - prev.stamp.count !== added.length || added.some((v) => !v.current)) return null;
  const latest = new Map(prev.latest);
  const changed = new Set<number>();
  for (const v of added) {
    const weekStart = prev.weekOf.get(v.periodId);
    if (v.planYear !== entry.planYear || !entry.projectById.has(v.projectId) || weekStart === undefined || weekStart > prev.weekStart) continue;
    const had = latest.get(v.projectId);
    if (had && (weekStart < had.weekStart || (weekStart === had.weekStart && v.revision < had.revision))) continue;
    latest.set(v.projectId, {
      projectId: v.projectId,
      periodId: v.periodId,
      weekStart,
      revision: v.revision,
      ytdYuan: v.ytdYuan,
      status: v.status,
      coordination: v.coordination,
    });
    changed.add(v.projectId);
  }
  let ranked: Ranked[] | null = null;
  if (prev.ranked && prev.measureKey === measureKey) {
    ranked = prev.ranked.filter((x) => !changed.has(x.p.id));
    for (const id of changed) {
      const item = rankedItem(entry.projectById.get(id)!, latest.get(id) ?? null, standing);
      let lo = 0;
      let hi = ranked.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (order(ranked[mid]!, item) <= 0) lo = mid + 1;
        else hi = mid;
      }
      ranked.splice(lo, 0, item);
    }
  }
  return { ...prev, stamp, latest, measureKey, ranked };
}

export function planFactsOf(p: RegisterProject): PlanFacts {
  return { annualPlanYuan: p.annualPlanYuan, nature: p.nature, plannedStart: yearMonthOf(p.plannedStart), monthPlanYuan: p.monthPlanYuan ?? null };
}
