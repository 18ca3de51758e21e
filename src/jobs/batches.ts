// 四个一批 and the 储备库 on the clock: on the first working day of each month at 09:00 the last month's 四个一批
// cards go out; in January, April, July and October the last quarter's 储备库 cards too. Each once (job_runs).
import type { AppContext } from '../context';
import { enterprisesOf } from '../db/batches';
import { reserveProjects } from '../db/reserve';
import { loadSettings } from '../db/settings';
import { shanghaiDay, workCalendarOf, workingDayOnOrAfter } from '../domain/calendar';
import { hasRun } from '../handlers/run-once';
import { sendMonthlyCards, sendQuarterlyCards } from '../handlers/batches/steps';

const pad = (n: number) => String(n).padStart(2, '0');

/** When this month's cards are due: 09:00 Beijing on the month's first working day (ISO instant). */
export function dueAt(year: number, month: number, cal: ReturnType<typeof workCalendarOf>): string {
  const day = workingDayOnOrAfter(`${year}-${pad(month)}-01`, cal);
  return new Date(`${day}T09:00:00+08:00`).toISOString();
}

/** What is due now: the month ('YYYY-MM') and quarter ('YYYY-Qn') whose cards this month sends. */
export function duePeriods(today: string): { month: string; quarter: string | null } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const prev = m === 1 ? { y: y - 1, m: 12 } : { y, m: m - 1 };
  const month = `${prev.y}-${pad(prev.m)}`;
  const quarter = (m - 1) % 3 === 0 ? `${prev.y}-Q${Math.ceil(prev.m / 3)}` : null;
  return { month, quarter };
}

export async function tickBatches(ctx: AppContext): Promise<string[]> {
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  const { settings } = await loadSettings(ctx.db);
  if (!settings['batches.cards']) return [];
  const cal = workCalendarOf(settings);
  const [y, m] = today.split('-').map(Number) as [number, number];
  if (now.toISOString() < dueAt(y, m, cal)) return [];
  const done: string[] = [];
  const { month, quarter } = duePeriods(today);
  // Nothing to ask before the 招商项目 sheet is imported: wait rather than mark the month as sent.
  if (!(await hasRun(ctx, 'batches.monthly', month)) && (await enterprisesOf(ctx.db, Number(month.slice(0, 4)))).some((e) => e.effectiveOn === null)) {
    if ((await sendMonthlyCards(ctx, month)).ran) done.push(`batches:${month}`);
  }
  if (quarter && !(await hasRun(ctx, 'reserve.quarterly', quarter)) && (await reserveProjects(ctx.db)).some((r) => r.promotedTo === null)) {
    if ((await sendQuarterlyCards(ctx, quarter)).ran) done.push(`reserve:${quarter}`);
  }
  return done;
}
