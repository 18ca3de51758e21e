// Writes the 单位 and 领导 sheets: people by mobile, units with their heads, and the register's roles kept in step.
import type { Kysely } from 'kysely';
import type { Database, RoleName } from '../db/schema';
import { nameKey } from './cells';
import { normaliseMobile } from './contact';
import type { LeaderIn, PersonIn, UnitIn } from './types';

type Tx = Kysely<Database>;

/** The roles the 单位 and 领导 sheets own; admin, county_viewer and unit_viewer come from the 权限 sheet (apply-roles) or by hand. */
const REGISTER_ROLES: RoleName[] = ['leader', 'reporter', 'unit_head'];

export type PeopleResult = {
  personIds: Map<string, number>;
  unitIds: Map<string, number>;
  counts: { people: { added: number; updated: number }; units: { added: number; updated: number }; roles: { added: number; removed: number } };
};

type Wanted = { name: string; email: string | null; title: string | null };

/** One entry per mobile; an e-mail or title given on any row is kept. */
function collectPeople(units: UnitIn[], leaders: LeaderIn[]): Map<string, Wanted> {
  const people = new Map<string, Wanted>();
  const add = (p: PersonIn, title: string | null = null) => {
    const cur = people.get(p.mobile);
    people.set(p.mobile, { name: p.name, email: p.email ?? cur?.email ?? null, title: title ?? cur?.title ?? null });
  };
  for (const u of units) for (const p of [u.head, ...u.reporters]) add(p);
  for (const l of leaders) add(l, l.title);
  return people;
}

export async function syncPeople(trx: Tx, units: UnitIn[], leaders: LeaderIn[], now: string): Promise<PeopleResult> {
  const counts = { people: { added: 0, updated: 0 }, units: { added: 0, updated: 0 }, roles: { added: 0, removed: 0 } };
  const stored = await trx.selectFrom('people').select(['id', 'name', 'mobile', 'email', 'title']).where('mobile', 'is not', null).execute();
  // Mobiles typed in by hand elsewhere may be spelt differently; they are compared in normalised form.
  const byMobile = new Map(
    stored.map((p) => {
      const m = normaliseMobile(p.mobile ?? '');
      return [m.ok ? m.value : p.mobile, p];
    }),
  );
  const personIds = new Map<string, number>();
  for (const [mobile, want] of collectPeople(units, leaders)) {
    const cur = byMobile.get(mobile);
    if (!cur) {
      const row = await trx
        .insertInto('people')
        .values({ name: want.name, mobile, email: want.email, title: want.title, open_id: null, resigned_at: null, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      personIds.set(mobile, row.id);
      counts.people.added++;
      continue;
    }
    personIds.set(mobile, cur.id);
    // A blank e-mail or title in the file does not erase one already known.
    const change = {
      ...(cur.name !== want.name ? { name: want.name } : {}),
      ...(want.email && cur.email !== want.email ? { email: want.email } : {}),
      ...(want.title && cur.title !== want.title ? { title: want.title } : {}),
    };
    if (Object.keys(change).length === 0) continue;
    await trx
      .updateTable('people')
      .set({ ...change, updated_at: now })
      .where('id', '=', cur.id)
      .execute();
    counts.people.updated++;
  }

  const storedUnits = await trx.selectFrom('units').select(['id', 'name', 'head_person_id']).execute();
  const unitByKey = new Map(storedUnits.map((u) => [nameKey(u.name), u]));
  const unitIds = new Map<string, number>();
  for (const u of units) {
    const head = personIds.get(u.head.mobile) ?? null;
    const cur = unitByKey.get(nameKey(u.name));
    if (!cur) {
      const row = await trx.insertInto('units').values({ name: u.name, head_person_id: head }).returning('id').executeTakeFirstOrThrow();
      unitIds.set(u.name, row.id);
      counts.units.added++;
    } else {
      unitIds.set(u.name, cur.id);
      if (cur.head_person_id === head) continue;
      await trx.updateTable('units').set({ head_person_id: head }).where('id', '=', cur.id).execute();
      counts.units.updated++;
    }
  }

  counts.roles = await syncRoles(trx, units, leaders, personIds, unitIds, now);
  return { personIds, unitIds, counts };
}

type RoleRow = { person_id: number; role: RoleName; unit_id: number | null; scope: string };
const roleKey = (r: { person_id: number; role: string; scope: string }) => `${r.person_id}|${r.role}|${r.scope}`;

/** Register roles follow the file: missing ones are added, ones no longer in it removed; manual roles are left alone. */
async function syncRoles(trx: Tx, units: UnitIn[], leaders: LeaderIn[], personIds: Map<string, number>, unitIds: Map<string, number>, now: string) {
  const wanted = new Map<string, RoleRow>();
  const want = (mobile: string, role: RoleName, unitId: number | null) => {
    const personId = personIds.get(mobile);
    if (personId === undefined) return;
    const row = { person_id: personId, role, unit_id: unitId, scope: unitId === null ? '' : `unit:${unitId}` };
    wanted.set(roleKey(row), row);
  };
  for (const u of units) {
    const unitId = unitIds.get(u.name) ?? null;
    want(u.head.mobile, 'unit_head', unitId);
    for (const r of u.reporters) want(r.mobile, 'reporter', unitId);
  }
  for (const l of leaders) want(l.mobile, 'leader', null);

  const current = await trx.selectFrom('person_roles').select(['id', 'person_id', 'role', 'scope', 'source']).execute();
  const stale = current.filter((r) => r.source === 'register' && REGISTER_ROLES.includes(r.role) && !wanted.has(roleKey(r))).map((r) => r.id);
  if (stale.length > 0) await trx.deleteFrom('person_roles').where('id', 'in', stale).execute();
  // A role already granted by hand is not granted again: the unique index is on (person, role, scope).
  const have = new Set(current.map(roleKey));
  const fresh = [...wanted.values()].filter((r) => !have.has(roleKey(r)));
  // In slices, to stay well inside the bound-parameter limits of both engines on a province-sized register.
  for (let i = 0; i < fresh.length; i += 500) {
    await trx
      .insertInto('person_roles')
      .values(fresh.slice(i, i + 500).map((r) => ({ ...r, county_id: null, source: 'register' as const, created_at: now })))
      .execute();
  }
  return { added: fresh.length, removed: stale.length };
}
