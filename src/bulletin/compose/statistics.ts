// 统计监测 at a month end: each project's month-end figure (the bulletin's own) held against the statistics office's
// figures imported for that month. Only when the month has figures does a bulletin get the section, so a month
// without them composes exactly as before.
import type { Db } from '../../db/connect';
import { latestStatsImport, statsFiguresOf } from '../../db/statistics';
import { hasStarted } from '../../domain/rates';
import type { Settings } from '../../domain/settings';
import { type StatsMismatch, type StatsProjectFact, statsMismatches } from '../../domain/statistics';
import type { ProjectAt } from './standing';

/** What the comparison needs of each project in the plan at the month end. */
export function statsFactsOf(items: readonly ProjectAt[]): StatsProjectFact[] {
  return items.map((x) => ({
    code: x.p.code,
    name: x.p.name,
    totalInvestmentYuan: x.plan.totalInvestmentYuan,
    reportedYuan: x.figureYuan,
    // A 续建 or 竣工 project is under way by its 建设性质; a 新开工 one once a report says it has started.
    started: hasStarted(x.status) || x.p.nature === '续建' || x.p.nature === '竣工',
  }));
}

/** The month's flags, or null when no statistical figures were imported for the month. */
export async function statsMismatchesAt(db: Db, month: string, items: readonly ProjectAt[], settings: Settings): Promise<StatsMismatch[] | null> {
  if (!(await latestStatsImport(db, month))) return null;
  return statsMismatches(statsFactsOf(items), await statsFiguresOf(db, month), settings['stats.diffPercent']);
}

/** The bulletin's optional field: present only for a month with imported figures. */
export async function statsSection(db: Db, month: string, items: readonly ProjectAt[], settings: Settings): Promise<{ statsMismatches?: StatsMismatch[] }> {
  const found = await statsMismatchesAt(db, month, items, settings);
  return found === null ? {} : { statsMismatches: found };
}
