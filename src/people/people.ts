// Who people are to the bot: administrators (from the `admins` setting) and their Feishu open_ids.
import type { Db } from '../db/connect';
import { adminRoleOpenIds, openIdsByContact } from '../db/people';
import { loadSettings } from '../db/settings';

/**
 * The `admins` setting's entries by kind: open_ids as given, mobiles without +86 (as the register stores mainland
 * mobiles) and e-mails in lower case.
 */
export function adminContacts(names: readonly string[]): { direct: string[]; mobiles: string[]; emails: string[] } {
  return {
    direct: names.filter((n) => n.startsWith('ou_')),
    mobiles: names.filter((n) => /^(\+\d{1,4})?1\d{10}$/.test(n)).map((m) => m.replace(/^\+86/, '')),
    emails: names.filter((n) => n.includes('@')).map((e) => e.toLowerCase()),
  };
}

/** Open ids of the administrators: named in settings by mobile, e-mail or open_id (those not yet resolved are skipped), or holding the admin role. */
export async function adminOpenIds(db: Db): Promise<string[]> {
  const { settings } = await loadSettings(db);
  const names = settings.admins;
  // Administrators named in the register's 权限 sheet or granted by `diaodu roles grant` get what the admins setting's do.
  const byRole = await adminRoleOpenIds(db);
  if (names.length === 0) return byRole;
  const { direct, mobiles, emails } = adminContacts(names);
  return [...new Set([...direct, ...(await openIdsByContact(db, mobiles, emails)), ...byRole])];
}
