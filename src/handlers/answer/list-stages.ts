// The 新开工 / 竣工 / 计划竣工 lists of a group: which projects (src/domain/list-stages.ts), with each one's latest
// reported 项目状态 and its planned date, as far as the asker may see.
import type { ListVM } from '../../../cards/answer/list';
import { listTitles, stageTexts as T, listTexts } from '../../../cards/answer/texts';
import type { RegisterProject } from '../../db/register';
import { inStageList, isFinished, isStarted, type StageList } from '../../domain/list-stages';
import { type AnswerBook, rankedOf, shortWeekOf } from './book';

type Ctx = { book: AnswerBook; projects: RegisterProject[]; label: string };

/** 4月24日, with the year when it is not the plan year's (2027年3月1日); — when the register has none. */
const dateText = (d: string | null, year: number) =>
  d ? `${Number(d.slice(0, 4)) === year ? '' : `${d.slice(0, 4)}年`}${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '—';

export async function stageList(c: Ctx, list: StageList): Promise<Pick<ListVM, 'lines' | 'sections'>> {
  const ranked = await rankedOf(c.book, c.projects);
  const items = ranked
    .map((x) => ({ p: x.p, status: x.standing.reported ? x.standing.status : null, week: x.r ? shortWeekOf(x.r.weekStart) : '—' }))
    .filter((x) => inStageList(list, x.p.nature, x.status))
    .sort((a, b) => a.p.code.localeCompare(b.p.code));
  const planned = list === 'new_start' ? (p: RegisterProject) => p.plannedStart : (p: RegisterProject) => p.plannedEnd;
  const rows = items.map((x) => ({
    name: x.p.name,
    status: x.status ?? T.unreported,
    planned: dateText(planned(x.p), c.book.planYear),
    unit: x.p.unitName,
  }));
  const what = listTitles[list];
  const count = (f: (s: string | null) => boolean) => items.filter((x) => f(x.status)).length;
  const detail =
    list === 'new_start'
      ? T.starts(
          items.length,
          count(isStarted),
          count((s) => s === '未开工'),
          count((s) => s === null),
        )
      : list === 'completion_planned'
        ? T.completions(
            items.length,
            count(isFinished),
            count((s) => s === null),
          )
        : T.finished(items.length, items.filter((x) => x.p.nature === '竣工').length);
  return {
    lines: [T.basis(c.label, c.book.weekLabel, c.projects.length), detail],
    sections: [
      {
        head: null,
        columns: [
          { name: 'name', title: listTexts.columns.name },
          { name: 'status', title: T.statusColumn },
          { name: 'planned', title: list === 'new_start' ? T.plannedStart : T.plannedEnd },
          { name: 'unit', title: listTexts.columns.unit },
        ],
        rows,
        empty: listTexts.empty(what),
      },
    ],
  };
}
