// Who is asking: the register's person and roles behind an open_id (or, on the command line, a mobile), and what they may see.
import type { Db } from '../../db/connect';
import { leadsAnyProject, personByMobile, rolesOf } from '../../db/people';
import { loadSettings } from '../../db/settings';
import { DEFAULT_ACCESS_POLICY, type Visibility, visibilityOf } from '../../domain/question-access';
import { normaliseMobile } from '../../register/contact';
import { type Actor, actorFor } from '../../people/access';

export type Asker = {
  actor: Actor;
  /** In the register and not resigned, or an administrator named in the settings. */
  registered: boolean;
  visibility: Visibility;
  /** Marked 离职 in the register: refused with whom to contact (texts.resigned), not told they are unknown. */
  resigned: boolean;
  /** Holds the leader role or is any project's 包联领导: "我包联的项目" are then the asker's own. */
  isLeader: boolean;
};

async function finish(db: Db, actor: Actor): Promise<Asker> {
  const { resigned } = actor;
  const registered = actor.personId !== null && !resigned;
  const visibility = visibilityOf({ registered, isAdmin: actor.isAdmin, roles: actor.roles }, DEFAULT_ACCESS_POLICY);
  let isLeader = actor.roles.some((r) => r.role === 'leader');
  if (!isLeader && actor.personId !== null) {
    isLeader = await leadsAnyProject(db, actor.personId);
  }
  return { actor, registered: registered || actor.isAdmin, resigned, visibility, isLeader };
}

export async function askerByOpenId(db: Db, openId: string): Promise<Asker> {
  return finish(db, await actorFor(db, openId));
}

/**
 * For `diaodu ask --as`: an open_id, or a mobile of the register. A person found by mobile who has no open_id yet
 * (before `diaodu users sync`) is still that person, and an administrator when the admins setting names the mobile.
 */
export async function askerFor(db: Db, who: string): Promise<Asker> {
  const w = who.trim();
  if (w.startsWith('ou_')) return askerByOpenId(db, w);
  const mobile = normaliseMobile(w);
  const person = mobile.ok ? await personByMobile(db, mobile.value) : undefined;
  if (!person) return askerByOpenId(db, `unknown:${w}`);
  if (person.openId) return askerByOpenId(db, person.openId);
  const roles = person.resigned ? [] : await rolesOf(db, person.id);
  const { settings } = await loadSettings(db);
  const named = mobile.ok && settings.admins.some((a) => a.replace(/^\+86/, '') === mobile.value);
  const isAdmin = !person.resigned && (named || roles.some((r) => r.role === 'admin'));
  const actor: Actor = { openId: '', personId: person.id, name: person.name, isAdmin, roles, resigned: person.resigned };
  return finish(db, actor);
}
