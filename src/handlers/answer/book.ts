// Everything an answer is computed from: the register and its name index (cached until the register changes), the
// as-of and 序时进度 under the settings, the current week, and each project's latest report and standing when needed
// (cached until a report is saved or the settings change).
import { shortWeek } from '../../../cards/answer/common';
import { commonTexts } from '../../../cards/answer/texts';
import type { Db } from '../../db/connect';
import { type LatestFigures, latestFigures } from '../../db/latest-reports';
import { type ReportsStamp, reportsStamp, revisionsBetween, sameStamp } from '../../db/report-changes';
import { loadRegister, planYearFor, type Register, type RegisterProject, registerFingerprint } from '../../db/register';
import { loadSettings } from '../../db/settings';
import { weekStartOf } from '../../domain/calendar';
import { buildNameIndex, type NameIndex } from '../../domain/name-index';
import {
  formatAsOf,
  formatTimeProgress,
  lastCompletedMonth,
  lightSettingsOf,
  percentOf,
  progressSettingsOf,
  ratio,
  shanghaiDate,
  timeProgress,
  type AsOf,
  type TimeProgress,
} from '../../domain/progress';
import {
  compareStanding,
  type GroupItem,
  type Measure,
  type PlanFacts,
  type ReportedFacts,
  type Standing,
  standingOf,
  yearMonthOf,
} from '../../domain/standing';
import { isoWeekOf } from '../round/plan';
import { deadlineText, weekText } from '../round/texts';

export type AnswerBook = {
  db: Db;
  now: Date;
  planYear: number;
  register: Register;
  projectById: Map<number, RegisterProject>;
  index: NameIndex;
  measure: Measure;
  timeProgressText: string;
  /** "截至10月底" (or, in January, that no month of the plan year has ended yet). */
  asOfText: string;
  weekStart: string;
  weekLabel: string;
  askedAtText: string;
  /** Each project's latest report up to this week (its figures); loaded on first use. */
  latest(): Promise<Map<number, LatestFigures>>;
  /** The projects that reported in a period, when the latest figures tell (the period they go up to); else null. */
  reportedIn(periodId: number): Promise<Set<number> | null>;
  standing(p: RegisterProject, latest: ReportedFacts | null): Standing;
  /** Every project of the register with its latest figures and standing, worst first (compareStanding, then code). */
  ranked(): Promise<readonly Ranked[]>;
};

/** A project as summaries and lists take it; also a GroupItem for groupFigures. */
export type Ranked = GroupItem & { p: RegisterProject; r: LatestFigures | null };

/** String.prototype.localeCompare's order, without building a collator for each of thousands of comparisons. */
const byCode = new Intl.Collator().compare;

function rankedItem(p: RegisterProject, r: LatestFigures | null, standing: StandingOf): Ranked {
  return { p, r, plan: planFactsOf(p), ytdYuan: r?.ytdYuan ?? null, standing: standing(p, r) };
}

function rank(projects: readonly RegisterProject[], latest: Map<number, LatestFigures>, standing: StandingOf): Ranked[] {
  return projects.map((p) => rankedItem(p, latest.get(p.id) ?? null, standing)).sort(order);
}

/** Each project's latest figures as of a stamp of the reports, and the standings computed from them under a measure. */
type Reports = {
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

type Cached = {
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

async function registerOf(db: Db, planYear: number): Promise<Cached> {
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

type StandingOf = (p: RegisterProject, r: LatestFigures | null) => Standing;

/** The stamp is read before the figures: a report saved in between changes the next stamp, never goes unseen. */
async function reportsOf(db: Db, entry: Cached, weekStart: string, measureKey: string, standing: StandingOf): Promise<Reports> {
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

/** A group's projects as ranked (worst first), with their figures. */
export async function rankedOf(book: AnswerBook, projects: readonly RegisterProject[]): Promise<readonly Ranked[]> {
  const all = await book.ranked();
  if (projects === book.register.projects) return all;
  const ids = new Set(projects.map((p) => p.id));
  return all.filter((x) => ids.has(x.p.id));
}

const measureKeyOf = (m: Measure) => JSON.stringify(m, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));

const shortWeeks = new Map<string, string>();
/** "第48周" for a week's Monday; the same few weeks label thousands of rows, so each is worded once. */
export function shortWeekOf(weekStart: string): string {
  let label = shortWeeks.get(weekStart);
  if (label === undefined) {
    label = shortWeek(weekText(isoWeekOf(weekStart), weekStart));
    shortWeeks.set(weekStart, label);
  }
  return label;
}

/**
 * 序时进度 at the last completed month, as the bulletins measure. Before any month of the plan year has ended it is
 * 0; for a plan year already over, the whole year.
 */
function measureFor(
  planYear: number,
  now: Date,
  settings: Awaited<ReturnType<typeof loadSettings>>['settings'],
): { measure: Measure; asOfText: string; tpText: string } {
  const lights = lightSettingsOf(settings);
  const last = lastCompletedMonth(now);
  if (last.year < planYear) {
    const asOf: AsOf = { year: planYear, month: 1, day: 1 };
    const tp: TimeProgress = { percent: percentOf(ratio(0)), rule: settings['progress.rule'], basis: timeProgress(asOf, progressSettingsOf(settings)).basis };
    return { measure: { asOf, timeProgress: tp, lights }, asOfText: commonTexts.noMonthEnded(planYear), tpText: '0%' };
  }
  const asOf: AsOf = last.year > planYear ? { year: planYear, month: 12, half: 'full' } : last;
  const tp = timeProgress(asOf, progressSettingsOf(settings));
  return { measure: { asOf, timeProgress: tp, lights }, asOfText: formatAsOf(asOf), tpText: formatTimeProgress(tp) };
}

export function planFactsOf(p: RegisterProject): PlanFacts {
  return { annualPlanYuan: p.annualPlanYuan, nature: p.nature, plannedStart: yearMonthOf(p.plannedStart) };
}

/** null when no register has been imported: nothing can be answered yet. */
export async function openBook(db: Db, now: Date): Promise<AnswerBook | null> {
  const planYear = await planYearFor(db, shanghaiDate(now).year);
  if (planYear === null) return null;
  const entry = await registerOf(db, planYear);
  const { register, index, projectById } = entry;
  const { settings } = await loadSettings(db);
  const { measure, asOfText, tpText } = measureFor(planYear, now, settings);
  const measureKey = measureKeyOf(measure);
  const weekStart = weekStartOf(now);
  let reports: Promise<Reports> | null = null;
  const standing = (p: RegisterProject, r: ReportedFacts | null) => standingOf(planFactsOf(p), r && { ytdYuan: r.ytdYuan, status: r.status }, measure);
  const loaded = () => (reports ??= reportsOf(db, entry, weekStart, measureKey, standing));
  return {
    db,
    now,
    planYear,
    register,
    projectById,
    index,
    measure,
    timeProgressText: tpText,
    asOfText,
    weekStart,
    weekLabel: weekText(isoWeekOf(weekStart), weekStart),
    askedAtText: deadlineText(now),
    latest: async () => (await loaded()).latest,
    reportedIn: async (periodId) => {
      const got = await loaded();
      if (got.throughPeriodId !== periodId) return null;
      return new Set([...got.latest.values()].filter((r) => r.periodId === periodId).map((r) => r.projectId));
    },
    standing,
    ranked: async () => {
      const got = await loaded();
      // Another question under other settings may have replaced the cached measure meanwhile: then not cached.
      if (got.measureKey !== measureKey) return rank(register.projects, got.latest, standing);
      got.ranked ??= rank(register.projects, got.latest, standing);
      return got.ranked;
    },
  };
}
