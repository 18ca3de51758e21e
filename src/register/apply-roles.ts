// Writes the optional 权限 sheet: its people (by mobile, added when new) and its roles — 县区查看, 单位查看, 管理员 —
// kept in step with the sheet. Roles granted by hand (`diaodu roles grant`) are left alone.
import type { Kysely } from 'kysely';
import type { Database, RoleName } from '../db/schema';
import { normaliseMobile } from './contact';
import type { RoleGrantIn } from './types';

type Tx = Kysely<Database>;

/** The roles the 权限 sheet owns: a register row of these not in the sheet any more is removed. */
const SHEET_ROLES: RoleName[] = ['county_viewer', 'unit_viewer', 'admin'];

type RoleRow = { person_id: number; role: RoleName; unit_id: number | null; county_id: number | null; scope: string };
const roleKey = (r: { person_id: number; role: string; scope: string }) => `${r.person_id}|${r.role}|${r.scope}`;

export async function syncSheetRoles(
  trx: Tx,
  grants: RoleGrantIn[],
  refs: { personIds: Map<string, number>; unitIds: Map<string, number>; countyIds: Map<string, number> },
  now: string,
): Promise<{ people: number; added: number; removed: number }> {
  const personIds = new Map(refs.personIds);
  let people = 0;
  const stored = await trx.selectFrom('people').select(['id', 'mobile']).where('mobile', 'is not', null).execute();
  const byMobile = new Map(
    stored.map((p) => {
      const m = normaliseMobile(p.mobile ?? '');
      return [m.ok ? m.value : p.mobile, p.id];
    }),
  );
  for (const g of grants) {
    if (personIds.has(g.mobile)) continue;
    let id = byMobile.get(g.mobile);
    if (id === undefined) {
      id = (
        await trx
          .insertInto('people')
          .values({ name: g.name, mobile: g.mobile, email: null, title: null, open_id: null, resigned_at: null, created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      byMobile.set(g.mobile, id);
      people++;
    }
    personIds.set(g.mobile, id);
  }
  const wanted = new Map<string, RoleRow>();
  for (const g of grants) {
    const person_id = personIds.get(g.mobile)!;
    const unit_id = g.unit === null ? null : (refs.unitIds.get(g.unit) ?? null);
    const county_id = g.county === null ? null : (refs.countyIds.get(g.county) ?? null);
    const scope = unit_id !== null ? `unit:${unit_id}` : county_id !== null ? `county:${county_id}` : '';
    const row = { person_id, role: g.role, unit_id, county_id, scope };
    wanted.set(roleKey(row), row);
  }
  const current = await trx.selectFrom('person_roles').select(['id', 'person_id', 'role', 'scope', 'source']).execute();
  const stale = current.filter((r) => r.source === 'register' && SHEET_ROLES.includes(r.role) && !wanted.has(roleKey(r))).map((r) => r.id);
  if (stale.length > 0) await trx.deleteFrom('person_roles').where('id', 'in', stale).execute();
  // A role already granted by hand is not granted again (the unique index is on person, role and scope).
  const have = new Set(current.map(roleKey));
  const fresh = [...wanted.values()].filter((r) => !have.has(roleKey(r)));
  for (let i = 0; i < fresh.length; i += 500) {
    await trx
      .insertInto('person_roles')
      .values(fresh.slice(i, i + 500).map((r) => ({ ...r, source: 'register' as const, created_at: now })))
      .execute();
  }
  return { people, added: fresh.length, removed: stale.length };
}
