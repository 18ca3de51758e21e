// How long a weekly round's card takes reports after its deadline (补报), and whether it is a past week's card.
import { addDays, beijingInstant } from './calendar-dates';

export type LateWindow = {
  /** The last instant the round's cards take a report: its deadline plus `round.lateDays` days. */
  until: Date;
  /** Past that instant: the card no longer takes reports of any kind. */
  closed: boolean;
  /** The round's own week (Monday to Sunday, Beijing) is over: a report from its card belongs to an earlier week. */
  pastWeek: boolean;
};

/**
 * A card acts only on its own round. After the round's deadline it takes 补报 for `lateDays` days (default 7: about
 * until the next round's deadline), then refuses; the same span holds for the current round and for earlier ones,
 * so a holiday gap without a next round does not leave a card open for ever.
 */
export function lateWindow(period: { weekStart: string; deadlineAt: string }, lateDays: number, now: Date): LateWindow {
  const until = new Date(Date.parse(period.deadlineAt) + lateDays * 86_400_000);
  const weekOver = beijingInstant(addDays(period.weekStart, 7), 0);
  return { until, closed: now.getTime() > until.getTime(), pastWeek: now.getTime() >= weekOver.getTime() };
}
