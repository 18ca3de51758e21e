// Summaries: a group's totals, lights and laggards (江北区进度, 我包联的项目), and the whole city with its counties.
import { type CountyRow, renderSummaryCard, type SummaryRow } from '../../../cards/answer/summary';
import { commonTexts, groupLabels, refusalTexts } from '../../../cards/answer/texts';
import type { Card } from '../../../cards/elements';
import type { RegisterProject } from '../../db/register';
import { gapToTimeProgress, rateOf } from '../../domain/progress';
import { maySeeCity, maySeeGroup, maySeeProject } from '../../domain/question-access';
import { groupFigures, isLagging } from '../../domain/standing';
import type { Filter } from '../../domain/question';
import { type AnswerBook, rankedOf, shortWeekOf } from './book';
import type { Ranked } from './book-cache';
import type { Asker } from './asker';
import { groupOf, type Group } from './groups';
import { groupPaceOf } from './pace';
import { dayOf, freshnessOf, thisWeekOf } from './as-of';
import { redChartOf } from './red-chart';
import { checkCard } from '../../../cards/limits';
import type { SummaryVM } from '../../../cards/answer/summary';

async function paceOfItems(book: AnswerBook, items: readonly Item[]) {
  const g = await groupPaceOf(book, items);
  return g && { figures: g.pace, month: g.month };
}

/** Groups of up to this many projects list every project; larger ones list those behind 序时. */
const LIST_ALL_UP_TO = 20;

async function figuresOf(book: AnswerBook, projects: readonly RegisterProject[]) {
  const items = await rankedOf(book, projects);
  return { items, figures: groupFigures(items, book.measure) };
}

type Item = Ranked;

/** Items come worst first (compareStanding, then code): the rows keep that order. */
function rowsOf(items: readonly Item[], showAll: boolean): SummaryRow[] {
  return items
    .filter((x) => showAll || isLagging(x.standing))
    .map((x) => ({ name: x.p.name, standing: x.standing, weekText: x.r ? shortWeekOf(x.r.weekStart) : null }));
}

/** Lowest rate first; counties without any report last (they have no rate to rank by). */
const rank = (c: CountyRow) => (c.reported === 0 ? Infinity : (c.rate?.value ?? Infinity));

function countyRows(book: AnswerBook, items: readonly Item[]): CountyRow[] {
  const by = new Map<number, { name: string; count: number; reported: number; plan: number; done: number }>();
  for (const x of items) {
    const c = by.get(x.p.countyId) ?? { name: x.p.countyName, count: 0, reported: 0, plan: 0, done: 0 };
    c.count += 1;
    if (x.r) c.reported += 1;
    c.plan += x.p.annualPlanYuan;
    c.done += x.r?.ytdYuan ?? 0;
    by.set(x.p.countyId, c);
  }
  return [...by.values()]
    .map((c) => {
      const rate = rateOf(c.done, c.plan);
      return {
        name: c.name,
        count: c.count,
        reported: c.reported,
        completedYuan: c.done,
        rate,
        gap: gapToTimeProgress(rate, book.measure.timeProgress.percent),
      };
    })
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh'));
}

/** The fields every summary shares: the week, the as-of of 序时, and how the figures stand this week. */
async function base(book: AnswerBook, items: readonly Item[]) {
  return {
    dayText: dayOf(book),
    freshness: freshnessOf(
      book,
      await thisWeekOf(book),
      items.map((x) => x.r),
    ),
    weekLabel: book.weekLabel,
    asOfText: book.asOfText,
    timeProgressText: book.timeProgressText,
    basis: book.measure.timeProgress.basis,
    askedAtText: book.askedAtText,
  };
}

export async function renderGroupSummary(
  book: AnswerBook,
  group: Group,
  notice: string | null = null,
  more: Record<string, unknown> | null = null,
): Promise<Card> {
  const { items, figures } = await figuresOf(book, group.projects);
  const showAll = items.length <= LIST_ALL_UP_TO;
  const pace = await paceOfItems(book, items);
  return withRedChart({
    ...(await base(book, items)),
    label: group.label,
    figures,
    rows: rowsOf(items, showAll),
    showAll,
    notice,
    pace,
    redChart: redChartOf(group.label, items),
    more,
  });
}

/**
 * The summary with its red projects' chart appended; should the two together pass Feishu's card limits (a group of
 * very many laggards and red projects), the summary alone — the chart is then one question away (「江北区挂图」).
 */
function withRedChart(vm: SummaryVM): Card {
  const full = renderSummaryCard(vm);
  return !vm.redChart?.items.length || checkCard(full).ok ? full : renderSummaryCard({ ...vm, redChart: null });
}

/**
 * The city: totals for everyone who may see totals. The county table and the laggards' names only as far as the
 * asker may see them: a reporter gets the city's figures and their own unit's projects, not other counties' or units'.
 */
export async function renderCity(book: AnswerBook, asker: Asker, notice: string | null = null, more: Record<string, unknown> | null = null): Promise<Card> {
  const { items, figures } = await figuresOf(book, book.register.projects);
  const visible = items.filter((x) => maySeeProject(asker.visibility, x.p));
  const cut = visible.length < items.length;
  const note = [notice, cut ? commonTexts.restricted : null].filter(Boolean).join('\n');
  return withRedChart({
    ...(await base(book, items)),
    label: groupLabels.city,
    figures,
    rows: rowsOf(visible, false),
    showAll: false,
    rowsRestricted: cut,
    counties: asker.visibility.all ? countyRows(book, items) : [],
    notice: note || null,
    pace: await paceOfItems(book, items),
    redChart: redChartOf(groupLabels.city, visible, cut),
    more,
  });
}

export type SummaryOutcome = { card: Card } | { text: string };

/**
 * `more`: the value of 更多 under the laggards when they are more than the card lists; the next pages (and 导出Excel)
 * are the group's 未达序时进度 list (answer.ts), in the same order.
 */
export async function answerSummary(book: AnswerBook, asker: Asker, filter: Filter, more: Record<string, unknown> | null = null): Promise<SummaryOutcome> {
  const found = groupOf(book, filter, asker);
  if (!found.ok) return { text: found.text };
  if (!maySeeGroup(asker.visibility, found.group.projects)) {
    const notice = refusalTexts.group(found.group.label);
    return maySeeCity(asker.visibility) ? { card: await renderCity(book, asker, `${notice}${refusalTexts.cityFollows}`) } : { text: notice };
  }
  return { card: await renderGroupSummary(book, found.group, null, more) };
}
