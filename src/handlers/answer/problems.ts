// Questions about the 问题台账 in chat: "待协调问题", "逾期问题", "用地问题", "江北区的问题", "安置房二期的问题" as a list,
// and "问题12" as that item's card — each person seeing the items of projects they may see, and those their unit
// leads or helps with.
import { commonTexts, exportTexts, listTexts } from '../../../cards/answer/texts';
import { exportValue, moreValue } from '../../../cards/answer/rows';
import { shanghaiDay } from '../../domain/calendar';
import { exportFileName, type ListSheet, listWorkbook } from './export';
import type { ListOptions } from './list';
import { type ListSection, renderListCard } from '../../../cards/answer/list';
import type { HeaderTemplate } from '../../../cards/elements';
import { PROBLEM_COLUMNS, listWords, problemRow, statusCounts } from '../../../cards/problem/list';
import { refusalTexts as R } from '../../../cards/problem/texts';
import { getProblem, listProblems, type ProblemItem } from '../../db/problems';
import { PROBLEM_STATUSES, WORKING_STATUSES } from '../../domain/problem-lifecycle';
import type { ProblemQuery } from '../../domain/problem-words';
import type { Intent } from '../../domain/question';
import type { Answer } from './reply';
import type { AnswerBook } from './book';
import type { Asker } from './asker';
import { groupOf } from './groups';
import { buildProblemCard, categoryText, mayViewProblem, rolesFor } from '../problem/view';

type ProblemsIntent = Extract<Intent, { kind: 'problems' }>;

export async function answerProblem(book: AnswerBook, asker: Asker, id: number, nonce: string): Promise<Answer> {
  const item = await getProblem(book.db, id);
  if (!item) return { text: `问题台账中没有编号为${id}的问题。可发送“待协调问题”查看问题清单。` };
  const roles = rolesFor(asker.actor, item);
  if (!mayViewProblem(roles, asker.visibility, item)) return { text: R.notViewer };
  return { card: await buildProblemCard(book.db, item, roles, book.now, { nonce }) };
}

function matches(q: ProblemQuery, i: ProblemItem): boolean {
  const state =
    q.state === 'open'
      ? i.status !== '已销号'
      : q.state === 'overdue'
        ? i.overdue && WORKING_STATUSES.includes(i.status)
        : q.state === 'escalated'
          ? i.escalationLevel > 0 && i.status !== '已销号'
          : q.state === 'closed'
            ? i.status === '已销号'
            : i.status === q.state;
  if (!state || (q.category !== null && i.category !== q.category)) return false;
  const text = `${i.description}${i.coordination ?? ''}`;
  return q.keyword === null || q.keyword.spellings.some((s) => text.includes(s));
}

const STATE_WORD: Record<string, string> = { overdue: '逾期', escalated: '上升协调', closed: '已销号' };

function what(q: ProblemQuery): string {
  const topic = q.keyword?.label ?? (q.category ? categoryText(q.category) : '');
  const state = q.state === 'open' ? (topic ? '' : '待协调') : (STATE_WORD[q.state] ?? q.state);
  return `${state}${topic}问题`;
}

/** Overdue first, then by deadline (none last), then oldest first. */
function byUrgency(a: ProblemItem, b: ProblemItem): number {
  return Number(b.overdue) - Number(a.overdue) || (a.deadline ?? '9').localeCompare(b.deadline ?? '9') || a.id - b.id;
}

/** The items in full for 导出Excel, an item a row. */
function problemSheet(items: ProblemItem[]): Pick<ListSheet, 'columns' | 'rows'> {
  return {
    columns: [
      { header: '编号', width: 6, kind: 'count' },
      { header: '项目编号', width: 14 },
      { header: '项目名称', width: 32 },
      { header: '所属县区', width: 10 },
      { header: '责任单位', width: 20 },
      { header: '类别', width: 10 },
      { header: '存在问题', width: 40 },
      { header: '需协调事项', width: 32 },
      { header: '牵头单位', width: 20 },
      { header: '办理期限', width: 12 },
      { header: '状态', width: 10 },
      { header: '逾期', width: 6 },
      { header: '督办', width: 10 },
      { header: '提出日期', width: 12 },
      { header: '销号日期', width: 12 },
    ],
    rows: items.map((i) => [
      i.id,
      i.projectCode,
      i.projectName,
      i.countyName,
      i.projectUnitName,
      categoryText(i.category),
      i.description,
      i.coordination ?? '',
      i.leadUnitName ?? '',
      i.deadline ?? '',
      i.status,
      i.status !== '已销号' && i.overdue ? '逾期' : '',
      i.status !== '已销号' && i.escalationLevel > 0 ? listWords.escalated(i.escalationLevel) : '',
      shanghaiDay(new Date(i.raisedAt)),
      i.closedAt ? shanghaiDay(new Date(i.closedAt)) : '',
    ]),
  };
}

export async function answerProblems(book: AnswerBook, asker: Asker, intent: ProblemsIntent, o: ListOptions = {}): Promise<Answer> {
  let label: string;
  let items: ProblemItem[];
  if (intent.projects) {
    const names = intent.projects.ids.map((id) => book.projectById.get(id)?.name).filter((n): n is string => !!n);
    label = names.length === 1 ? (names[0] ?? '') : `“${intent.projects.query}”相关项目`;
    items = await listProblems(book.db, { planYear: book.planYear, projectIds: intent.projects.ids });
  } else {
    const found = groupOf(book, intent.filter, asker);
    if (!found.ok) return { text: found.text };
    label = found.group.label;
    const all = Object.keys(intent.filter).length === 0;
    items = await listProblems(book.db, all ? { planYear: book.planYear } : { planYear: book.planYear, projectIds: found.group.projects.map((p) => p.id) });
    // A unit's problems are also those it leads, on other units' projects.
    if (intent.filter.unit !== undefined && Object.keys(intent.filter).length === 1) {
      const led = await listProblems(book.db, { planYear: book.planYear, leadUnitId: intent.filter.unit });
      items = [...new Map([...items, ...led].map((i) => [i.id, i])).values()];
    }
  }
  const visible = items.filter((i) => mayViewProblem(rolesFor(asker.actor, i), asker.visibility, i));
  const cut = visible.length < items.length;
  const q = intent.query;
  const both = intent.projects !== null && q.state === 'open';
  const chosen = visible.filter((i) => matches(both ? { ...q, state: 'open' } : q, i)).sort(byUrgency);
  const closed = both ? visible.filter((i) => matches({ ...q, state: 'closed' }, i)).sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? '')) : [];
  const title = `${label}${what(q)}`;
  const rows = (xs: ProblemItem[]) => xs.map((i) => problemRow({ ...i, category: categoryText(i.category) }));
  const sections: ListSection[] = [
    { head: both ? `**未销号**（${chosen.length}个）` : null, columns: PROBLEM_COLUMNS, rows: rows(chosen), empty: `暂无${what(q)}。` },
  ];
  if (both) sections.push({ head: `**已销号**（${closed.length}个）`, columns: PROBLEM_COLUMNS, rows: rows(closed), empty: '暂无已销号问题。' });
  const counts = statusCounts(chosen, PROBLEM_STATUSES);
  const overdue = chosen.filter((i) => i.overdue && WORKING_STATUSES.includes(i.status)).length;
  const escalated = chosen.filter((i) => i.escalationLevel >= 2 && i.status !== '已销号').length;
  const template: HeaderTemplate = q.state === 'overdue' ? 'red' : q.state === 'closed' ? 'green' : 'blue';
  const lines = [
    `${label}问题台账中${both ? '未销号' : ''}${what(q)}${chosen.length}个${counts ? `（${counts}）` : ''}`,
    chosen.length && q.state !== 'closed' ? `，其中逾期${overdue}个、上升协调${escalated}个。` : '。',
  ];
  if (o.export) {
    const data = await listWorkbook('问题台账', {
      title: `${title}（${book.planYear}年度，截至${book.askedAtText}）`,
      note: `${cut ? commonTexts.restrictedList : ''}${lines.join('')}${commonTexts.askedAt(book.askedAtText)}。`,
      ...problemSheet([...chosen, ...closed]),
    });
    return { text: exportTexts.sent(title, chosen.length + closed.length), file: { fileName: exportFileName(`${title}（${shanghaiDay(book.now)}）`), data } };
  }
  if (o.from && o.from >= chosen.length + closed.length) return { text: listTexts.noMore(chosen.length + closed.length) };
  const card = renderListCard({
    title,
    subtitle: `问题台账 · ${book.planYear}年度`,
    summary: `${title}：${chosen.length}个`,
    template,
    notice: cut ? commonTexts.restrictedList : null,
    lines,
    sections,
    footer: `${listWords.hint}${commonTexts.askedAt(book.askedAtText)}。`,
    paging: {
      from: o.from ?? 0,
      more: o.question ? moreValue(o.question, o.nonce ?? '') : null,
      exportValue: o.question ? exportValue(o.question, o.nonce ?? '') : null,
    },
  });
  return { card };
}
