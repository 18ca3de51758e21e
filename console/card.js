// Draws a Card JSON 2.0 card as the Feishu client does — header, markdown, text, columns, forms with inputs and
// selects, buttons, tables, collapsible panels, charts (VChart) — and turns clicks and submits into the callback
// Feishu would send: {tag, name, value, form_value, option}.
import { cssColor, escapeHtml, inline, markdownHtml, tagHtml } from '/console/assets/markdown.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'html') el.innerHTML = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const textOf = (t) => (t && typeof t === 'object' ? String(t.content ?? '') : typeof t === 'string' ? t : '');

/** A text object ({tag: plain_text | lark_md, content}) as HTML. */
function textHtml(t, names) {
  if (!t || typeof t !== 'object') return escapeHtml(textOf(t));
  return t.tag === 'lark_md' || t.tag === 'markdown' ? inline(t.content ?? '', names) : escapeHtml(t.content ?? '').replace(/\n/g, '<br>');
}

function callbackValue(el) {
  const b = Array.isArray(el.behaviors) ? el.behaviors.find((x) => x && x.type === 'callback') : null;
  return b ? b.value : undefined;
}

function openUrl(el) {
  const b = Array.isArray(el.behaviors) ? el.behaviors.find((x) => x && x.type === 'open_url') : null;
  return b ? b.default_url || b.pc_url : null;
}

/** The confirm dialog a button's `confirm` asks for before its callback is sent. */
export function confirmDialog(title, text) {
  return new Promise((resolve) => {
    const close = (ok) => {
      overlay.remove();
      resolve(ok);
    };
    const overlay = h(
      'div',
      { class: 'modal-overlay' },
      h(
        'div',
        { class: 'modal', role: 'dialog' },
        h('div', { class: 'modal-title' }, title),
        h('div', { class: 'modal-text' }, text),
        h(
          'div',
          { class: 'modal-buttons' },
          h('button', { class: 'btn btn-default', type: 'button', onclick: () => close(false) }, '取消'),
          h('button', { class: 'btn btn-primary_filled', type: 'button', onclick: () => close(true) }, '确定'),
        ),
      ),
    );
    document.body.append(overlay);
  });
}

function renderMarkdown(el, r) {
  const align = el.text_align ? { textAlign: el.text_align } : {};
  return h('div', { class: `md size-${el.text_size ?? 'normal'}`, style: align, html: markdownHtml(el.content ?? '', r.names) });
}

function renderDiv(el, r) {
  const t = el.text ?? {};
  const style = { color: t.text_color ? cssColor(t.text_color) : undefined, textAlign: t.text_align };
  return h('div', { class: `div-text size-${t.text_size ?? 'normal'}`, style, html: textHtml(t, r.names) });
}

function renderColumns(el, r) {
  const row = h('div', { class: `column-set flex-${el.flex_mode ?? 'none'}`, style: { gap: el.horizontal_spacing ?? '8px' } });
  for (const col of el.columns ?? []) {
    const weighted = col.width === 'weighted';
    const style = weighted ? { flex: `${col.weight ?? 1} 1 0` } : { flex: '0 0 auto' };
    const align = { top: 'flex-start', center: 'center', bottom: 'flex-end' }[col.vertical_align ?? 'top'];
    row.append(h('div', { class: 'column', style: { ...style, justifyContent: align } }, ...(col.elements ?? []).map((c) => renderElement(c, r))));
  }
  return row;
}

function renderButton(el, r) {
  const type = el.type ?? 'default';
  const btn = h(
    'button',
    {
      class: `btn btn-${type} size-${el.size ?? 'medium'}${el.width === 'fill' ? ' fill' : ''}`,
      type: 'button',
      disabled: el.disabled === true,
      'data-name': el.name,
    },
    textOf(el.text),
  );
  btn.addEventListener('click', async () => {
    const url = openUrl(el);
    if (url) {
      window.open(url, '_blank', 'noopener');
      return;
    }
    if (el.form_action_type === 'reset') return r.form?.reset();
    if (el.confirm && !(await confirmDialog(textOf(el.confirm.title), textOf(el.confirm.text)))) return;
    if (el.form_action_type === 'submit') {
      if (!r.form) return;
      const formValue = r.form.collect();
      if (!formValue) return; // a required field is empty: the client does not send anything
      return r.act({ tag: 'button', name: el.name, value: callbackValue(el) ?? {}, form_value: formValue }, btn);
    }
    const value = callbackValue(el);
    if (value === undefined) return;
    r.act({ tag: 'button', ...(el.name ? { name: el.name } : {}), value }, btn);
  });
  return btn;
}

function label(el, required) {
  const text = textOf(el.label);
  if (!text) return null;
  return h('label', { class: 'field-label' }, required ? h('span', { class: 'required' }, '*') : null, text);
}

function renderInput(el, r) {
  const multiline = el.input_type === 'multiline_text';
  const attrs = { name: el.name, placeholder: textOf(el.placeholder), maxlength: el.max_length, disabled: el.disabled === true, class: 'input' };
  const field = multiline
    ? h('textarea', { ...attrs, rows: el.rows ?? 3 })
    : h('input', { ...attrs, type: el.input_type === 'password' ? 'password' : 'text' });
  if (el.default_value !== undefined) field.value = String(el.default_value);
  const wrap = h('div', { class: `field label-${el.label_position ?? 'top'}${el.width === 'fill' ? ' fill' : ''}` }, label(el, el.required), field);
  r.form?.register({ name: el.name, required: el.required === true, wrap, read: () => field.value, reset: () => (field.value = el.default_value ?? '') });
  if (!r.form && el.name)
    field.addEventListener(
      'keydown',
      (e) => e.key === 'Enter' && !multiline && r.act({ tag: 'input', name: el.name, value: callbackValue(el) ?? {}, input_value: field.value }, field),
    );
  return wrap;
}

function renderSelect(el, r) {
  const sel = h('select', { name: el.name, class: 'select', disabled: el.disabled === true });
  const placeholder = h('option', { value: '', disabled: true }, textOf(el.placeholder) || '请选择');
  sel.append(placeholder);
  const options = el.options ?? [];
  for (const o of options) sel.append(h('option', { value: o.value }, textOf(o.text)));
  const initial = el.initial_option ?? (el.initial_index !== undefined ? options[el.initial_index - 1]?.value : undefined);
  sel.value = initial ?? '';
  if (!initial) placeholder.selected = true;
  sel.classList.toggle('empty', !sel.value);
  sel.addEventListener('change', () => sel.classList.toggle('empty', !sel.value));
  const wrap = h('div', { class: `field${el.width === 'fill' ? ' fill' : ''}` }, sel);
  if (r.form)
    r.form.register({ name: el.name, required: el.required === true, wrap, read: () => sel.value || undefined, reset: () => (sel.value = initial ?? '') });
  else
    sel.addEventListener('change', () =>
      r.act({ tag: 'select_static', ...(el.name ? { name: el.name } : {}), value: callbackValue(el) ?? {}, option: sel.value }, sel),
    );
  return wrap;
}

/** A dropdown of options with ticks, the chosen ones shown as tags, as the client's multi-select looks. */
function renderMultiSelect(el, r) {
  const options = el.options ?? [];
  let chosen = new Set(el.selected_values ?? []);
  const box = h('div', { class: 'ms-box', tabindex: 0, role: 'listbox', 'data-name': el.name });
  const panel = h('div', { class: 'ms-panel', hidden: true });
  const draw = () => {
    box.replaceChildren();
    const picked = options.filter((o) => chosen.has(o.value));
    if (picked.length === 0) box.append(h('span', { class: 'placeholder' }, textOf(el.placeholder) || '请选择'));
    for (const o of picked) box.append(h('span', { class: 'ms-chip' }, textOf(o.text)));
    box.append(h('span', { class: 'caret' }, '▾'));
    for (const item of panel.children) item.classList.toggle('on', chosen.has(item.dataset.value));
  };
  for (const o of options) {
    panel.append(
      h(
        'div',
        {
          class: 'ms-option',
          'data-value': o.value,
          role: 'option',
          onclick: (e) => {
            e.stopPropagation();
            if (chosen.has(o.value)) chosen.delete(o.value);
            else chosen.add(o.value);
            draw();
          },
        },
        h('span', { class: 'tick' }),
        textOf(o.text),
      ),
    );
  }
  box.addEventListener('click', (e) => {
    e.stopPropagation();
    panel.hidden = !panel.hidden;
  });
  document.addEventListener('click', () => (panel.hidden = true));
  draw();
  const wrap = h('div', { class: `field ms${el.width === 'fill' ? ' fill' : ''}` }, box, panel);
  r.form?.register({
    name: el.name,
    required: el.required === true,
    wrap,
    read: () => options.map((o) => o.value).filter((v) => chosen.has(v)),
    reset: () => {
      chosen = new Set(el.selected_values ?? []);
      draw();
    },
  });
  return wrap;
}

function renderForm(el, r) {
  const fields = [];
  const node = h('form', { class: 'card-form', onsubmit: (e) => e.preventDefault() });
  const form = {
    register: (f) => fields.push(f),
    reset: () => {
      for (const f of fields) f.reset();
    },
    /** The form_value Feishu sends, or null (and the empty required fields marked) when one is missing. */
    collect() {
      let missing = 0;
      const out = {};
      for (const f of fields) {
        const v = f.read();
        const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
        f.wrap.classList.toggle('missing', f.required && empty);
        if (f.required && empty) missing += 1;
        if (v !== undefined) out[f.name] = v;
      }
      if (missing) {
        r.notify({ type: 'error', content: '请填写必填项' });
        return null;
      }
      return out;
    },
  };
  const inner = { ...r, form };
  for (const child of el.elements ?? []) node.append(renderElement(child, inner));
  return node;
}

function formatNumber(v, format) {
  const n = Number(v);
  if (!Number.isFinite(n)) return escapeHtml(v);
  const precision = format?.precision;
  const s = precision === undefined ? String(n) : n.toFixed(precision);
  if (!format?.separator) return s;
  const [int, frac] = s.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

function cellHtml(col, v, names) {
  if (v === undefined || v === null) return '';
  switch (col.data_type) {
    case 'options':
      return (Array.isArray(v) ? v : [v]).map((o) => (typeof o === 'object' ? tagHtml(o.text, o.color) : tagHtml(o, 'neutral'))).join(' ');
    case 'lark_md':
    case 'markdown':
      return markdownHtml(String(v), names);
    case 'number':
      return formatNumber(v, col.format);
    case 'persons':
      return (Array.isArray(v) ? v : [v]).map((id) => `<span class="at">@${escapeHtml(names[id] ?? id)}</span>`).join(' ');
    case 'date': {
      const d = new Date(Number(v));
      return Number.isNaN(d.getTime()) ? escapeHtml(v) : d.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
    }
    default:
      return escapeHtml(String(v)).replace(/\n/g, '<br>');
  }
}

/**
 * A column's width as Feishu takes it: "auto" (by its content), "[80,600]px", or a share of the table ("30%").
 * With every column given in px or %, the table keeps to the card's width (table-layout: fixed).
 */
function columnWidth(c) {
  const w = typeof c.width === 'string' ? c.width.trim() : 'auto';
  const px = /^(\d+)px$/.exec(w);
  if (px) return `${Math.min(600, Math.max(80, Number(px[1])))}px`;
  return /^\d+(\.\d+)?%$/.test(w) ? w : null;
}

/**
 * Feishu's table: cells of a fixed row height (low, the default; middle; high) show one line and end in "…" where
 * the content does not fit; with row_height "auto" a cell wraps and the row grows up to row_max_height (124px).
 * Columns of width "auto" take their content's width, so a wide table scrolls sideways.
 */
function renderTable(el, r) {
  const cols = el.columns ?? [];
  const rows = el.rows ?? [];
  const size = Math.max(1, Math.min(10, el.page_size ?? 5));
  const pages = Math.max(1, Math.ceil(rows.length / size));
  let page = 0;
  const hs = el.header_style ?? {};
  const widths = cols.map(columnWidth);
  const fixed = cols.length > 0 && widths.every((w) => w !== null);
  const auto = el.row_height === 'auto';
  const maxHeight = auto && typeof el.row_max_height === 'string' && /^\d+px$/.test(el.row_max_height) ? el.row_max_height : '124px';
  const headLines = Math.max(1, Math.min(10, Number(hs.lines ?? 1)));
  const wrap = h('div', { class: 'card-table' });
  const draw = () => {
    const head = h(
      'tr',
      {},
      ...cols.map((c) =>
        h(
          'th',
          {
            class: headLines > 1 ? 'wrap' : 'one-line',
            style: {
              textAlign: c.horizontal_align ?? hs.text_align ?? 'left',
              fontWeight: hs.bold === false ? 'normal' : 'bold',
              width: widths[cols.indexOf(c)] ?? undefined,
              WebkitLineClamp: headLines > 1 ? String(headLines) : undefined,
            },
          },
          h('div', { class: 'cell' }, c.display_name ?? c.name),
        ),
      ),
    );
    const body = rows
      .slice(page * size, page * size + size)
      .map((row) =>
        h(
          'tr',
          {},
          ...cols.map((c) =>
            h(
              'td',
              { class: auto ? 'wrap' : 'one-line', style: { textAlign: c.horizontal_align ?? 'left' } },
              h('div', { class: 'cell', style: auto ? { maxHeight } : {}, html: cellHtml(c, row[c.name], r.names) }),
            ),
          ),
        ),
      );
    const table = h(
      'table',
      { class: `grid bg-${hs.background_style ?? 'none'}${fixed ? ' fixed' : ''}` },
      h('colgroup', {}, ...widths.map((w) => h('col', { style: w ? { width: w } : {} }))),
      h('thead', {}, head),
      h('tbody', {}, ...body),
    );
    const pager =
      pages > 1
        ? h(
            'div',
            { class: 'pager' },
            h(
              'button',
              {
                type: 'button',
                class: 'pager-btn',
                disabled: page === 0,
                onclick: () => {
                  page -= 1;
                  draw();
                },
              },
              '‹',
            ),
            h('span', {}, `${page + 1} / ${pages}`),
            h(
              'button',
              {
                type: 'button',
                class: 'pager-btn',
                disabled: page === pages - 1,
                onclick: () => {
                  page += 1;
                  draw();
                },
              },
              '›',
            ),
          )
        : null;
    wrap.replaceChildren(h('div', { class: 'table-scroll' }, table), pager ?? '');
  };
  draw();
  return wrap;
}

function renderPanel(el, r) {
  const header = el.header ?? {};
  const title = header.title ?? {};
  const summary = h('summary', {
    class: 'panel-head',
    style: { background: header.background_color ? cssColor(header.background_color) : undefined },
    html: title.tag === 'markdown' || title.tag === 'lark_md' ? inline(title.content ?? '', r.names) : escapeHtml(textOf(title)),
  });
  const details = h(
    'details',
    { class: `panel${el.border ? ' bordered' : ''}`, open: el.expanded === true },
    summary,
    h('div', { class: 'panel-body' }, ...(el.elements ?? []).map((c) => renderElement(c, r))),
  );
  return details;
}

const RATIOS = { '1:1': '1 / 1', '2:1': '2 / 1', '4:3': '4 / 3', '16:9': '16 / 9' };

/** A chart element: the card's VChart spec drawn with VChart itself, at the element's aspect ratio (or height). */
function renderChart(el) {
  const fixed = typeof el.height === 'string' && /^\d+px$/.test(el.height) ? el.height : null;
  const dom = h('div', { class: 'chart', style: fixed ? { height: fixed } : { aspectRatio: RATIOS[el.aspect_ratio] ?? RATIOS['16:9'] } });
  const Chart = window.VChart?.default ?? window.VChart?.VChart;
  if (!Chart) {
    dom.append(h('div', { class: 'chart-error' }, '图表组件未能加载'));
    return dom;
  }
  // Drawn once the element is in the page and has its size.
  requestAnimationFrame(() => {
    try {
      const chart = new Chart(structuredClone(el.chart_spec ?? {}), { dom, mode: 'desktop-browser', animation: false });
      chart.renderSync();
      dom.dataset.rendered = 'true';
    } catch (err) {
      dom.append(h('div', { class: 'chart-error' }, `图表无法显示：${err.message}`));
    }
  });
  return dom;
}

function renderImage(el) {
  return h('div', { class: 'img-placeholder' }, `图片${el.alt ? `：${textOf(el.alt)}` : ''}`);
}

export function renderElement(el, r) {
  if (!el || typeof el !== 'object') return h('span');
  const node = (() => {
    switch (el.tag) {
      case 'markdown':
        return renderMarkdown(el, r);
      case 'div':
        return renderDiv(el, r);
      case 'plain_text':
        return h('div', { class: 'div-text', html: textHtml(el, r.names) });
      case 'hr':
        return h('hr', { class: 'card-hr' });
      case 'column_set':
        return renderColumns(el, r);
      case 'button':
        return renderButton(el, r);
      case 'form':
        return renderForm(el, r);
      case 'input':
        return renderInput(el, r);
      case 'select_static':
        return renderSelect(el, r);
      case 'multi_select_static':
        return renderMultiSelect(el, r);
      case 'table':
        return renderTable(el, r);
      case 'collapsible_panel':
        return renderPanel(el, r);
      case 'chart':
        return renderChart(el, r);
      case 'img':
        return renderImage(el, r);
      default:
        return h('div', { class: 'unsupported' }, `［暂不支持显示的组件：${el.tag}］`);
    }
  })();
  if (el.element_id) node.dataset.elementId = el.element_id;
  node.dataset.tag = el.tag;
  return node;
}

function renderHeader(header, names) {
  if (!header) return null;
  const tags = (header.text_tag_list ?? []).map((t) => h('span', { html: tagHtml(textOf(t.text), t.color) }));
  return h(
    'div',
    { class: `card-header tpl-${header.template ?? 'default'}` },
    h('div', { class: 'card-title-row' }, h('div', { class: 'card-title', html: textHtml(header.title, names) }), ...tags),
    header.subtitle ? h('div', { class: 'card-subtitle', html: textHtml(header.subtitle, names) }) : null,
  );
}

/**
 * The card as a DOM node. `act(action, sourceElement)` sends a callback; `notify(toast)` shows a client-side note;
 * `names` maps open_ids to names for mentions.
 */
export function renderCard(card, { act, notify, names }) {
  const r = { act, notify, names, form: null };
  const body = card?.body?.elements ?? card?.elements ?? [];
  return h('div', { class: 'card' }, renderHeader(card?.header, names), h('div', { class: 'card-body' }, ...body.map((el) => renderElement(el, r))));
}
