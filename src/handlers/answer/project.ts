// Answers about single projects: the status card, the pick list when several match, the closest names when none does.
import { type MaybeVM, type NotFoundVM, type PickOption, renderMaybeCard, renderNotFoundCard, renderPickCard } from '../../../cards/answer/pick';
import { type ProjectStatusVM, renderProjectStatusCard } from '../../../cards/answer/project';
import { pickTexts, refusalTexts } from '../../../cards/answer/texts';
import { nodeOnlyLine } from '../../../cards/nodes/lines';
import { lastReport } from '../../db/rounds';
import { projectStoppage } from '../../db/stoppages';
import { stoppageSinceText } from '../../domain/stoppage';
import { addDays, shanghaiDay } from '../../domain/calendar';
import { loadSettings } from '../../db/settings';
import { progressSettingsOf, TIME_PROGRESS_SOURCE_TEXT, timeProgress } from '../../domain/time-progress';
import type { ProjectChartVM } from '../../../cards/answer/project-chart';
import { paceOf, paceSentence } from '../../domain/pace';
import { paceBackWeek, paceMonthOf } from './pace';
import { formatYi } from '../../domain/money';
import { type NodeView, nodeViews, upcomingDaysSetting } from '../nodes/view';
import type { Card } from '../../../cards/elements';
import { latestReports } from '../../db/latest-reports';
import { openProblems, periodsUpTo, projectWeeks } from '../../db/project-weeks';
import { problemCategoryLabel } from '../../domain/problem-categories';
import { completionRate, formatOwnTimeProgress, formatRate } from '../../domain/progress';
import { projectTimeProgress } from '../../domain/standing';
import { planFactsOf } from './book-cache';
import { maySeeCity, maySeeProject } from '../../domain/question-access';
import type { Filter, Suggestion } from '../../domain/question';
import { statusLabel } from '../../domain/report-form';
import type { AnswerBook } from './book';
import type { Asker } from './asker';
import { renderCity } from './summary';
import { thisWeekOf } from './as-of';
import { filterLabel } from './groups';
import { isoWeekOf } from '../round/plan';
import { deadlineText, weekText } from '../round/texts';

const weekLabelOf = (weekStart: string) => weekText(isoWeekOf(weekStart), weekStart);
const categoryNames = (ids: readonly string[]) => ids.map((c) => problemCategoryLabel(c) ?? c);

/**
 * The last four weeks with a round, oldest first; a week without a report says so (its figures are null). The
 * increase is against the report before it, a week earlier or, after a missed week, the last one before that.
 */
async function trendOf(book: AnswerBook, projectId: number, annualPlanYuan: number): Promise<ProjectStatusVM['trend']> {
  const periods = (await periodsUpTo(book.db, book.planYear, book.weekStart, 5)).reverse();
  const weeks = await projectWeeks(
    book.db,
    projectId,
    periods.map((p) => p.id),
  );
  const out: ProjectStatusVM['trend'] = [];
  let before: number | null = null;
  periods.forEach((period, i) => {
    const w = weeks.get(period.id) ?? null;
    // A fifth, older week only gives the first shown week its increase.
    if (i > 0 || periods.length < 5) {
      out.push({
        weekLabel: weekLabelOf(period.weekStart),
        ytdYuan: w?.ytdYuan ?? null,
        deltaYuan: w && before !== null ? w.ytdYuan - before : null,
        rate: w ? formatRate(completionRate(w.ytdYuan, annualPlanYuan)) : null,
        status: w ? statusLabel(w.status) : null,
      });
    }
    if (w) before = w.ytdYuan;
  });
  return out;
}

export async function renderProjectStatus(book: AnswerBook, projectId: number): Promise<Card | null> {
  const p = book.projectById.get(projectId);
  if (!p) return null;
  const r = (await latestReports(book.db, book.planYear, book.weekStart, [projectId])).get(projectId) ?? null;
  const problems = await openProblems(book.db, [projectId]);
  const nodes = await nodeViews(book.db, book.planYear, { projectId }, shanghaiDay(book.now), await upcomingDaysSetting(book.db));
  // Its own 月度计划 where it has one, else the city-wide 序时: the same choice its gap and light were made with.
  const tp = projectTimeProgress(planFactsOf(p), book.measure);
  return renderProjectStatusCard({
    code: p.code,
    name: p.name,
    countyName: p.countyName,
    categoryName: p.categoryName,
    level: p.level,
    nature: p.nature,
    unitName: p.unitName,
    leaderName: p.leaderName,
    annualPlanYuan: p.annualPlanYuan,
    totalInvestmentYuan: p.totalInvestmentYuan,
    priorCompletedYuan: p.priorCompletedYuan,
    timeProgress: book.measure.timeProgress,
    timeProgressText: tp.source === 'own' ? formatOwnTimeProgress(tp.percent) : book.timeProgressText,
    timeProgressSource: tp.source,
    asOfText: book.asOfText,
    latest: r && {
      weekLabel: weekLabelOf(r.weekStart),
      thisWeek: r.weekStart === book.weekStart,
      unit: p.unitName,
      revision: r.revision,
      by: r.submittedBy,
      atText: deadlineText(new Date(r.submittedAt)),
      late: r.late,
      noChange: r.noChange,
      ytdYuan: r.ytdYuan,
      status: statusLabel(r.status),
      progressText: r.progressText,
      problemCats: categoryNames(r.problemCategories),
      problemText: r.problemText,
      coordination: r.coordination,
    },
    standing: book.standing(p, r),
    problems: problems.map((x) => ({
      category: problemCategoryLabel(x.category) ?? x.category,
      description: x.description,
      status: x.status,
      deadline: x.deadline,
      overdue: x.overdue,
    })),
    trend: await trendOf(book, projectId, p.annualPlanYuan),
    askedAtText: book.askedAtText,
    currentWeek: await thisWeekOf(book),
    paceLine: r ? await projectPace(book, projectId, p.annualPlanYuan, r.ytdYuan) : null,
    nodes: nodesVM(nodes),
    chart: await chartOf(book, projectId, p.annualPlanYuan, p.monthPlanYuan ?? null, nodes),
    stoppage: await stoppageLine(book, projectId),
  });
}

/** "自9月14日停工（填报），已持续7周" for a project whose latest report says 停工 or 半停工; null otherwise. */
async function stoppageLine(book: AnswerBook, projectId: number): Promise<string | null> {
  const s = await projectStoppage(book.db, book.planYear, projectId, shanghaiDay(book.now));
  return s && `${stoppageSinceText(s)}，${s.weeks > 0 ? `已持续${s.weeks}周` : '不足1周'}`;
}

/**
 * 挂图作战: this year's weekly figures (each at its week's Sunday, or today for the current week), the plan line at
 * each month end and the nodes. The plan line is the project's own 月度计划 where it has one (the curve its 序时, gap
 * and light are measured against), else the annual plan × 序时进度 under the settings' rule; the legend says which.
 */
async function chartOf(
  book: AnswerBook,
  projectId: number,
  annualPlanYuan: number,
  monthPlanYuan: readonly number[] | null,
  nodes: readonly NodeView[],
): Promise<ProjectChartVM> {
  const today = shanghaiDay(book.now);
  const periods = (await periodsUpTo(book.db, book.planYear, book.weekStart, 54)).reverse();
  const weeks = await projectWeeks(
    book.db,
    projectId,
    periods.map((x) => x.id),
  );
  const actual = periods.flatMap((x) => {
    const w = weeks.get(x.id);
    // ISO dates compare as strings: the earlier of the week's Sunday and today.
    const date = [addDays(x.weekStart, 6), today].sort()[0] as string;
    return w ? [{ date, ytdYuan: w.ytdYuan }] : [];
  });
  const nodeMarks = nodes.map((n) => ({
    name: n.name,
    plannedOn: n.plannedOn,
    state: n.state.state === 'done' ? ('done' as const) : n.state.state === 'overdue' ? ('overdue' as const) : ('open' as const),
  }));
  // The same test projectTimeProgress makes: twelve months and an annual plan to divide by.
  if (monthPlanYuan?.length === 12 && annualPlanYuan > 0) {
    return {
      year: book.planYear,
      actual,
      plan: monthPlanYuan.map((yuan, i) => ({ month: i + 1, yuan })),
      planLabel: `项目月度计划累计投资（${TIME_PROGRESS_SOURCE_TEXT.own}）`,
      nodes: nodeMarks,
    };
  }
  const progress = progressSettingsOf((await loadSettings(book.db)).settings);
  const months = Array.from({ length: 12 }, (_, i) => timeProgress({ year: book.planYear, month: i + 1, half: 'full' }, progress));
  return {
    year: book.planYear,
    actual,
    plan: annualPlanYuan > 0 ? months.map((tp, i) => ({ month: i + 1, yuan: (annualPlanYuan * tp.percent.value) / 100 })) : [],
    planLabel: `年度计划×全市统一序时（${months[0]!.basis}）`,
    nodes: nodeMarks,
  };
}

/**
 * 倒排工期 for one project: its latest cumulative figure against the months left after the last completed month, and
 * its pace since the figure it had reported by the end of the month three months earlier (the year start in 1–3月).
 */
async function projectPace(book: AnswerBook, projectId: number, annualPlanYuan: number, ytdYuan: number): Promise<string | null> {
  const month = paceMonthOf(book);
  if (month === null) return null;
  const backWeek = paceBackWeek(book.planYear, month);
  const backYuan = backWeek ? ((await lastReport(book.db, projectId, backWeek))?.ytdYuan ?? 0) : 0;
  const pace = paceOf({ month, annualPlanYuan, completedYuan: ytdYuan, completedBackYuan: backYuan });
  return `${paceSentence(
    pace,
    month,
    (wan) => formatYi(Math.round(wan * 10_000)),
    (rate) => formatRate(rate),
  )}（按最近一次填报的累计完成投资、全年剩余${12 - month}个月计算）。`;
}

function nodesVM(nodes: readonly NodeView[]): ProjectStatusVM['nodes'] {
  if (nodes.length === 0) return null;
  const overdue = nodes.filter((n) => n.state.state === 'overdue').length;
  return {
    head: `**节点计划**（${nodes.length}个，逾期${overdue}个）`,
    lines: nodes.map((n) => ({ text: nodeOnlyLine(n), red: n.state.state === 'overdue' })),
  };
}

export type ProjectOutcome = { card: Card } | { text: string };

/** A project the asker may not see is refused by name, with the city totals when they may see those. */
export async function answerProject(book: AnswerBook, asker: Asker, projectId: number): Promise<ProjectOutcome> {
  const p = book.projectById.get(projectId);
  if (!p) return { text: pickTexts.notFound(String(projectId)) };
  if (!maySeeProject(asker.visibility, p)) {
    const notice = refusalTexts.project(p.name, p.unitName);
    return maySeeCity(asker.visibility) ? { card: await renderCity(book, asker, `${notice}${refusalTexts.cityFollows}`) } : { text: notice };
  }
  return { card: (await renderProjectStatus(book, projectId)) as Card };
}

const optionOf = (book: AnswerBook, id: number): PickOption | null => {
  const p = book.projectById.get(id);
  return p ? { projectId: p.id, code: p.code, name: p.name } : null;
};

/** Several matches: those the asker may see, to pick from; one left is answered at once; none is refused. */
export async function answerPick(book: AnswerBook, asker: Asker, ids: number[], query: string, nonce: string): Promise<ProjectOutcome> {
  const visible = ids.filter((id) => {
    const p = book.projectById.get(id);
    return p !== undefined && maySeeProject(asker.visibility, p);
  });
  const [only] = visible;
  if (visible.length === 1 && only !== undefined) return answerProject(book, asker, only);
  if (visible.length === 0) {
    const notice = refusalTexts.projects(query, ids.length);
    return maySeeCity(asker.visibility) ? { card: await renderCity(book, asker, `${notice}${refusalTexts.cityFollows}`) } : { text: notice };
  }
  const options = visible.map((id) => optionOf(book, id)).filter((o): o is PickOption => o !== null);
  return { card: renderPickCard({ query, total: options.length, options, nonce }) };
}

export function answerNotFound(book: AnswerBook, asker: Asker, query: string, closest: Suggestion[], nonce: string, outside?: Filter): Card {
  const projects: PickOption[] = [];
  const others: NotFoundVM['others'] = [];
  for (const s of closest) {
    if (s.type !== 'project') others.push({ name: s.name, what: pickTexts.entityWords[s.type] });
    else {
      const p = book.projectById.get(s.id);
      if (p && maySeeProject(asker.visibility, p)) projects.push({ projectId: p.id, code: p.code, name: p.name });
    }
  }
  return renderNotFoundCard({ query, projects, others, nonce, outside: outside ? (outsideOf(book, outside)?.label ?? null) : null });
}

/** The group a question named when none of its projects matched: "江北区", with the others called 其他县区. */
function outsideOf(book: AnswerBook, f: Filter): MaybeVM['outside'] {
  const label = filterLabel(book, f);
  const onlyCounty = f.county !== undefined && Object.keys(f).length === 1;
  const what = f.county !== undefined ? '其他县区' : f.unit !== undefined ? '其他单位' : f.category !== undefined ? '其他类别' : '其他领导包联';
  return { label: onlyCounty ? label : `${label}项目中`, what };
}

/**
 * Projects only alike to the words, or outside the group asked about: offered, even one, never answered as the one
 * asked for; those the asker may not see are left out. Each from outside the group says its county.
 */
export async function answerMaybe(
  book: AnswerBook,
  asker: Asker,
  intent: { projectIds: number[]; query: string; outside?: Filter },
  nonce: string,
): Promise<ProjectOutcome> {
  const options = intent.projectIds.flatMap((id) => {
    const p = book.projectById.get(id);
    if (!p || !maySeeProject(asker.visibility, p)) return [];
    const place = intent.outside && !p.name.startsWith(p.countyName) ? p.countyName : undefined;
    return [{ projectId: p.id, code: p.code, name: p.name, ...(place ? { place } : {}) }];
  });
  const outside = intent.outside ? outsideOf(book, intent.outside) : null;
  return { card: renderMaybeCard({ query: intent.query, options, outside, nonce }) };
}
