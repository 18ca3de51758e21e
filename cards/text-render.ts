// A card as readable text (for the terminal and logs): header, markdown without its marks, tables as rows, buttons in [ ].
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Markdown of a card → plain text: tags and emphasis dropped, a text_tag kept as ［红灯］, entities decoded. */
export function markdownToText(md: string): string {
  return md
    .replace(/<text_tag[^>]*>(.*?)<\/text_tag>/gu, '［$1］')
    .replace(/<font[^>]*>(.*?)<\/font>/gu, '$1')
    .replace(/<at[^>]*><\/at>/gu, '@')
    .replace(/\*\*(.*?)\*\*/gu, '$1')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

function cellText(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => (isObj(x) ? str(x.text) : String(x))).join('、');
  return v === null || v === undefined ? '' : String(v);
}

function tableText(t: Obj): string[] {
  const columns = Array.isArray(t.columns) ? t.columns.filter(isObj) : [];
  const rows = Array.isArray(t.rows) ? t.rows.filter(isObj) : [];
  const lines = [columns.map((c) => str(c.display_name) || str(c.name)).join(' | ')];
  // A lark_md cell (a county with its counts under it) as text: its marks dropped, its lines joined.
  const cell = (c: Obj, r: Obj) => (c.data_type === 'lark_md' ? markdownToText(cellText(r[str(c.name)])) : cellText(r[str(c.name)])).replace(/\n/g, ' ');
  for (const r of rows) lines.push(columns.map((c) => cell(c, r)).join(' | '));
  return lines.map((l) => `  ${l}`);
}

function elementText(e: unknown): string[] {
  if (!isObj(e)) return [];
  switch (e.tag) {
    case 'markdown':
      return [markdownToText(str(e.content))];
    case 'div':
      return isObj(e.text) ? [e.text.tag === 'lark_md' ? markdownToText(str(e.text.content)) : str(e.text.content)] : [];
    case 'hr':
      return ['────────────────'];
    case 'table':
      return tableText(e);
    case 'button':
      return [`[${isObj(e.text) ? str(e.text.content) : ''}]`];
    case 'chart': {
      // A chart cannot be printed; its title says what it shows (its figures are in the tables beside it).
      const spec = isObj(e.chart_spec) ? e.chart_spec : {};
      const title = isObj(spec.title) ? str(spec.title.text) : '';
      return [`［图表${title ? `：${title}` : ''}］`];
    }
    case 'column_set':
      return [(Array.isArray(e.columns) ? e.columns : []).flatMap(elementText).join('  ')];
    default:
      return Array.isArray(e.elements) ? e.elements.flatMap(elementText) : [];
  }
}

export function renderCardText(card: unknown): string {
  if (!isObj(card)) return '';
  const lines: string[] = [];
  const h = isObj(card.header) ? card.header : {};
  const title = isObj(h.title) ? str(h.title.content) : '';
  const tags = (Array.isArray(h.text_tag_list) ? h.text_tag_list : []).map((t) => (isObj(t) && isObj(t.text) ? `［${str(t.text.content)}］` : '')).join('');
  if (title) lines.push(`【${title}】${tags}`);
  if (isObj(h.subtitle)) lines.push(str(h.subtitle.content));
  const body = isObj(card.body) && Array.isArray(card.body.elements) ? card.body.elements : [];
  if (lines.length) lines.push('');
  lines.push(...body.flatMap(elementText));
  return lines.join('\n');
}
