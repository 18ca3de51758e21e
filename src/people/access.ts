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
  /**
   * Marked 离职 in the register (by `users sync`): holds no role and is no administrator, whatever the register or the
   * admins setting still say, so every check refuses them; the card dispatcher and the answers say whom to contact.
   */
  resigned: boolean;
};

export async function actorFor(db: Q, openId: string): Promise<Actor> {
  const person = await personByOpenId(db, openId);
  const resigned = person?.resigned === true;
  const roles = person && !resigned ? await rolesOf(db, person.id) : [];
  const admins = await adminOpenIds(db);
  return {
    openId,
    personId: person?.id ?? null,
    name: person?.name ?? null,
    isAdmin: !resigned && (admins.includes(openId) || roles.some((r) => r.role === 'admin')),
    roles,
    resigned,
  };
}

/**
 * The actor with a name: from the register, else from the Feishu directory (ctx.names) — an administrator named in
 * `admins` by open_id or mobile only is then still named on the cards and in the records of what they did.
 */
export async function namedActor(ctx: { names?: (openId: string) => Promise<string | null> }, actor: Actor): Promise<Actor> {
  if (actor.name !== null || !ctx.names) return actor;
  return { ...actor, name: await ctx.names(actor.openId) };
}

/** A reporter of the unit, or an administrator, may report for the unit's projects. */
export function mayReportFor(actor: Actor, unitId: number): boolean {
  return actor.isAdmin || actor.roles.some((r) => r.role === 'reporter' && r.unitId === unitId);
}
