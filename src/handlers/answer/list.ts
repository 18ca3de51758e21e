// List answers: 未达序时进度 / 红灯 / 黄灯 / 停工 projects, 本周未报送, 待协调问题 — of a group, as far as the asker may see.
import { missingByUnit } from './unreported';
import { addDays } from '../../domain/calendar';
import { type ListVM, renderListCard } from '../../../cards/answer/list';
import { exportValue, moreValue, standingLine } from '../../../cards/answer/rows';
import { commonTexts, exportTexts, listTexts as T, listTitles } from '../../../cards/answer/texts';
import type { Card, HeaderTemplate } from '../../../cards/elements';
import { stoppedAsOf } from '../../db/stoppages';
import { type Stoppage, stoppageSinceText } from '../../domain/stoppage';
import { shanghaiDay } from '../../domain/calendar';
import type { RegisterProject } from '../../db/register';
import { periodsUpTo } from '../../db/project-weeks';
import { getPeriodByWeek, reportedInPeriod } from '../../db/rounds';
import type { Filter, ListKind } from '../../domain/question';
import { isLagging, isStopped, lightOf, type Standing } from '../../domain/standing';
import { formatLight } from '../../domain/progress';
import { type ExportFile, exportFileName, type ListSheet, listWorkbook, pointsCell, rateCell, wanCell } from './export';
import { type AnswerBook, rankedOf, shortWeekOf } from './book';
import type { Asker } from './asker';
import { groupOf, visiblePart } from './groups';
import { isStageList } from '../../domain/list-stages';
import { stageList } from './list-stages';
import { isoWeekOf } from '../round/plan';
import { deadlineText, weekText } from '../round/texts';
import { asOfTexts } from '../../../cards/answer/as-of';
import { dayOf, freshnessOf, thisWeekOf } from './as-of';

const C = T.columns;
const weekOf = shortWeekOf;
const TEMPLATE: Partial<Record<ListKind, HeaderTemplate>> = { red: 'red', yellow: 'yellow', stopped: 'carmine', lagging: 'orange' };

type Ctx = { book: AnswerBook; projects: RegisterProject[]; label: string };

const PICK: Record<'lagging' | 'red' | 'yellow' | 'stopped', (s: Standing) => boolean> = {
  lagging: isLagging,
  red: (s) => lightOf(s) === 'red',
  yellow: (s) => lightOf(s) === 'yellow',
  stopped: isStopped,
};

const stopLength = (s: (Pick<Stoppage, 'status' | 'since' | 'sinceSource'> & { weeks: number }) | undefined) =>
  s ? `${stoppageSinceText(s)}，${s.weeks}周` : null;

/** `weekStart`: the round a 未报送 list is of, when not this week's (上周, or the latest before a week without one). */
type Body = Pick<ListVM, 'lines' | 'sections'> & { unit?: string; sheet: Pick<ListSheet, 'columns' | 'rows'>; weekStart?: string };

async function projectList(c: Ctx, list: keyof typeof PICK): Promise<Body> {
  const latest = await c.book.latest();
  // Already worst first (compareStanding, then code).
  const items = (await rankedOf(c.book, c.projects)).filter((x) => PICK[list](x.standing));
  // How the figures stand this week: reported this week, carried from an earlier week, never reported.
  const fresh = freshnessOf(
    c.book,
    await thisWeekOf(c.book),
    c.projects.map((p) => latest.get(p.id) ?? null),
  );
  // 停工项目: since when (the 停工日期 entered, else the week of the first report of the run) and how many whole weeks.
  const stops = list === 'stopped' ? new Map((await stoppedAsOf(c.book.db, c.book.planYear, shanghaiDay(c.book.now))).map((s) => [s.id, s])) : null;
  // One project a block: its name, then its figures (or how long it has stopped), then its unit and county.
  const rows = items.map((x) => ({
    name: x.p.name,
    figures: standingLine(x.standing),
    status: x.standing.reported ? x.standing.status : '—',
    since: stopLength(stops?.get(x.p.id)) ?? (x.r ? weekOf(x.r.weekStart) : '—'),
    where: `${x.p.unitName} · ${x.p.countyName}`,
  }));
  const columns =
    list === 'stopped'
      ? [
          { name: 'name', title: C.name },
          { name: 'status', title: C.status, label: '' },
          { name: 'since', title: C.stoppedSince, label: '' },
          { name: 'where', title: C.unit, block: 'line' as const, label: '' },
        ]
      : [
          { name: 'name', title: C.name },
          { name: 'figures', title: C.rate, kind: 'lark_md' as const, block: 'line' as const, label: '' },
          { name: 'where', title: C.unit, block: 'line' as const, label: '' },
        ];
  const what = listTitles[list];
  return {
    lines: [
      T.basis(c.label, c.projects.length, asOfTexts.freshness(fresh)),
      T.count(items.length, what),
      list === 'stopped' ? '' : T.measure(c.book.timeProgressText, c.book.asOfText),
    ],
    sections: [{ head: null, columns, rows, empty: T.empty(what) }],
    sheet: projectSheet(items, list === 'stopped' ? (x) => stopLength(stops?.get(x.p.id)) ?? '' : null),
  };
}

/** The whole list for 导出Excel: a project a row, with every figure a leader reads off the register and the reports. */
function projectSheet(items: Awaited<ReturnType<typeof rankedOf>>, stopped: ((x: Awaited<ReturnType<typeof rankedOf>>[number]) => string) | null) {
  const columns: ListSheet['columns'] = [
    { header: '序号', width: 6, kind: 'count' },
    { header: '项目编号', width: 14 },
    { header: '项目名称', width: 36 },
    { header: '所属县区', width: 10 },
    { header: '项目类别', width: 10 },
    { header: '责任单位', width: 22 },
    { header: '包联领导', width: 8 },
    { header: '年度计划投资(万元)', width: 16, kind: 'wan' },
    { header: '年度累计完成投资(万元)', width: 16, kind: 'wan' },
    { header: '年度投资完成率', width: 10, kind: 'rate' },
    { header: '与序时进度差(个百分点)', width: 12, kind: 'points' },
    { header: '预警', width: 6 },
    { header: '项目状态', width: 8 },
    { header: '最新填报', width: 10 },
    ...(stopped ? [{ header: '停工起始与持续', width: 24 }] : []),
  ];
  const rows = items.map((x, i) => {
    const s = x.standing;
    return [
      i + 1,
      x.p.code,
      x.p.name,
      x.p.countyName,
      x.p.categoryName,
      x.p.unitName,
      x.p.leaderName ?? '',
      wanCell(x.p.annualPlanYuan),
      wanCell(x.r?.ytdYuan ?? null),
      s.reported ? rateCell(s.rate) : null,
      s.reported ? pointsCell(s.gap) : null,
      s.reported ? formatLight(s.assessment.light) : '暂无填报',
      s.reported ? s.status : '',
      x.r ? weekOf(x.r.weekStart) : '',
      ...(stopped ? [stopped(x)] : []),
    ];
  });
  return { columns, rows };
}

/** 本周未报送, or with `lastWeek` the week before's ("上周哪些没报"): a unit a block, its projects a line each. */
async function unreportedList(c: Ctx, lastWeek = false): Promise<Body> {
  const { book } = c;
  const start = lastWeek ? addDays(book.weekStart, -7) : book.weekStart;
  const period = (await getPeriodByWeek(book.db, start)) ?? null;
  const fallback = period ? null : ((await periodsUpTo(book.db, book.planYear, start, 1))[0] ?? null);
  const p = period ? { id: period.id, weekStart: period.weekStart, deadlineAt: period.deadlineAt } : fallback;
  if (!p) return { lines: [T.noRounds], sections: [], sheet: { columns: [], rows: [] } };
  const reported = (await book.reportedIn(p.id)) ?? (await reportedInPeriod(book.db, p.id));
  const units = missingByUnit(c.projects, reported);
  const missing = units.flatMap(([, ps]) => ps);
  // A unit a block, its projects' names one a line (not packed into one row).
  const rows = units.map(([unit, ps]) => ({ unit, count: `${ps.length}个`, projects: ps.map((x) => x.name).join('\n') }));
  const week = weekText(isoWeekOf(p.weekStart), p.weekStart);
  const lines = [
    period ? '' : lastWeek ? T.noRoundLastWeek(weekText(isoWeekOf(start), start)) : T.noRoundThisWeek(book.weekLabel),
    T.unreportedWeek(week, deadlineText(new Date(p.deadlineAt)), book.now.toISOString() > p.deadlineAt),
    T.unreportedCount(missing.length, c.projects.length, units.length),
  ];
  const columns = [
    { name: 'unit', title: C.unit },
    { name: 'count', title: C.count, label: '未报送' },
    { name: 'projects', title: C.projects, block: 'lines' as const },
  ];
  let n = 0;
  const sheet = {
    columns: [
      { header: '序号', width: 6, kind: 'count' as const },
      { header: '责任单位', width: 24 },
      { header: '项目编号', width: 14 },
      { header: '项目名称', width: 40 },
      { header: '所属县区', width: 10 },
    ],
    rows: units.flatMap(([unit, ps]) => ps.map((x) => [++n, unit, x.code, x.name, x.countyName])),
  };
  return { lines, sections: [{ head: null, columns, rows, empty: T.empty(listTitles.unreported) }], unit: '个责任单位', sheet, weekStart: p.weekStart };
}

export type ListOutcome = { card: Card } | { text: string; file?: ExportFile };

/** What a list answer is for: the page from `from`, with 更多 and 导出Excel asking `question` again; or the file. */
export type ListOptions = { from?: number; question?: string; nonce?: string; export?: boolean; lastWeek?: boolean };

export async function answerList(book: AnswerBook, asker: Asker, list: ListKind, filter: Filter, o: ListOptions = {}): Promise<ListOutcome> {
  const found = groupOf(book, filter, asker);
  if (!found.ok) return { text: found.text };
  const { projects, cut } = visiblePart(found.group, asker);
  const c: Ctx = { book, projects, label: found.group.label };
  const body: Body =
    list === 'unreported' ? await unreportedList(c, o.lastWeek === true) : isStageList(list) ? await stageList(c, list) : await projectList(c, list);
  // A 未报送 list of another week than this one says which, in its title and its file's name.
  const otherWeek = body.weekStart && body.weekStart !== book.weekStart ? body.weekStart : null;
  const title = otherWeek ? `${T.title(c.label, list)}（${weekOf(otherWeek)}）` : T.title(c.label, list);
  const footer = `${commonTexts.askedAt(book.askedAtText)}。${commonTexts.basis(book.asOfText, book.measure.timeProgress.basis)}`;
  if (o.export) {
    const asOf = otherWeek ? weekOf(otherWeek) : `截至${book.weekLabel}，序时进度${book.asOfText}`;
    const data = await listWorkbook(listTitles[list], {
      title: `${title}（${asOf}）`,
      note: `${cut ? `${commonTexts.restrictedList}` : ''}${body.lines.filter(Boolean).join('')}${footer}`,
      ...body.sheet,
    });
    return {
      text: exportTexts.sent(title, body.sheet.rows.length),
      file: { fileName: exportFileName(otherWeek ? title : `${title}（截至${shortWeekOf(book.weekStart)}）`), data },
    };
  }
  const q = o.question;
  const count = body.sections.reduce((n, x) => n + x.rows.length, 0);
  if (o.from && o.from >= count) return { text: T.noMore(count) };
  const card = renderListCard({
    title,
    subtitle: T.subtitle(dayOf(book), (await thisWeekOf(book)).short, book.asOfText),
    summary: title,
    template: TEMPLATE[list] ?? 'blue',
    notice: cut ? commonTexts.restrictedList : null,
    lines: body.lines.filter(Boolean),
    sections: body.sections,
    footer,
    paging: {
      from: o.from ?? 0,
      unit: body.unit ?? '个',
      more: q ? moreValue(q, o.nonce ?? '') : null,
      exportValue: q ? exportValue(q, o.nonce ?? '') : null,
    },
  });
  return { card };
}
