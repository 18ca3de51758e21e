// The ledger's figures for the monthly bulletin (domain.md §5 问题协调情况): counts by status and category, new and
// closed in the month, 办结率, and the overdue items — as they stood at the month's end (or now, if that is earlier),
// rebuilt from the items' events so that a bulletin composed later still reports the month as it was.
import type { Kysely } from 'kysely';
import type { BulletinProblems } from '../domain/bulletin';
import { addDays, beijingInstant, shanghaiDay } from '../domain/calendar';
import { CLOSED, PROBLEM_STATUSES, WORKING_STATUSES, isProblemStatus, type ProblemStatus } from '../domain/problem-lifecycle';
import { PROBLEM_CATEGORIES, problemCategoryLabel } from '../domain/problem-categories';
import { rateOf } from '../domain/rates';
import type { Database } from './schema';

type Q = Kysely<Database>;

export type ProblemFigures = BulletinProblems;

/** The name a category is counted under; an item raised as a 需协调事项 alone, not yet given one, is 未分类. */
export const UNCATEGORISED = '未分类';

export type FiguresPeriod = {
  /** The plan year whose projects' items are counted. */
  year: number;
  /** First and last day of the month, 'YYYY-MM-DD' (Beijing). */
  monthStart: string;
  monthEnd: string;
  now: Date;
};

type ItemAt = { id: number; status: ProblemStatus; deadline: string | null; leadUnitId: number | null; closedInMonth: boolean };

/**
 * Pure reading: nothing is written. Items count from their project's plan year; an item raised after the cut-off is
 * not counted. Status, deadline and lead unit are those of the last event before the cut-off (items without events,
 * loaded by other means, count as they are now). 办结率 = items 已销号 ÷ all items raised this year, in percent.
 */
export async function problemFigures(db: Q, p: FiguresPeriod): Promise<ProblemFigures> {
  const monthEndAt = beijingInstant(addDays(p.monthEnd, 1), 0);
  const cutoff = new Date(Math.min(p.now.getTime(), monthEndAt.getTime()));
  const from = beijingInstant(p.monthStart, 0).toISOString();
  const until = cutoff.toISOString();
  const lastDay = shanghaiDay(new Date(cutoff.getTime() - 1));

  const items = await db
    .selectFrom('problems as x')
    .innerJoin('projects as p', 'p.id', 'x.project_id')
    .where('p.plan_year', '=', p.year)
    .where('x.raised_at', '<', until)
    .select(['x.id', 'p.name as project', 'x.category', 'x.description', 'x.status', 'x.deadline', 'x.lead_unit_id', 'x.raised_at', 'x.closed_at'])
    .orderBy('x.id')
    .execute();
  const events = await db
    .selectFrom('problem_events as e')
    .innerJoin('problems as x', 'x.id', 'e.problem_id')
    .innerJoin('projects as p', 'p.id', 'x.project_id')
    .where('p.plan_year', '=', p.year)
    .where('e.at', '<', until)
    .select(['e.problem_id', 'e.at', 'e.action', 'e.to_status', 'e.deadline', 'e.lead_unit_id'])
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();

  const state = new Map<number, ItemAt>();
  for (const i of items) {
    const fallbackClosed = i.closed_at !== null && i.closed_at >= from && i.closed_at < until;
    state.set(i.id, {
      id: i.id,
      status: isProblemStatus(i.status) ? i.status : '待梳理',
      deadline: i.deadline,
      leadUnitId: i.lead_unit_id,
      closedInMonth: fallbackClosed,
    });
  }
  const seen = new Set<number>();
  for (const e of events) {
    const s = state.get(e.problem_id);
    if (!s) continue;
    if (!seen.has(e.problem_id)) {
      // Events exist: they, not the item's present state, say how it stood.
      seen.add(e.problem_id);
      s.closedInMonth = false;
    }
    if (e.to_status && isProblemStatus(e.to_status)) s.status = e.to_status;
    if (e.action === 'assign') {
      s.deadline = e.deadline;
      s.leadUnitId = e.lead_unit_id;
    }
    if (e.to_status === CLOSED && e.at >= from) s.closedInMonth = true;
  }

  const byStatus: Record<string, number> = Object.fromEntries(PROBLEM_STATUSES.map((s) => [s, 0]));
  const byCategory: Record<string, number> = Object.fromEntries(PROBLEM_CATEGORIES.map((c) => [c.label, 0]));
  for (const i of items) {
    const s = state.get(i.id)!;
    byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    const label = problemCategoryLabel(i.category) ?? UNCATEGORISED;
    byCategory[label] = (byCategory[label] ?? 0) + 1;
  }
  const units = new Map((await db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
  const overdue = items
    .map((i) => ({ i, s: state.get(i.id)! }))
    .filter(({ s }) => WORKING_STATUSES.includes(s.status) && s.deadline !== null && s.deadline < lastDay)
    .sort((a, b) => (a.s.deadline ?? '').localeCompare(b.s.deadline ?? '') || a.i.id - b.i.id)
    .map(({ i, s }) => ({
      id: i.id,
      project: i.project,
      category: problemCategoryLabel(i.category) ?? UNCATEGORISED,
      description: i.description,
      leadUnit: s.leadUnitId === null ? null : (units.get(s.leadUnitId) ?? null),
      deadline: s.deadline,
    }));
  const closed = byStatus[CLOSED] ?? 0;
  return {
    byStatus,
    byCategory,
    newThisMonth: items.filter((i) => i.raised_at >= from).length,
    closedThisMonth: [...state.values()].filter((s) => s.closedInMonth).length,
    closureRate: rateOf(closed, items.length)?.value ?? null,
    overdue,
  };
}
