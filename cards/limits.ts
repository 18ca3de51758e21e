// Card JSON 2.0 limits, checked before a card is queued, so an oversized card is our error message, not Feishu's 230025.
export const CARD_MAX_BYTES = 30 * 1024; // the whole content string
export const CARD_MAX_COMPONENTS = 200;
export const CARD_MAX_TABLES = 5;
export const CARD_MAX_DEPTH = 5; // containers nest at most five levels

export type CardCheck = { ok: true; bytes: number; components: number } | { ok: false; problems: string[] };

/** Counts components (objects with a `tag`) and tables, and measures nesting and the serialised size. */
export function checkCard(card: unknown): CardCheck {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  let components = 0;
  let tables = 0;
  let depth = 0;
  const walk = (v: unknown, containers: number) => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, containers);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const isComponent = typeof o.tag === 'string' && !['plain_text', 'lark_md'].includes(o.tag);
    if (isComponent) components += 1;
    if (o.tag === 'table') tables += 1;
    const isContainer = isComponent && ['form', 'column_set', 'column', 'collapsible_panel', 'interactive_container'].includes(o.tag as string);
    const next = containers + (isContainer ? 1 : 0);
    depth = Math.max(depth, next);
    for (const [k, child] of Object.entries(o)) if (k !== 'chart_spec') walk(child, next);
  };
  walk((card as { body?: unknown })?.body, 0);
  if ((card as { schema?: unknown })?.schema !== '2.0') problems.push('卡片须为 JSON 2.0 结构（schema: "2.0"）');
  if (bytes > CARD_MAX_BYTES) problems.push(`卡片大小 ${(bytes / 1024).toFixed(1)} KB，超过 30 KB 上限`);
  if (components > CARD_MAX_COMPONENTS) problems.push(`卡片组件 ${components} 个，超过 ${CARD_MAX_COMPONENTS} 个上限`);
  if (tables > CARD_MAX_TABLES) problems.push(`卡片表格 ${tables} 个，超过 ${CARD_MAX_TABLES} 个上限`);
  if (depth > CARD_MAX_DEPTH) problems.push(`容器嵌套 ${depth} 层，超过 ${CARD_MAX_DEPTH} 层上限`);
  return problems.length ? { ok: false, problems } : { ok: true, bytes, components };
}

export class CardLimitError extends Error {
  override name = 'CardLimitError';
  constructor(readonly problems: string[]) {
    super(`卡片超出飞书限制：${problems.join('；')}`);
  }
}
