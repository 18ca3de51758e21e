// 问题协调情况 for the bulletin (domain.md §7): the 问题台账 of the plan year as it stands, counted by status and
// category, the month's new and closed items, 办结率 and overdue items.
//
// A stand-in: the problem ledger's own figures (problemFigures, being written with the ledger) will replace this one
// function; the shape it returns is the Bulletin's.
import type { Db } from '../db/connect';
import { problemCategoryLabel } from '../domain/problem-categories';
import { rateOf } from '../domain/progress';
import type { BulletinProblems } from './types';

export type ProblemWindow = { year: number; monthStart: string; monthEnd: string; now: Date };

/** Midnight Beijing time at the start of a 'YYYY-MM-DD', as ISO UTC text. */
function beijingStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const CLOSED = '已销号';

export async function bulletinProblems(db: Db, w: ProblemWindow): Promise<BulletinProblems> {
  const from = beijingStart(w.monthStart);
  const to = beijingStart(nextDay(w.monthEnd));
  const yearStart = beijingStart(`${w.year}-01-01`);
  const rows = await db
    .selectFrom('problems as q')
    .innerJoin('projects as p', 'p.id', 'q.project_id')
    .leftJoin('units as u', 'u.id', 'q.lead_unit_id')
    .where('p.plan_year', '=', w.year)
    .where('q.raised_at', '>=', yearStart)
    .where('q.raised_at', '<', to)
    .select(['q.id', 'p.name as project', 'q.category', 'q.description', 'q.status', 'q.overdue', 'q.deadline', 'q.raised_at', 'q.closed_at', 'u.name as lead_unit'])
    .orderBy('q.raised_at')
    .orderBy('q.id')
    .execute();
  const byStatus: Record<string, number> = {};
  const byCategory: Record<string, number> = {};
  let newThisMonth = 0;
  let closedThisMonth = 0;
  let closed = 0;
  const overdue: BulletinProblems['overdue'] = [];
  for (const r of rows) {
    const category = problemCategoryLabel(r.category) ?? r.category;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    byCategory[category] = (byCategory[category] ?? 0) + 1;
    if (r.raised_at >= from) newThisMonth += 1;
    if (r.status === CLOSED) closed += 1;
    if (r.closed_at !== null && r.closed_at >= from && r.closed_at < to) closedThisMonth += 1;
    const late = r.overdue === 1 || (r.deadline !== null && r.deadline <= w.monthEnd);
    if (r.status !== CLOSED && late) {
      overdue.push({ id: r.id, project: r.project, category, description: r.description, leadUnit: r.lead_unit, deadline: r.deadline });
    }
  }
  const closureRate = rateOf(closed, rows.length);
  return { byStatus, byCategory, newThisMonth, closedThisMonth, closureRate: closureRate?.value ?? null, overdue };
}
