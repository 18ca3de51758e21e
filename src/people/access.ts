// Who someone is to the bot, from their Feishu open_id: the person in the register and the roles they hold.
import type { Kysely } from 'kysely';
import { personByOpenId, rolesOf } from '../db/people';
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
  const person = await personByOpenId(db, openId);
  const roles = person ? await rolesOf(db, person.id) : [];
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
