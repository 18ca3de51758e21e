// 停工 / 半停工 (domain.md §10, "防止出现长时间停工"): a project whose latest report says 停工 or 半停工 has stood since
// the week of the first report of that unbroken run; after stoppage.escalateAfterWeeks whole weeks it is reported to its
// 包联领导 once, and the bulletin lists it with how long it has stood.
import { daysFrom } from './nodes';

const STOPPED = new Set(['stopped', 'half_stopped', '停工', '半停工']);

export type Stoppage = { status: '停工' | '半停工'; since: string };

/** A project's statuses by week (oldest first) → the stoppage it is in at the last one, or null. */
export function stoppageOf(weeks: ReadonlyArray<{ weekStart: string; status: string }>): Stoppage | null {
  const last = weeks[weeks.length - 1];
  if (!last || !STOPPED.has(last.status)) return null;
  let since = last.weekStart;
  for (let i = weeks.length - 2; i >= 0; i--) {
    const w = weeks[i]!;
    if (!STOPPED.has(w.status)) break;
    since = w.weekStart;
  }
  const half = last.status === 'half_stopped' || last.status === '半停工';
  return { status: half ? '半停工' : '停工', since };
}

/** Whole weeks from the stoppage's start to `today`. */
export function weeksStopped(since: string, today: string): number {
  return Math.floor(daysFrom(since, today) / 7);
}
