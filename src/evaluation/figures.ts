// The half-year 综合评价排序's raw figures, per county and per responsible unit, from the same sources as the other
// views: the bulletin of the half's last month (completion against 序时, new starts), the weekly rounds of the half
// (reporting on time), the problem ledger, the 观摩 closed in the half whose ranking has been published, 四个一批, and
// the node plans (节点计划: nodes due in the half). The scoring itself is pure (src/domain/evaluation.ts).
import { fourBatchesOf, monthEndDay } from '../batches/figures';
import { bulletinMonthProblem, composeFrom } from '../bulletin/compose/compose';
import { projectsAt } from '../bulletin/compose/standing';
import { monthOf } from '../bulletin/month';
import { submissionsIn } from '../bulletin/read/data';
import { loadYearData, measureOf } from '../bulletin/read/year-data';
import { enterprisesOf } from '../db/batches';
import type { Db } from '../db/connect';
import { problemsRaisedBetween } from '../db/problems';
import { loadSettings } from '../db/settings';
import { publishedToursBetween } from '../db/tours';
import { fourBatches } from '../domain/batches';
import { evaluate, type EvaluationFacts, type EvaluationRow, halfTitle, parseHalf } from '../domain/evaluation';
import { dueToStartBy } from '../domain/lights';
import { hasStarted } from '../domain/rates';
import { nodePunctuality } from './nodes';
import { tourResultOf } from '../tours/results';

export type Evaluation = { half: string; asOf: string; counties: EvaluationRow[]; units: EvaluationRow[] };

type Acc = {
  plan: number;
  done: number;
  planned: number;
  started: number;
  due: number;
  onTime: number;
  raised: number;
  closed: number;
  tour: number[];
};
const blank = (): Acc => ({ plan: 0, done: 0, planned: 0, started: 0, due: 0, onTime: 0, raised: 0, closed: 0, tour: [] });

/** Why the half cannot be evaluated (Chinese), or null. */
export async function evaluationProblem(db: Db, half: string, now: Date): Promise<string | null> {
  const h = parseHalf(half);
  if (!h) return `半年“${half}”无法识别，请写作 2026-H1（上半年）或 2026-H2（下半年），全年写作 2026。`;
  const problem = await bulletinMonthProblem(db, monthOf(h.year, h.lastMonth).key, now);
  if (problem?.kind === 'refused' && /尚未结束/.test(problem.message))
    return h.half === 0 ? `${h.year}年度尚未结束，年度综合评价在年度结束后提供。` : `${halfTitle(h)}尚未结束，综合评价在半年结束后提供。`;
  return problem?.message ?? null;
}

export async function halfEvaluation(db: Db, half: string, now: Date): Promise<Evaluation> {
  const h = parseHalf(half);
  if (!h) throw new RangeError(`not a half: ${half}`);
  const { settings } = await loadSettings(db);
  const last = monthOf(h.year, h.lastMonth);
  const first = monthOf(h.year, h.firstMonth);
  const data = await loadYearData(db, last);
  const b = await composeFrom(db, data, { settings, now });
  const counties = new Map<string, Acc>();
  const units = new Map<string, Acc>();
  const both = (county: string, unit: string, f: (a: Acc) => void) => {
    for (const [m, k] of [
      [counties, county],
      [units, unit],
    ] as const) {
      const a = m.get(k) ?? blank();
      f(a);
      m.set(k, a);
    }
  };
  // Completion and new starts: the bulletin's own month-end figures. A 新开工 project counts in the start rate only if
  // it was planned to start by the half's last day (dueToStartBy, as the late-start light reads 计划开工); of those,
  // the ones the month-end status shows started (已开工, as the bulletin's 开工率) count as started.
  const end = { year: h.year, month: h.lastMonth };
  for (const x of projectsAt(data, last, measureOf(last, settings))) {
    both(x.p.county, x.p.unit, (a) => {
      a.plan += x.plan.annualPlanYuan;
      a.done += x.figureYuan ?? 0;
      if (dueToStartBy(x.planFacts, end, h.year)) {
        a.planned += 1;
        if (hasStarted(x.status)) a.started += 1;
      }
    });
  }
  const projects = data.projects;
  const byId = new Map(projects.map((p) => [p.id, p]));
  const byCode = new Map(projects.map((p) => [p.code, p]));
  // Reporting on time: each round of the half whose deadline has passed, for each project in the register by then.
  const rounds = data.periods.filter((p) => p.weekStart >= first.firstDay && p.weekStart <= last.lastDay && p.deadlineAt <= now.toISOString());
  // The year's first import is the plan handed down at the start of the year (as the bulletin reads it); a project
  // added later is due from the first round whose deadline follows its addition.
  const firstImport = projects.map((p) => p.createdAt).sort()[0] ?? '';
  for (const round of rounds) {
    const sub = await submissionsIn(db, h.year, [round.id]);
    for (const p of projects) {
      if ((p.createdAt !== firstImport && p.createdAt > round.deadlineAt) || (p.droppedAt !== null && p.droppedAt <= round.opensAt)) continue;
      const s = sub.get(p.id);
      both(p.county, p.unit, (a) => {
        a.due += 1;
        if (s && s.reports > s.late) a.onTime += 1;
      });
    }
  }
  // Problems raised in the half, closed by its end; a unit answers for the problems it leads.
  for (const pr of await problemsRaisedBetween(db, h.year, first.startsAt, last.endsAt)) {
    const p = byId.get(pr.projectId);
    if (!p) continue;
    const closed = pr.status === '已销号' && pr.closedAt !== null && pr.closedAt < last.endsAt;
    for (const [m, k] of [
      [counties, p.county],
      [units, pr.leadUnit ?? p.unit],
    ] as const) {
      const a = m.get(k) ?? blank();
      a.raised += 1;
      if (closed) a.closed += 1;
      m.set(k, a);
    }
  }
  // 观摩 held in the half, closed and its ranking published (approved by an administrator): each project's score on a
  // 100-point scale. A ranking still awaiting approval (or returned) is not yet public and does not count.
  for (const id of await publishedToursBetween(db, first.firstDay, last.lastDay)) {
    const r = await tourResultOf(db, id);
    if (!r) continue;
    const max = r.criteria.reduce((a, c) => a + c.max, 0);
    for (const x of r.projects) {
      const p = byCode.get(x.code);
      if (x.score === null || !p) continue;
      const score = (x.score / max) * 100;
      both(p.county, p.unit, (a) => a.tour.push(score));
    }
  }
  const nodes = await nodePunctuality(db, h.year, first.firstDay, last.lastDay);
  const fb = await fourBatchesOf(db, h.year, h.lastMonth);
  const enterprises = await enterprisesOf(db, h.year);
  const unitBatches = fourBatches(
    enterprises.map((e) => ({ ...e, countyName: e.unitName })),
    monthEndDay(h.year, h.lastMonth),
    h.lastMonth,
    settings['batches.targets'],
  );
  const batchesOf = (list: ReadonlyArray<{ name: string; conversionRate: number | null }> | undefined, name: string) => {
    const c = list?.find((x) => x.name === name);
    return c && c.conversionRate !== null && fb ? { rate: c.conversionRate, target: fb.target } : null;
  };
  const factsOf = (m: Map<string, Acc>, kind: 'counties' | 'units'): EvaluationFacts[] =>
    [...m].map(([name, a]) => ({
      name,
      completion: a.plan > 0 ? { rate: (a.done / a.plan) * 100, timeProgress: b.timeProgress } : null,
      starts: a.planned > 0 ? { planned: a.planned, started: a.started } : null,
      timeliness: a.due > 0 ? { due: a.due, onTime: a.onTime } : null,
      problems: a.raised > 0 ? { raised: a.raised, closed: a.closed } : null,
      nodes: nodes?.[kind].get(name) ?? null,
      tour: a.tour.length ? { score: a.tour.reduce((x, y) => x + y, 0) / a.tour.length, max: 100 } : null,
      batches: batchesOf(kind === 'counties' ? fb?.counties : unitBatches.counties, name),
    }));
  const weights = settings['evaluation.weights'];
  return { half: h.key, asOf: last.lastDay, counties: evaluate(factsOf(counties, 'counties'), weights), units: evaluate(factsOf(units, 'units'), weights) };
}
