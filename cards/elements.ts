// Small Card JSON 2.0 builders shared by the cards, so each card reads as its layout and nothing else.
import { withoutControlChars } from '../src/domain/plain-text';

export type CardElement = { tag: string; [key: string]: unknown };
export type PlainText = { tag: 'plain_text'; content: string };
export type HeaderTemplate =
  | 'blue'
  | 'wathet'
  | 'turquoise'
  | 'green'
  | 'yellow'
  | 'orange'
  | 'red'
  | 'carmine'
  | 'violet'
  | 'purple'
  | 'indigo'
  | 'grey'
  | 'default';
export type TagColor =
  | 'neutral'
  | 'blue'
  | 'turquoise'
  | 'lime'
  | 'orange'
  | 'violet'
  | 'indigo'
  | 'wathet'
  | 'green'
  | 'yellow'
  | 'red'
  | 'purple'
  | 'carmine';

export type Card = {
  schema: '2.0';
  config: { update_multi: true; summary: { content: string } };
  header: {
    title: PlainText;
    subtitle?: PlainText;
    template: HeaderTemplate;
    text_tag_list?: Array<{ tag: 'text_tag'; text: PlainText; color: TagColor }>;
  };
  body: { elements: CardElement[] };
};

export type CardSpec = {
  title: string;
  subtitle?: string;
  template: HeaderTemplate;
  tags?: Array<{ text: string; color: TagColor }>;
  summary: string;
  elements: CardElement[];
};

/** Header text and button labels have length limits (100 characters for a button); long names are cut with "…". */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

export function plain(content: string): PlainText {
  return { tag: 'plain_text', content };
}

export function card(spec: CardSpec): Card {
  const header: Card['header'] = { title: plain(clip(spec.title, 100)), template: spec.template };
  if (spec.subtitle) header.subtitle = plain(clip(spec.subtitle, 100));
  if (spec.tags?.length) header.text_tag_list = spec.tags.slice(0, 3).map((t) => ({ tag: 'text_tag', text: plain(t.text), color: t.color }));
  return { schema: '2.0', config: { update_multi: true, summary: { content: clip(spec.summary, 100) } }, header, body: { elements: spec.elements } };
}

/**
 * Text from people (names from the register, 形象进度, notes) inside markdown: the characters markdown would read as
 * syntax become the HTML entities the Feishu documentation lists, so "<font>", "**" or a county registered as
 * "<at id=all></at>" (a group card would @everyone) is shown, not obeyed. The colon of "https://" too, so a pasted
 * address is not made a link; control characters are dropped. The one function for all such text: every markdown
 * element that shows a name or what someone typed passes it through here (test/property/markdown-escape.test.ts).
 */
export function escapeMd(s: string): string {
  // One pass over the syntax characters: escaping "&" first and "#" after it turned "&" into "&&#35;38;", shown as "&#38;".
  return withoutControlChars(s)
    .replace(/[&\\*_~`[\]()<>#$|!]|:(?=\/\/)/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/^([ \t]*)([-+])/gm, (_, sp: string, c: string) => `${sp}&#${c.charCodeAt(0)};`)
    .replace(/^([ \t]*\d+)\./gm, '$1&#46;');
}

export function markdown(content: string, size?: 'normal' | 'notation'): CardElement {
  return size ? { tag: 'markdown', content, text_size: size } : { tag: 'markdown', content };
}

/** Plain text (no markdown at all), for what people typed; red for a field's error message. */
export function text(content: string, color?: 'red' | 'grey', size?: 'normal' | 'notation'): CardElement {
  const t: Record<string, unknown> = { tag: 'plain_text', content };
  if (color) t.text_color = color;
  if (size) t.text_size = size;
  return { tag: 'div', text: t };
}

export function hr(): CardElement {
  return { tag: 'hr' };
}

export type ButtonType = 'default' | 'primary' | 'danger' | 'primary_filled' | 'danger_filled' | 'text' | 'primary_text';

export type ButtonOptions = {
  type?: ButtonType;
  size?: 'tiny' | 'small' | 'medium';
  confirm?: { title: string; text: string };
};

/** A button whose click is called back with `value` (read by on-card-action through `value.kind`). */
export function button(label: string, value: Record<string, unknown>, o: ButtonOptions = {}): CardElement {
  const b: CardElement = { tag: 'button', text: plain(clip(label, 100)), type: o.type ?? 'default' };
  if (o.size) b.size = o.size;
  if (o.confirm) b.confirm = { title: plain(o.confirm.title), text: plain(o.confirm.text) };
  b.behaviors = [{ type: 'callback', value }];
  return b;
}

export type Column = { elements: CardElement[]; weight?: number; align?: 'top' | 'center' };

/** A row of columns: weighted columns share the width, the others take what their content needs. */
export function columns(cols: Column[], flex: 'none' | 'flow' = 'none'): CardElement {
  return {
    tag: 'column_set',
    flex_mode: flex,
    horizontal_spacing: '8px',
    columns: cols.map((c) => ({
      tag: 'column',
      width: c.weight ? 'weighted' : 'auto',
      ...(c.weight ? { weight: c.weight } : {}),
      vertical_align: c.align ?? 'center',
      elements: c.elements,
    })),
  };
}
