// Resolves people's mobiles and e-mails to Feishu open_ids (batches of 50) and says who could not be resolved.
import type { Db } from '../db/connect';
import { assignOpenId, peopleContacts } from '../db/people';
import type { FeishuApi } from '../feishu/api';

export type SyncReport = {
  people: number;
  resolved: number;
  changed: number;
  unresolved: Array<{ name: string; mobile: string | null; email: string | null }>;
  resigned: Array<{ name: string; mobile: string | null; email: string | null }>;
};

const BATCH = 50; // Feishu accepts at most 50 mobiles and 50 e-mails per call

/** Feishu expects Chinese mainland mobiles without a country code and others with `+cc`, as the register stores them. */
export async function syncUsers(db: Db, api: FeishuApi, now: Date): Promise<SyncReport> {
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
  const report: SyncReport = { people: people.length, resolved: 0, changed: 0, unresolved: [], resigned: [] };
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
