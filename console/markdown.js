// The markdown of Feishu cards and text messages, as HTML: the CommonMark subset cards allow (bold, italic,
// strikethrough, links, code, lists, headings, quotes, GFM tables) plus Feishu's own tags — <font color>,
// <text_tag color>, <at id> mentions — with everything else shown as text, never obeyed.

const COLORS = {
  red: '#f54a45',
  green: '#2ea121',
  blue: '#3370ff',
  grey: '#8f959e',
  gray: '#8f959e',
  orange: '#ff8800',
  yellow: '#dc9b04',
  purple: '#7f3bf5',
  violet: '#d136d1',
  carmine: '#f01d94',
  turquoise: '#04b49c',
  wathet: '#049fd7',
  indigo: '#4954e6',
  lime: '#8fac02',
  default: 'inherit',
};

export function cssColor(name) {
  if (!name) return 'inherit';
  const key = String(name).toLowerCase().replace(/-\d+$/, '');
  return COLORS[key] ?? 'inherit';
}

export function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Escapes text but keeps the HTML entities Feishu decodes (&#60; &#42; &amp; …), so escaped markdown shows as typed. */
function escapeKeepingEntities(s) {
  return s
    .replace(/&(?!#\d+;|#x[0-9a-f]+;|[a-z]+;)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const TAG_CLASSES = new Set(['neutral', 'blue', 'turquoise', 'lime', 'orange', 'violet', 'indigo', 'wathet', 'green', 'yellow', 'red', 'purple', 'carmine']);

export function tagHtml(text, color) {
  const c = TAG_CLASSES.has(color) ? color : 'neutral';
  return `<span class="tag tag-${c}">${escapeHtml(text)}</span>`;
}

function mentionHtml(id, names, fallback) {
  if (id === 'all') return '<span class="at">@所有人</span>';
  const name = names[id] ?? fallback ?? id;
  return `<span class="at" data-open-id="${escapeHtml(id)}">@${escapeHtml(name)}</span>`;
}

/** Inline markdown of one line: Feishu's tags become placeholders first, so the escaping cannot touch them. */
export function inline(src, names = {}) {
  const slots = [];
  const slot = (html) => `\u0001${slots.push(html) - 1}\u0002`;
  let s = String(src)
    .replace(/<at\s+(?:id|user_id)\s*=\s*["']?([\w-]+)["']?\s*>([^<]*)<\/at>/gi, (_, id, text) => slot(mentionHtml(id, names, text || null)))
    .replace(/<font\s+color\s*=\s*["']?([\w-]+)["']?\s*>/gi, (_, c) => slot(`<span style="color:${cssColor(c)}">`))
    .replace(/<\/font>/gi, () => slot('</span>'))
    .replace(/<text_tag\s+color\s*=\s*["']?([\w-]+)["']?\s*>/gi, (_, c) => slot(`<span class="tag tag-${TAG_CLASSES.has(c) ? c : 'neutral'}">`))
    .replace(/<\/text_tag>/gi, () => slot('</span>'))
    .replace(/<br\s*\/?>/gi, () => slot('<br>'))
    .replace(/`([^`]+)`/g, (_, code) => slot(`<code>${escapeKeepingEntities(code)}</code>`));
  s = escapeKeepingEntities(s)
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_, text, url) => `<a href="${url}" target="_blank" rel="noopener">${text}</a>`)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/~~(.+?)~~/g, '<del>$1</del>')
    .replace(/(^|[^*])\*([^*\s][^*]*?)\*(?!\*)/g, '$1<em>$2</em>');
  // The placeholders are control characters on purpose: no text a person typed contains them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: see above
  return s.replace(/\u0001(\d+)\u0002/g, (_, i) => slots[Number(i)]);
}

function tableHtml(lines, names) {
  const cells = (line) =>
    line
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((c) => c.trim());
  const head = cells(lines[0]);
  const aligns = cells(lines[1]).map((c) => (c.endsWith(':') ? (c.startsWith(':') ? 'center' : 'right') : 'left'));
  const row = (tag, cs) => `<tr>${cs.map((c, i) => `<${tag} style="text-align:${aligns[i] ?? 'left'}">${inline(c, names)}</${tag}>`).join('')}</tr>`;
  return `<table class="md-table"><thead>${row('th', head)}</thead><tbody>${lines
    .slice(2)
    .map((l) => row('td', cells(l)))
    .join('')}</tbody></table>`;
}

/** Block markdown: one line break is a line break (as in Feishu), lists, headings, quotes, rules, tables, code. */
export function markdownHtml(src, names = {}) {
  const lines = String(src ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const out = [];
  let para = [];
  const flush = () => {
    if (para.length) out.push(`<p>${para.map((l) => inline(l, names)).join('<br>')}</p>`);
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^```/.test(line)) {
      flush();
      const code = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) code.push(lines[i]);
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line) && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) {
      flush();
      const block = [line];
      for (i++; i < lines.length && /^\s*\|.*\|\s*$/.test(lines[i]); i++) block.push(lines[i]);
      i--;
      out.push(tableHtml(block, names));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const quote = /^\s*>\s?(.*)$/.exec(line);
    if (heading) {
      flush();
      out.push(`<h${heading[1].length} class="md-h">${inline(heading[2], names)}</h${heading[1].length}>`);
    } else if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) {
      flush();
      out.push('<hr>');
    } else if (quote) {
      flush();
      out.push(`<blockquote>${inline(quote[1], names)}</blockquote>`);
    } else if (/^\s*([-*+])\s+/.test(line) || /^\s*\d+\.\s+/.test(line)) {
      flush();
      const ordered = /^\s*\d+\./.test(line);
      const items = [];
      for (; i < lines.length && (ordered ? /^\s*\d+\.\s+/ : /^\s*[-*+]\s+/).test(lines[i]); i++) items.push(lines[i].replace(/^\s*(?:[-*+]|\d+\.)\s+/, ''));
      i--;
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.map((it) => `<li>${inline(it, names)}</li>`).join('')}</${tag}>`);
    } else if (line.trim() === '') {
      flush();
    } else para.push(line);
  }
  flush();
  return out.join('');
}

/** A text message: plain text with <at user_id> mentions, line breaks kept. */
export function textMessageHtml(text, names = {}) {
  const parts = String(text ?? '').split(/(<at\s+user_id\s*=\s*["']?[\w-]+["']?\s*>[^<]*<\/at>)/gi);
  return parts
    .map((p) => {
      const m = /<at\s+user_id\s*=\s*["']?([\w-]+)["']?\s*>([^<]*)<\/at>/i.exec(p);
      return m ? mentionHtml(m[1], names, m[2] || null) : escapeHtml(p);
    })
    .join('')
    .replace(/\n/g, '<br>');
}
