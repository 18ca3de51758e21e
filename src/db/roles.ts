// Roles granted beyond the register's reporters, heads and leaders — 县区查看, 单位查看, 管理员 — for `diaodu roles`.
import type { Kysely } from 'kysely';
import type { Database, RoleName } from './schema';

type Q = Kysely<Database>;

export type GrantedRole = {
  personId: number;
  name: string;
  mobile: string | null;
  role: RoleName;
  unit: string | null;
  county: string | null;
  source: 'register' | 'manual';
};

/** Every role of the given kinds, by role, then county or unit, then name. */
export async function listRoles(db: Q, roles: RoleName[]): Promise<GrantedRole[]> {
  const rows = await db
    .selectFrom('person_roles as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('counties as c', 'c.id', 'r.county_id')
    .where('r.role', 'in', roles)
    .select(['p.id', 'p.name', 'p.mobile', 'r.role', 'u.name as unit', 'c.name as county', 'r.source'])
    .orderBy('r.role')
    .orderBy('c.name')
    .orderBy('u.name')
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ personId: r.id, name: r.name, mobile: r.mobile, role: r.role, unit: r.unit, county: r.county, source: r.source }));
}

export async function countyIdByName(db: Q, name: string): Promise<number | null> {
  return (await db.selectFrom('counties').select('id').where('name', '=', name).executeTakeFirst())?.id ?? null;
}

export async function unitIdByName(db: Q, name: string): Promise<number | null> {
  return (await db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirst())?.id ?? null;
}

const scopeOf = (unitId: number | null, countyId: number | null) => (unitId !== null ? `unit:${unitId}` : countyId !== null ? `county:${countyId}` : '');

/** Grants a role by hand (source 'manual'); false when the person holds it already (from the register or by hand). */
export async function grantRole(db: Q, personId: number, role: RoleName, unitId: number | null, countyId: number | null, now: Date): Promise<boolean> {
  const scope = scopeOf(unitId, countyId);
  const have = await db
    .selectFrom('person_roles')
    .select('id')
    .where('person_id', '=', personId)
    .where('role', '=', role)
    .where('scope', '=', scope)
    .executeTakeFirst();
  if (have) return false;
  await db
    .insertInto('person_roles')
    .values({ person_id: personId, role, unit_id: unitId, county_id: countyId, scope, source: 'manual', created_at: now.toISOString() })
    .execute();
  return true;
}

/** Revokes a role; what was removed (null when the person did not hold it), with where it had come from. */
export async function revokeRole(
  db: Q,
  personId: number,
  role: RoleName,
  unitId: number | null,
  countyId: number | null,
): Promise<'register' | 'manual' | null> {
  const scope = scopeOf(unitId, countyId);
  const row = await db
    .selectFrom('person_roles')
    .select(['id', 'source'])
    .where('person_id', '=', personId)
    .where('role', '=', role)
    .where('scope', '=', scope)
    .executeTakeFirst();
  if (!row) return null;
  await db.deleteFrom('person_roles').where('id', '=', row.id).execute();
  return row.source;
}
