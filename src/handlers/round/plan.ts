// Which round a week is, and when its steps fall: the configured times on the working-day calendar.
import type { Db } from '../../db/connect';
import { ensurePeriod, getPeriodByWeek } from '../../db/rounds';
import { loadSettings } from '../../db/settings';
import { isoWeekLabel, parseIsoWeek, type RoundSchedule, roundSchedule, roundTimesOf, weekStartOf, workCalendarOf } from '../../domain/calendar';

export const isoWeekOf = (weekStart: string) => isoWeekLabel(weekStart);

export async function scheduleOf(db: Db, weekStart: string): Promise<RoundSchedule> {
  const { settings } = await loadSettings(db);
  return roundSchedule(weekStart, roundTimesOf(settings), workCalendarOf(settings));
}

/** A week named on the command line ('2026-W48'), or the current week by the clock. */
export function resolveWeek(arg: string | undefined, now: Date): { ok: true; weekStart: string } | { ok: false; error: string } {
  if (!arg) return { ok: true, weekStart: weekStartOf(now) };
  const monday = parseIsoWeek(arg.trim().toUpperCase());
  return monday ? { ok: true, weekStart: monday } : { ok: false, error: `周次“${arg}”无效，应写作 2026-W48（年份-W周数）` };
}

/**
 * The period of a week, created from its schedule on first use. A week without a working day has no round: the
 * result says why. An existing period keeps the times it was created with, so a settings change does not move a
 * round that is already under way.
 */
export async function periodForWeek(db: Db, weekStart: string, now: Date) {
  const existing = await getPeriodByWeek(db, weekStart);
  if (existing) return { ok: true as const, period: existing, schedule: null };
  const schedule = await scheduleOf(db, weekStart);
  if (schedule.skipped) return { ok: false as const, schedule, reason: schedule.reason };
  const period = await ensurePeriod(
    db,
    {
      weekStart,
      planYear: schedule.planYear,
      opensAt: schedule.opensAt,
      remindAt: schedule.remindAt,
      deadlineAt: schedule.deadlineAt,
      openMonth: schedule.openDay.slice(0, 7),
    },
    now,
  );
  return { ok: true as const, period, schedule };
}
