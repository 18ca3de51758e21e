// Resolves people's mobiles and e-mails to Feishu open_ids (batches of 50) and says who could not be resolved.
// Administrators named in the `admins` setting by mobile or e-mail whom the register does not hold are looked up too:
// found in the Feishu directory, they are entered as people (name from the directory, no role), so that they are
// recognised as administrators when they click or write and are named on the cards and in the records of what they did.
import type { Db } from '../db/connect';
import { assignOpenId, peopleContacts } from '../db/people';
import { loadSettings } from '../db/settings';
import type { FeishuApi } from '../feishu/api';
import { adminContacts } from './people';

export type SyncReport = {
  people: number;
  resolved: number;
  changed: number;
  unresolved: Array<{ name: string; mobile: string | null; email: string | null }>;
  resigned: Array<{ name: string; mobile: string | null; email: string | null }>;
  /** Administrators of the `admins` setting, named by mobile or e-mail, who were not in the register. */
  admins: {
    added: Array<{ name: string; contact: string }>;
    unresolved: string[];
    /** Found in the directory, but that account is a person of the register under another mobile or e-mail. */
    elsewhere: Array<{ contact: string; name: string }>;
  };
};

/** The `admins` entries by mobile or e-mail that match no person of the register: what enterAdmins looks up. */
async function adminsToLookUp(db: Db) {
  const { mobiles, emails } = adminContacts((await loadSettings(db)).settings.admins);
  const people = await peopleContacts(db);
  const held = new Set(people.flatMap((p) => [p.mobile?.replace(/^\+86/, ''), p.email?.toLowerCase()].filter((x): x is string => !!x)));
  return { mobiles: mobiles.filter((m) => !held.has(m)), emails: emails.filter((e) => !held.has(e)), people, listed: new Set([...mobiles, ...emails]) };
}

/** Those `admins` entries (mobiles, then e-mails) without a person yet; nothing to ask Feishu when empty. */
export async function adminsNotEntered(db: Db): Promise<string[]> {
  const { mobiles, emails } = await adminsToLookUp(db);
  return [...mobiles, ...emails];
}

/**
 * Enters the administrators named by mobile or e-mail whom the register does not hold, as the Feishu directory knows
 * them. One who already has a people row (by contact or by open_id) is left to the register's resolution below.
 * `users sync`, `settings set admins` and the hourly job (src/jobs/admins.ts) all enter them through this.
 */
export async function enterAdmins(db: Db, api: FeishuApi, now: Date): Promise<SyncReport['admins']> {
  const out: SyncReport['admins'] = { added: [], unresolved: [], elsewhere: [] };
  const { mobiles: wantMobiles, emails: wantEmails, people, listed } = await adminsToLookUp(db);
  // People already administrators by another entry of the setting (listed by their mobile as well as an e-mail, say).
  const admitted = new Set(
    people.filter((p) => p.openId && [p.mobile?.replace(/^\+86/, ''), p.email?.toLowerCase()].some((c) => !!c && listed.has(c))).map((p) => p.openId),
  );
  if (wantMobiles.length + wantEmails.length === 0) return out;
  const holder = new Map(people.flatMap((p) => (p.openId ? [[p.openId, p.name] as const] : [])));
  const found = new Map<string, { openId: string | null; resigned: boolean }>();
  for (let i = 0; i < Math.max(wantMobiles.length, wantEmails.length); i += BATCH) {
    for (const f of await api.batchGetIds({ mobiles: wantMobiles.slice(i, i + BATCH), emails: wantEmails.slice(i, i + BATCH) })) {
      if (f.mobile) found.set(f.mobile.replace(/^\+86/, ''), f);
      if (f.email) found.set(f.email.toLowerCase(), f);
    }
  }
  const stamp = now.toISOString();
  for (const contact of [...wantMobiles, ...wantEmails]) {
    const hit = found.get(contact);
    if (!hit?.openId || hit.resigned) {
      out.unresolved.push(contact);
      continue;
    }
    // The account is a person of the register under another mobile or e-mail: the admins setting names them by a
    // contact the register does not hold, so they would never be recognised. Said, for the setting to be corrected.
    const held = holder.get(hit.openId);
    if (held !== undefined && admitted.has(hit.openId)) continue; // an administrator already, by another entry
    if (held !== undefined) {
      out.elsewhere.push({ contact, name: held });
      continue;
    }
    const name = (await api.userName(hit.openId)) ?? contact;
    const isMobile = !contact.includes('@');
    // The hourly job, `settings set admins` and `users sync` may enter the same person at once: whoever comes second
    // finds the row there (a unique mobile, e-mail or open_id) and leaves it.
    const inserted = await db
      .insertInto('people')
      .values({
        name,
        mobile: isMobile ? contact : null,
        email: isMobile ? null : contact,
        title: null,
        open_id: hit.openId,
        resigned_at: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    holder.set(hit.openId, name);
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) continue;
    out.added.push({ name, contact });
  }
  return out;
}

/** What is said of administrators whose account the register holds under another contact (users sync, settings set, the hourly job). */
export function adminsElsewhereText(list: ReadonlyArray<{ contact: string; name: string }>): string {
  return `设置 admins 中以下管理员的飞书账号已在项目库中以其他手机号或邮箱登记，按现在的写法无法识别为管理员，请在 admins 中改用项目库中登记的手机号、邮箱或其 open_id：${list.map((a) => `${a.contact}（${a.name}）`).join('、')}。`;
}

const BATCH = 50; // Feishu accepts at most 50 mobiles and 50 e-mails per call

/** Feishu expects Chinese mainland mobiles without a country code and others with `+cc`, as the register stores them. */
export async function syncUsers(db: Db, api: FeishuApi, now: Date): Promise<SyncReport> {
  const admins = await enterAdmins(db, api, now);
  const people = await peopleContacts(db);
  const byMobile = new Map<string, { openId: string | null; resigned: boolean }>();
  const byEmail = new Map<string, { openId: string | null; resigned: boolean }>();
  const mobiles = [...new Set(people.flatMap((p) => (p.mobile ? [p.mobile] : [])))];
  const emails = [...new Set(people.flatMap((p) => (p.email ? [p.email] : [])))];
  for (let i = 0; i < Math.max(mobiles.length, emails.length); i += BATCH) {
    const found = await api.batchGetIds({ mobiles: mobiles.slice(i, i + BATCH), emails: emails.slice(i, i + BATCH) });
    for (const f of found) {
      if (f.mobile) byMobile.set(f.mobile, { openId: f.openId, resigned: f.resigned });
      if (f.email) byEmail.set(f.email.toLowerCase(), { openId: f.openId, resigned: f.resigned });
    }
  }
  const report: SyncReport = { people: people.length, resolved: 0, changed: 0, unresolved: [], resigned: [], admins };
  const stamp = now.toISOString();
  for (const p of people) {
    // The mobile is the register's key for a person, so it wins over the e-mail when both resolve.
    const hit = (p.mobile && byMobile.get(p.mobile)?.openId ? byMobile.get(p.mobile) : undefined) ?? (p.email ? byEmail.get(p.email.toLowerCase()) : undefined);
    const who = { name: p.name, mobile: p.mobile, email: p.email };
    if (!hit?.openId) {
      report.unresolved.push(who);
      continue;
    }
    report.resolved += 1;
    if (hit.resigned) report.resigned.push(who);
    const resignedAt = hit.resigned ? (p.resignedAt ?? stamp) : null;
    if (hit.openId !== p.openId || resignedAt !== p.resignedAt) {
      // Another person row may hold this open_id (a mobile handed on): it is released first.
      await assignOpenId(db, p.id, hit.openId, resignedAt, stamp);
      report.changed += 1;
    }
  }
  return report;
}
