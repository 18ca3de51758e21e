// A month's 统计监测 as the command line, the cards and the bulletin see it: the flags (computed by the bulletin's own
// month-end reading, so the figures are the bulletin's) and, for each flagged project, who answers for it.
import type { Db } from '../db/connect';
import { loadSettings } from '../db/settings';
import type { StatsMismatch } from '../domain/statistics';
import { hasEnded, parseMonth } from '../bulletin/month';
import { projectsAt } from '../bulletin/compose/standing';
import { statsMismatchesAt } from '../bulletin/compose/statistics';
import { loadYearData, measureOf } from '../bulletin/read/year-data';

export type FlaggedProject = { projectId: number; unitId: number; unit: string; county: string };
export type MonthStats = { mismatches: StatsMismatch[]; projects: Map<string, FlaggedProject> };

/** The month's flags with the register project of each; null when no figures were imported for the month. */
export async function monthStats(db: Db, month: string): Promise<MonthStats | null> {
  const m = parseMonth(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const { settings } = await loadSettings(db);
  const data = await loadYearData(db, m);
  const items = projectsAt(data, m, measureOf(m, settings));
  const mismatches = await statsMismatchesAt(db, month, items, settings);
  if (mismatches === null) return null;
  const projects = new Map(items.map((x) => [x.p.code, { projectId: x.p.id, unitId: x.p.unitId, unit: x.p.unit, county: x.p.county }]));
  return { mismatches, projects };
}

/** Why a month cannot take statistical figures (Chinese), or null. */
export function statsMonthProblem(month: string, now: Date): string | null {
  const m = parseMonth(month);
  if (!m) return `月份“${month}”无法识别，请写作 YYYY-MM，如 2026-10。`;
  if (!hasEnded(m, now)) return `${m.year}年${m.month}月尚未结束，统计数据在月底之后导入。`;
  return null;
}
