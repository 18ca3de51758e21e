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

/** Whose projects a filter names, as a title reads (江北区, 市水利局负责的, 副市长甲、乙同志包联的); '' for the city. */
export function filterLabel(book: AnswerBook, f: Omit<Filter, 'mine' | 'ownUnit' | 'ownCounty'>): string {
  const n = book.index.names;
  // Several leaders asked by their title (副市长): the title once before their names, when they all hold it.
  const titles = new Set(f.leaders?.map((id) => book.index.leaderTitles.get(id) ?? ''));
  const title = titles.size === 1 ? ([...titles][0] ?? '') : '';
  const leaders = f.leaders?.map((id) => n.leader.get(id) ?? '').filter(Boolean);
  const parts = [
    f.county === undefined ? '' : (n.county.get(f.county) ?? ''),
    f.category === undefined ? '' : L.category(n.category.get(f.category) ?? ''),
    f.unit === undefined ? '' : L.unit(n.unit.get(f.unit) ?? ''),
    f.leader === undefined ? '' : L.leader(n.leader.get(f.leader) ?? ''),
    leaders?.length ? L.leader(`${title}${leaders.join('、')}`) : '',
  ];
  return parts.join('');
}

function byFilter(book: AnswerBook, f: Omit<Filter, 'mine' | 'ownUnit' | 'ownCounty'>): Group {
  const projects = book.register.projects.filter(
    (p) =>
      (f.county === undefined || p.countyId === f.county) &&
      (f.category === undefined || p.categoryId === f.category) &&
      (f.unit === undefined || p.unitId === f.unit) &&
      (f.leader === undefined || p.leaderId === f.leader) &&
      (f.leaders === undefined || (p.leaderId !== null && f.leaders.includes(p.leaderId))),
  );
  return { label: filterLabel(book, f) || L.city, projects };
}

/** The unit roles: a reporter's, unit head's or unit viewer's unit is "本单位". */
const UNIT_ROLES = new Set(['reporter', 'unit_head', 'unit_viewer']);

/**
 * "Mine": a leader's 包联 projects; a reporter's, unit head's or unit viewer's unit; a county viewer's county. With
 * `ownUnit` ("我们单位的项目") only the unit; `ownCounty` ("我们县的项目") only a county viewer's county.
 */
function mine(book: AnswerBook, asker: Asker, ownUnit: boolean, ownCounty = false): Group | null {
  const { actor } = asker;
  if (asker.isLeader && actor.personId !== null && !ownUnit && !ownCounty) {
    const projects = book.register.projects.filter((p) => p.leaderId === actor.personId);
    return { label: L.mineLeader, projects };
  }
  const units = new Set(actor.roles.filter((r) => UNIT_ROLES.has(r.role) && r.unitId !== null).map((r) => r.unitId));
  if (units.size > 0 && !ownCounty) {
    const names = [...units].map((id) => book.index.names.unit.get(id ?? -1) ?? '').filter(Boolean);
    return { label: L.mineUnit(names.join('、')), projects: book.register.projects.filter((p) => units.has(p.unitId)) };
  }
  const counties = new Set(actor.roles.filter((r) => r.role === 'county_viewer' && r.countyId !== null).map((r) => r.countyId));
  if (counties.size > 0 && !ownUnit) {
    const names = [...counties].map((id) => book.index.names.county.get(id ?? -1) ?? '').filter(Boolean);
    return { label: L.mineCounty(names.join('、')), projects: book.register.projects.filter((p) => counties.has(p.countyId)) };
  }
  return null;
}

/** The group a filter names, or why there is none ("我包联的" from someone who leads no project). */
export function groupOf(book: AnswerBook, filter: Filter, asker: Asker): { ok: true; group: Group } | { ok: false; text: string } {
  const { mine: isMine, ownUnit, ownCounty, ...rest } = filter;
  if (!isMine) return { ok: true, group: byFilter(book, rest) };
  const own = mine(book, asker, ownUnit === true, ownCounty === true);
  if (!own) return { ok: false, text: ownCounty ? refusalTexts.noCounty : ownUnit ? refusalTexts.noUnit : refusalTexts.notLeader };
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
