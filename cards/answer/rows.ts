// Phone width (360 px): every answer card reads on a phone between meetings. A table has at most three narrow columns
// whose cells wrap (Feishu cuts a cell that does not fit with "…", and a wider table scrolls, so that only its first
// column shows); anything wider is a list of blocks, one item a block: its name on its own line, then its figures.
import { formatGap, formatRate } from '../../src/domain/progress';
import type { Standing } from '../../src/domain/standing';
import { button, columns, escapeMd, markdown, type CardElement } from '../elements';
import { type Cell, lightTag, OWN_CURVE_MARK, type TableColumn } from './common';
import { NO_DATA } from './texts';

/** At most this many columns a table: more do not fit 360 px. */
export const PHONE_MAX_COLUMNS = 3;

/** A narrow table's column: its width as a share of the card's (the first column takes what the others leave). */
export type NarrowColumn = TableColumn & { percent?: number };

/**
 * A table of at most three columns whose rows grow to show every cell in full (row_height auto): the first column
 * (a name) takes what the others leave; the others are narrow (their share, 28% unless told).
 */
export function narrowTable(cols: NarrowColumn[], rows: Array<Record<string, Cell>>, pageSize = 10): CardElement {
  if (cols.length > PHONE_MAX_COLUMNS) throw new Error(`a table at phone width has at most ${PHONE_MAX_COLUMNS} columns, not ${cols.length}`);
  const rest = cols.slice(1).reduce((s, c) => s + (c.percent ?? 28), 0);
  return {
    tag: 'table',
    page_size: Math.max(1, Math.min(10, pageSize)),
    row_height: 'auto',
    row_max_height: '124px',
    header_style: { text_align: 'left', text_size: 'normal', background_style: 'grey', text_color: 'default', bold: true, lines: 2 },
    columns: cols.map((c, i) => ({
      name: c.name,
      display_name: c.title,
      data_type: c.kind ?? 'text',
      horizontal_align: 'left',
      width: `${i === 0 ? 100 - rest : (c.percent ?? 28)}%`,
    })),
    rows,
  };
}

/** One item of a list as markdown: the name in bold on its own line, then each line of figures (already markdown). */
export function blockMarkdown(title: string, lines: readonly string[], index?: number): string {
  const head = `**${index === undefined ? '' : `${index}. `}${escapeMd(title)}**`;
  return [head, ...lines.filter((l) => l !== '')].join('\n');
}

export function block(title: string, lines: readonly string[], index?: number): CardElement {
  return markdown(blockMarkdown(title, lines, index));
}

/** A cell as markdown: text escaped, options as coloured tags. */
export function cellMarkdown(c: Cell): string {
  if (typeof c === 'string') return escapeMd(c);
  return c.map((o) => `<text_tag color='${o.color}'>${escapeMd(o.text)}</text_tag>`).join(' ');
}

/** A project's figures in one line of words: "完成率32.5%，低于序时进度12.3个百分点 [红灯]" (暂无填报 without a report). */
export function standingLine(s: Standing): string {
  if (!s.reported) return NO_DATA;
  const own = s.timeProgress.source === 'own' ? OWN_CURVE_MARK : '';
  const late = s.assessment.lateStart ? '（开工滞后）' : '';
  const rate = s.rate === null ? '未下达年度计划投资' : `完成率${formatRate(s.rate)}，${formatGap(s.gap)}${own}${late}`;
  return `${escapeMd(rate)} ${lightTag(s.assessment.light)}`;
}

/** The buttons under a paged list: 更多 (the next page) and 导出Excel (the whole list as a file). */
export function listButtons(more: { label: string; value: Record<string, unknown> } | null, exportValue: Record<string, unknown> | null): CardElement | null {
  const cols = [];
  if (more) cols.push({ elements: [{ ...button(more.label, more.value, { type: 'primary' }), width: 'fill' }], weight: 1 });
  if (exportValue) cols.push({ elements: [{ ...button('导出Excel', exportValue), width: 'fill' }], weight: 1 });
  return cols.length ? columns(cols) : null;
}

/**
 * The callback values of a list's buttons: the question as asked, asked again on the click under the clicker's
 * rights (the value says what to read, never who may read it). `from` is added by the list card.
 */
export const moreValue = (question: string, nonce: string): Record<string, unknown> => ({ kind: 'answer_more', q: question, nonce });
export const exportValue = (question: string, nonce: string): Record<string, unknown> => ({ kind: 'answer_export', q: question, nonce });
