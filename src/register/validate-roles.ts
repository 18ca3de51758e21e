// Checks the optional 权限 sheet: who, besides the register's reporters, heads and leaders, may see what — county
// viewers (县区查看), unit viewers (单位查看) and administrators (管理员) — granted where the register lives.
import { compact, nameKey, parseText } from './cells';
import { parseMobile } from './contact';
import { ok, type Parsed, type Problem, refuse } from './problems';
import { type ColumnSpec, rowReader, type Table } from './table';
import type { RoleGrantIn, SheetRole } from './types';
import type { PeopleBook } from './validate-people';

export const ROLE_COLUMNS: ColumnSpec[] = [
  { key: 'name', heading: '姓名' },
  { key: 'mobile', heading: '手机', aliases: ['手机号', '联系电话'] },
  { key: 'role', heading: '角色' },
  { key: 'scope', heading: '县区/单位', aliases: ['县区或单位', '范围', '县区', '单位'] },
];

/** The words of the 角色 column and the role each grants. */
export const ROLE_WORDS: Readonly<Record<string, SheetRole>> = { 县区查看: 'county_viewer', 单位查看: 'unit_viewer', 管理员: 'admin' };

function parseRole(raw: Parameters<typeof parseText>[0]): Parsed<SheetRole | null> {
  const t = parseText(raw, compact);
  if (!t.ok || t.value === null) return t as Parsed<null>;
  const role = ROLE_WORDS[t.value];
  return role ? ok(role) : refuse(`角色只能是 ${Object.keys(ROLE_WORDS).join('、')} 之一`);
}

/** Where a county or unit name is checked: the counties of the 项目 sheet, the units of the 单位 sheet. */
export type ScopeLookup = { county(key: string): string | null; unit(key: string): string | null };

export function validateRoles(table: Table, book: PeopleBook, scopes: ScopeLookup) {
  const problems: Problem[] = [];
  const roles: RoleGrantIn[] = [];
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const f = rowReader(table, r, problems);
    const name = f.field('name', (raw) => parseText(raw, compact), true);
    const mobile = f.field('mobile', parseMobile, true);
    const role = f.field('role', parseRole, true);
    const scope = f.field('scope', (raw) => parseText(raw, compact));
    if (!name || !mobile || !role || scope === undefined) continue;
    const county = role === 'county_viewer' && scope !== null ? scopes.county(nameKey(scope)) : null;
    const unit = role === 'unit_viewer' && scope !== null ? scopes.unit(nameKey(scope)) : null;
    if (role === 'county_viewer' && scope === null) f.fail('scope', '县区查看须写明县区');
    else if (role === 'county_viewer' && county === null) f.fail('scope', '「项目」工作表中没有这个县区');
    else if (role === 'unit_viewer' && scope === null) f.fail('scope', '单位查看须写明单位');
    else if (role === 'unit_viewer' && unit === null) f.fail('scope', '「单位」工作表中没有这个单位');
    else if (role === 'admin' && scope !== null) f.fail('scope', '管理员可查看全部项目，此列应留空');
    if ((role === 'county_viewer' && county === null) || (role === 'unit_viewer' && unit === null) || (role === 'admin' && scope !== null)) continue;
    const key = `${mobile}|${role}|${county ?? unit ?? ''}`;
    const dup = seen.get(key);
    if (dup !== undefined) {
      f.fail('role', `与第${dup}行重复`);
      continue;
    }
    seen.set(key, r.row);
    book.see({ name, mobile, email: null }, `「权限」第${r.row}行`, f, { mobile: 'mobile', email: 'mobile' });
    roles.push({ row: r.row, name, mobile, role, county, unit });
  }
  return { roles, problems };
}
