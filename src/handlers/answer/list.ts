// List answers: 未达序时进度 / 红灯 / 黄灯 / 停工 projects, 本周未报送, 待协调问题 — of a group, as far as the asker may see.
import { standingCells } from '../../../cards/answer/common';
import { type ListVM, renderListCard } from '../../../cards/answer/list';
import { commonTexts, listTexts as T, listTitles } from '../../../cards/answer/texts';
import { type Card, clip, type HeaderTemplate } from '../../../cards/elements';
import { stoppedAsOf } from '../../db/stoppages';
import { type Stoppage, stoppageSinceText } from '../../domain/stoppage';
import { shanghaiDay } from '../../domain/calendar';
import type { RegisterProject } from '../../db/register';
import { periodsUpTo } from '../../db/project-weeks';
import { getPeriodByWeek, reportedInPeriod } from '../../db/rounds';
import type { Filter, ListKind } from '../../domain/question';
import { isLagging, isStopped, lightOf, type Standing } from '../../domain/standing';
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

/** A row's rate, gap and light, worded once per standing: the same standings answer question after question. */
const cellsOf = new WeakMap<Standing, ReturnType<typeof standingCells>>();
function cells(s: Standing) {
  let got = cellsOf.get(s);
  if (!got) {
    got = standingCells(s);
    cellsOf.set(s, got);
  }
  return got;
}

const stopLength = (s: (Pick<Stoppage, 'status' | 'since' | 'sinceSource'> & { weeks: number }) | undefined) =>
  s ? `${stoppageSinceText(s)}，${s.weeks}周` : null;

async function projectList(c: Ctx, list: keyof typeof PICK): Promise<Pick<ListVM, 'lines' | 'sections'>> {
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
  const rows = items.map((x) => ({
    name: x.p.name,
    county: x.p.countyName,
    ...cells(x.standing),
    status: x.standing.reported ? x.standing.status : '—',
    since: stopLength(stops?.get(x.p.id)) ?? (x.r ? weekOf(x.r.weekStart) : '—'),
    unit: x.p.unitName,
  }));
  const columns =
    list === 'stopped'
      ? [
          { name: 'name', title: C.name },
          { name: 'status', title: C.status },
          { name: 'since', title: C.stoppedSince },
          { name: 'county', title: C.county },
          { name: 'unit', title: C.unit },
        ]
      : [
          { name: 'name', title: C.name },
          { name: 'rate', title: C.rate },
          { name: 'gap', title: C.gap },
          { name: 'light', title: C.light, kind: 'options' as const },
          { name: 'unit', title: C.unit },
        ];
  const what = listTitles[list];
  return {
    lines: [
      T.basis(c.label, c.projects.length, asOfTexts.freshness(fresh)),
      T.count(items.length, what),
      list === 'stopped' ? '' : T.measure(c.book.timeProgressText, c.book.asOfText),
    ],
    sections: [{ head: null, columns, rows, empty: T.empty(what) }],
  };
}

async function unreportedList(c: Ctx): Promise<Pick<ListVM, 'lines' | 'sections'>> {
  const { book } = c;
  const period = (await getPeriodByWeek(book.db, book.weekStart)) ?? null;
  const fallback = period ? null : ((await periodsUpTo(book.db, book.planYear, book.weekStart, 1))[0] ?? null);
  const p = period ? { id: period.id, weekStart: period.weekStart, deadlineAt: period.deadlineAt } : fallback;
  if (!p) return { lines: [T.noRounds], sections: [] };
  const reported = (await book.reportedIn(p.id)) ?? (await reportedInPeriod(book.db, p.id));
  const missing = c.projects.filter((x) => !reported.has(x.id));
  const byUnit = new Map<string, RegisterProject[]>();
  for (const x of missing) byUnit.set(x.unitName, [...(byUnit.get(x.unitName) ?? []), x]);
  const rows = [...byUnit.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], 'zh'))
    .map(([unit, ps]) => ({ unit, count: String(ps.length), projects: clip(ps.map((x) => x.name).join('、'), 300) }));
  const week = weekText(isoWeekOf(p.weekStart), p.weekStart);
  const lines = [
    period ? '' : T.noRoundThisWeek(book.weekLabel),
    T.unreportedWeek(week, deadlineText(new Date(p.deadlineAt)), book.now.toISOString() > p.deadlineAt),
    T.unreportedCount(missing.length, c.projects.length, byUnit.size),
  ];
  const columns = [
    { name: 'unit', title: C.unit },
    { name: 'count', title: C.count },
    { name: 'projects', title: C.projects },
  ];
  return { lines, sections: [{ head: null, columns, rows, empty: T.empty(listTitles.unreported) }] };
}

export type ListOutcome = { card: Card } | { text: string };

export async function answerList(book: AnswerBook, asker: Asker, list: ListKind, filter: Filter): Promise<ListOutcome> {
  const found = groupOf(book, filter, asker);
  if (!found.ok) return { text: found.text };
  const { projects, cut } = visiblePart(found.group, asker);
  const c: Ctx = { book, projects, label: found.group.label };
  const body = list === 'unreported' ? await unreportedList(c) : isStageList(list) ? await stageList(c, list) : await projectList(c, list);
  const card = renderListCard({
    title: T.title(c.label, list),
    subtitle: T.subtitle(dayOf(book), (await thisWeekOf(book)).short, book.asOfText),
    summary: T.title(c.label, list),
    template: TEMPLATE[list] ?? 'blue',
    notice: cut ? commonTexts.restrictedList : null,
    lines: body.lines.filter(Boolean),
    sections: body.sections,
    footer: `${commonTexts.askedAt(book.askedAtText)}。${commonTexts.basis(book.asOfText, book.measure.timeProgress.basis)}`,
  });
  return { card };
}
