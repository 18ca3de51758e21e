// card.action.trigger: routes a click or a form submit to the handler named by the card's `value.kind`.
import { cardActionSchema, type CardAction } from '../feishu/envelope';
import type { CardHandler, CardReply, CardScope } from '../transport/pipeline';
import { texts } from './texts';

export type CardActionHandler = (scope: CardScope, action: CardAction) => Promise<CardReply>;

export function createOnCardAction(byKind: Record<string, CardActionHandler>): CardHandler {
  return async (scope, event) => {
    const parsed = cardActionSchema.safeParse(event);
    if (!parsed.success) return { toast: { type: 'error', content: texts.cardExpired } };
    const value = parsed.data.action.value;
    const kind = value && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
    const handler = typeof kind === 'string' ? byKind[kind] : undefined;
    if (!handler) return { toast: { type: 'warning', content: texts.cardExpired } };
    return handler(scope, parsed.data);
  };
}
