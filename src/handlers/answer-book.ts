// Everything an answer is computed from: the register and its name index (cached until the register changes), the
// as-of and 序时进度 under the settings, the current week, and each project's latest report when needed.
import { commonTexts } from '../../cards/answer-texts';
import type { Db } from '../db/connect';
import { latestReports, type ReportFacts } from '../db/queries-reports';
import { loadRegister, planYearFor, type Register, type RegisterProject, registerFingerprint } from '../db/queries';
import { loadSettings } from '../db/settings';
import { weekStartOf } from '../domain/calendar';
import { buildNameIndex, type NameIndex } from '../domain/name-index';
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
} from '../domain/progress';
import { type Measure, type PlanFacts, type Standing, standingOf, yearMonthOf } from '../domain/question-figures';
import { isoWeekOf } from './round-plan';
import { deadlineText, weekText } from './round-texts';

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
  /** Each project's latest report up to this week; loaded on first use. */
  latest(): Promise<Map<number, ReportFacts>>;
  standing(p: RegisterProject, latest: ReportFacts | null): Standing;
};

type Cached = { fingerprint: string; planYear: number; register: Register; index: NameIndex };
/** One register per database handle: rebuilding the index (pinyin of every name) is the slow part of an answer. */
const cache = new WeakMap<Db, Cached>();

async function registerOf(db: Db, planYear: number): Promise<Cached> {
  const fingerprint = await registerFingerprint(db);
  const hit = cache.get(db);
  if (hit && hit.fingerprint === fingerprint && hit.planYear === planYear) return hit;
  const register = await loadRegister(db, planYear);
  const index = buildNameIndex({
    projects: register.projects.map((p) => ({ id: p.id, code: p.code, name: p.name, countyId: p.countyId, categoryId: p.categoryId, unitId: p.unitId, leaderId: p.leaderId, nationalCode: p.nationalCode })),
    counties: register.counties,
    categories: register.categories,
    units: register.units,
    leaders: register.leaders,
  });
  const fresh = { fingerprint, planYear, register, index };
  cache.set(db, fresh);
  return fresh;
}

/**
 * 序时进度 at the last completed month, as the bulletins measure. Before any month of the plan year has ended it is
 * 0; for a plan year already over, the whole year.
 */
function measureFor(planYear: number, now: Date, settings: Awaited<ReturnType<typeof loadSettings>>['settings']): { measure: Measure; asOfText: string; tpText: string } {
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
  const { register, index } = await registerOf(db, planYear);
  const { settings } = await loadSettings(db);
  const { measure, asOfText, tpText } = measureFor(planYear, now, settings);
  const weekStart = weekStartOf(now);
  let latest: Promise<Map<number, ReportFacts>> | null = null;
  return {
    db,
    now,
    planYear,
    register,
    projectById: new Map(register.projects.map((p) => [p.id, p])),
    index,
    measure,
    timeProgressText: tpText,
    asOfText,
    weekStart,
    weekLabel: weekText(isoWeekOf(weekStart), weekStart),
    askedAtText: deadlineText(now),
    latest: () => (latest ??= latestReports(db, planYear, weekStart)),
    standing: (p, r) => standingOf(planFactsOf(p), r && { ytdYuan: r.ytdYuan, status: r.status }, measure),
  };
}
