// Checks the 单位 and 领导 sheets: contacts, one head per unit, no duplicate reporters, one name per mobile.
import { cleanText, compact, nameKey, parseText } from './cells';
import { parseEmail, parseMobile } from './contact';
import type { Problem } from './problems';
import { type ColumnSpec, type RowReader, type Table, rowReader } from './table';
import type { LeaderIn, PersonIn, UnitIn } from './types';

export const UNIT_COLUMNS: ColumnSpec[] = [
  { key: 'unit', heading: '责任单位' },
  { key: 'reporter', heading: '填报人' },
  { key: 'reporterMobile', heading: '填报人手机', aliases: ['填报人手机号', '填报人电话'] },
  { key: 'reporterEmail', heading: '填报人邮箱', optional: true },
  { key: 'head', heading: '负责人', aliases: ['单位负责人'] },
  { key: 'headMobile', heading: '负责人手机', aliases: ['负责人手机号', '负责人电话'] },
  { key: 'headEmail', heading: '负责人邮箱', optional: true },
];

export const LEADER_COLUMNS: ColumnSpec[] = [
  { key: 'name', heading: '姓名' },
  { key: 'title', heading: '职务', optional: true },
  { key: 'mobile', heading: '手机', aliases: ['手机号', '联系电话'] },
  { key: 'email', heading: '邮箱', optional: true },
];

const personName = (raw: Parameters<typeof parseText>[0]) => parseText(raw, compact);

/** Everyone seen so far, by mobile: people are matched to Feishu by mobile, so one mobile is one person. */
export class PeopleBook {
  private seen = new Map<string, PersonIn & { where: string }>();

  see(p: PersonIn, where: string, f: RowReader, keys: { mobile: string; email: string }): void {
    const before = this.seen.get(p.mobile);
    if (!before) {
      this.seen.set(p.mobile, { ...p, where });
      return;
    }
    if (before.name !== p.name) f.fail(keys.mobile, `该手机号已在${before.where}登记为“${before.name}”，一个手机号只能对应一个人`);
    else if (before.email && p.email && before.email !== p.email) f.fail(keys.email, `同一人（${p.name}）的邮箱与${before.where}的“${before.email}”不一致`);
    else if (!before.email && p.email) before.email = p.email;
  }
}

/** Reads a name/mobile/email trio; null when all three are blank (a unit's later rows may leave the head blank). */
function readPerson(f: RowReader, keys: { name: string; mobile: string; email: string }): PersonIn | null | undefined {
  const name = f.field(keys.name, personName);
  const mobile = f.field(keys.mobile, parseMobile);
  const email = f.field(keys.email, parseEmail);
  if (name === undefined || mobile === undefined || email === undefined) return undefined;
  if (name === null && mobile === null && email === null) return null;
  if (name === null) {
    f.fail(keys.name, '不能为空');
    return;
  }
  if (mobile === null) {
    f.fail(keys.mobile, '不能为空（人员按手机号对应到飞书用户）');
    return;
  }
  return { name, mobile, email };
}

type UnitDraft = { name: string; firstRow: number; head: PersonIn | null; headRow: number; reporters: Map<string, number>; list: PersonIn[] };
const newDraft = (name: string, row: number): UnitDraft => ({ name, firstRow: row, head: null, headRow: 0, reporters: new Map(), list: [] });

export function validateUnits(table: Table, book: PeopleBook) {
  const problems: Problem[] = [];
  const drafts = new Map<string, UnitDraft>();
  const reporterKeys = { name: 'reporter', mobile: 'reporterMobile', email: 'reporterEmail' };
  const headKeys = { name: 'head', mobile: 'headMobile', email: 'headEmail' };
  for (const r of table.rows) {
    const f = rowReader(table, r, problems);
    const unit = f.field('unit', (raw) => parseText(raw, compact), true);
    if (!unit) continue;
    const key = nameKey(unit);
    // Registered even when the row has problems, so projects naming this unit are not also reported as unknown.
    const draft = drafts.get(key) ?? newDraft(unit, r.row);
    drafts.set(key, draft);
    const reporter = readPerson(f, reporterKeys);
    const head = readPerson(f, headKeys);
    // A row without 填报人 registers a department that reports on no project (市财政局…): problems can be 交办 to it,
    // and its head gets them. A unit responsible for projects needs a reporter (checked in validate.ts).
    if (reporter) {
      const dup = draft.reporters.get(reporter.mobile);
      if (dup !== undefined) f.fail('reporterMobile', `该填报人已在第${dup}行登记过`);
      else {
        draft.reporters.set(reporter.mobile, r.row);
        draft.list.push(reporter);
      }
      book.see(reporter, `「单位」第${r.row}行`, f, reporterKeys);
    }
    if (!head) continue;
    if (!draft.head) Object.assign(draft, { head, headRow: r.row });
    else if (draft.head.mobile !== head.mobile || draft.head.name !== head.name) {
      const column = draft.head.mobile !== head.mobile ? 'headMobile' : 'head';
      // One cause, one line: the mobile-to-name check below would report the same mismatch again.
      f.fail(column, `同一单位的负责人应一致：第${draft.headRow}行为 ${draft.head.name}（${draft.head.mobile}）`);
      continue;
    }
    book.see(head, `「单位」第${r.row}行`, f, headKeys);
  }
  const units: UnitIn[] = [];
  for (const d of drafts.values()) {
    if (!d.head) problems.push({ sheet: table.sheet, row: d.firstRow, column: '负责人', value: null, reason: `单位“${d.name}”没有填写负责人` });
    else units.push({ name: d.name, head: d.head, reporters: d.list });
  }
  const firstRows = new Map([...drafts.values()].map((d) => [d.name, d.firstRow]));
  return { units, problems, names: new Map([...drafts].map(([k, d]) => [k, d.name])), firstRows };
}

export function validateLeaders(table: Table, book: PeopleBook) {
  const problems: Problem[] = [];
  const leaders: LeaderIn[] = [];
  const byName = new Map<string, { name: string; mobile: string; row: number }>();
  const byMobile = new Map<string, number>();
  for (const r of table.rows) {
    const f = rowReader(table, r, problems);
    const name = f.field('name', personName, true);
    const title = f.field('title', (raw) => parseText(raw, cleanText));
    const mobile = f.field('mobile', parseMobile, true);
    const email = f.field('email', parseEmail);
    if (name) {
      const twin = byName.get(nameKey(name));
      // 包联领导 in the 项目 sheet is a name, so two leaders of one name cannot be told apart.
      if (twin) f.fail('name', `与第${twin.row}行重名，项目表中的包联领导无法区分（可在姓名后加职务等区分）`);
      else byName.set(nameKey(name), { name, mobile: mobile ?? '', row: r.row });
    }
    if (mobile) {
      const dup = byMobile.get(mobile);
      if (dup !== undefined) f.fail('mobile', `手机号与第${dup}行重复`);
      else byMobile.set(mobile, r.row);
    }
    if (!name || !mobile || email === undefined || title === undefined) continue;
    book.see({ name, mobile, email }, `「领导」第${r.row}行`, f, { mobile: 'mobile', email: 'email' });
    leaders.push({ name, mobile, email, title });
  }
  return { leaders, problems, names: byName };
}
