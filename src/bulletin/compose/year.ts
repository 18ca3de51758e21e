// 年考核 (domain.md §1): the year's ranking of counties and of responsible units — investment completion at the
// year end (or the last month ended, while the year runs) and reporting timeliness over every round of the year.
import type { Db } from '../../db/connect';
import { gapToTimeProgress, rateOf, type Percent } from '../../domain/progress';
import { type ComposeOptions, composeFrom } from './compose';
import { submissionsIn } from '../read/data';
import { ranksOf } from './groups';
import { type BulletinMonth, hasEnded, monthOf } from '../month';
import { planAt } from './plan-version';
import { publishedRow } from '../store';
import { loadYearData } from '../read/year-data';
import { wanToYuan, yuanToWan } from '../../domain/money';
import type { YearAssessment, YearRow } from '../../domain/analysis';
import { evaluationProblem, halfEvaluation } from '../../evaluation/figures';

export type { YearAssessment, YearRow } from '../../domain/analysis';

type Acc = { name: string; projects: number; plan: number; done: number; due: number; reports: number; late: number };

function rowsOf(accs: readonly Acc[], timeProgress: number): YearRow[] {
  const rates: Array<Percent | null> = accs.map((a) => rateOf(a.done, a.plan));
  const onTime: Array<Percent | null> = accs.map((a) => rateOf(a.reports - a.late, a.due));
  const ranks = ranksOf(rates);
  const tRanks = ranksOf(onTime);
  const rows = accs.map((a, i) => ({
    name: a.name,
    projects: a.projects,
    annualPlanWan: yuanToWan(a.plan),
    completedWan: yuanToWan(a.done),
    completionRate: rates[i]?.value ?? null,
    gapPoints: gapToTimeProgress(rates[i] ?? null, timeProgress)?.value ?? null,
    rank: ranks[i] ?? 0,
    dueReports: a.due,
    onTimeReports: a.reports - a.late,
    lateReports: a.late,
    missedReports: Math.max(0, a.due - a.reports),
    onTimeRate: onTime[i]?.value ?? null,
    timelinessRank: tRanks[i] ?? 0,
  }));
  return rows.sort((a, b) => a.rank - b.rank || a.timelinessRank - b.timelinessRank);
}

/** The month a year's assessment stands at, at `now`; null when no month of the year has ended. */
export function assessmentMonth(year: number, now: Date): BulletinMonth | null {
  for (let m = 12; m >= 1; m--) if (hasEnded(monthOf(year, m), now)) return monthOf(year, m);
  return null;
}

export async function yearAssessment(db: Db, year: number, opts: ComposeOptions): Promise<YearAssessment | null> {
  const m = assessmentMonth(year, opts.now);
  if (!m) return null;
  const [row, data] = await Promise.all([publishedRow(db, m.key), loadYearData(db, m)]);
  const b = row?.bulletin ?? (await composeFrom(db, data, opts));
  const published = row !== null;
  const rounds = data.periods.filter((p) => p.opensAt >= monthOf(year, 1).startsAt && p.opensAt < m.endsAt && p.deadlineAt <= opts.now.toISOString());
  const submissions = await submissionsIn(
    db,
    year,
    rounds.map((p) => p.id),
  );
  const idOf = new Map(data.projects.filter((p) => planAt(data.history, p, m)).map((p) => [p.code, p.id]));
  const counties = new Map<string, Acc>();
  const units = new Map<string, Acc>();
  for (const r of b.table) {
    const s = submissions.get(idOf.get(r.code) ?? -1) ?? { reports: 0, late: 0 };
    for (const [map, name] of [
      [counties, r.county],
      [units, r.unit],
    ] as const) {
      const a = map.get(name) ?? { name, projects: 0, plan: 0, done: 0, due: 0, reports: 0, late: 0 };
      a.projects += 1;
      a.plan += wanToYuan(r.annualPlanWan);
      a.done += wanToYuan(r.completedWan ?? 0);
      a.due += rounds.length;
      a.reports += Math.min(s.reports, rounds.length);
      a.late += s.late;
      map.set(name, a);
    }
  }
  return {
    year,
    month: m.key,
    asOf: m.lastDay,
    final: m.month === 12,
    published,
    timeProgress: b.timeProgress,
    timeProgressRule: b.timeProgressRule,
    timeProgressBasis: b.timeProgressBasis ?? null,
    planVersion: b.planVersion,
    rounds: rounds.length,
    estimated: b.table
      .filter((r) => r.estimated)
      .map((r) => ({ code: r.code, name: r.name, unit: r.unit, ...(r.estimatedFrom ? { estimatedFrom: r.estimatedFrom } : {}) })),
    projects: b.table.length,
    counties: rowsOf([...counties.values()], b.timeProgress),
    units: rowsOf([...units.values()], b.timeProgress),
    composedAt: opts.now.toISOString(),
    ...(await yearEvaluation(db, year, m, opts.now)),
  };
}

/** The ended year's 综合评价 (the half-year machinery over January–December); nothing while the year runs. */
async function yearEvaluation(db: Db, year: number, m: BulletinMonth, now: Date): Promise<Pick<YearAssessment, 'evaluation'>> {
  if (m.month !== 12 || (await evaluationProblem(db, String(year), now)) !== null) return {};
  const e = await halfEvaluation(db, String(year), now);
  return { evaluation: { counties: e.counties, units: e.units } };
}
