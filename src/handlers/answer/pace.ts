// 倒排工期 in the answers (issue 19, domain.md §10): the pace still needed and the year-end forecast of a group of
// projects (a county, the city) at the end of the last completed month, from each project's latest cumulative figure
// and the one it had reported by the end of the month three months earlier (the year start in 1–3月) — the same
// basis as a project's own answer (project.ts). One query for the earlier figures, whatever the group's size.
import { latestReports } from '../../db/latest-reports';
import { addDays, mondayOf, shanghaiDay } from '../../domain/calendar';
import { type Pace, paceWindow, sumPace } from '../../domain/pace';
import type { AnswerBook } from './book';
import type { Ranked } from './book-cache';

const ID_LIST_UP_TO = 500;

export type GroupPace = { pace: Pace; month: number };

/** The last completed month of the plan year (1–12), or null in January or outside the plan year. */
export function paceMonthOf(book: AnswerBook): number | null {
  const today = shanghaiDay(book.now);
  const month = Number(today.slice(5, 7)) - 1;
  return month < 1 || Number(today.slice(0, 4)) !== book.planYear ? null : month;
}

/** The Monday of the week holding the end of month − paceWindow(month), or null when that is the year start. */
export function paceBackWeek(planYear: number, month: number): string | null {
  const back = month - paceWindow(month);
  return back >= 1 ? mondayOf(addDays(`${planYear}-${String(back + 1).padStart(2, '0')}-01`, -1)) : null;
}

export async function groupPaceOf(book: AnswerBook, items: readonly Ranked[]): Promise<GroupPace | null> {
  const month = paceMonthOf(book);
  if (month === null || items.length === 0) return null;
  const backWeek = paceBackWeek(book.planYear, month);
  const back = backWeek
    ? await latestReports(
        book.db,
        book.planYear,
        backWeek,
        // A large group (the city) reads every project's figure rather than binding thousands of ids.
        items.length > ID_LIST_UP_TO ? undefined : items.map((x) => x.p.id),
      )
    : new Map();
  const pace = sumPace(
    month,
    items.map((x) => ({ annualPlanYuan: x.p.annualPlanYuan, completedYuan: x.r?.ytdYuan ?? 0, completedBackYuan: back.get(x.p.id)?.ytdYuan ?? 0 })),
  );
  return { pace, month };
}
