// Pieces the answer cards share: the light as a tag and a header colour, a table of rows, a row for a project.
import { formatGapPoints, formatLight, formatRate, type Light } from '../../src/domain/progress';
import type { Standing } from '../../src/domain/standing';
import type { CardElement, HeaderTemplate, TagColor } from '../elements';
import { NO_DATA } from './texts';

export const LIGHT_TEMPLATE: Record<Light, HeaderTemplate> = { green: 'green', yellow: 'yellow', red: 'red' };
export const LIGHT_COLOR: Record<Light, TagColor> = { green: 'green', yellow: 'yellow', red: 'red' };

/** The light for markdown: a coloured tag saying 红灯/黄灯/绿灯 in words. */
export function lightTag(light: Light | null): string {
  return light === null ? formatLight(null) : `<text_tag color='${LIGHT_COLOR[light]}'>${formatLight(light)}</text_tag>`;
}

export type Cell = string | Array<{ text: string; color: TagColor }>;
/**
 * A column of rows. `block` says where its cell goes when the rows are shown as a list of blocks (phone width):
 * 'title' the bold first line, 'inline' joined on one line of figures (after `label`, default the title), 'line' a
 * line of its own, 'lines' one line per line of the cell (one name a row), 'hidden' left out. Unset: the first
 * column is the title, the others inline.
 */
export type TableColumn = {
  name: string;
  title: string;
  kind?: 'text' | 'options' | 'lark_md';
  block?: 'title' | 'inline' | 'line' | 'lines' | 'hidden';
  label?: string;
};

/**
 * A table component (root only, at most five a card). Cells are preformatted text, so numbers show exactly as the
 * bulletin words them; a light is an `options` cell, coloured.
 */
export function table(columns: TableColumn[], rows: Array<Record<string, Cell>>, pageSize = 10): CardElement {
  return {
    tag: 'table',
    page_size: Math.max(1, Math.min(10, pageSize)),
    row_height: 'low',
    header_style: { text_align: 'left', text_size: 'normal', background_style: 'grey', text_color: 'default', bold: true, lines: 1 },
    columns: columns.map((c) => ({ name: c.name, display_name: c.title, data_type: c.kind ?? 'text', horizontal_align: 'left', width: 'auto' })),
    rows,
  };
}

export function lightCell(light: Light | null): Cell {
  return light === null ? [{ text: '—', color: 'neutral' }] : [{ text: formatLight(light), color: LIGHT_COLOR[light] }];
}

/** The gap cell's note for a project measured by its own 月度计划. */
export const OWN_CURVE_MARK = '（按项目月度计划）';

/** The figures of one project in a row: rate, gap in points, light; 暂无填报 where it has no report. */
export function standingCells(s: Standing): { rate: Cell; gap: Cell; light: Cell } {
  if (!s.reported) return { rate: NO_DATA, gap: '—', light: lightCell(null) };
  const late = s.assessment.lateStart ? '（开工滞后）' : '';
  // A project on its own 月度计划 says so in its row; the others are measured by the city-wide 序时 the card states.
  const own = s.timeProgress.source === 'own' ? OWN_CURVE_MARK : '';
  return { rate: formatRate(s.rate), gap: `${formatGapPoints(s.gap)}${own}${late}`, light: lightCell(s.assessment.light) };
}

/** "第48周" out of "第48周（11月23日—11月29日）". */
export function shortWeek(weekLabel: string): string {
  return weekLabel.replace(/（.*$/u, '');
}
