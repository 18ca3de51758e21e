// The weekly round's list card: one unit's projects for the week, 待填 / 已填 / 逾期, each form one tap away, paged.
import { button, card, clip, columns, escapeMd, hr, markdown, text, type Card, type CardElement } from '../elements';
import { listTexts as T } from '../texts';

export type ProjectRowState = 'todo' | 'done' | 'late';

export type ProjectListVM = {
  periodId: number;
  /** e.g. '第48周（11月23日—11月29日）' */
  weekLabel: string;
  unitName: string;
  deadlineText: string;
  /**
   * In the order to show them (kept as given, so a project stays on its page while the week's rows get filled).
   * 'late' is a project not reported by the deadline: it is counted as not filled and offered for 补报.
   */
  rows: Array<{ projectId: number; code: string; name: string; state: ProjectRowState; filled?: { by: string | null; at: string; late: boolean } }>;
  /** 0-based; a page past the end shows the last page. */
  page: number;
  pageSize?: number;
  /** A line above the list, e.g. what was just saved. */
  notice?: string;
  /** Added to the paging buttons' value when given, so the list can be rebuilt for the right unit. */
  unitId?: number;
  /** Added to every button's value when given: makes a click on a re-rendered card differ from an earlier one. */
  nonce?: string;
};

/**
 * Rows per page. Each row costs 5 components and at most about 1.2 KB (an 80-character name is shown in full, a
 * longer one is cut), so 10 rows stay near 60 components and 15 KB, well within 200 components and 30 KB.
 */
export const LIST_PAGE_SIZE = 10;
export const LIST_MAX_PAGE_SIZE = 20;
const NAME_MAX = 80;

export function listPageCount(rows: number, pageSize = LIST_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(rows / clampSize(pageSize)));
}

function clampSize(n: number): number {
  return Number.isInteger(n) && n >= 1 ? Math.min(n, LIST_MAX_PAGE_SIZE) : LIST_PAGE_SIZE;
}

function withNonce(value: Record<string, unknown>, nonce: string | undefined): Record<string, unknown> {
  return nonce === undefined ? value : { ...value, nonce };
}

function rowElement(vm: ProjectListVM, r: ProjectListVM['rows'][number], page: number): CardElement {
  const filled = r.state === 'done' && r.filled ? ` ${escapeMd(T.filledBy(r.filled.by, r.filled.at, r.filled.late))}` : '';
  const label = `**${escapeMd(r.code)}** ${escapeMd(clip(r.name, NAME_MAX))}\n${T.state[r.state]}${filled}`;
  const value = withNonce({ kind: 'round_form', periodId: vm.periodId, projectId: r.projectId, page }, vm.nonce);
  const type = r.state === 'done' ? 'default' : r.state === 'late' ? 'danger' : 'primary';
  return columns([{ elements: [markdown(label)], weight: 4 }, { elements: [button(T.action[r.state], value, { type, size: 'small' })] }]);
}

function pager(vm: ProjectListVM, page: number, pages: number): CardElement {
  const value = (p: number) =>
    withNonce({ kind: 'round_list', periodId: vm.periodId, page: p, ...(vm.unitId === undefined ? {} : { unitId: vm.unitId }) }, vm.nonce);
  const cols = [];
  if (page > 0) cols.push({ elements: [button(T.prev, value(page - 1), { size: 'small' })] });
  cols.push({ elements: [markdown(T.page(page + 1, pages), 'notation')], weight: 1 });
  if (page < pages - 1) cols.push({ elements: [button(T.next, value(page + 1), { size: 'small' })] });
  return columns(cols);
}

export function renderProjectListCard(vm: ProjectListVM): Card {
  const size = clampSize(vm.pageSize ?? LIST_PAGE_SIZE);
  const total = vm.rows.length;
  const done = vm.rows.filter((r) => r.state === 'done').length;
  const overdue = vm.rows.filter((r) => r.state === 'late').length;
  const pages = listPageCount(total, size);
  const page = Math.min(Math.max(0, Math.trunc(vm.page) || 0), pages - 1);

  const elements: CardElement[] = [];
  if (vm.notice) elements.push(text(vm.notice));
  const status = [T.counts(done, total), ...(overdue ? [T.overdue(overdue)] : [])].join('　');
  elements.push(markdown(`${T.deadline(escapeMd(vm.deadlineText))}\n${status}`));
  if (total === 0) {
    elements.push(text(T.empty, 'grey'));
  } else {
    if (done === total) elements.push(text(T.allDone, 'grey', 'notation'));
    elements.push(hr());
    for (const r of vm.rows.slice(page * size, page * size + size)) elements.push(rowElement(vm, r, page));
    elements.push(hr());
    if (pages > 1) elements.push(pager(vm, page, pages));
    elements.push(text(T.hint, 'grey', 'notation'));
  }
  const template = total > 0 && done === total ? 'green' : overdue > 0 ? 'orange' : 'blue';
  return card({
    title: T.title,
    subtitle: T.subtitle(vm.unitName, vm.weekLabel),
    template,
    summary: T.summary(vm.weekLabel, done, total),
    elements,
  });
}
