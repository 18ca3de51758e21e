// The bulletin's lists: starts and completions (§5.4), the projects behind 序时 (§5.5), and who reported what (§5.7).
import { hasStarted, monthIndex } from '../../domain/progress';
import { compareStanding, isLagging } from '../../domain/standing';
import { statusLabel } from '../../domain/report-form';
import type { Settings } from '../../domain/settings';
import type { Submissions } from '../read/data';
import type { BulletinMonth } from '../month';
import { laggingRunSince, monthsLaggingOf, type ProjectAt, timeProgressByMonth } from './standing';
import type { BulletinLaggingRow, BulletinStarts, BulletinTimeliness, BulletinUnreported } from '../../domain/bulletin';
import { endsOf, type YearData } from '../read/year-data';

/** Whether the project had started by the end of a month of the plan year; null when that month is not known. */
function startedBy(data: YearData, x: ProjectAt, k: number): boolean | null {
  const month = data.months[k - 1];
  if (k < 1 || !month) return null;
  const status = endsOf(data, month).get(x.p.id)?.status;
  return status === undefined || status === null ? null : hasStarted(statusLabel(status));
}

/**
 * 新开工 projects against their planned start month: 提前开工 when already started by the end of the month before;
 * 未按计划开工 when still not started at the end of the planned month (or now, once that month has ended); the
 * rest of those started 按计划开工. Only what the reports show counts: a start never seen as "not yet" is not late.
 */
export function startsOf(data: YearData, items: readonly ProjectAt[]): BulletinStarts {
  const s: BulletinStarts = { plannedStarts: 0, started: 0, early: 0, onTime: 0, late: 0, plannedCompletions: 0, completed: 0, inProduction: 0 };
  const now = monthIndex(data.month);
  for (const x of items) {
    if (x.p.nature === '竣工') s.plannedCompletions += 1;
    if (x.status === '竣工' || x.status === '投产') s.completed += 1;
    if (x.status === '投产') s.inProduction += 1;
    if (x.p.nature !== '新开工') continue;
    s.plannedStarts += 1;
    const started = hasStarted(x.status);
    const planned = x.planFacts.plannedStart;
    if (started) s.started += 1;
    if (!started) {
      if (x.standing.reported && x.standing.assessment.lateStart) s.late += 1;
      continue;
    }
    if (planned === null) s.onTime += 1;
    else if (monthIndex(planned) > now) s.early += 1;
    else if (planned.year === data.year && startedBy(data, x, planned.month - 1) === true) s.early += 1;
    else if (planned.year === data.year && startedBy(data, x, planned.month) === false) s.late += 1;
    else s.onTime += 1;
  }
  return s;
}

/** 未达序时进度项目清单: every project behind 序时 or late to start, worst first, with how many months in a row. */
export function laggingRows(data: YearData, items: readonly ProjectAt[], m: BulletinMonth, settings: Settings): BulletinLaggingRow[] {
  const tps = timeProgressByMonth(data, settings);
  return items
    .filter((x) => isLagging(x.standing))
    .sort((a, b) => compareStanding(a.standing, b.standing) || (a.p.code < b.p.code ? -1 : 1))
    .map((x) => {
      const s = x.standing;
      if (!s.reported) throw new Error('a lagging project has a report');
      const months = monthsLaggingOf(data, x, m, tps);
      const since = laggingRunSince(data, x, m, months);
      return {
        code: x.p.code,
        name: x.p.name,
        county: x.p.county,
        unit: x.p.unit,
        leader: x.p.leader,
        completionRate: s.rate?.value ?? null,
        gapPoints: s.gap?.value ?? null,
        light: s.assessment.light ?? 'green',
        timeProgress: s.timeProgress.percent.value,
        timeProgressSource: s.timeProgress.source,
        reasons: [...s.assessment.reasons],
        monthsLagging: months,
        ...(since ? { runSince: since } : {}),
      };
    });
}

/** Units in register order with the codes of their projects that gave no figure for the month. */
export function unreportedOf(items: readonly ProjectAt[]): BulletinUnreported[] {
  const byUnit = new Map<number, BulletinUnreported>();
  for (const x of items) {
    if (x.end?.reportedInMonth) continue;
    const u = byUnit.get(x.p.unitId) ?? { unit: x.p.unit, codes: [] };
    u.codes.push(x.p.code);
    byUnit.set(x.p.unitId, u);
  }
  return [...byUnit.entries()].sort((a, b) => a[0] - b[0]).map(([, u]) => u);
}

/**
 * 报送情况 of the month's rounds whose deadline has passed: per unit, reports first submitted after the deadline (补报)
 * and project-rounds with no report at all; a unit is on time when it has neither.
 */
export function timelinessOf(items: readonly ProjectAt[], rounds: number, submissions: ReadonlyMap<number, Submissions>): BulletinTimeliness {
  const units = new Map<number, { unit: string; late: number; missed: number }>();
  for (const x of items) {
    const u = units.get(x.p.unitId) ?? { unit: x.p.unit, late: 0, missed: 0 };
    const s = submissions.get(x.p.id) ?? { reports: 0, late: 0 };
    u.late += s.late;
    u.missed += Math.max(0, rounds - s.reports);
    units.set(x.p.unitId, u);
  }
  const sorted = [...units.entries()].sort((a, b) => a[0] - b[0]).map(([, u]) => u);
  const lateUnits = sorted.filter((u) => u.late > 0 || u.missed > 0);
  return { onTimeUnits: sorted.length - lateUnits.length, totalUnits: sorted.length, lateUnits, rounds };
}
