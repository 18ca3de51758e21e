// The identities a console user can take: administrators, leaders, unit heads and reporters of the register.
import type { Db } from '../db/connect';
import type { FeishuDouble } from '../feishu-double';
import { adminOpenIds } from '../people/people';

export type Identity = { openId: string; name: string; detail: string };
export type IdentityGroup = { role: 'admin' | 'leader' | 'unit_head' | 'reporter'; title: string; people: Identity[] };

const TITLES = { admin: '管理员（重点项目办）', leader: '包联领导', unit_head: '单位负责人', reporter: '填报人' } as const;

export async function identities(db: Db, double: FeishuDouble): Promise<IdentityGroup[]> {
  const admins = (await adminOpenIds(db)).map((openId) => ({
    openId,
    name: double.state.users.get(openId)?.name ?? openId,
    detail: '可执行周调度步骤、编制月通报',
  }));
  const rows = await db
    .selectFrom('person_roles as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('units as u', 'u.id', 'r.unit_id')
    .where('p.open_id', 'is not', null)
    .where('p.resigned_at', 'is', null)
    .where('r.role', 'in', ['leader', 'unit_head', 'reporter'])
    .select(['r.role', 'p.name', 'p.title', 'p.open_id', 'u.name as unit'])
    .orderBy('u.name')
    .orderBy('p.id')
    .execute();
  const group = (role: 'leader' | 'unit_head' | 'reporter') => {
    const seen = new Set<string>();
    const people: Identity[] = [];
    for (const r of rows.filter((x) => x.role === role)) {
      const key = `${r.open_id}|${r.unit ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      people.push({ openId: r.open_id as string, name: r.name, detail: role === 'leader' ? (r.title ?? '') : (r.unit ?? '') });
    }
    return { role, title: TITLES[role], people };
  };
  return [{ role: 'admin', title: TITLES.admin, people: admins }, group('leader'), group('unit_head'), group('reporter')];
}

/** Names for the page: everyone in the double's directory, and the bot. */
export function nameIndex(double: FeishuDouble): Record<string, string> {
  const out: Record<string, string> = { [double.state.bot.open_id]: double.state.bot.app_name };
  for (const u of double.state.users.values()) out[u.open_id] = u.name;
  return out;
}
