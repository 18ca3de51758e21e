// `diaodu roles list|grant|revoke`: county viewers (县区查看), unit viewers (单位查看) and administrators (管理员), the
// roles that the register's 单位 and 领导 sheets do not give. The register's optional 权限 sheet grants the same.
import { personByMobile } from '../../db/people';
import { countyIdByName, grantRole, listRoles, revokeRole, unitIdByName } from '../../db/roles';
import type { RoleName } from '../../db/schema';
import { normaliseMobile } from '../../register/contact';
import { ROLE_WORDS } from '../../register/validate-roles';
import type { Command, CommandContext } from '../command';

const ROLE_TEXT: Record<string, string> = Object.fromEntries(Object.entries(ROLE_WORDS).map(([word, role]) => [role, word]));
const SOURCE_TEXT = { register: '项目库「权限」表', manual: '命令行授予' } as const;

type Target = { personId: number; name: string; role: RoleName; unitId: number | null; countyId: number | null; scope: string };

/** Reads 手机 角色 [县区/单位] into the person and role; prints why not and returns null on a refusal. */
async function target(ctx: CommandContext, positionals: string[]): Promise<Target | null | 'usage'> {
  const [who, word, place] = positionals;
  if (!who || !word || positionals.length > 3) return 'usage';
  const role = ROLE_WORDS[word];
  if (!role) {
    ctx.io.err(`角色只能是 ${Object.keys(ROLE_WORDS).join('、')} 之一（收到“${word}”）`);
    return null;
  }
  const mobile = normaliseMobile(who);
  const { db } = await ctx.openDb();
  const person = mobile.ok ? await personByMobile(db, mobile.value) : undefined;
  if (!person) {
    ctx.io.err(`项目库人员中没有手机号 ${who}。请先在项目库中登记此人（如「权限」表），导入后再授予。`);
    return null;
  }
  let unitId: number | null = null;
  let countyId: number | null = null;
  if (role === 'admin') {
    if (place) {
      ctx.io.err('管理员可查看全部项目，不需要写县区或单位');
      return null;
    }
  } else if (!place) {
    ctx.io.err(
      `${word}须写明${role === 'county_viewer' ? '县区' : '单位'}，如：diaodu roles grant ${who} ${word} ${role === 'county_viewer' ? '江北区' : '市住建局'}`,
    );
    return null;
  } else if (role === 'county_viewer') {
    countyId = await countyIdByName(db, place);
    if (countyId === null) {
      ctx.io.err(`项目库中没有县区“${place}”`);
      return null;
    }
  } else {
    unitId = await unitIdByName(db, place);
    if (unitId === null) {
      ctx.io.err(`项目库中没有单位“${place}”`);
      return null;
    }
  }
  return { personId: person.id, name: person.name, role, unitId, countyId, scope: place ? `（${place}）` : '' };
}

const USAGE = `用法：diaodu roles grant|revoke 手机号 角色 [县区或单位]

  角色：县区查看（须写县区）、单位查看（须写单位）、管理员
  例：diaodu roles grant 13900001111 县区查看 江北区`;

export const rolesListCommand: Command = {
  name: 'roles list',
  summary: '列出县区查看、单位查看和管理员权限（谁、范围、来自项目库还是命令行）',
  help: `用法：diaodu roles list

列出项目库「权限」表和命令行授予的县区查看、单位查看、管理员权限。
填报人、单位负责人、包联领导由项目库「单位」「领导」表决定，不在此列出；设置 admins 中的管理员见 diaodu settings get admins。`,
  async run(ctx) {
    const { db } = await ctx.openDb();
    const rows = await listRoles(db, ['county_viewer', 'unit_viewer', 'admin']);
    if (rows.length === 0) {
      ctx.io.out('尚未授予县区查看、单位查看或管理员权限。');
      return 0;
    }
    ctx.io.out(`权限 ${rows.length} 个：`);
    for (const r of rows) {
      const place = r.county ?? r.unit;
      ctx.io.out(`  ${ROLE_TEXT[r.role] ?? r.role}${place ? `（${place}）` : ''}  ${r.name}  ${r.mobile ?? '（无手机号）'}  来源：${SOURCE_TEXT[r.source]}`);
    }
    return 0;
  },
};

export const rolesGrantCommand: Command = {
  name: 'roles grant',
  writes: true,
  summary: '授予县区查看、单位查看或管理员权限',
  help: `${USAGE}

此人须已在项目库中（任一工作表登记过）。县区查看人员可查看本县区项目，单位查看人员可查看本单位项目，并都可看全市汇总；
管理员可查看全部并审定、发布月通报。立即生效。长期的权限建议写入项目库「权限」表，随项目库一起维护。`,
  async run(ctx, { positionals }) {
    const t = await target(ctx, positionals);
    if (t === 'usage') {
      ctx.io.err(USAGE);
      return 2;
    }
    if (!t) return 1;
    const { db } = await ctx.openDb();
    const added = await grantRole(db, t.personId, t.role, t.unitId, t.countyId, ctx.clock.now());
    ctx.io.out(added ? `已授予 ${t.name} ${ROLE_TEXT[t.role]}${t.scope}权限。` : `${t.name} 已有 ${ROLE_TEXT[t.role]}${t.scope}权限，未作改动。`);
    return 0;
  },
};

export const rolesRevokeCommand: Command = {
  name: 'roles revoke',
  writes: true,
  summary: '撤销县区查看、单位查看或管理员权限',
  help: `${USAGE.replace('grant|revoke', 'revoke')}

撤销立即生效。来自项目库「权限」表的权限，还须从表中删除该行，否则下次导入会重新授予。`,
  async run(ctx, { positionals }) {
    const t = await target(ctx, positionals);
    if (t === 'usage') {
      ctx.io.err(USAGE.replace('grant|revoke', 'revoke'));
      return 2;
    }
    if (!t) return 1;
    const { db } = await ctx.openDb();
    const was = await revokeRole(db, t.personId, t.role, t.unitId, t.countyId);
    if (was === null) {
      ctx.io.err(`${t.name} 没有 ${ROLE_TEXT[t.role]}${t.scope}权限，未作改动。`);
      return 1;
    }
    ctx.io.out(`已撤销 ${t.name} 的 ${ROLE_TEXT[t.role]}${t.scope}权限。`);
    if (was === 'register') ctx.io.out('注意：该权限登记在项目库「权限」表中，请同时从表中删除该行，否则下次导入会重新授予。');
    return 0;
  },
};
