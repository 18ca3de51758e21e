// Ledger items as rows of a list card (answers in chat, the weekly list to administrators): the list layout itself is
// the answers' (renderListCard), so every list the bot sends looks alike.
import { formatDay } from '../../src/domain/calendar';
import type { Cell, TableColumn } from '../answer/common';
import { clip } from '../elements';

export type ProblemRowFacts = {
  id: number;
  projectName: string;
  category: string;
  description: string;
  leadUnitName: string | null;
  deadline: string | null;
  status: string;
  overdue: boolean;
  escalationLevel: number;
};

/** An item a block: "问题12 · 项目名称", then its category, lead unit, deadline and status, then what the problem is. */
export const PROBLEM_COLUMNS: TableColumn[] = [
  { name: 'id', title: '编号', block: 'title' },
  { name: 'name', title: '项目名称', block: 'title' },
  { name: 'category', title: '类别', label: '' },
  { name: 'text', title: '问题', block: 'line', label: '' },
  { name: 'lead', title: '牵头单位' },
  { name: 'deadline', title: '办理期限' },
  { name: 'state', title: '状态', kind: 'options' },
];

export const listWords = {
  overdue: '逾期',
  escalated: (level: number) => (level >= 2 ? '上升协调' : '已督办'),
  none: '—',
  hint: '发送“问题”加编号（如“问题12”）可查看该问题的详情和办理记录，并在卡片中办理。',
};

/** The status as coloured tags: the status itself, then 逾期 and 上升协调 while the item is open. */
function stateCell(r: ProblemRowFacts): Cell {
  const out: Array<{ text: string; color: 'neutral' | 'blue' | 'orange' | 'green' | 'red' | 'carmine' }> = [
    { text: r.status, color: r.status === '已销号' ? 'green' : r.status === '申请销号' ? 'orange' : r.status === '待梳理' ? 'neutral' : 'blue' },
  ];
  if (r.status !== '已销号' && r.overdue) out.push({ text: listWords.overdue, color: 'red' });
  if (r.status !== '已销号' && r.escalationLevel > 0) out.push({ text: listWords.escalated(r.escalationLevel), color: 'carmine' });
  return out;
}

export function problemRow(r: ProblemRowFacts): Record<string, Cell> {
  return {
    id: `问题${r.id}`,
    name: r.projectName,
    category: r.category,
    text: clip(r.description, 60),
    lead: r.leadUnitName ?? listWords.none,
    deadline: r.deadline ? formatDay(r.deadline) : listWords.none,
    state: stateCell(r),
  };
}

/** "待梳理1个、已交办0个、办理中2个、申请销号0个" for the statuses that occur, in lifecycle order. */
export function statusCounts(items: ReadonlyArray<{ status: string }>, order: readonly string[]): string {
  return order
    .map((s) => [s, items.filter((i) => i.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s}${n}个`)
    .join('、');
}
