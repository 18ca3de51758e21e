// A list answer (滞后项目, 红灯项目, 本周未报送, 停工项目, 待协调问题): a few lines, then one table per section.
import { card, hr, markdown, text, type Card, type CardElement, type HeaderTemplate } from '../elements';
import { type Cell, table, type TableColumn } from './common';
import { listTexts as T } from './texts';

export type ListSection = {
  /** Markdown heading of the section; null for none. */
  head: string | null;
  columns: TableColumn[];
  rows: Array<Record<string, Cell>>;
  /** Shown instead of the table when there are no rows. */
  empty: string;
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
};

/** At most this many rows a table (ten to a page), fewer when the card would near Feishu's 30 KB. */
export const LIST_MAX_ROWS = 50;
const BYTE_BUDGET = 28 * 1024;

function build(vm: ListVM, maxRows: number): Card {
  const elements: CardElement[] = [];
  if (vm.notice) elements.push(text(vm.notice, 'grey'));
  if (vm.lines.length) elements.push(text(vm.lines.join('')));
  for (const s of vm.sections.slice(0, 4)) {
    if (s.head) elements.push(markdown(s.head));
    if (s.rows.length === 0) elements.push(text(s.empty, 'grey'));
    else elements.push(table(s.columns, s.rows.slice(0, maxRows)));
    if (s.rows.length > maxRows) elements.push(text(T.cut(s.rows.length, maxRows), 'grey', 'notation'));
  }
  elements.push(hr(), text(vm.footer, 'grey', 'notation'));
  return card({ title: vm.title, subtitle: vm.subtitle, template: vm.template ?? 'blue', summary: vm.summary, elements });
}

export function renderListCard(vm: ListVM): Card {
  let max = LIST_MAX_ROWS;
  let built = build(vm, max);
  while (Buffer.byteLength(JSON.stringify(built), 'utf8') > BYTE_BUDGET && max > 5) {
    max = Math.floor(max * 0.7);
    built = build(vm, max);
  }
  return built;
}
