// The answer about one project: latest report, completion against plan and 序时, light, 形象进度, problems, the last weeks.
import { cumulativeRate, formatGap, formatLight, formatRate, type TimeProgress } from '../../src/domain/progress';
import type { Standing } from '../../src/domain/standing';
import { TIME_PROGRESS_SOURCE_TEXT, type TimeProgressSource } from '../../src/domain/time-progress';
import { card, clip, escapeMd, hr, markdown, text, type Card, type CardElement, type TagColor } from '../elements';
import { LIGHT_COLOR, LIGHT_TEMPLATE, lightTag, shortWeek } from './common';
import { narrowTable } from './rows';
import { commonTexts as C, NO_DATA, projectTexts as T } from './texts';
import { formatWan, formatWanNumber } from '../../src/domain/money';
import { projectChart, type ProjectChartVM } from './project-chart';
import { asOfTexts as A, type ThisWeek } from './as-of';

export type ProjectLatest = {
  weekLabel: string;
  /** The report's week is the current one; otherwise its figures are carried ("本周尚未填报，沿用第45周填报"). */
  thisWeek: boolean;
  /** The unit that reported it (the project's 责任单位) and its revision in that week (1 = 首次填报). */
  unit: string;
  revision: number;
  by: string | null;
  atText: string;
  late: boolean;
  noChange: boolean;
  ytdYuan: number;
  status: string;
  progressText: string;
  problemCats: string[];
  problemText: string | null;
  coordination: string | null;
};

export type ProjectStatusVM = {
  code: string;
  name: string;
  countyName: string;
  categoryName: string;
  level: string;
  nature: string;
  unitName: string;
  leaderName: string | null;
  annualPlanYuan: number;
  totalInvestmentYuan: number;
  priorCompletedYuan: number;
  timeProgress: TimeProgress;
  timeProgressText: string;
  /** Which 序时 timeProgressText and the gap and light are measured against; absent = the city-wide rule, unsaid. */
  timeProgressSource?: TimeProgressSource;
  asOfText: string;
  latest: ProjectLatest | null;
  standing: Standing;
  problems: Array<{ category: string; description: string; status: string; deadline: string | null; overdue: boolean }>;
  /** Oldest first; null figures where the week had no report. */
  trend: Array<{ weekLabel: string; ytdYuan: number | null; deltaYuan: number | null; rate: string | null; status: string | null }>;
  askedAtText: string;
  /** The current week's round, for saying a figure is carried from an earlier week. */
  currentWeek: ThisWeek;
  /** 倒排工期: "要完成全年目标每月还需完成…；按近三个月进度，预计全年完成…" (absent in January or without a report). */
  paceLine?: string | null;
  /** 节点控制: the project's nodes in one line each, red for overdue (absent when it has no 节点计划). */
  nodes?: { head: string; lines: Array<{ text: string; red: boolean }> } | null;
  /** 挂图作战: the chart of the year's figures against the plan line, with the nodes (absent: no chart). */
  chart?: ProjectChartVM | null;
  /** 停工 / 半停工: since when and how long, "自9月14日停工（填报），已持续7周" (absent when not stopped). */
  stoppage?: string | null;
};

function figures(vm: ProjectStatusVM): string {
  const s = vm.standing;
  const out = [C.figure(T.annualPlan, formatWan(vm.annualPlanYuan))];
  const l = vm.latest;
  // Each figure from a report says which: this week's (its unit, reporter and revision), or carried from an earlier week.
  const week = l ? shortWeek(l.weekLabel) : '';
  const source = l && (l.thisWeek ? A.source(week, l.unit, l.by, l.revision) : A.carriedSource(vm.currentWeek, week));
  out.push(C.figure(T.ytd, l ? T.ytdValue(formatWan(l.ytdYuan), escapeMd(source ?? '')) : NO_DATA));
  if (s.reported && s.rate === null) out.push(C.figure(T.rate, T.noPlan));
  else out.push(C.figure(T.rate, s.reported ? `${formatRate(s.rate)}${l ? `（${A.from(week)}）` : ''}` : NO_DATA));
  const tpSource = vm.timeProgressSource ? TIME_PROGRESS_SOURCE_TEXT[vm.timeProgressSource] : undefined;
  out.push(C.figure(T.timeProgress, T.timeProgressValue(vm.timeProgressText, vm.asOfText, tpSource)));
  out.push(C.figure(T.gap, s.reported ? formatGap(s.gap) : NO_DATA));
  if (s.reported) {
    // 进度滞后 may come from a late start rather than the investment; the reason is said.
    const words = [...s.assessment.labels, ...(s.assessment.lateStart ? [T.lateStart(s.assessment.lateStart.monthsLate)] : [])];
    const labels = words.length ? `（${words.join('、')}）` : '';
    out.push(C.figure(T.light, `${lightTag(s.assessment.light)}${escapeMd(labels)}`));
    out.push(C.figure(T.status, escapeMd(vm.stoppage ? `${s.status}，${vm.stoppage}` : s.status)));
  } else out.push(C.figure(T.light, NO_DATA));
  out.push(C.figure(T.nature, escapeMd(vm.nature)));
  if (l && vm.totalInvestmentYuan > 0) {
    const total = vm.priorCompletedYuan + l.ytdYuan;
    const value = T.cumulativeValue(formatWan(total), formatRate(cumulativeRate(vm.priorCompletedYuan, l.ytdYuan, vm.totalInvestmentYuan)));
    out.push(C.figure(T.cumulative, `${value}（${A.from(week)}）`));
  }
  return out.join('\n');
}

function problems(vm: ProjectStatusVM): CardElement[] {
  const lines = vm.problems.map((p) => T.ledgerProblem(p.category, clip(p.description, 200), p.status, p.deadline, p.overdue));
  const l = vm.latest;
  if (l?.problemText) lines.push(T.reportedProblem(shortWeek(l.weekLabel), l.problemCats.join('、'), clip(l.problemText, 300)));
  if (l?.coordination) lines.push(T.reportedCoordination(shortWeek(l.weekLabel), clip(l.coordination, 300)));
  return [markdown(T.problemsHead), text(lines.length ? lines.join('\n') : T.noProblems, lines.length ? undefined : 'grey')];
}

/** The last weeks in three narrow columns (phone width): the week (with its status when not 在建), 累计, 新增. */
function trend(vm: ProjectStatusVM): CardElement[] {
  if (vm.trend.length === 0) return [];
  const c = T.trendColumns;
  const rows = vm.trend.map((w) => ({
    week: w.status && w.status !== T.building ? `${shortWeek(w.weekLabel)}（${w.status}）` : shortWeek(w.weekLabel),
    ytd: w.ytdYuan === null ? T.notReported : `${formatWanNumber(w.ytdYuan)}${w.rate ? `\n${T.trendRate(w.rate)}` : ''}`,
    delta: w.deltaYuan === null ? '—' : formatWanNumber(w.deltaYuan),
  }));
  const columns = [
    { name: 'week', title: c.week },
    { name: 'ytd', title: c.ytd, percent: 36 },
    { name: 'delta', title: c.delta, percent: 30 },
  ];
  return [markdown(T.trendHead), narrowTable(columns, rows, 4)];
}

export function renderProjectStatusCard(vm: ProjectStatusVM): Card {
  const s = vm.standing;
  const light = s.reported ? s.assessment.light : null;
  const l = vm.latest;
  const latestLine = l
    ? `${escapeMd(A.latest(l.weekLabel, l.unit, l.by, l.atText, l.revision))}${l.late ? T.late : ''}${l.noChange ? T.noChange : ''}${
        l.thisWeek ? '' : escapeMd(A.carried(vm.currentWeek, shortWeek(l.weekLabel)))
      }`
    : NO_DATA;
  const elements: CardElement[] = [markdown(C.figure(T.latest, latestLine)), markdown(figures(vm))];
  if (l) elements.push(text(T.progress(clip(l.progressText, 500), shortWeek(l.weekLabel))));
  if (vm.paceLine) elements.push(text(vm.paceLine));
  if (vm.nodes) {
    elements.push(markdown(vm.nodes.head));
    for (const n of vm.nodes.lines) elements.push(n.red ? text(n.text, 'red') : text(n.text));
  }
  const chart = vm.chart ? projectChart(vm.chart) : null;
  if (chart) elements.push(chart);
  elements.push(hr(), ...problems(vm), hr());
  elements.push(markdown(T.people(escapeMd(vm.unitName), vm.leaderName === null ? null : escapeMd(vm.leaderName), escapeMd(vm.countyName))));
  elements.push(...trend(vm));
  const basis =
    vm.timeProgressSource === 'own'
      ? T.ownBasis(vm.asOfText, TIME_PROGRESS_SOURCE_TEXT.own)
      : C.basis(vm.asOfText, `${vm.timeProgress.basis}${vm.timeProgressSource ? `，${TIME_PROGRESS_SOURCE_TEXT.city}` : ''}`);
  elements.push(text(`${C.askedAt(vm.askedAtText)}。${basis}`, 'grey', 'notation'));
  const tags: Array<{ text: string; color: TagColor }> = [];
  if (light) tags.push({ text: formatLight(light), color: LIGHT_COLOR[light] });
  if (s.reported && (s.status === '停工' || s.status === '半停工')) tags.push({ text: s.status, color: 'carmine' });
  if (!s.reported) tags.push({ text: NO_DATA, color: 'neutral' });
  return card({
    title: vm.name,
    subtitle: T.subtitle(vm.code, vm.countyName, vm.categoryName, vm.level),
    template: light ? LIGHT_TEMPLATE[light] : 'blue',
    tags,
    summary: T.summary(vm.name, s.reported ? formatRate(s.rate) : NO_DATA),
    elements,
  });
}
