// The bulletin's and the analyses' tables at phone width (360 px), the way the answer cards do it (cards/answer/rows.ts):
// a table of at most three narrow columns (the name, with its other figures in grey under it | 完成率 | 与序时差), and
// anything wider as a list, one item a block: its name on its own line, then its figures. Every figure the wide table
// had is still there; only where it stands changed. The .xlsx 附表 and the .docx keep their full tables.
import { escapeMd, markdown, type CardElement } from '../elements';
import type { Cell } from '../answer/common';
import { blockMarkdown, type NarrowColumn, narrowTable } from '../answer/rows';

/** Items a markdown element of a list (a few elements a block keep the component count low). */
const ITEMS_PER_MARKDOWN = 10;

/** The first cell of a narrow table: the name in bold, the figures that have no column of their own in grey under it. */
export function nameCell(name: string, facts: string): string {
  return `**${escapeMd(name)}**\n<font color='grey'>${escapeMd(facts)}</font>`;
}

/** The three narrow columns of a ranking: the name with its figures under it, 完成率, 与序时差. */
export function rankingColumns(first: string, rate: string, gap: string): NarrowColumn[] {
  return [
    { name: 'name', title: first, kind: 'lark_md' },
    { name: 'rate', title: rate, percent: 24 },
    { name: 'gap', title: gap, percent: 30 },
  ];
}

/** A chunk of rows as a narrow table (at most three columns). */
export const narrowChunk =
  (cols: NarrowColumn[]) =>
  (rows: Array<Record<string, Cell>>): CardElement[] => [narrowTable(cols, rows, 10)];

/** One item of a list: `title` in bold on its own line, then its lines of figures (markdown, already escaped). */
export type ListItem = { title: string; lines: string[]; index?: number };

/** A chunk of items as list blocks: a markdown element for every few items, a blank line between items. */
export function listChunk(items: ListItem[]): CardElement[] {
  const out: CardElement[] = [];
  for (let i = 0; i < items.length; i += ITEMS_PER_MARKDOWN)
    out.push(
      markdown(
        items
          .slice(i, i + ITEMS_PER_MARKDOWN)
          .map((it) => blockMarkdown(it.title, it.lines, it.index))
          .join('\n\n'),
      ),
    );
  return out;
}

/** Markdown text of a figure or a name from the register (escaped). */
export const md = (s: string) => escapeMd(s);
