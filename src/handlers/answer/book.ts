// Everything an answer is computed from: the register and its name index (cached until the register changes), the
// as-of and 序时进度 under the settings, the current week, and each project's latest report and standing when needed
// (cached until a report is saved or the settings change).
import { shortWeek } from '../../../cards/answer/common';
import { commonTexts } from '../../../cards/answer/texts';
import type { Db } from '../../db/connect';
import type { LatestFigures } from '../../db/latest-reports';
import { planYearFor, type Register, type RegisterProject } from '../../db/register';
import { loadSettings } from '../../db/settings';
import { weekStartOf } from '../../domain/calendar';
import type { NameIndex } from '../../domain/name-index';
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
import { type Measure, type ReportedFacts, type Standing, standingOf } from '../../domain/standing';
import { isoWeekOf } from '../round/plan';
import { planFactsOf, type Ranked, type Reports, rank, registerOf, reportsOf } from './book-cache';
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
