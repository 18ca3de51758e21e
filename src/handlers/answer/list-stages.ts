// The 新开工 / 未开工 / 竣工 / 计划竣工 lists of a group: which projects (src/domain/list-stages.ts), with each one's
// latest reported 项目状态 and its planned date, as far as the asker may see; one project a block, and the whole list
// for 导出Excel.
import type { ListVM } from '../../../cards/answer/list';
import { listTexts, listTitles, stageTexts as T } from '../../../cards/answer/texts';
import type { RegisterProject } from '../../db/register';
import { inStageList, isFinished, isStarted, type StageList } from '../../domain/list-stages';
import { type AnswerBook, rankedOf, shortWeekOf } from './book';
import type { ListSheet } from './export';

type Ctx = { book: AnswerBook; projects: RegisterProject[]; label: string };

/** 4月24日, with the year when it is not the plan year's (2027年3月1日); — when the register has none. */
const dateText = (d: string | null, year: number) =>
  d ? `${Number(d.slice(0, 4)) === year ? '' : `${d.slice(0, 4)}年`}${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '—';

export async function stageList(
  c: Ctx,
  list: StageList,
): Promise<Pick<ListVM, 'lines' | 'sections'> & { unit?: string; sheet: Pick<ListSheet, 'columns' | 'rows'> }> {
  const ranked = (await rankedOf(c.book, c.projects)).map((x) => ({
    p: x.p,
    status: x.standing.reported ? x.standing.status : null,
    week: x.r ? shortWeekOf(x.r.weekStart) : '—',
  }));
  const items = ranked.filter((x) => inStageList(list, x.p.nature, x.status)).sort((a, b) => a.p.code.localeCompare(b.p.code));
  const planned = list === 'new_start' || list === 'not_started' ? (p: RegisterProject) => p.plannedStart : (p: RegisterProject) => p.plannedEnd;
  const plannedTitle = list === 'new_start' || list === 'not_started' ? T.plannedStart : T.plannedEnd;
  const rows = items.map((x) => ({
    name: x.p.name,
    status: x.status ?? T.unreported,
    planned: dateText(planned(x.p), c.book.planYear),
    unit: `${x.p.unitName} · ${x.p.countyName}`,
  }));
  const what = listTitles[list];
  const count = (xs: typeof ranked, f: (s: string | null) => boolean) => xs.filter((x) => f(x.status)).length;
  const starts = ranked.filter((x) => inStageList('new_start', x.p.nature, x.status));
  const plannedEnds = ranked.filter((x) => inStageList('completion_planned', x.p.nature, x.status));
  const detail =
    list === 'new_start'
      ? T.starts(
          items.length,
          count(items, isStarted),
          count(items, (s) => s === '未开工'),
          count(items, (s) => s === null),
        )
      : list === 'not_started'
        ? T.notStarted(
            items.length,
            starts.length,
            count(items, (s) => s === null),
          )
        : list === 'completion_planned'
          ? T.completions(
              items.length,
              count(items, isFinished),
              count(items, (s) => s === null),
            )
          : T.finished(items.length, plannedEnds.length, count(plannedEnds, isFinished));
  return {
    lines: [T.basis(c.label, c.book.weekLabel, c.projects.length), detail],
    sections: [
      {
        head: null,
        // One project a block (readable at 360 px): its name, its status and planned date on a line, its unit.
        columns: [
          { name: 'name', title: listTexts.columns.name },
          { name: 'status', title: T.statusColumn },
          { name: 'planned', title: plannedTitle },
          { name: 'unit', title: listTexts.columns.unit, block: 'line' as const, label: '' },
        ],
        rows,
        empty: listTexts.empty(what),
      },
    ],
    sheet: {
      columns: [
        { header: '序号', width: 6, kind: 'count' },
        { header: '项目编号', width: 14 },
        { header: '项目名称', width: 36 },
        { header: '所属县区', width: 10 },
        { header: '责任单位', width: 22 },
        { header: '建设性质', width: 8 },
        { header: T.statusColumn, width: 10 },
        { header: plannedTitle, width: 12 },
        { header: '最新填报', width: 10 },
      ],
      rows: items.map((x, i) => [i + 1, x.p.code, x.p.name, x.p.countyName, x.p.unitName, x.p.nature, x.status ?? T.unreported, planned(x.p) ?? '', x.week]),
    },
  };
}
