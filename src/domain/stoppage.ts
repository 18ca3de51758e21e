// 停工 / 半停工 (domain.md §10, "防止出现长时间停工"): a project whose latest report says 停工 or 半停工 has stood since
// the 停工日期 its reporter gave (the latest given in the unbroken run of such reports), or, without one, since the week
// of the first report of that run; after stoppage.escalateAfterWeeks whole weeks it is reported to its 包联领导 once
// (once per run: keyed by the run's first week, so a date corrected later does not report it again), and the bulletin
// lists it with how long it has stood.
import { isoWeekLabel } from './calendar-dates';
import { daysFrom } from './nodes';

const STOPPED = new Set(['stopped', 'half_stopped', '停工', '半停工']);

/** Whether a report's status is 停工 or 半停工 (as stored, or as labelled). */
export const isStoppedStatus = (status: string): boolean => STOPPED.has(status);

/** Where a stoppage's start comes from: the 停工日期 entered on the form, or the week it was first reported. */
export type StoppageSinceSource = 'entered' | 'derived';

export type Stoppage = {
  status: '停工' | '半停工';
  /** The day it counts from: the entered 停工日期, else the Monday of the run's first week ('YYYY-MM-DD'). */
  since: string;
  sinceSource: StoppageSinceSource;
  /** The Monday of the week the run was first reported: what identifies the stoppage (its escalation is keyed by it). */
  runStart: string;
};

export type StatusOfWeek = { weekStart: string; status: string; statusDate?: string | null };

/** A project's statuses by week (oldest first) → the stoppage it is in at the last one, or null. */
export function stoppageOf(weeks: ReadonlyArray<StatusOfWeek>): Stoppage | null {
  const last = weeks[weeks.length - 1];
  if (!last || !isStoppedStatus(last.status)) return null;
  let runStart = last.weekStart;
  let entered: string | null = last.statusDate ?? null;
  for (let i = weeks.length - 2; i >= 0; i--) {
    const w = weeks[i]!;
    if (!isStoppedStatus(w.status)) break;
    runStart = w.weekStart;
    entered ??= w.statusDate ?? null;
  }
  const half = last.status === 'half_stopped' || last.status === '半停工';
  return { status: half ? '半停工' : '停工', since: entered ?? runStart, sinceSource: entered ? 'entered' : 'derived', runStart };
}

/** Whole weeks from the stoppage's start to `today` (none before it). */
export function weeksStopped(since: string, today: string): number {
  return Math.max(0, Math.floor(daysFrom(since, today) / 7));
}

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const weekNumber = (date: string) => Number(isoWeekLabel(date).slice(6));

/**
 * Since when, in the words every message and answer uses: "自9月14日停工（填报）" for an entered 停工日期, "自第41周起
 * 停工（据填报推算）" for one read from the reports.
 */
export function stoppageSinceText(s: Pick<Stoppage, 'status' | 'since' | 'sinceSource'>): string {
  return s.sinceSource === 'entered' ? `自${monthDay(s.since)}${s.status}（填报）` : `自第${weekNumber(s.since)}周起${s.status}（据填报推算）`;
}

/** The same inside the bulletin's brackets: "自9月14日起，填报" or "自第41周起，据填报推算". */
export function stoppageSinceNote(s: { since: string; sinceSource?: StoppageSinceSource | undefined }): string {
  return s.sinceSource === 'entered' ? `自${monthDay(s.since)}起，填报` : `自第${weekNumber(s.since)}周起，据填报推算`;
}
