// Writes the 项目 sheet: projects upserted by (year, code), plan figures versioned, absent projects reported.
import type { Kysely } from 'kysely';
import type { Database, ProjectPlan } from '../db/schema';
import type { ImportSummary } from './summary';
import type { ProjectIn } from './types';

type Tx = Kysely<Database>;

/** Ids the projects refer to, resolved (and created) before the projects are written. */
export type ProjectRefs = {
  countyIds: Map<string, number>;
  categoryIds: Map<string, number>;
  unitIds: Map<string, number>;
  leaderId(p: ProjectIn): number | null;
};

export type ProjectOptions = { year: number; now: string; fileName: string; dropMissing: boolean };

const PLAN_FIELDS = ['total_investment_yuan', 'annual_plan_yuan', 'prior_completed_yuan', 'planned_start', 'planned_end'] as const;

function planOf(p: ProjectIn) {
  return {
    total_investment_yuan: p.totalYuan,
    annual_plan_yuan: p.annualYuan,
    prior_completed_yuan: p.priorYuan,
    planned_start: p.plannedStart,
    planned_end: p.plannedEnd,
  };
}

function attributesOf(p: ProjectIn, refs: ProjectRefs) {
  const county = refs.countyIds.get(p.county);
  const category = refs.categoryIds.get(p.category);
  const unit = refs.unitIds.get(p.unit);
  if (county === undefined || category === undefined || unit === undefined) throw new Error(`项目 ${p.code} 的县区、类别或单位未能解析`);
  return {
    name: p.name,
    county_id: county,
    category_id: category,
    nature: p.nature,
    level: p.level,
    unit_id: unit,
    leader_id: refs.leaderId(p),
    owner: p.owner,
    content: p.content,
    // Without a 投资项目代码 column the file says nothing about it, so the stored code stays.
    ...(p.nationalCode === undefined ? {} : { national_code: p.nationalCode }),
  };
}

export async function syncProjects(trx: Tx, projects: ProjectIn[], refs: ProjectRefs, o: ProjectOptions): Promise<ImportSummary['projects']> {
  const out: ImportSummary['projects'] = { added: 0, updated: 0, unchanged: 0, planChanges: [], restored: 0, missing: [], dropped: 0 };
  const stored = await trx.selectFrom('projects').selectAll().where('plan_year', '=', o.year).execute();
  const byCode = new Map(stored.map((p) => [p.code, p]));
  const plans = await trx
    .selectFrom('project_plans')
    .innerJoin('projects', 'projects.id', 'project_plans.project_id')
    .selectAll('project_plans')
    .where('projects.plan_year', '=', o.year)
    .execute();
  const latest = new Map<number, ProjectPlan>();
  for (const plan of plans) if ((latest.get(plan.project_id)?.version ?? 0) < plan.version) latest.set(plan.project_id, plan);

  const addPlan = (projectId: number, version: number, p: ProjectIn) =>
    trx
      .insertInto('project_plans')
      .values({ project_id: projectId, version, ...planOf(p), source: o.fileName, recorded_at: o.now })
      .execute();

  for (const p of projects) {
    const attrs = attributesOf(p, refs);
    const cur = byCode.get(p.code);
    if (!cur) {
      const row = await trx
        .insertInto('projects')
        .values({ plan_year: o.year, code: p.code, national_code: null, ...attrs, dropped_at: null, created_at: o.now, updated_at: o.now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await addPlan(row.id, 1, p);
      out.added++;
      continue;
    }
    const changed = Object.entries(attrs).some(([k, v]) => cur[k as keyof typeof cur] !== v) || cur.dropped_at !== null;
    if (changed) {
      // Re-appearing in the register puts a dropped project back in the plan.
      await trx
        .updateTable('projects')
        .set({ ...attrs, dropped_at: null, updated_at: o.now })
        .where('id', '=', cur.id)
        .execute();
      if (cur.dropped_at !== null) out.restored++;
    }
    const before = latest.get(cur.id);
    const want = planOf(p);
    const planChanged = !before || PLAN_FIELDS.some((k) => before[k] !== want[k]);
    // Plan figures are history: a change is a new version, the earlier ones stay for bulletins that used them.
    if (planChanged) {
      await addPlan(cur.id, (before?.version ?? 0) + 1, p);
      out.planChanges.push(p.code);
    }
    if (changed || planChanged) out.updated++;
    else out.unchanged++;
  }

  const inFile = new Set(projects.map((p) => p.code));
  const absent = stored.filter((p) => !inFile.has(p.code) && p.dropped_at === null).sort((a, b) => a.code.localeCompare(b.code));
  out.missing = absent.map((p) => ({ code: p.code, name: p.name }));
  if (o.dropMissing && absent.length > 0) {
    const ids = absent.map((p) => p.id);
    for (let i = 0; i < ids.length; i += 500) {
      await trx
        .updateTable('projects')
        .set({ dropped_at: o.now, updated_at: o.now })
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
    }
    out.dropped = absent.length;
  }
  return out;
}
