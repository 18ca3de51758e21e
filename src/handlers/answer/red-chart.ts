// 挂图作战 for a county or the city: the red projects of a group, for the summary answers (江北区进度, 全市进度) and on a
// card of its own (「江北区挂图」「全市红灯项目图」).
import { type RedChartItem, type RedChartVM, renderRedChartCard } from '../../../cards/answer/red-chart';
import { commonTexts, projectTexts, refusalTexts } from '../../../cards/answer/texts';
import { texts } from '../texts';
import { maySeeCity, maySeeGroup, maySeeProject } from '../../domain/question-access';
import type { Filter } from '../../domain/question';
import { lightOf } from '../../domain/standing';
import { type AnswerBook, rankedOf } from './book';
import type { Ranked } from './book-cache';
import type { Asker } from './asker';
import { groupOf } from './groups';

/** The red projects among `items` (worst first, as the answers order them), with what the chart and its list show. */
export function redItemsOf(items: readonly Ranked[]): RedChartItem[] {
  return items.flatMap((x) => {
    const s = x.standing;
    if (!s.reported || lightOf(s) !== 'red') return [];
    const late = s.assessment.lateStart ? [projectTexts.lateStart(s.assessment.lateStart.monthsLate)] : [];
    return [
      {
        code: x.p.code,
        name: x.p.name,
        countyName: x.p.countyName,
        rate: s.rate,
        timeProgress: s.timeProgress.percent,
        own: s.timeProgress.source === 'own',
        gap: s.gap,
        why: [...s.assessment.labels, ...late],
      },
    ];
  });
}

export function redChartOf(label: string, items: readonly Ranked[], restricted = false): RedChartVM {
  return { label, items: redItemsOf(items), ...(restricted ? { restricted } : {}) };
}

type RedChartOutcome = { card: ReturnType<typeof renderRedChartCard> } | { text: string };

function cardOf(book: AnswerBook, vm: RedChartVM, notice: string | null = null) {
  return renderRedChartCard({
    ...vm,
    weekLabel: book.weekLabel,
    asOfText: book.asOfText,
    basis: book.measure.timeProgress.basis,
    askedAtText: book.askedAtText,
    notice,
  });
}

/** The city's red projects as far as the asker may see them (a reporter their own unit's). */
async function cityChart(book: AnswerBook, asker: Asker, notice: string | null): Promise<RedChartOutcome> {
  const items = await rankedOf(book, book.register.projects);
  const visible = items.filter((x) => maySeeProject(asker.visibility, x.p));
  const cut = visible.length < items.length;
  const note = [notice, cut ? commonTexts.restrictedList : null].filter(Boolean).join('\n');
  return { card: cardOf(book, redChartOf('全市', visible, cut), note || null) };
}

/** 「江北区挂图」「全市红灯项目图」「挂图作战」: a county's (or any group's) red projects, or the city's. */
export async function answerRedChart(book: AnswerBook, asker: Asker, filter: Filter): Promise<RedChartOutcome> {
  if (Object.keys(filter).length === 0) return maySeeCity(asker.visibility) ? cityChart(book, asker, null) : { text: texts.noCityAccess };
  const found = groupOf(book, filter, asker);
  if (!found.ok) return { text: found.text };
  if (!maySeeGroup(asker.visibility, found.group.projects)) {
    const notice = refusalTexts.group(found.group.label);
    return maySeeCity(asker.visibility) ? cityChart(book, asker, `${notice}${refusalTexts.cityFollows}`) : { text: notice };
  }
  return { card: cardOf(book, redChartOf(found.group.label, await rankedOf(book, found.group.projects))) };
}
