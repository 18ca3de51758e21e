// card.action.trigger: routes a click or a form submit to the handler named by the card's `value.kind`, once.
import { createHash } from 'node:crypto';
import { cardActionSchema, type CardAction } from '../feishu/envelope';
import { type CardHandler, type CardReply, type CardScope, rememberOnce } from '../transport/pipeline';
import { texts } from './texts';

export type CardActionHandler = (scope: CardScope, action: CardAction) => Promise<CardReply>;

/**
 * A double click, or the same card answered on two devices, arrives as two callbacks with different event_ids but
 * the same message, button and values: the second is recognised here and has no effect. (The same values sent
 * again are by definition the same effect, so refusing them loses nothing.)
 */
export function clickKey(a: CardAction): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([a.action.name ?? null, a.action.value ?? null, sortKeys(a.action.form_value ?? null), a.action.option ?? null]))
    .digest('hex')
    .slice(0, 32);
  // The operator is part of the key: someone refused on a forwarded card must not use up the rightful reporter's click.
  return `click:${a.context?.open_message_id ?? '-'}:${a.operator.open_id}:${digest}`;
}

function sortKeys(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
}

export function createOnCardAction(byKind: Record<string, CardActionHandler>): CardHandler {
  return async (scope, event) => {
    const parsed = cardActionSchema.safeParse(event);
    if (!parsed.success) return { toast: { type: 'error', content: texts.cardExpired } };
    const value = parsed.data.action.value;
    const kind = value && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
    const handler = typeof kind === 'string' ? byKind[kind] : undefined;
    if (!handler) return { toast: { type: 'warning', content: texts.cardExpired } };
    // Remembered before the handler runs, so a second click arriving meanwhile is recognised; forgotten again when
    // the click achieved nothing (refused, invalid input, failure), so that trying again is not taken for a repeat.
    const key = clickKey(parsed.data);
    const first = await scope.transaction((s) => rememberOnce(s.tx, key, s.now));
    if (!first) return { toast: { type: 'info', content: texts.duplicateClick } };
    const forget = () => scope.ctx.db.deleteFrom('handled_events').where('key', '=', key).execute();
    try {
      const reply = await handler(scope, parsed.data);
      if (reply.toast && (reply.toast.type === 'error' || reply.toast.type === 'warning')) await forget();
      return reply;
    } catch (err) {
      await forget();
      throw err;
    }
  };
}
