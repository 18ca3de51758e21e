// Writes the 单位 and 领导 sheets: people by mobile, units with their heads, and the register's roles kept in step.
import type { Kysely } from 'kysely';
import type { Database, RoleName } from '../db/schema';
import { loadSettings } from '../db/settings';
import { lateWindow } from '../domain/late-window';
import { nameKey } from './cells';
import { normaliseMobile } from './contact';
import type { LeaderIn, PersonIn, UnitIn } from './types';

type Tx = Kysely<Database>;

/** The roles the 单位 and 领导 sheets own; admin, county_viewer and unit_viewer come from the 权限 sheet (apply-roles) or by hand. */
const REGISTER_ROLES: RoleName[] = ['leader', 'reporter', 'unit_head'];

export type PeopleResult = {
  personIds: Map<string, number>;
  unitIds: Map<string, number>;
  counts: {
    people: { added: number; updated: number };
    units: { added: number; updated: number };
    roles: { added: number; removed: number; keptForYearEnd: number };
  };
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

export async function syncPeople(trx: Tx, units: UnitIn[], leaders: LeaderIn[], now: string, year: number): Promise<PeopleResult> {
  const counts = { people: { added: 0, updated: 0 }, units: { added: 0, updated: 0 }, roles: { added: 0, removed: 0, keptForYearEnd: 0 } };
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

  counts.roles = await syncRoles(trx, units, leaders, personIds, unitIds, now, year);
  return { personIds, unitIds, counts };
}

type RoleRow = { person_id: number; role: RoleName; unit_id: number | null; scope: string };
const roleKey = (r: { person_id: number; role: string; scope: string }) => `${r.person_id}|${r.role}|${r.scope}`;

/**
 * The units whose reporters keep their register role although the file being imported (plan year `year`) no longer
 * lists the unit: those with projects of the year before whose 12月底 figures are still to be collected. Roles are not
 * kept per plan year (one role row per person, role and unit), and the year-end card of `year − 1` goes out in the
 * first round of `year` — after this import — to the unit's reporters and takes figures only from them (mayReportFor).
 * Removing the role with the unit would leave those projects unasked and their December estimated. A unit still in the
 * file needs nothing kept: its reporters in the file answer for its old projects too. The role goes at the first import
 * after that collection is over (the round asking for December closed and its 补报 days passed), or with the next
 * year's register, when the unit has no projects of the year before any more.
 */
async function unitsInYearEnd(trx: Tx, year: number, now: string): Promise<Set<number>> {
  const asking = await trx
    .selectFrom('weekly_periods')
    .select(['week_start', 'deadline_at'])
    .where('asks_month_end', '=', `${year - 1}-12`)
    .executeTakeFirst();
  if (asking) {
    const { settings } = await loadSettings(trx);
    const window = lateWindow({ weekStart: asking.week_start, deadlineAt: asking.deadline_at }, settings['round.lateDays'], new Date(now));
    if (window.closed) return new Set();
  }
  const rows = await trx
    .selectFrom('projects')
    .select('unit_id')
    .distinct()
    .where('plan_year', '=', year - 1)
    .where('dropped_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.unit_id));
}

/**
 * Register roles follow the file: missing ones are added, ones no longer in it removed (but see unitsInYearEnd);
 * manual roles are left alone.
 */
async function syncRoles(
  trx: Tx,
  units: UnitIn[],
  leaders: LeaderIn[],
  personIds: Map<string, number>,
  unitIds: Map<string, number>,
  now: string,
  year: number,
) {
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

  const current = await trx.selectFrom('person_roles').select(['id', 'person_id', 'role', 'unit_id', 'scope', 'source']).execute();
  const inFile = new Set([...unitIds.values()]);
  const yearEnd = await unitsInYearEnd(trx, year, now);
  const keep = (r: (typeof current)[number]) => r.role === 'reporter' && r.unit_id !== null && !inFile.has(r.unit_id) && yearEnd.has(r.unit_id);
  const leaving = current.filter((r) => r.source === 'register' && REGISTER_ROLES.includes(r.role) && !wanted.has(roleKey(r)));
  const stale = leaving.filter((r) => !keep(r)).map((r) => r.id);
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
  return { added: fresh.length, removed: stale.length, keptForYearEnd: leaving.length - stale.length };
}
