// A list answer (滞后项目, 红灯项目, 本周未报送, 停工项目, 待协调问题): a few lines, then the items a page at a time,
// one item a block (its name on its own line, then its figures: readable at 360 px), with 更多 for the next page and
// 导出Excel for the whole list.
import { card, hr, markdown, text, type Card, type CardElement, type HeaderTemplate } from '../elements';
import type { Cell, TableColumn } from './common';
import { blockMarkdown, cellMarkdown, listButtons } from './rows';
import { listTexts as T } from './texts';

export type ListSection = {
  /** Markdown heading of the section; null for none. */
  head: string | null;
  columns: TableColumn[];
  rows: Array<Record<string, Cell>>;
  /** Shown instead of the items when there are none. */
  empty: string;
};

export type ListPaging = {
  /** The first item shown (0-based) across all sections. */
  from: number;
  /** What the items are counted in: "个", "个责任单位". */
  unit?: string;
  /** The 更多 button's callback value (without `from`, which the card adds); null: no button. */
  more?: Record<string, unknown> | null;
  /** The 导出Excel button's callback value; null: no button. */
  exportValue?: Record<string, unknown> | null;
};

export type ListVM = {
  title: string;
  subtitle: string;
  summary: string;
  template?: HeaderTemplate;
  notice?: string | null;
  /** Plain sentences (counts, the week, what was left out). */
  lines: string[];
  sections: ListSection[];
  footer: string;
  paging?: ListPaging;
};

/** Items a page. */
export const LIST_PAGE_SIZE = 20;
const BYTE_BUDGET = 28 * 1024;

function role(c: TableColumn, i: number): NonNullable<TableColumn['block']> {
  return c.block ?? (i === 0 ? 'title' : 'inline');
}

const isEmpty = (v: Cell | undefined) => v === undefined || v === '' || v === '—' || (Array.isArray(v) && v.length === 0);

/** One row as a block: the title columns in bold, the inline ones on one line, the others a line each. */
export function rowBlock(columns: readonly TableColumn[], row: Record<string, Cell>, index?: number): string {
  const title = columns
    .filter((c, i) => role(c, i) === 'title')
    .map((c) => row[c.name])
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .join(' · ');
  const inline: string[] = [];
  const lines: string[] = [];
  columns.forEach((c, i) => {
    const v = row[c.name];
    const r = role(c, i);
    if (r === 'title' || r === 'hidden' || isEmpty(v) || v === undefined) return;
    const label = c.label ?? (typeof v === 'string' ? `${c.title}：` : '');
    const md = c.kind === 'lark_md' && typeof v === 'string' ? v : cellMarkdown(v);
    if (r === 'inline') inline.push(`${label}${md}`);
    else if (r === 'line') lines.push(`${label}${md}`);
    else if (typeof v === 'string') lines.push(...v.split('\n').map((l) => cellMarkdown(l)));
  });
  return blockMarkdown(title, [inline.join('　'), ...lines], index);
}

/** Without paging (a list sent by a job, with no one to click 更多): each section up to this many items. */
export const LIST_MAX_ROWS = 50;

function build(vm: ListVM, from: number, size: number): Card {
  const elements: CardElement[] = [];
  const paging = vm.paging;
  const total = vm.sections.reduce((s, x) => s + x.rows.length, 0);
  const to = paging ? Math.min(total, from + size) : total;
  if (vm.notice) elements.push(text(vm.notice, 'grey'));
  const lines = [...vm.lines];
  if (paging && total > to - from) lines.push(T.page(total, from + 1, to, paging.unit ?? '个'));
  if (lines.length) elements.push(text(lines.join('')));
  let at = 0;
  for (const s of vm.sections.slice(0, 4)) {
    const start = at;
    at += s.rows.length;
    if (s.rows.length === 0) {
      if (from === 0) {
        if (s.head) elements.push(markdown(s.head));
        elements.push(text(s.empty, 'grey'));
      }
      continue;
    }
    // Paged: the items of this page across the sections; otherwise each section's first `size`.
    const lo = paging ? Math.max(from, start) : start;
    const hi = paging ? Math.min(to, at) : Math.min(at, start + size);
    if (lo >= hi) continue;
    if (s.head) elements.push(markdown(lo > start ? `${s.head}${T.continued}` : s.head));
    for (let g = lo; g < hi; g++) {
      const row = s.rows[g - start];
      if (row) elements.push(markdown(rowBlock(s.columns, row, g - (paging ? 0 : start) + 1)));
    }
    if (!paging && s.rows.length > size) elements.push(text(T.cut(s.rows.length, size), 'grey', 'notation'));
  }
  const more = paging?.more && to < total ? { label: T.more, value: { ...paging.more, from: to } } : null;
  const buttons = listButtons(more, total > 0 ? (paging?.exportValue ?? null) : null);
  if (buttons) elements.push(buttons);
  elements.push(hr(), text(vm.footer, 'grey', 'notation'));
  return card({ title: vm.title, subtitle: vm.subtitle, template: vm.template ?? 'blue', summary: vm.summary, elements });
}

/** The page of the list from `paging.from` (without paging, each section's first items), fewer near Feishu's 30 KB. */
export function renderListCard(vm: ListVM): Card {
  const from = Math.max(0, vm.paging?.from ?? 0);
  let size = vm.paging ? LIST_PAGE_SIZE : LIST_MAX_ROWS;
  let built = build(vm, from, size);
  while (Buffer.byteLength(JSON.stringify(built), 'utf8') > BYTE_BUDGET && size > 5) {
    size = Math.floor(size * 0.7);
    built = build(vm, from, size);
  }
  return built;
}
