// Writes the 月度计划 sheet. The sheet is the whole of the monthly plans: a project it lists gets its twelve month-end
// figures, a project of the year it no longer lists loses its plan (and falls back to the city-wide 序时). The same
// file again changes nothing, not even updated_at.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { MonthPlanIn } from './types';

type Tx = Kysely<Database>;

/** Projects whose plan was added, changed, left as it was, or removed. */
export type MonthPlanCounts = { added: number; updated: number; unchanged: number; removed: number };

export async function syncMonthPlans(trx: Tx, rows: MonthPlanIn[], year: number, now: string): Promise<MonthPlanCounts> {
  const out: MonthPlanCounts = { added: 0, updated: 0, unchanged: 0, removed: 0 };
  const projects = new Map((await trx.selectFrom('projects').select(['id', 'code']).where('plan_year', '=', year).execute()).map((p) => [p.code, p.id]));
  const stored = await trx
    .selectFrom('project_month_plans as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .select(['m.project_id', 'm.month', 'm.cumulative_yuan'])
    .where('p.plan_year', '=', year)
    .execute();
  const byProject = new Map<number, number[]>();
  for (const s of stored) {
    const months = byProject.get(s.project_id) ?? [];
    months[s.month - 1] = Number(s.cumulative_yuan);
    byProject.set(s.project_id, months);
  }
  const listed = new Set<number>();
  for (const r of rows) {
    const projectId = projects.get(r.code);
    if (projectId === undefined) throw new Error(`月度计划中的项目编号“${r.code}”未能解析`);
    listed.add(projectId);
    const cur = byProject.get(projectId);
    if (cur && cur.length === 12 && r.cumulativeYuan.every((v, i) => cur[i] === v)) {
      out.unchanged++;
      continue;
    }
    if (cur) await trx.deleteFrom('project_month_plans').where('project_id', '=', projectId).execute();
    await trx
      .insertInto('project_month_plans')
      .values(r.cumulativeYuan.map((v, i) => ({ project_id: projectId, month: i + 1, cumulative_yuan: v, updated_at: now })))
      .execute();
    if (cur) out.updated++;
    else out.added++;
  }
  for (const projectId of byProject.keys()) {
    if (listed.has(projectId)) continue;
    await trx.deleteFrom('project_month_plans').where('project_id', '=', projectId).execute();
    out.removed++;
  }
  return out;
}
