// A strict checker of the Card JSON 2.0 rules (docs/feishu.md §5) for every card the bot can send; [] means clean.
//
// Stricter than Feishu where Feishu is lenient in ways that bite later: every tag and property must be on the
// whitelist below (2.0 rejects unknown properties; a tag we have not whitelisted is flagged so that whoever starts
// using it checks its properties in the documentation and adds them here).

type Obj = Record<string, unknown>;

const MAX_BYTES = 30 * 1024;
const MAX_COMPONENTS = 200;
const MAX_DEPTH = 5;
const MAX_TABLES = 5;

const TEMPLATES = ['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default'];
const TAG_COLORS = ['neutral', 'blue', 'turquoise', 'lime', 'orange', 'violet', 'indigo', 'wathet', 'green', 'yellow', 'red', 'purple', 'carmine'];
const V1_TAGS = ['note', 'action', 'field', 'img_combination_v1'];
const V1_KEYS = ['i18n_elements', 'i18n_header', 'elements_v1', 'fields', 'extra'];

const ROOT_KEYS = ['schema', 'config', 'card_link', 'header', 'body'];
const CONFIG_KEYS = [
  'update_multi',
  'summary',
  'enable_forward',
  'width_mode',
  'streaming_mode',
  'streaming_config',
  'locales',
  'use_custom_translation',
  'enable_forward_interaction',
  'style',
];
const HEADER_KEYS = ['title', 'subtitle', 'text_tag_list', 'template', 'icon', 'padding'];
const BODY_KEYS = ['elements', 'direction', 'padding', 'horizontal_spacing', 'vertical_spacing', 'horizontal_align', 'vertical_align'];
const TEXT_KEYS = ['tag', 'content', 'text_color', 'text_size', 'text_align', 'lines', 'i18n_content'];

const COMMON = ['tag', 'element_id', 'margin'];
/** Properties per tag, from the Card JSON 2.0 component pages. */
const TAG_KEYS: Record<string, string[]> = {
  markdown: [...COMMON, 'content', 'text_align', 'text_size', 'icon'],
  div: [...COMMON, 'text', 'width', 'icon'],
  hr: COMMON,
  img: [...COMMON, 'img_key', 'alt', 'title', 'corner_radius', 'scale_type', 'size', 'transparent', 'preview', 'mode', 'custom_width', 'compact_width'],
  column_set: [...COMMON, 'columns', 'flex_mode', 'background_style', 'horizontal_spacing', 'horizontal_align', 'action'],
  column: [
    ...COMMON,
    'elements',
    'width',
    'weight',
    'background_style',
    'horizontal_spacing',
    'horizontal_align',
    'vertical_align',
    'vertical_spacing',
    'direction',
    'padding',
    'action',
  ],
  form: [...COMMON, 'name', 'elements', 'direction', 'horizontal_spacing', 'vertical_spacing', 'horizontal_align', 'vertical_align', 'padding'],
  input: [
    ...COMMON,
    'name',
    'required',
    'disabled',
    'disabled_tips',
    'placeholder',
    'default_value',
    'width',
    'behaviors',
    'max_length',
    'input_type',
    'rows',
    'auto_resize',
    'max_rows',
    'show_icon',
    'label',
    'label_position',
    'value',
    'confirm',
  ],
  select_static: [
    ...COMMON,
    'type',
    'name',
    'required',
    'disabled',
    'initial_option',
    'initial_index',
    'placeholder',
    'width',
    'behaviors',
    'options',
    'confirm',
  ],
  multi_select_static: [...COMMON, 'type', 'name', 'required', 'disabled', 'placeholder', 'width', 'behaviors', 'selected_values', 'options', 'confirm'],
  button: [...COMMON, 'type', 'size', 'width', 'text', 'icon', 'hover_tips', 'disabled', 'disabled_tips', 'confirm', 'behaviors', 'name', 'form_action_type'],
  date_picker: [...COMMON, 'name', 'required', 'disabled', 'initial_date', 'placeholder', 'width', 'behaviors', 'confirm'],
  table: [...COMMON, 'page_size', 'row_height', 'row_max_height', 'header_style', 'freeze_first_column', 'columns', 'rows'],
  chart: [...COMMON, 'aspect_ratio', 'color_theme', 'chart_spec', 'preview', 'height'],
};
const CONTAINERS = ['form', 'column_set', 'column', 'collapsible_panel', 'interactive_container'];
const INTERACTIVE = [
  'input',
  'button',
  'select_static',
  'multi_select_static',
  'select_person',
  'multi_select_person',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'select_img',
  'checker',
  'overflow',
];
/** Objects with a `tag` that are parts of a component, not components. */
const INLINE_TAGS = ['plain_text', 'lark_md', 'standard_icon', 'custom_icon', 'text_tag'];
const BUTTON_TYPES = ['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser'];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const chars = (s: unknown) => (typeof s === 'string' ? [...s].length : 0);

type Walk = { problems: string[]; names: Map<string, string>; components: number; tables: number; depth: number };

function unknownKeys(o: Obj, allowed: string[], path: string, w: Walk): void {
  for (const k of Object.keys(o)) {
    if (!V1_KEYS.includes(k) && !allowed.includes(k)) w.problems.push(`${path}: unknown property "${k}"`);
  }
}

function checkText(v: unknown, path: string, w: Walk, max?: number): void {
  if (!isObj(v)) {
    w.problems.push(`${path}: expected a text object {tag:"plain_text", content}`);
    return;
  }
  unknownKeys(v, TEXT_KEYS, path, w);
  if (v.tag !== 'plain_text' && v.tag !== 'lark_md') w.problems.push(`${path}: text tag must be plain_text or lark_md`);
  if (typeof v.content !== 'string') w.problems.push(`${path}: text content must be a string`);
  if (max !== undefined && chars(v.content) > max) w.problems.push(`${path}: text longer than ${max} characters`);
}

function checkBehaviors(v: unknown, path: string, w: Walk): void {
  if (!Array.isArray(v)) {
    w.problems.push(`${path}: behaviors must be an array`);
    return;
  }
  v.forEach((b, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(b)) {
      w.problems.push(`${p}: behavior must be an object`);
      return;
    }
    if (b.type === 'callback') {
      unknownKeys(b, ['type', 'value'], p, w);
      if (!isObj(b.value)) w.problems.push(`${p}: a callback value must be an object (the SDK reads objects only)`);
    } else if (b.type === 'open_url') unknownKeys(b, ['type', 'default_url', 'android_url', 'ios_url', 'pc_url'], p, w);
    else w.problems.push(`${p}: unknown behavior type ${String(b.type)}`);
  });
}

function checkOptions(o: Obj, path: string, w: Walk): string[] {
  const values: string[] = [];
  if (!Array.isArray(o.options)) {
    w.problems.push(`${path}: options must be an array`);
    return values;
  }
  o.options.forEach((opt, i) => {
    const p = `${path}.options[${i}]`;
    if (!isObj(opt)) {
      w.problems.push(`${p}: option must be an object`);
      return;
    }
    unknownKeys(opt, ['text', 'value', 'icon'], p, w);
    checkText(opt.text, `${p}.text`, w);
    if (typeof opt.value !== 'string') w.problems.push(`${p}: option value must be a string`);
    else if (values.includes(opt.value)) w.problems.push(`${p}: duplicate option value "${opt.value}"`);
    else values.push(opt.value);
  });
  return values;
}

function checkComponent(o: Obj, path: string, inForm: boolean, w: Walk): void {
  const tag = o.tag as string;
  const allowed = TAG_KEYS[tag];
  if (!allowed) {
    w.problems.push(`${path}: tag "${tag}" is not on the checker's whitelist`);
    return;
  }
  unknownKeys(o, allowed, path, w);
  if (typeof o.element_id === 'string' && !/^[A-Za-z][A-Za-z0-9_]{0,19}$/.test(o.element_id)) w.problems.push(`${path}: bad element_id`);
  if (INTERACTIVE.includes(tag) || tag === 'form') {
    if (inForm || tag === 'form') {
      if (typeof o.name !== 'string' || o.name === '') w.problems.push(`${path}: ${tag} in a form needs a name`);
    }
    if (typeof o.name === 'string' && o.name !== '') {
      const seen = w.names.get(o.name);
      if (seen) w.problems.push(`${path}: name "${o.name}" already used at ${seen}`);
      else w.names.set(o.name, path);
    }
  }
  if ('required' in o && !inForm) w.problems.push(`${path}: required is only allowed inside a form`);
  if ('behaviors' in o) checkBehaviors(o.behaviors, `${path}.behaviors`, w);
  if ('confirm' in o) {
    if (!isObj(o.confirm)) w.problems.push(`${path}.confirm: must be an object`);
    else {
      unknownKeys(o.confirm, ['title', 'text'], `${path}.confirm`, w);
      checkText(o.confirm.title, `${path}.confirm.title`, w);
      checkText(o.confirm.text, `${path}.confirm.text`, w);
    }
  }
  if ('placeholder' in o) checkText(o.placeholder, `${path}.placeholder`, w, 100);
  if ('label' in o) checkText(o.label, `${path}.label`, w);
  switch (tag) {
    case 'markdown':
      if (typeof o.content !== 'string') w.problems.push(`${path}: markdown needs content`);
      break;
    case 'div':
      if ('text' in o) checkText(o.text, `${path}.text`, w);
      break;
    case 'input':
      if ('input_type' in o && !['text', 'multiline_text', 'password'].includes(o.input_type as string))
        w.problems.push(`${path}: input_type must be text, multiline_text or password`);
      if ('max_length' in o && !(Number.isInteger(o.max_length) && (o.max_length as number) >= 1 && (o.max_length as number) <= 1000))
        w.problems.push(`${path}: max_length must be 1–1000`);
      if ('default_value' in o && typeof o.default_value !== 'string') w.problems.push(`${path}: default_value must be a string`);
      if (typeof o.default_value === 'string' && typeof o.max_length === 'number' && chars(o.default_value) > o.max_length)
        w.problems.push(`${path}: default_value longer than max_length`);
      break;
    case 'button':
      checkText(o.text, `${path}.text`, w, 100);
      if ('type' in o && !BUTTON_TYPES.includes(o.type as string)) w.problems.push(`${path}: unknown button type ${String(o.type)}`);
      if ('form_action_type' in o) {
        if (!inForm) w.problems.push(`${path}: form_action_type outside a form`);
        if (!['submit', 'reset'].includes(o.form_action_type as string)) w.problems.push(`${path}: form_action_type must be submit or reset`);
      }
      if (!inForm && !('behaviors' in o)) w.problems.push(`${path}: a button outside a form does nothing without behaviors`);
      break;
    case 'select_static': {
      const values = checkOptions(o, path, w);
      if ('initial_option' in o && !values.includes(o.initial_option as string)) w.problems.push(`${path}: initial_option is not one of the options`);
      break;
    }
    case 'multi_select_static': {
      if (!inForm) w.problems.push(`${path}: multi_select_static is only allowed inside a form`);
      const values = checkOptions(o, path, w);
      if ('selected_values' in o) {
        if (!Array.isArray(o.selected_values)) w.problems.push(`${path}: selected_values must be an array`);
        else for (const v of o.selected_values) if (!values.includes(v as string)) w.problems.push(`${path}: selected value ${String(v)} is not an option`);
      }
      break;
    }
    case 'date_picker':
      if ('initial_date' in o && !(typeof o.initial_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(o.initial_date)))
        w.problems.push(`${path}: initial_date must be yyyy-MM-dd`);
      if (!('initial_date' in o) && !('placeholder' in o)) w.problems.push(`${path}: a date_picker needs a placeholder when it has no initial_date`);
      break;
    case 'chart': {
      // feishu.md §5: chart_spec is a VChart spec object with no functions; aspect_ratio 1:1, 2:1, 4:3 or 16:9.
      if (!isObj(o.chart_spec)) w.problems.push(`${path}: a chart needs chart_spec, a VChart spec object`);
      else {
        if (typeof o.chart_spec.type !== 'string') w.problems.push(`${path}.chart_spec: needs a chart type`);
        const fn = (x: unknown): boolean => typeof x === 'function' || (Array.isArray(x) ? x.some(fn) : isObj(x) && Object.values(x).some(fn));
        if (fn(o.chart_spec)) w.problems.push(`${path}.chart_spec: cannot hold functions`);
      }
      if ('aspect_ratio' in o && !['1:1', '2:1', '4:3', '16:9'].includes(o.aspect_ratio as string))
        w.problems.push(`${path}: aspect_ratio must be 1:1, 2:1, 4:3 or 16:9`);
      break;
    }
    case 'column_set':
      if (!Array.isArray(o.columns)) w.problems.push(`${path}: column_set needs columns`);
      else
        o.columns.forEach((c, i) => {
          if (!isObj(c) || c.tag !== 'column') w.problems.push(`${path}.columns[${i}]: must be a column`);
        });
      break;
  }
}

function walk(v: unknown, path: string, ctx: { depth: number; inForm: boolean; atRoot: boolean }, w: Walk): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      walk(x, `${path}[${i}]`, ctx, w);
    });
    return;
  }
  if (!isObj(v)) return;
  const tag = typeof v.tag === 'string' ? v.tag : null;
  if (tag === null || INLINE_TAGS.includes(tag)) return;
  w.components += 1;
  if (tag === 'form') {
    if (ctx.inForm) w.problems.push(`${path}: a form inside a form`);
    else if (!ctx.atRoot) w.problems.push(`${path}: a form must sit at the card root`);
  }
  if (tag === 'table') {
    w.tables += 1;
    if (!ctx.atRoot) w.problems.push(`${path}: a table must sit at the card root`);
  }
  if ((tag === 'table' || tag === 'chart') && ctx.inForm) w.problems.push(`${path}: a ${tag} cannot be inside a form`);
  checkComponent(v, path, ctx.inForm, w);
  const depth = ctx.depth + (CONTAINERS.includes(tag) ? 1 : 0);
  w.depth = Math.max(w.depth, depth);
  const inner = { depth, inForm: ctx.inForm || tag === 'form', atRoot: false };
  if (tag === 'form') {
    let submit = 0;
    const count = (x: unknown): void => {
      if (Array.isArray(x)) {
        for (const y of x) count(y);
        return;
      }
      if (!isObj(x)) return;
      if (x.tag === 'button' && x.form_action_type === 'submit') submit += 1;
      Object.values(x).forEach(count);
    };
    count(v.elements);
    if (submit === 0) w.problems.push(`${path}: a form needs a button with form_action_type "submit"`);
  }
  for (const key of ['elements', 'columns']) if (key in v) walk(v[key], `${path}.${key}`, inner, w);
}

/** 1.0 tags and properties anywhere in the card, even where the structural walk does not look. */
function findV1(v: unknown, path: string, w: Walk): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      findV1(x, `${path}[${i}]`, w);
    });
    return;
  }
  if (!isObj(v)) return;
  if (typeof v.tag === 'string' && V1_TAGS.includes(v.tag)) w.problems.push(`${path}: 1.0 tag "${v.tag}" is gone in 2.0`);
  for (const [k, child] of Object.entries(v)) {
    if (V1_KEYS.includes(k)) w.problems.push(`${path}: 1.0 property "${k}" is gone in 2.0`);
    if (k !== 'chart_spec' && k !== 'value') findV1(child, `${path}.${k}`, w);
  }
}

function checkHeader(h: unknown, w: Walk): void {
  if (h === undefined) return;
  if (!isObj(h)) {
    w.problems.push('header: must be an object');
    return;
  }
  unknownKeys(h, HEADER_KEYS, 'header', w);
  checkText(h.title, 'header.title', w);
  if ('subtitle' in h) checkText(h.subtitle, 'header.subtitle', w);
  if ('template' in h && !TEMPLATES.includes(h.template as string)) w.problems.push(`header.template: "${String(h.template)}" is not an allowed colour`);
  if ('text_tag_list' in h) {
    const list = h.text_tag_list;
    if (!Array.isArray(list)) {
      w.problems.push('header.text_tag_list: must be an array');
      return;
    }
    if (list.length > 3) w.problems.push('header.text_tag_list: at most 3 tags are shown');
    list.forEach((t, i) => {
      const p = `header.text_tag_list[${i}]`;
      if (!isObj(t) || t.tag !== 'text_tag') {
        w.problems.push(`${p}: must be a text_tag`);
        return;
      }
      unknownKeys(t, ['tag', 'element_id', 'text', 'color'], p, w);
      checkText(t.text, `${p}.text`, w);
      if ('color' in t && !TAG_COLORS.includes(t.color as string)) w.problems.push(`${p}: unknown colour ${String(t.color)}`);
    });
  }
}

/** Every rule the card breaks, each with where; an empty list means the card may be sent. */
export function checkCardRules(card: unknown): string[] {
  const w: Walk = { problems: [], names: new Map(), components: 0, tables: 0, depth: 0 };
  if (!isObj(card)) return ['card: must be an object'];
  if (card.schema !== '2.0') w.problems.push('schema: must be "2.0"');
  unknownKeys(card, ROOT_KEYS, 'card', w);
  if ('config' in card) {
    if (!isObj(card.config)) w.problems.push('config: must be an object');
    else {
      unknownKeys(card.config, CONFIG_KEYS, 'config', w);
      if (isObj(card.config.summary)) unknownKeys(card.config.summary, ['content', 'i18n_content'], 'config.summary', w);
    }
  }
  checkHeader(card.header, w);
  const body = card.body;
  if (!isObj(body) || !Array.isArray(body.elements)) w.problems.push('body.elements: must be an array');
  else {
    unknownKeys(body, BODY_KEYS, 'body', w);
    body.elements.forEach((e, i) => {
      walk(e, `body.elements[${i}]`, { depth: 0, inForm: false, atRoot: true }, w);
    });
  }
  findV1(card, 'card', w);
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > MAX_BYTES) w.problems.push(`card: ${bytes} bytes, over 30 KB`);
  if (w.components > MAX_COMPONENTS) w.problems.push(`card: ${w.components} components, over ${MAX_COMPONENTS}`);
  if (w.tables > MAX_TABLES) w.problems.push(`card: ${w.tables} tables, over ${MAX_TABLES}`);
  if (w.depth > MAX_DEPTH) w.problems.push(`card: containers nested ${w.depth} deep, over ${MAX_DEPTH}`);
  return w.problems;
}
