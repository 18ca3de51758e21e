// Reads the projects' own 月度计划 (the register's optional sheet): project id → the planned cumulative investment
// (元) at each month end, January first. A project without a complete plan of twelve months is left out.
import type { Db } from './connect';

export async function loadMonthPlans(db: Db, year: number, projectIds?: readonly number[]): Promise<Map<number, number[]>> {
  if (projectIds?.length === 0) return new Map();
  let q = db
    .selectFrom('project_month_plans as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .select(['m.project_id', 'm.month', 'm.cumulative_yuan'])
    .where('p.plan_year', '=', year);
  if (projectIds) q = q.where('m.project_id', 'in', projectIds);
  const rows = await q.execute();
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const months = out.get(r.project_id) ?? [];
    months[r.month - 1] = Number(r.cumulative_yuan);
    out.set(r.project_id, months);
  }
  for (const [id, months] of out) if (months.length !== 12 || Array.from(months).includes(undefined as unknown as number)) out.delete(id);
  return out;
}
