// Figures over a period (本月完成率, 10月完成投资多少, 一季度完成投资, 截至10月底完成率), aggregates in the unit asked
// (全市完成投资多少亿), rankings (完成率最低的5个项目, 县区排名, 单位排名, 投资最多的项目), the monthly bulletin's summary
// (月通报) and a week's reporting (上周报送情况). A month that has ended is answered from its published bulletin when
// there is one, else from the month-end figures the bulletin would be composed from (the same reads and standing);
// the month still running from the latest figures, saying so. Every answer names its source and as-of.
import { missingByUnit } from './unreported';
import { cycleOf, pendingCollection } from '../../jobs/bulletin';
import { bulletinTitle } from '../../../cards/bulletin/cards';
import { issueNumberText, timeProgressText as bulletinTimeProgressText } from '../../../cards/bulletin/format';
import { headline } from '../../../cards/bulletin/sections';
import { type MetricItem, metricTexts as T, renderMetricCard } from '../../../cards/answer/metrics';
import { refusalTexts } from '../../../cards/answer/texts';
import { loadPeriods, loadYearProjects } from '../../bulletin/read/data';
import { monthEndsOfYear } from '../../bulletin/compose/month-end';
import { planHistoryOf } from '../../bulletin/compose/plan-version';
import { projectsAt } from '../../bulletin/compose/standing';
import { monthOf } from '../../bulletin/month';
import { measureOf, type YearData } from '../../bulletin/read/year-data';
import { publishedBetween, publishedRow } from '../../bulletin/store';
import { renderBulletinCards } from '../../../cards/bulletin/cards';
import { loadMonthPlans } from '../../db/month-plans';
import type { RegisterProject } from '../../db/register';
import { getPeriodByWeek, reportedInPeriod } from '../../db/rounds';
import { loadSettings } from '../../db/settings';
import type { Bulletin } from '../../domain/bulletin';
import { addDays } from '../../domain/calendar';
import { monthBefore } from '../../domain/calendar-month-end';
import { formatWan, formatYi, sumWanAsYuan, wanToYuanChecked } from '../../domain/money';
import { compare, formatGap, formatRate, formatTimeProgress, gapToTimeProgress, type Percent, rateOf, shanghaiDate, toPercent } from '../../domain/progress';
import { maySeeCity, maySeeGroup, maySeeProject } from '../../domain/question-access';
import {
  type MetricFilter,
  type MetricsIntent,
  type MoneyUnit,
  quarterName,
  type RankBy,
  type ResolvedMetricPeriod,
  resolveMetricPeriod,
} from '../../domain/question-metrics';
import { texts } from '../texts';
import { deadlineText, weekText } from '../round/texts';
import { isoWeekOf } from '../round/plan';
import type { Asker } from './asker';
import { type AnswerBook, shortWeekOf } from './book';
import { groupOf, visiblePart } from './groups';
import type { Answer } from './reply';
import { beijingDate } from '../../bulletin/compose/issue';

/** One project's figures at the period asked, whatever they were read from. */
type Row = {
  code: string;
  name: string;
  county: string;
  unit: string;
  planYuan: number;
  /** 年度累计完成投资 at the period, 元; null without a figure. */
  doneYuan: number | null;
  rate: Percent | null;
  gap: Percent | null;
  /** The figure's as-of: 第48周, 10月底, 10月底（估，第44周）. */
  asOf: string;
  estimated: boolean;
  /** The gap is to the project's own 月度计划, not the city-wide 序时 the answer states. */
  ownCurve: boolean;
};

/** The figures of every project at a period, with what they are measured against and where they come from. */
type Figures = {
  rows: Row[];
  tp: Percent;
  tpText: string;
  basis: string;
  /** 截至10月底 / 截至第48周. */
  asOfText: string;
  /** The period in a sentence: "截至10月底", "截至第48周（最新填报）". */
  periodWord: string;
  source: string;
};

export const metricsAnswerTexts = {
  future: (what: string) => `${what}尚未到来，暂无数据。可问“全市完成投资多少亿”了解截至目前的完成情况。`,
  otherYear: (year: number, planYear: number) => `目前只能查询${planYear}年度重点项目的数据，暂无${year}年度的数据。`,
  collecting: (month: number, week: string | null, deadline: string | null) =>
    week && deadline
      ? `${month}月底数正在征集：${week}填报同时报送${month}月底累计完成投资，截止时间${deadline}。截止后即可查询；当前最新数据可问“全市完成投资多少亿”。`
      : `${month}月底数尚未开始征集，暂无${month}月底数据。当前最新数据可问“全市完成投资多少亿”。`,
  noCounty: '县区排名和单位排名向市领导和重点项目办提供。您可查询本单位（本县区）的项目。',
  noWeek: (week: string) => `${week}没有开展调度（未建立填报轮次），暂无报送情况。`,
  bulletin: {
    none: (next: string | null) => `目前还没有已发布的月通报。${next ?? ''}`,
    noneOf: (year: number, month: number, next: string | null) => `${year}年${month}月月通报尚未发布。${next ?? ''}`,
    notEnded: (month: number, next: string | null) => `${month}月尚未结束，月通报在月底之后编制。${next ?? ''}`,
    due: (month: number, at: string) => `${month}月月通报预计于${at}编制，经重点项目办审定后发布。`,
    pending: (month: number) => `${month}月月通报已到编制时间，正在审定，发布后即可查询。`,
    pointer: (month: number, cards: number) =>
      `全文共${cards}张卡片（含县区排名、滞后项目、未报送单位等），回复“${month}月月通报全文”查看；附表（.xlsx）随通报发送至各通报群。`,
    pointerNoFull: '全文（含附表）已发送至各通报群；全文向市领导和重点项目办提供。',
    monthNew: (month: number, amount: string) => `${month}月当月新增完成投资${amount}。`,
    counties: (best: string, worst: string) => `县区完成率最高的是${best}，最低的是${worst}。`,
    lagging: (n: number) => `未达序时进度项目${n}个。`,
    unreported: (month: number, units: number, projects: number) =>
      units ? `${month}月${units}个单位的${projects}个项目没有报送数据。` : `${month}月各项目均有报送数据。`,
    published: (date: string) => `发布日期：${date}`,
  },
  week: {
    lead: (week: string, reported: number, total: number) => `${week}应报送${total}个项目，已报送${reported}个，未报送${total - reported}个。`,
    late: (n: number) => (n ? `其中补报（截止后报送）${n}个。` : ''),
    deadline: (at: string, passed: boolean) => (passed ? `填报已于${at}截止。` : `填报截止时间${at}，尚未截止。`),
    head: (units: number) => `未报送单位（${units}个）`,
    row: (n: number, names: string) => `${n}个未报送：${names}`,
    allIn: '各单位均已报送。',
  },
};
const A = metricsAnswerTexts;

/** The label of what someone who may see only some projects is shown of a group. */
const VISIBLE = '您可查看的项目中';

/** Up to eight names, then how many in all. */
const names = (xs: string[]) => (xs.length <= 8 ? xs.join('、') : `${xs.slice(0, 8).join('、')}等${xs.length}个`);
const money = (yuan: number, unit: MoneyUnit) => (unit === 'wan' ? formatWan(yuan) : formatYi(yuan));
const footerBase = (book: AnswerBook, f: Figures) => [T.asked(book.askedAtText), T.basis(f.asOfText, f.basis)];

// ─── Figures of a period ─────────────────────────────────────────────────────────────────────────────────────────

async function latestFigures(book: AnswerBook): Promise<Figures> {
  const week = shortWeekOf(book.weekStart);
  const rows = (await book.ranked()).map(
    (x): Row => ({
      code: x.p.code,
      name: x.p.name,
      county: x.p.countyName,
      unit: x.p.unitName,
      planYuan: x.p.annualPlanYuan,
      doneYuan: x.standing.reported && x.r ? x.r.ytdYuan : null,
      rate: x.standing.reported ? x.standing.rate : null,
      gap: x.standing.reported ? x.standing.gap : null,
      asOf: x.r ? shortWeekOf(x.r.weekStart) : '暂无填报',
      estimated: false,
      ownCurve: x.standing.reported && x.standing.timeProgress.source === 'own',
    }),
  );
  return {
    rows,
    tp: book.measure.timeProgress.percent,
    tpText: book.timeProgressText,
    basis: book.measure.timeProgress.basis,
    asOfText: book.asOfText,
    periodWord: `截至${week}`,
    source: T.source.latest(week),
  };
}

function snapshotFigures(b: Bulletin, month: number, decidedAt: string | null): Figures {
  const pct = (x: number | null) => (x === null ? null : toPercent(x));
  const rows = b.table.map(
    (t): Row => ({
      code: t.code,
      name: t.name,
      county: t.county,
      unit: t.unit,
      planYuan: wanToYuanChecked(t.annualPlanWan),
      doneYuan: t.completedWan === null ? null : wanToYuanChecked(t.completedWan),
      rate: pct(t.completionRate),
      gap: pct(t.gapPoints),
      asOf: t.estimated ? `${month}月底（估${t.estimatedFrom ? `，${t.estimatedFrom.week.replace(/^\d+-W0?/u, '第')}周` : ''}）` : `${month}月底`,
      estimated: t.estimated,
      ownCurve: t.timeProgressSource === 'own',
    }),
  );
  return {
    rows,
    tp: toPercent(b.timeProgress),
    tpText: bulletinTimeProgressText(b),
    basis: b.timeProgressBasis ?? '',
    asOfText: `截至${month}月底`,
    periodWord: `截至${month}月底`,
    source: T.source.bulletin(month, b.issue ? issueNumberText(b.issue) : null, decidedAt ? beijingDate(new Date(decidedAt)) : null),
  };
}

/** The month-end figures as the bulletin reads them: each project's month-end figure (or its estimate) and standing. */
async function dataFigures(book: AnswerBook, year: number, month: number): Promise<Figures> {
  const m = monthOf(year, month);
  const { settings } = await loadSettings(book.db);
  const periods = await loadPeriods(book.db);
  const [projects, ends, monthPlans] = await Promise.all([
    loadYearProjects(book.db, year),
    monthEndsOfYear(book.db, year, periods, [m], null),
    loadMonthPlans(book.db, year),
  ]);
  const data: YearData = { year, month: m, months: [m], projects, history: planHistoryOf(year, projects), periods, ends, monthPlans };
  const measure = measureOf(m, settings);
  const rows = projectsAt(data, m, measure).map((x): Row => {
    const from = x.end?.estimated ? x.end.estimatedFrom : undefined;
    const week = from ? periods.find((p) => p.id === from.periodId)?.weekStart : undefined;
    return {
      code: x.p.code,
      name: x.p.name,
      county: x.p.county,
      unit: x.p.unit,
      planYuan: x.planFacts.annualPlanYuan,
      doneYuan: x.figureYuan,
      rate: x.standing.reported ? x.standing.rate : null,
      gap: x.standing.reported ? x.standing.gap : null,
      asOf: x.end?.estimated ? `${month}月底（估${week ? `，${shortWeekOf(week)}` : ''}）` : x.figureYuan === null ? '暂无填报' : `${month}月底`,
      estimated: x.end?.estimated === true,
      ownCurve: x.standing.reported && x.standing.timeProgress.source === 'own',
    };
  });
  return {
    rows,
    tp: measure.timeProgress.percent,
    tpText: formatTimeProgress(measure.timeProgress),
    basis: measure.timeProgress.basis,
    asOfText: `截至${month}月底`,
    periodWord: `截至${month}月底`,
    source: T.source.monthEnd(month),
  };
}

/** Whether a month's end figures have been collected (its asking round's deadline passed), or why not. */
async function collection(book: AnswerBook, key: string): Promise<{ ok: true } | { ok: false; text: string }> {
  const { settings } = await loadSettings(book.db);
  const cycle = await cycleOf(book.db, key, settings);
  const closes = cycle.ask?.deadlineAt ?? cycle.composeAt;
  if (book.now.getTime() >= closes.getTime()) return { ok: true };
  const month = Number(key.slice(5, 7));
  const week = cycle.ask ? weekText(isoWeekOf(cycle.ask.weekStart), cycle.ask.weekStart) : null;
  return { ok: false, text: A.collecting(month, week, cycle.ask ? deadlineText(cycle.ask.deadlineAt) : null) };
}

/** A month's end figures: from its published bulletin when there is one, else from the reports once collected. */
async function monthEndFigures(book: AnswerBook, year: number, month: number): Promise<{ ok: true; f: Figures } | { ok: false; text: string }> {
  const key = monthOf(year, month).key;
  const published = await publishedRow(book.db, key);
  if (published) return { ok: true, f: snapshotFigures(published.bulletin, month, published.decidedAt) };
  const collected = await collection(book, key);
  if (!collected.ok) return collected;
  return { ok: true, f: await dataFigures(book, year, month) };
}

type Resolved = { ok: true; f: Figures; notice: string | null; previous: { f: Figures; what: string; from: string } | null } | { ok: false; text: string };

async function figuresFor(book: AnswerBook, r: ResolvedMetricPeriod): Promise<Resolved> {
  switch (r.kind) {
    case 'future':
      return { ok: false, text: A.future(r.what) };
    case 'other_year':
      return { ok: false, text: A.otherYear(r.year, book.planYear) };
    case 'latest': {
      const f = await latestFigures(book);
      return { ok: true, f, notice: r.running ? T.notEnded(r.running.what, f.periodWord) : null, previous: null };
    }
    case 'month_end': {
      const got = await monthEndFigures(book, r.year, r.month);
      if (!got.ok) return got;
      // A quarter asked is named as asked: "一季度（截至3月底）", "前三季度（截至9月底）".
      const q = r.quarter;
      const f = q
        ? { ...got.f, periodWord: `${q.cumulativeWord ? (q.q === 2 ? '上半年' : `前${'一二三四'[q.q - 1]}季度`) : quarterName(q.q)}（${got.f.periodWord}）` }
        : got.f;
      // A quarter's increment: its end less the end of the quarter before (the first quarter's is from January).
      let previous: { f: Figures; what: string; from: string } | null = null;
      if (r.quarter && r.quarter.q > 1) {
        const before = await monthEndFigures(book, r.year, r.month - 3);
        if (before.ok) previous = { f: before.f, what: `其中${quarterName(r.quarter.q)}`, from: `${r.month}月底累计减${r.month - 3}月底累计` };
      }
      return { ok: true, f, notice: null, previous };
    }
  }
}

// ─── The group asked about ───────────────────────────────────────────────────────────────────────────────────────

type Scope = { ok: true; label: string; city: boolean; codes: Set<string> | null; projects: RegisterProject[] } | { ok: false; text: string };

/** The group of a filter, if the asker may see its figures together (the city only for those who may see the city). */
function scopeOf(book: AnswerBook, asker: Asker, filter: MetricFilter): Scope {
  const found = groupOf(book, filter, asker);
  if (!found.ok) return { ok: false, text: found.text };
  const city = Object.keys(filter).length === 0;
  if (city) {
    if (!maySeeCity(asker.visibility)) return { ok: false, text: texts.noCityAccess };
    return { ok: true, label: found.group.label, city, codes: null, projects: found.group.projects };
  }
  if (!maySeeGroup(asker.visibility, found.group.projects)) return { ok: false, text: refusalTexts.group(found.group.label) };
  return { ok: true, label: found.group.label, city, codes: new Set(found.group.projects.map((p) => p.code)), projects: found.group.projects };
}

const within = (rows: readonly Row[], codes: Set<string> | null) => (codes ? rows.filter((r) => codes.has(r.code)) : [...rows]);

function totals(rows: readonly Row[], tp: Percent) {
  let plan = 0;
  let done = 0;
  let reported = 0;
  let estimated = 0;
  for (const r of rows) {
    plan += r.planYuan;
    if (r.doneYuan === null) continue;
    done += r.doneYuan;
    reported += 1;
    if (r.estimated) estimated += 1;
  }
  const rate = rateOf(done, plan);
  return { count: rows.length, plan, done, reported, estimated, rate, gap: gapToTimeProgress(rate, tp) };
}

/**
 * A quarter's new investment: the end figures now less those at the end of the quarter before, over the same projects.
 * Exact only when every project with a figure now had one then (one without would count its whole year as the
 * quarter's): otherwise null, and the answer says it cannot be worked out.
 */
function incrementOf(now: readonly Row[], before: readonly Row[]): number | null {
  const then = new Map(before.map((r) => [r.code, r.doneYuan]));
  let sum = 0;
  for (const r of now) {
    if (r.doneYuan === null) continue;
    const b = then.get(r.code);
    if (b === undefined || b === null) return null;
    sum += r.doneYuan - b;
  }
  return sum;
}

// ─── Answers ─────────────────────────────────────────────────────────────────────────────────────────────────────

async function answerMetric(book: AnswerBook, asker: Asker, intent: Extract<MetricsIntent, { kind: 'metric' }>): Promise<Answer> {
  const scope = scopeOf(book, asker, intent.filter);
  if (!scope.ok) return { text: scope.text };
  const resolved = await figuresFor(book, resolveMetricPeriod(intent.period, shanghaiDate(book.now), book.planYear));
  if (!resolved.ok) return { text: resolved.text };
  const { f } = resolved;
  const t = totals(within(f.rows, scope.codes), f.tp);
  const unit = intent.unit;
  const period = f.periodWord;
  const lines = [T.plan(scope.label, t.count, money(t.plan, unit))];
  if (t.reported === 0) lines.push(T.noFigures(period));
  else {
    lines.push(T.completion(period, money(t.done, unit), formatRate(t.rate), f.tpText, formatGap(t.gap)));
    lines.push(T.reported(t.reported, t.count - t.reported));
    if (t.estimated > 0 && resolved.f.asOfText.endsWith('月底')) lines.push(T.estimated(t.estimated, Number(/(\d+)月底/u.exec(f.asOfText)?.[1])));
  }
  const prev = resolved.previous;
  const increment = prev && t.reported > 0 ? incrementOf(within(f.rows, scope.codes), within(prev.f.rows, scope.codes)) : null;
  if (prev && increment !== null) lines.push(T.increment(prev.what, money(increment, unit), prev.from));
  else if (prev && t.reported > 0) lines.push(T.noIncrement(prev.what, prev.from.replace(/^.*减/u, '')));
  const lead = t.reported === 0 ? null : intent.measure === 'rate' ? T.rateLead(period, formatRate(t.rate)) : T.amountLead(period, money(t.done, unit));
  const title = intent.measure === 'rate' ? T.title.rate(scope.label, '') : T.title.amount(scope.label, '');
  const footer = [f.source, ...(prev && increment !== null && prev.f.source !== f.source ? [prev.f.source] : []), ...footerBase(book, f)];
  return {
    card: renderMetricCard({
      title,
      subtitle: period,
      summary: lead ?? title,
      notice: resolved.notice,
      lead: lead && `${scope.label}${lead}`,
      lines,
      footer,
    }),
  };
}

/** By rate, exact; equal rates keep code order whichever way the ranking runs. */
const byRate = (a: Row, b: Row) => compare((a.rate as Percent).exact, (b.rate as Percent).exact);
const RANK_KEY: Record<RankBy, (r: Row) => number | null> = {
  rate: (r) => (r.rate === null ? null : r.rate.value),
  plan: (r) => r.planYuan,
  done: (r) => r.doneYuan,
};

function projectItem(r: Row, by: RankBy): MetricItem {
  const where = r.county;
  if (by === 'plan') return { name: r.name, detail: `年度计划投资${formatWan(r.planYuan)}｜${where}` };
  const rate = `完成率${formatRate(r.rate)}（${formatGap(r.gap)}${r.ownCurve ? '，按项目月度计划' : ''}）`;
  if (by === 'done') return { name: r.name, detail: `累计完成投资${formatWan(r.doneYuan ?? 0)}｜${rate.replace(/（.*）/u, '')}｜${where}｜${r.asOf}` };
  return { name: r.name, detail: `${rate}｜${where}｜${r.asOf}` };
}

type GroupRow = { name: string; count: number; reported: number; plan: number; done: number; rate: Percent | null; gap: Percent | null };

function groupRows(rows: readonly Row[], key: (r: Row) => string, tp: Percent): GroupRow[] {
  const by = new Map<string, Row[]>();
  for (const r of rows) by.set(key(r), [...(by.get(key(r)) ?? []), r]);
  return [...by.entries()].map(([name, rs]) => {
    const t = totals(rs, tp);
    return { name, count: t.count, reported: t.reported, plan: t.plan, done: t.done, rate: t.rate, gap: t.gap };
  });
}

async function answerRanking(book: AnswerBook, asker: Asker, intent: Extract<MetricsIntent, { kind: 'ranking' }>): Promise<Answer> {
  if (intent.subject !== 'project' && !asker.visibility.all) return { text: A.noCounty };
  const scope = scopeOf(book, asker, intent.filter);
  // A project ranking of the city for someone who may see only some projects: their projects, said so.
  const restricted = !scope.ok && Object.keys(intent.filter).length === 0 && intent.subject === 'project' && !asker.visibility.all;
  if (!scope.ok && !restricted) return { text: scope.text };
  const resolved = await figuresFor(book, resolveMetricPeriod(intent.period, shanghaiDate(book.now), book.planYear));
  if (!resolved.ok) return { text: resolved.text };
  const { f } = resolved;
  let rows = scope.ok ? within(f.rows, scope.codes) : f.rows;
  let cut = false;
  if (intent.subject === 'project' && !asker.visibility.all) {
    const visible = new Set(book.register.projects.filter((p) => maySeeProject(asker.visibility, p)).map((p) => p.code));
    const kept = rows.filter((r) => visible.has(r.code));
    cut = kept.length < rows.length;
    rows = kept;
  }
  // Someone who sees only some projects gets those, and the title does not claim the whole city.
  const label = scope.ok && !(cut && scope.city) ? scope.label : VISIBLE;
  const asc = intent.order === 'asc';
  const sign = asc ? 1 : -1;
  let items: MetricItem[];
  let total: number;
  let note: string;
  let what: string;
  if (intent.subject === 'project') {
    const key = RANK_KEY[intent.by];
    const ranked = rows
      .filter((r) => key(r) !== null)
      .sort((a, b) =>
        intent.by === 'rate' ? sign * byRate(a, b) || a.code.localeCompare(b.code) : sign * ((key(a) ?? 0) - (key(b) ?? 0)) || a.code.localeCompare(b.code),
      );
    const n = intent.n ?? 10;
    total = ranked.length;
    items = ranked.slice(0, n).map((r) => projectItem(r, intent.by));
    note = T.rankingNote[intent.by];
    const measure = intent.by === 'rate' ? '完成率' : intent.by === 'plan' ? '年度计划投资' : '累计完成投资';
    what = `${label}${measure}${asc ? '最低' : '最高'}的${Math.min(n, total) || n}个项目`;
  } else {
    const groups = groupRows(rows, (r) => (intent.subject === 'county' ? r.county : r.unit), f.tp);
    const withRate = groups
      .filter((g) => g.rate !== null)
      .sort((a, b) => sign * compare((a.rate as Percent).exact, (b.rate as Percent).exact) || a.name.localeCompare(b.name, 'zh'));
    const ranked = [...withRate, ...groups.filter((g) => g.rate === null)];
    const n = intent.n ?? (intent.subject === 'county' ? ranked.length : 10);
    total = ranked.length;
    items = ranked.slice(0, n).map((g) => ({
      name: g.name,
      detail:
        g.reported === 0
          ? `${g.count}个项目均暂无填报`
          : `完成率${formatRate(g.rate)}（${formatGap(g.gap)}）｜累计完成${formatYi(g.done)}｜已填报${g.reported}/${g.count}个`,
    }));
    note = intent.subject === 'county' ? T.rankingNote.county : T.rankingNote.unit;
    what = `${scope.ok && scope.city ? '' : label}${intent.subject === 'county' ? '县区' : '责任单位'}完成率排名${asc ? '（由低到高）' : ''}`;
  }
  return {
    card: renderMetricCard({
      title: what,
      subtitle: f.periodWord,
      summary: what,
      notice: [resolved.notice, cut || restricted ? T.restricted : null].filter(Boolean).join('\n') || null,
      lines: [`${T.shown(items.length, total)}${note}${intent.by === 'rate' || intent.subject !== 'project' ? `序时进度${f.tpText}。` : ''}`],
      head: null,
      items,
      numbered: true,
      empty: T.noneRanked,
      footer: [f.source, ...footerBase(book, f)],
    }),
  };
}

// ─── 月通报 ──────────────────────────────────────────────────────────────────────────────────────────────────────

async function nextDue(book: AnswerBook, key: string): Promise<string> {
  const { settings } = await loadSettings(book.db);
  const cycle = await cycleOf(book.db, key, settings);
  const month = Number(key.slice(5, 7));
  const held = await pendingCollection(book.db, cycle, book.now);
  if (held) return held;
  return book.now.getTime() < cycle.composeAt.getTime() ? A.bulletin.due(month, deadlineText(cycle.composeAt)) : A.bulletin.pending(month);
}

/** `counties`: whether the asker may see the counties' figures (those who see every project), not only the city's. */
function bulletinSummary(b: Bulletin, decidedAt: string | null, full: boolean, counties: boolean, book: AnswerBook): Answer {
  const month = Number(b.month.slice(5, 7));
  const cards = renderBulletinCards(b);
  const monthNew = sumWanAsYuan(b.counties.map((c) => c.monthNewWan));
  const rated = b.counties.filter((c) => c.completionRate !== null);
  const best = [...rated].sort((x, y) => (y.completionRate ?? 0) - (x.completionRate ?? 0))[0];
  const worst = [...rated].sort((x, y) => (x.completionRate ?? 0) - (y.completionRate ?? 0))[0];
  const units = b.unreported.length;
  const lines = [
    A.bulletin.monthNew(month, formatYi(monthNew)),
    counties && best && worst && best !== worst
      ? A.bulletin.counties(`${best.name}（${formatRate(best.completionRate)}）`, `${worst.name}（${formatRate(worst.completionRate)}）`)
      : '',
    A.bulletin.lagging(b.lagging.length),
    A.bulletin.unreported(
      month,
      units,
      b.unreported.reduce((s, u) => s + u.codes.length, 0),
    ),
  ].filter(Boolean);
  return {
    card: renderMetricCard({
      title: bulletinTitle(b),
      subtitle: b.issue ? issueNumberText(b.issue) : `截至${month}月底`,
      summary: headline(b),
      lead: headline(b),
      lines,
      footer: [
        full ? A.bulletin.pointerNoFull : A.bulletin.pointer(month, cards.length),
        decidedAt ? A.bulletin.published(beijingDate(new Date(decidedAt))) : '',
        T.asked(book.askedAtText),
      ],
    }),
  };
}

async function answerBulletin(book: AnswerBook, asker: Asker, intent: Extract<MetricsIntent, { kind: 'month_bulletin' }>): Promise<Answer> {
  if (!maySeeCity(asker.visibility)) return { text: texts.noCityAccess };
  const today = shanghaiDate(book.now);
  const current = `${today.year}-${String(today.month).padStart(2, '0')}`;
  let key: string | null = null;
  if (intent.month !== null) key = monthOf(intent.year ?? book.planYear, intent.month).key;
  else if (intent.rel === 'last') key = monthBefore(current);
  let row: { bulletin: Bulletin; decidedAt: string | null } | null = null;
  if (key) {
    if (key >= current) return { text: A.bulletin.notEnded(Number(key.slice(5, 7)), key === current ? await nextDue(book, key) : null) };
    row = await publishedRow(book.db, key);
    if (!row) return { text: A.bulletin.noneOf(Number(key.slice(0, 4)), Number(key.slice(5, 7)), await nextDue(book, key)) };
  } else {
    const all = await publishedBetween(book.db, '2000-01', '2100-01');
    const last = all.at(-1);
    if (!last) return { text: A.bulletin.none(await nextDue(book, monthBefore(current))) };
    row = { bulletin: await last.load(), decidedAt: last.decidedAt };
  }
  if (intent.full && asker.visibility.all) {
    const [first, ...more] = renderBulletinCards(row.bulletin);
    if (first) return { card: first, more };
  }
  return bulletinSummary(row.bulletin, row.decidedAt, intent.full || !asker.visibility.all, asker.visibility.all, book);
}

// ─── 报送情况 ────────────────────────────────────────────────────────────────────────────────────────────────────

async function answerWeek(book: AnswerBook, asker: Asker, intent: Extract<MetricsIntent, { kind: 'week_reporting' }>): Promise<Answer> {
  const found = groupOf(book, intent.filter, asker);
  if (!found.ok) return { text: found.text };
  const { projects, cut } = visiblePart(found.group, asker);
  if (projects.length === 0) return { text: refusalTexts.group(found.group.label) };
  const weekStart = intent.week === 'this' ? book.weekStart : addDays(book.weekStart, -7);
  const week = weekText(isoWeekOf(weekStart), weekStart);
  const period = await getPeriodByWeek(book.db, weekStart);
  if (!period) return { text: A.noWeek(week) };
  const reported = await reportedInPeriod(book.db, period.id);
  const units = missingByUnit(projects, reported);
  const missing = units.flatMap(([, ps]) => ps);
  const late = projects.filter((p) => reported.get(p.id)?.late).length;
  const items = units.map(([unit, ps]) => ({ name: unit, detail: A.week.row(ps.length, names(ps.map((p) => p.name))) }));
  const label = cut ? '您可查看的项目' : found.group.label;
  const passed = book.now.toISOString() >= period.deadlineAt;
  const title = T.title.week(label, intent.week === 'this' ? '本周' : '上周');
  return {
    card: renderMetricCard({
      title,
      subtitle: week,
      summary: A.week.lead(shortWeekOf(weekStart), projects.length - missing.length, projects.length),
      notice: cut ? T.restricted : null,
      lead: A.week.lead(week, projects.length - missing.length, projects.length),
      lines: [A.week.late(late), A.week.deadline(deadlineText(new Date(period.deadlineAt)), passed)].filter(Boolean),
      head: A.week.head(units.length),
      items,
      empty: A.week.allIn,
      footer: [T.asked(book.askedAtText)],
    }),
  };
}

export async function answerMetrics(book: AnswerBook, asker: Asker, intent: MetricsIntent): Promise<Answer> {
  switch (intent.kind) {
    case 'metric':
      return answerMetric(book, asker, intent);
    case 'ranking':
      return answerRanking(book, asker, intent);
    case 'month_bulletin':
      return answerBulletin(book, asker, intent);
    case 'week_reporting':
      return answerWeek(book, asker, intent);
  }
}
