// The projects a summary or list is about (a county, category, unit, leader, "mine", or the city), with their label.
import type { RegisterProject } from '../../db/register';
import { maySeeProject } from '../../domain/question-access';
import type { Filter } from '../../domain/question';
import { groupLabels as L, refusalTexts } from '../../../cards/answer/texts';
import type { AnswerBook } from './book';
import type { Asker } from './asker';

export type Group = {
  /** Whose projects, as the answer's title reads: 江北区, 基础设施类, 市水利局负责的, 金俊杰同志包联的, 全市. */
  label: string;
  projects: RegisterProject[];
};

function byFilter(book: AnswerBook, f: Omit<Filter, 'mine'>): Group {
  const n = book.index.names;
  const parts = [
    f.county === undefined ? '' : (n.county.get(f.county) ?? ''),
    f.category === undefined ? '' : L.category(n.category.get(f.category) ?? ''),
    f.unit === undefined ? '' : L.unit(n.unit.get(f.unit) ?? ''),
    f.leader === undefined ? '' : L.leader(n.leader.get(f.leader) ?? ''),
  ];
  const projects = book.register.projects.filter(
    (p) =>
      (f.county === undefined || p.countyId === f.county) &&
      (f.category === undefined || p.categoryId === f.category) &&
      (f.unit === undefined || p.unitId === f.unit) &&
      (f.leader === undefined || p.leaderId === f.leader),
  );
  return { label: parts.join('') || L.city, projects };
}

/** "Mine": a leader's 包联 projects; a reporter's or unit head's unit; a county viewer's county. */
function mine(book: AnswerBook, asker: Asker): Group | null {
  const { actor } = asker;
  if (asker.isLeader && actor.personId !== null) {
    const projects = book.register.projects.filter((p) => p.leaderId === actor.personId);
    return { label: L.mineLeader, projects };
  }
  const units = new Set(actor.roles.filter((r) => (r.role === 'reporter' || r.role === 'unit_head') && r.unitId !== null).map((r) => r.unitId));
  if (units.size > 0) {
    const names = [...units].map((id) => book.index.names.unit.get(id ?? -1) ?? '').filter(Boolean);
    return { label: L.mineUnit(names.join('、')), projects: book.register.projects.filter((p) => units.has(p.unitId)) };
  }
  const counties = new Set(actor.roles.filter((r) => r.role === 'county_viewer' && r.countyId !== null).map((r) => r.countyId));
  if (counties.size > 0) {
    const names = [...counties].map((id) => book.index.names.county.get(id ?? -1) ?? '').filter(Boolean);
    return { label: L.mineCounty(names.join('、')), projects: book.register.projects.filter((p) => counties.has(p.countyId)) };
  }
  return null;
}

/** The group a filter names, or why there is none ("我包联的" from someone who leads no project). */
export function groupOf(book: AnswerBook, filter: Filter, asker: Asker): { ok: true; group: Group } | { ok: false; text: string } {
  const { mine: isMine, ...rest } = filter;
  if (!isMine) return { ok: true, group: byFilter(book, rest) };
  const own = mine(book, asker);
  if (!own) return { ok: false, text: refusalTexts.notLeader };
  if (Object.keys(rest).length === 0) return { ok: true, group: own };
  // "我包联的江北区项目": both at once.
  const other = byFilter(book, rest);
  const ids = new Set(other.projects.map((p) => p.id));
  return { ok: true, group: { label: `${own.label}${other.label}`, projects: own.projects.filter((p) => ids.has(p.id)) } };
}

/** The projects of a group the asker may see, and whether some were left out. */
export function visiblePart(group: Group, asker: Asker): { projects: RegisterProject[]; cut: boolean } {
  const projects = group.projects.filter((p) => maySeeProject(asker.visibility, p));
  return { projects, cut: projects.length < group.projects.length };
}
