// Reads the units and leaders already in the database, which a CSV's 项目 rows are checked against.
import type { Db } from '../db/connect';
import type { Reference } from './types';

export async function loadReference(db: Db): Promise<Reference> {
  const units = await db.selectFrom('units').select('name').execute();
  // Any leader role counts, register or manual: a leader granted by hand may 包联 projects too.
  const leaders = await db
    .selectFrom('person_roles')
    .innerJoin('people', 'people.id', 'person_roles.person_id')
    .select(['people.id as personId', 'people.name'])
    .where('person_roles.role', '=', 'leader')
    .distinct()
    .execute();
  return { units: units.map((u) => u.name), leaders };
}

/** Every 储备编号 already in the reserve, which a project row may name without the file's 储备项目 sheet. */
export async function loadReserveCodes(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('reserve_projects').select('code').execute()).map((r) => r.code));
}

/** The counties and project categories already in the database, which the 招商项目 and 储备项目 rows may name. */
export async function loadNames(db: Db): Promise<{ counties: string[]; categories: string[] }> {
  const counties = await db.selectFrom('counties').select('name').execute();
  const categories = await db.selectFrom('categories').select('name').execute();
  return { counties: counties.map((c) => c.name), categories: categories.map((c) => c.name) };
}
