// The register's people as the features ask about them: by open_id, by mobile, by id; their roles; whether they
// lead any project. Rows come back in camelCase; snake_case stays here.
import type { Kysely } from 'kysely';
import type { Database, RoleName } from './schema';

type Q = Kysely<Database>;

export type PersonRecord = { id: number; name: string; openId: string | null; resigned: boolean };
export type RoleRecord = { role: RoleName; unitId: number | null; countyId: number | null };

const personColumns = ['id', 'name', 'open_id', 'resigned_at'] as const;
const recordOf = (p: { id: number; name: string; open_id: string | null; resigned_at: string | null }): PersonRecord => ({
  id: p.id,
  name: p.name,
  openId: p.open_id,
  resigned: p.resigned_at !== null,
});

export async function personById(db: Q, id: number): Promise<PersonRecord | undefined> {
  const p = await db.selectFrom('people').select(personColumns).where('id', '=', id).executeTakeFirst();
  return p && recordOf(p);
}

export async function personByOpenId(db: Q, openId: string): Promise<PersonRecord | undefined> {
  const p = await db.selectFrom('people').select(personColumns).where('open_id', '=', openId).executeTakeFirst();
  return p && recordOf(p);
}

/** By a normalised mainland mobile ('13900010001'). */
export async function personByMobile(db: Q, mobile: string): Promise<PersonRecord | undefined> {
  const p = await db.selectFrom('people').select(personColumns).where('mobile', '=', mobile).executeTakeFirst();
  return p && recordOf(p);
}

export async function rolesOf(db: Q, personId: number): Promise<RoleRecord[]> {
  return db.selectFrom('person_roles').select(['role', 'unit_id as unitId', 'county_id as countyId']).where('person_id', '=', personId).execute();
}

/** The open_ids of people holding the admin role (the register's 权限 sheet or `diaodu roles grant`), not resigned. */
export async function adminRoleOpenIds(db: Q): Promise<string[]> {
  const rows = await db
    .selectFrom('person_roles as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .where('r.role', '=', 'admin')
    .where('p.open_id', 'is not', null)
    .where('p.resigned_at', 'is', null)
    .select('p.open_id')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => r.open_id as string);
}

/** Whether the person is any project's 包联领导. */
export async function leadsAnyProject(db: Q, personId: number): Promise<boolean> {
  return (await db.selectFrom('projects').select('id').where('leader_id', '=', personId).limit(1).executeTakeFirst()) !== undefined;
}

/** The ids of every responsible unit. */
export async function unitIds(db: Q): Promise<Set<number>> {
  return new Set((await db.selectFrom('units').select('id').execute()).map((u) => u.id));
}

/** A unit's name, or null when there is no such unit. */
export async function unitName(db: Q, id: number): Promise<string | null> {
  return (await db.selectFrom('units').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
}

export async function counties(db: Q): Promise<Array<{ id: number; name: string }>> {
  return db.selectFrom('counties').select(['id', 'name']).execute();
}

export async function units(db: Q): Promise<Array<{ id: number; name: string }>> {
  return db.selectFrom('units').select(['id', 'name']).orderBy('name').execute();
}

/** Everyone in the register with their contacts, for resolving open_ids (snake_case kept: it is the row as stored). */
export async function peopleContacts(
  db: Q,
): Promise<Array<{ id: number; name: string; mobile: string | null; email: string | null; openId: string | null; resignedAt: string | null }>> {
  return db.selectFrom('people').select(['id', 'name', 'mobile', 'email', 'open_id as openId', 'resigned_at as resignedAt']).orderBy('id').execute();
}

/** Gives a person their open_id (taking it from any other row first: the unique index requires it), in one transaction. */
export async function assignOpenId(db: Q, personId: number, openId: string, resignedAt: string | null, at: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('people').set({ open_id: null, updated_at: at }).where('open_id', '=', openId).where('id', '<>', personId).execute();
    await tx.updateTable('people').set({ open_id: openId, resigned_at: resignedAt, updated_at: at }).where('id', '=', personId).execute();
  });
}

/** The open_ids of the people with these mobiles or e-mails (lower-case), where resolved. */
export async function openIdsByContact(db: Q, mobiles: string[], emails: string[]): Promise<string[]> {
  if (mobiles.length + emails.length === 0) return [];
  const rows = await db
    .selectFrom('people')
    .select('open_id')
    .where('open_id', 'is not', null)
    .where((eb) => eb.or([...(mobiles.length ? [eb('mobile', 'in', mobiles)] : []), ...(emails.length ? [eb('email', 'in', emails)] : [])]))
    .execute();
  return rows.map((r) => r.open_id as string);
}
