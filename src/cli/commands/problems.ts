// `diaodu problems list [--status …] [--county …] [--category …] [--unit …]` and `diaodu problems show ID`: the 问题台账
// from the terminal — the same items and history the cards show.
import { listWords } from '../../../cards/problem/list';
import type { Db } from '../../db/connect';
import { counties as listCounties } from '../../db/people';
import { getProblem, listProblems, type ProblemFilter, type ProblemItem, problemEvents, problemWeeks, unitNames } from '../../db/problems';
import { loadSettings } from '../../db/settings';
import { formatBeijing, formatDay, shanghaiDay, workCalendarOf } from '../../domain/calendar';
import { PROBLEM_CATEGORIES } from '../../domain/problem-categories';
import { isProblemStatus, PROBLEM_STATUSES, WORKING_STATUSES } from '../../domain/problem-lifecycle';
import { categoryText, dueText, eventLine } from '../../handlers/problem/view';
import { isoWeekOf } from '../../handlers/round/plan';
import { weekText } from '../../handlers/round/texts';
import type { Command } from '../command';

const STATUS_HELP = `未销号（默认）、全部、${PROBLEM_STATUSES.join('、')}、逾期、上升协调`;

type StatusPick = { filter: ProblemFilter; keep: (i: ProblemItem) => boolean; label: string };

function byStatus(s: string): StatusPick | null {
  const all = { filter: {}, keep: () => true };
  if (s === '' || s === '未销号') return { ...all, keep: (i) => i.status !== '已销号', label: '未销号' };
  if (s === '全部') return { ...all, label: '全部' };
  if (s === '逾期') return { filter: { statuses: WORKING_STATUSES, overdue: true }, keep: () => true, label: '逾期' };
  if (s === '上升协调') return { filter: { escalated: true }, keep: (i) => i.status !== '已销号', label: '上升协调' };
  return isProblemStatus(s) ? { filter: { statuses: [s] }, keep: () => true, label: s } : null;
}

function itemLines(i: ProblemItem, today: string, cal: ReturnType<typeof workCalendarOf>): string[] {
  const side = [
    i.overdue && WORKING_STATUSES.includes(i.status) ? '逾期' : '',
    i.escalationLevel > 0 && i.status !== '已销号' ? listWords.escalated(i.escalationLevel) : '',
  ].filter(Boolean);
  const due = i.deadline ? `期限 ${formatDay(i.deadline)}${i.status === '已销号' ? '' : `（${dueText(i.deadline, today, cal)}）`}` : '未交办';
  return [
    `  编号 ${i.id}  【${categoryText(i.category)}】${i.projectName}（${i.countyName}）：${i.description}`,
    `         ${[i.status, ...side].join(' · ')} · 牵头 ${i.leadUnitName ?? '—'} · ${due} · 提出 ${formatDay(shanghaiDay(new Date(i.raisedAt)))}`,
  ];
}

export const problemsListCommand: Command = {
  name: 'problems list',
  summary: '列出问题台账（可按状态、县区、类别、牵头单位筛选）',
  help: `用法：diaodu problems list [--status 状态] [--county 县区] [--category 类别] [--unit 牵头单位]

列出问题台账中的问题：编号、类别、项目、问题描述、状态（含逾期、上升协调）、牵头单位、办理期限。
  --status    ${STATUS_HELP}
  --county    所属县区名称，如 江北区
  --category  问题类别：${PROBLEM_CATEGORIES.map((c) => c.label).join('、')}
  --unit      牵头单位名称，如 市自然资源和规划局
示例：diaodu problems list --status 逾期 --county 青河县`,
  options: { status: { type: 'string' }, county: { type: 'string' }, category: { type: 'string' }, unit: { type: 'string' } },
  async run(ctx, { values }) {
    const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string).trim() : '');
    const pick = byStatus(str('status'));
    if (!pick) {
      ctx.io.err(`状态“${str('status')}”无效，可用：${STATUS_HELP}`);
      return 2;
    }
    const filter: ProblemFilter = { ...pick.filter };
    const { db } = await ctx.openDb();
    const refused = await narrow(db, filter, { county: str('county'), category: str('category'), unit: str('unit') });
    if (refused) {
      ctx.io.err(refused);
      return 1;
    }
    const items = (await listProblems(db, filter)).filter(pick.keep);
    const { settings } = await loadSettings(db);
    const cal = workCalendarOf(settings);
    const today = shanghaiDay(ctx.clock.now());
    const counts = PROBLEM_STATUSES.map((s) => `${s} ${items.filter((i) => i.status === s).length}`).join('、');
    const overdue = items.filter((i) => i.overdue && WORKING_STATUSES.includes(i.status)).length;
    ctx.io.out(`问题台账（${pick.label}）：共 ${items.length} 个（${counts}），其中逾期 ${overdue} 个`);
    for (const i of items) for (const line of itemLines(i, today, cal)) ctx.io.out(line);
    return 0;
  },
};

/** Adds the named county, category and lead unit to the filter; the reason when a name is not known. */
async function narrow(db: Db, filter: ProblemFilter, names: { county: string; category: string; unit: string }): Promise<string | null> {
  if (names.county) {
    const counties = await listCounties(db);
    const hit = counties.find((c) => c.name === names.county) ?? counties.find((c) => c.name.startsWith(names.county));
    if (!hit) return `没有名为“${names.county}”的县区；可用：${counties.map((c) => c.name).join('、')}`;
    filter.countyIds = [hit.id];
  }
  if (names.category) {
    const hit = PROBLEM_CATEGORIES.find((c) => c.label === names.category || c.id === names.category);
    if (!hit) return `问题类别“${names.category}”无效；可用：${PROBLEM_CATEGORIES.map((c) => c.label).join('、')}`;
    filter.categories = [hit.id];
  }
  if (names.unit) {
    const units = await unitNames(db);
    const hit = [...units].find(([, n]) => n === names.unit);
    if (!hit) return `没有名为“${names.unit}”的单位`;
    filter.leadUnitId = hit[0];
  }
  return null;
}

export const problemsShowCommand: Command = {
  name: 'problems show',
  summary: '查看一个问题的详情和全部办理记录（谁、何时、为何）',
  help: `用法：diaodu problems show 编号

显示问题的项目、描述、需协调事项、提出人和填报周次、牵头与配合单位、办理期限，以及全部办理记录：
每一次交办、进展、申请销号、退回、销号、逾期和督办，谁在何时做了什么、理由是什么。
示例：diaodu problems show 12`,
  async run(ctx, { positionals }) {
    const id = Number(positionals[0]);
    if (!Number.isSafeInteger(id) || id <= 0) {
      ctx.io.err(`请给出问题编号（正整数）。\n\n${problemsShowCommand.help}`);
      return 2;
    }
    const { db } = await ctx.openDb();
    const item = await getProblem(db, id);
    if (!item) {
      ctx.io.err(`问题台账中没有编号为 ${id} 的问题`);
      return 1;
    }
    const { settings } = await loadSettings(db);
    const today = shanghaiDay(ctx.clock.now());
    const units = await unitNames(db);
    const weeks = (await problemWeeks(db, id)).map((w) => weekText(isoWeekOf(w.weekStart), w.weekStart).replace(/（.*$/u, ''));
    const side = [
      item.overdue && WORKING_STATUSES.includes(item.status) ? '逾期' : '',
      item.escalationLevel > 0 ? `${listWords.escalated(item.escalationLevel)}（${item.escalatedOn ?? ''}）` : '',
    ].filter(Boolean);
    const out = [
      `问题编号 ${item.id} · ${categoryText(item.category)} · ${[item.status, ...side].join(' · ')}`,
      `项目：${item.projectName}（${item.projectCode} · ${item.countyName} · 责任单位 ${item.projectUnitName} · 包联领导 ${item.leaderName ?? '未明确'}）`,
      `问题描述：${item.description}`,
      ...(item.coordination ? [`需协调事项：${item.coordination}`] : []),
      `提出：${item.raisedByName ?? '—'} ${formatBeijing(new Date(item.raisedAt))} 填报；填报周次：${weeks.join('、') || '—'}`,
      item.leadUnitName
        ? `牵头单位：${item.leadUnitName}；配合单位：${
            item.helperUnitIds
              .map((u) => units.get(u))
              .filter(Boolean)
              .join('、') || '无'
          }；办理期限：${item.deadline ? `${formatDay(item.deadline)}（${dueText(item.deadline, today, workCalendarOf(settings))}）` : '—'}`
        : '尚未交办',
      ...(item.closedAt ? [`销号时间：${formatBeijing(new Date(item.closedAt))}`] : []),
      '办理记录：',
      ...(await problemEvents(db, id)).map((e) => {
        const l = eventLine(e);
        const move = e.toStatus && e.toStatus !== e.fromStatus ? `  [${e.fromStatus ?? '—'} → ${e.toStatus}]` : '';
        return `  ${l.atText}  ${l.who}：${l.what}${move}`;
      }),
    ];
    for (const line of out) ctx.io.out(line);
    return 0;
  },
};
