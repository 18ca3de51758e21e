// Who is asking: the register's person and roles behind an open_id (or, on the command line, a mobile), and what they may see.
import type { Db } from '../db/connect';
import { loadSettings } from '../db/settings';
import { DEFAULT_ACCESS_POLICY, type Visibility, visibilityOf } from '../domain/question-access';
import { normaliseMobile } from '../register/contact';
import { type Actor, actorFor } from '../people/access';

export type Asker = {
  actor: Actor;
  /** In the register and not resigned, or an administrator named in the settings. */
  registered: boolean;
  visibility: Visibility;
  /** Holds the leader role or is any project's 包联领导: "我包联的项目" are then the asker's own. */
  isLeader: boolean;
};

async function finish(db: Db, actor: Actor, resigned: boolean): Promise<Asker> {
  const registered = actor.personId !== null && !resigned;
  const visibility = visibilityOf({ registered, isAdmin: actor.isAdmin, roles: actor.roles }, DEFAULT_ACCESS_POLICY);
  let isLeader = actor.roles.some((r) => r.role === 'leader');
  if (!isLeader && actor.personId !== null) {
    isLeader = (await db.selectFrom('projects').select('id').where('leader_id', '=', actor.personId).limit(1).executeTakeFirst()) !== undefined;
  }
  return { actor, registered: registered || actor.isAdmin, visibility, isLeader };
}

async function resignedPerson(db: Db, personId: number | null): Promise<boolean> {
  if (personId === null) return false;
  const row = await db.selectFrom('people').select('resigned_at').where('id', '=', personId).executeTakeFirst();
  return row?.resigned_at != null;
}

export async function askerByOpenId(db: Db, openId: string): Promise<Asker> {
  const actor = await actorFor(db, openId);
  return finish(db, actor, await resignedPerson(db, actor.personId));
}

/**
 * For `diaodu ask --as`: an open_id, or a mobile of the register. A person found by mobile who has no open_id yet
 * (before `diaodu users sync`) is still that person, and an administrator when the admins setting names the mobile.
 */
export async function askerFor(db: Db, who: string): Promise<Asker> {
  const w = who.trim();
  if (w.startsWith('ou_')) return askerByOpenId(db, w);
  const mobile = normaliseMobile(w);
  const person = mobile.ok
    ? await db.selectFrom('people').select(['id', 'name', 'open_id', 'resigned_at']).where('mobile', '=', mobile.value).executeTakeFirst()
    : undefined;
  if (!person) return askerByOpenId(db, `unknown:${w}`);
  if (person.open_id) return askerByOpenId(db, person.open_id);
  const roles = await db.selectFrom('person_roles').select(['role', 'unit_id as unitId', 'county_id as countyId']).where('person_id', '=', person.id).execute();
  const { settings } = await loadSettings(db);
  const named = mobile.ok && settings.admins.some((a) => a.replace(/^\+86/, '') === mobile.value);
  const isAdmin = named || roles.some((r) => r.role === 'admin');
  const actor: Actor = { openId: '', personId: person.id, name: person.name, isAdmin, roles };
  return finish(db, actor, person.resigned_at !== null);
}
