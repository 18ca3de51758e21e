// Writes a validated register in one transaction (rolled back on a dry run) and returns what changed.
import type { Kysely } from 'kysely';
import type { Db } from '../db/connect';
import type { Database } from '../db/schema';
import { linkReserve, syncEnterprises, syncReserve } from './apply-batches';
import { syncMonthPlans } from './apply-month-plans';
import { syncNodes } from './apply-nodes';
import { syncPeople } from './apply-people';
import { syncSheetRoles } from './apply-roles';
import { syncProjects } from './apply-projects';
import { nameKey } from './cells';
import { describeFile, type ImportSummary } from './summary';
import type { ProjectIn, Register } from './types';

export type ApplyOptions = {
  year: number;
  now: Date;
  /** Compute the exact summary of a real run, then roll everything back. */
  dryRun: boolean;
  fileName: string;
  sha256: string;
  /** Mark projects of the year that the file no longer lists as dropped (otherwise they are only reported). */
  dropMissing: boolean;
};

type Tx = Kysely<Database>;

/** Thrown to roll a dry run back once its summary is known; carries the summary out of the transaction. */
class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

/** Counties and categories are data, not an enum: a new name in the file becomes a new row. */
async function ensureNamed(trx: Tx, table: 'counties' | 'categories', names: string[]) {
  const rows =
    table === 'counties'
      ? await trx.selectFrom('counties').select(['id', 'name']).execute()
      : await trx.selectFrom('categories').select(['id', 'name']).execute();
  const byKey = new Map(rows.map((r) => [nameKey(r.name), r.id]));
  const ids = new Map<string, number>();
  let added = 0;
  for (const name of new Set(names)) {
    let id = byKey.get(nameKey(name));
    if (id === undefined) {
      id = (await trx.insertInto(table).values({ name }).returning('id').executeTakeFirstOrThrow()).id;
      byKey.set(nameKey(name), id);
      added++;
    }
    ids.set(name, id);
  }
  return { ids, added };
}

async function write(trx: Tx, reg: Register, o: ApplyOptions): Promise<ImportSummary> {
  const now = o.now.toISOString();
  const year = await trx.selectFrom('plan_years').select('year').where('year', '=', o.year).executeTakeFirst();
  if (!year) await trx.insertInto('plan_years').values({ year: o.year, created_at: now }).execute();
  const counties = await ensureNamed(trx, 'counties', [
    ...reg.projects.map((p) => p.county),
    ...(reg.enterprises ?? []).map((e) => e.county),
    ...(reg.reserve ?? []).map((r) => r.county),
  ]);
  const categories = await ensureNamed(trx, 'categories', [...reg.projects.map((p) => p.category), ...(reg.reserve ?? []).map((r) => r.category)]);

  let people: Awaited<ReturnType<typeof syncPeople>> | null = null;
  let unitIds: Map<string, number>;
  if (reg.units && reg.leaders) {
    people = await syncPeople(trx, reg.units, reg.leaders, now, o.year);
    unitIds = people.unitIds;
  } else {
    // A CSV names units already in the database (validation checked it); they are used as they are.
    const units = await trx.selectFrom('units').select(['id', 'name']).execute();
    unitIds = new Map(units.map((u) => [u.name, u.id]));
  }
  const personIds = people?.personIds ?? new Map<string, number>();
  const leaderId = (p: ProjectIn) => {
    if (!p.leader) return null;
    return 'personId' in p.leader ? p.leader.personId : (personIds.get(p.leader.mobile) ?? null);
  };
  const projects = await syncProjects(
    trx,
    reg.projects,
    { countyIds: counties.ids, categoryIds: categories.ids, unitIds, leaderId },
    { year: o.year, now, fileName: o.fileName, dropMissing: o.dropMissing },
  );
  const batchRefs = { countyIds: counties.ids, categoryIds: categories.ids, unitIds };
  const enterprises = reg.enterprises ? await syncEnterprises(trx, reg.enterprises, batchRefs, o.year, now) : null;
  const reserve = reg.reserve ? await syncReserve(trx, reg.reserve, batchRefs, now) : null;
  const roles = reg.roles ? await syncSheetRoles(trx, reg.roles, { personIds, unitIds, countyIds: counties.ids }, now) : null;
  const links = reg.projects.flatMap((p) => (p.reserveCode ? [{ code: p.code, reserveCode: p.reserveCode }] : []));
  const linked = await linkReserve(trx, links, o.year, now);
  const nodes = reg.nodes ? await syncNodes(trx, reg.nodes, o.year, now) : null;
  const monthPlans = reg.monthPlans ? await syncMonthPlans(trx, reg.monthPlans, o.year, now) : null;
  const zero = { added: 0, updated: 0 };
  return {
    year: o.year,
    fileName: o.fileName,
    source: reg.source,
    dryRun: o.dryRun,
    file: describeFile(reg),
    projects,
    people: people?.counts.people ?? zero,
    roles: people ? people.counts.roles : { added: 0, removed: 0, keptForYearEnd: 0 },
    units: people?.counts.units ?? zero,
    counties: { added: counties.added },
    categories: { added: categories.added },
    enterprises,
    reserve,
    reserveLinked: linked,
    access: roles,
    ...(nodes ? { nodes } : {}),
    ...(monthPlans ? { monthPlans } : {}),
  };
}

/** Writes the register for `year`; all or nothing. A real run also leaves an audit row in register_imports. */
export async function applyRegister(db: Db, reg: Register, o: ApplyOptions): Promise<ImportSummary> {
  try {
    return await db.transaction().execute(async (trx) => {
      const summary = await write(trx, reg, o);
      if (o.dryRun) throw new DryRunRollback(summary);
      await trx
        .insertInto('register_imports')
        .values({ plan_year: o.year, file_name: o.fileName, sha256: o.sha256, summary: JSON.stringify(summary), imported_at: o.now.toISOString() })
        .execute();
      return summary;
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return err.summary;
    throw err;
  }
}
