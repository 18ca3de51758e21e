// As of when: the current week's round as an answer sees it, and how a group's figures stand against it (reported
// this week, carried from an earlier week, never reported). The wording is in cards/answer/as-of.ts.
import type { Freshness, ThisWeek } from '../../../cards/answer/as-of';
import type { LatestFigures } from '../../db/latest-reports';
import { getPeriodByWeek } from '../../db/rounds';
import { shanghaiDate } from '../../domain/progress';
import { type AnswerBook, shortWeekOf } from './book';
import { scheduleOf } from '../round/plan';

const weeks = new WeakMap<AnswerBook, Promise<ThisWeek>>();

/** Whether this week's round is under way, past its deadline, not started yet, or not held at all (no working day). */
export function thisWeekOf(book: AnswerBook): Promise<ThisWeek> {
  let got = weeks.get(book);
  if (!got) {
    got = (async (): Promise<ThisWeek> => {
      const short = shortWeekOf(book.weekStart);
      const now = book.now.toISOString();
      const period = await getPeriodByWeek(book.db, book.weekStart);
      if (period) return { short, state: now < period.opensAt ? 'not_open' : now < period.deadlineAt ? 'open' : 'closed' };
      // Not created yet: created when the round opens, unless the week has no working day.
      return { short, state: (await scheduleOf(book.db, book.weekStart)).skipped ? 'none' : 'not_open' };
    })();
    weeks.set(book, got);
  }
  return got;
}

/** Counts of `figures` (one entry a project, null for none) by whether the figure is this week's. */
export function freshnessOf(book: AnswerBook, week: ThisWeek, figures: Iterable<Pick<LatestFigures, 'weekStart'> | null>): Freshness {
  let thisWeek = 0;
  let carried = 0;
  let none = 0;
  let from: string | null = null;
  let to: string | null = null;
  for (const r of figures) {
    if (!r) none += 1;
    else if (r.weekStart === book.weekStart) thisWeek += 1;
    else {
      carried += 1;
      // ISO dates compare as strings.
      if (from === null || r.weekStart < from) from = r.weekStart;
      if (to === null || r.weekStart > to) to = r.weekStart;
    }
  }
  return { week, thisWeek, carried, none, carriedFrom: from && shortWeekOf(from), carriedTo: to && shortWeekOf(to) };
}

/** "11月12日": the day the figures are read, for a card's subtitle. */
export function dayOf(book: AnswerBook): string {
  const d = shanghaiDate(book.now);
  return `${d.month}月${d.day}日`;
}
