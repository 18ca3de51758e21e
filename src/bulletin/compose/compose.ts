// Composing the monthly bulletin (月通报, domain.md §5) of a month from the stored register and reports: pure reads,
// every number by the domain's own functions (src/domain/progress.ts), measured at the month end.
import type { Db } from '../../db/connect';
import { hasRegister } from '../../db/register';
import { problemFigures } from '../../db/problem-figures';
import type { Settings } from '../../domain/settings';
import { submissionsIn } from '../read/data';
import { correctionsFor } from './corrections';
import { categoryRows, countyRows, figuresOf, levelRows, type PreviousFigures } from './groups';
import { periodsOpenedIn } from './month-end';
import { type BulletinMonth, hasEnded, monthOf, parseMonth } from '../month';
import { planVersionText } from './plan-version';
import { laggingRows, startsOf, timelinessOf, unreportedOf } from './sections';
import { type ProjectAt, projectsAt } from './standing';
import type { Bulletin, BulletinProjectRow } from '../../domain/bulletin';
import { endsOf, loadYearData, measureOf, type YearData } from '../read/year-data';
import { yuanToWan } from '../../domain/money';
import { isoWeekLabel } from '../../domain/calendar-dates';
import { isLagging } from '../../domain/standing';
import type { BulletinChange } from '../../domain/bulletin';
import { beijingDate, issueOf } from './issue';
import { batchSections } from '../../batches/figures';
import { statsSection } from './statistics';
import { withNodesAndPace } from './nodes-pace';

export type ComposeOptions = { settings: Settings; now: Date };

export type MonthProblem = { message: string /** usage: the month is not written as one; refused: it cannot be composed. */; kind: 'usage' | 'refused' };

/** Why a month's bulletin cannot be composed (in Chinese, for the person who asked), or null when it can. */
export async function bulletinMonthProblem(db: Db, month: string, now: Date): Promise<MonthProblem | null> {
  const m = parseMonth(month);
  if (!m) return { kind: 'usage', message: `月份“${month}”无法识别，请写作 YYYY-MM，如 2026-10。` };
  if (!hasEnded(m, now)) return { kind: 'refused', message: `${m.year}年${m.month}月尚未结束，月通报在月底之后编制（“截至${m.month}月底”）。` };
  if (!(await hasRegister(db, m.year))) return { kind: 'refused', message: `${m.year}年度项目库尚未导入，无法编制月通报。请先用 diaodu import 导入项目库。` };
  return null;
}

/** The bulletin of a month ('YYYY-MM') that has ended, composed afresh from the data as it is now. */
export async function composeBulletin(db: Db, month: string, opts: ComposeOptions): Promise<Bulletin> {
  const m = parseMonth(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  return composeFrom(db, await loadYearData(db, m), opts);
}

function previousFigures(data: YearData, m: BulletinMonth): PreviousFigures {
  if (m.month === 1) return new Map();
  const out = new Map<number, number>();
  for (const [id, e] of endsOf(data, monthOf(m.year, m.month - 1))) if (e.figureYuan !== null) out.set(id, e.figureYuan);
  return out;
}

/** The week ('2026-W48') and day ('2026-11-27', Beijing) of the figure an estimate uses. */
function estimatedFrom(data: YearData, x: ProjectAt): { week: string; date: string } | null {
  const from = x.end?.estimated ? x.end.estimatedFrom : undefined;
  const period = from ? data.periods.find((p) => p.id === from.periodId) : undefined;
  if (!from || !period) return null;
  return { week: isoWeekLabel(period.weekStart), date: from.submittedAt ? beijingDate(new Date(from.submittedAt)) : period.weekStart };
}

const behind = (x: ProjectAt) =>
  isLagging(x.standing) && x.standing.reported && (x.standing.assessment.light === 'red' || x.standing.assessment.light === 'yellow');

/** 环比: the city at the end of the month before (from the data as it is now), and the projects newly red or yellow. */
function changeOf(data: YearData, m: BulletinMonth, settings: Settings, items: readonly ProjectAt[], laggingOrder: readonly string[]): BulletinChange | null {
  if (m.month === 1) return null;
  const prev = monthOf(m.year, m.month - 1);
  const measure = measureOf(prev, settings);
  const before = projectsAt(data, prev, measure);
  const city = figuresOf(before, measure);
  const was = new Set(before.filter(behind).map((x) => x.p.id));
  const rank = new Map(laggingOrder.map((code, i) => [code, i]));
  const fresh = items
    .filter((x) => behind(x) && !was.has(x.p.id))
    .sort((a, b) => (rank.get(a.p.code) ?? 0) - (rank.get(b.p.code) ?? 0))
    .map((x) => ({
      code: x.p.code,
      name: x.p.name,
      light: x.standing.reported && x.standing.assessment.light === 'red' ? ('red' as const) : ('yellow' as const),
    }));
  return { previousMonth: prev.key, completionRate: city.rate?.value ?? null, gapPoints: city.gap?.value ?? null, newLaggards: fresh };
}

function tableRow(data: YearData, x: ProjectAt): BulletinProjectRow {
  const s = x.standing;
  const from = estimatedFrom(data, x);
  return {
    code: x.p.code,
    name: x.p.name,
    county: x.p.county,
    category: x.p.category,
    level: x.p.level,
    nature: x.p.nature,
    unit: x.p.unit,
    leader: x.p.leader,
    totalInvestmentWan: yuanToWan(x.plan.totalInvestmentYuan),
    annualPlanWan: yuanToWan(x.plan.annualPlanYuan),
    completedWan: x.figureYuan === null ? null : yuanToWan(x.figureYuan),
    estimated: x.end?.estimated ?? false,
    ...(from ? { estimatedFrom: from } : {}),
    completionRate: s.reported ? (s.rate?.value ?? null) : null,
    gapPoints: s.reported ? (s.gap?.value ?? null) : null,
    light: s.reported ? s.assessment.light : null,
    status: x.status,
    progressText: x.end?.progressText ?? null,
    ...(s.reported ? { timeProgress: s.timeProgress.percent.value, timeProgressSource: s.timeProgress.source } : {}),
  };
}

/** The bulletin from data already read (the quarter and year views compose several months from one read). */
export async function composeFrom(db: Db, data: YearData, { settings, now }: ComposeOptions): Promise<Bulletin> {
  const m = data.month;
  const measure = measureOf(m, settings);
  const items = projectsAt(data, m, measure);
  const previous = previousFigures(data, m);
  const city = figuresOf(items, measure);
  const starts = startsOf(data, items);
  const rounds = periodsOpenedIn(data.periods, m).filter((p) => p.deadlineAt <= now.toISOString());
  const [submissions, problems, corrections] = await Promise.all([
    submissionsIn(
      db,
      m.year,
      rounds.map((p) => p.id),
    ),
    problemFigures(db, { year: m.year, monthStart: m.firstDay, monthEnd: m.lastDay, now }),
    correctionsFor(db, data, m),
  ]);
  const order = settings['bulletin.countyOrder'];
  const lagging = laggingRows(data, items, m, settings);
  const issue = await issueOf(db, m.key, settings, now);
  const batches = await batchSections(db, m.key);
  const composed: Bulletin = {
    month: m.key,
    asOf: m.lastDay,
    timeProgress: measure.timeProgress.percent.value,
    timeProgressRule: measure.timeProgress.rule,
    timeProgressBasis: measure.timeProgress.basis,
    planVersion: planVersionText(data.history, data.projects, m),
    projects: city.count,
    annualPlanWan: yuanToWan(city.annualPlanYuan),
    completedWan: yuanToWan(city.completedYuan),
    completionRate: city.rate?.value ?? null,
    gapPoints: city.gap?.value ?? null,
    plannedStarts: starts.plannedStarts,
    started: starts.started,
    starts,
    levels: levelRows(items, measure, previous),
    categories: categoryRows(items, measure, previous),
    counties: countyRows(items, measure, previous, order),
    countyOrder: order,
    lagging,
    unreported: unreportedOf(items),
    estimated: items.filter((x) => x.end?.estimated).map((x) => x.p.code),
    problems,
    timeliness: timelinessOf(items, rounds.length, submissions),
    corrections,
    requirements: settings['bulletin.requirements'],
    table: items.map((x) => tableRow(data, x)),
    composedAt: now.toISOString(),
    issue,
    change: changeOf(
      data,
      m,
      settings,
      items,
      lagging.map((l) => l.code),
    ),
    ...batches,
    ...(await statsSection(db, m.key, items, settings)),
  };
  return withNodesAndPace(db, data, items, settings, composed);
}
