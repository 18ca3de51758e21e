// Who people are to the bot: administrators (from the `admins` setting) and their Feishu open_ids.
import type { Db } from '../db/connect';
import { loadSettings } from '../db/settings';

/** Open ids of the administrators named in settings by mobile, e-mail or open_id (those not yet resolved are skipped). */
export async function adminOpenIds(db: Db): Promise<string[]> {
  const { settings } = await loadSettings(db);
  const names = settings.admins;
  if (names.length === 0) return [];
  const direct = names.filter((n) => n.startsWith('ou_'));
  const mobiles = names.filter((n) => /^(\+\d{1,4})?1\d{10}$/.test(n)).map((m) => m.replace(/^\+86/, ''));
  const emails = names.filter((n) => n.includes('@')).map((e) => e.toLowerCase());
  const rows =
    mobiles.length + emails.length === 0
      ? []
      : await db
          .selectFrom('people')
          .select('open_id')
          .where('open_id', 'is not', null)
          .where((eb) => eb.or([...(mobiles.length ? [eb('mobile', 'in', mobiles)] : []), ...(emails.length ? [eb('email', 'in', emails)] : [])]))
          .execute();
  return [...new Set([...direct, ...rows.map((r) => r.open_id as string)])];
}
