// Who someone is to the bot, from their Feishu open_id: the person in the register and the roles they hold.
import type { Kysely } from 'kysely';
import type { Database, RoleName } from '../db/schema';
import { adminOpenIds } from './people';

type Q = Kysely<Database>;

export type Actor = {
  openId: string;
  personId: number | null;
  name: string | null;
  isAdmin: boolean;
  roles: Array<{ role: RoleName; unitId: number | null; countyId: number | null }>;
};

export async function actorFor(db: Q, openId: string): Promise<Actor> {
  const person = await db.selectFrom('people').select(['id', 'name']).where('open_id', '=', openId).executeTakeFirst();
  const roles = person
    ? await db.selectFrom('person_roles').select(['role', 'unit_id as unitId', 'county_id as countyId']).where('person_id', '=', person.id).execute()
    : [];
  const admins = await adminOpenIds(db);
  return {
    openId,
    personId: person?.id ?? null,
    name: person?.name ?? null,
    isAdmin: admins.includes(openId) || roles.some((r) => r.role === 'admin'),
    roles,
  };
}

/** A reporter of the unit, or an administrator, may report for the unit's projects. */
export function mayReportFor(actor: Actor, unitId: number): boolean {
  return actor.isAdmin || actor.roles.some((r) => r.role === 'reporter' && r.unitId === unitId);
}
