// card.action.trigger: routes a click or a form submit to the handler named by the card's `value.kind`, once.
import { createHash } from 'node:crypto';
import { cardActionSchema, type CardAction } from '../feishu/envelope';
import { isHandled, rememberOnce } from '../db/handled-events';
import { personByOpenId } from '../db/people';
import type { CardActionHandler, CardHandler, CardReply, CardScope } from '../scope';
import { texts } from './texts';

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

/** Thrown inside a click's transaction when the same click has committed meanwhile: rolls back, answered as a repeat. */
class RepeatedClick extends Error {}

export function createOnCardAction(byKind: Record<string, CardActionHandler>): CardHandler {
  return async (scope, event) => {
    const parsed = cardActionSchema.safeParse(event);
    if (!parsed.success) return { toast: { type: 'error', content: texts.cardExpired } };
    const value = parsed.data.action.value;
    const kind = value && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
    // Own entries only: a value.kind of "__proto__" or "toString" must not find Object's members.
    const handler = typeof kind === 'string' && Object.hasOwn(byKind, kind) ? byKind[kind] : undefined;
    if (!handler) return { toast: { type: 'warning', content: texts.cardExpired } };
    // Someone the register marks 离职 acts on no card (a form still in their chat, a problem card, a pick list): one
    // check here for every kind, saying whom to contact. Not remembered as a click: once the register is corrected,
    // the same click goes through.
    if ((await personByOpenId(scope.ctx.db, parsed.data.operator.open_id))?.resigned) return { toast: { type: 'error', content: texts.resigned } };
    const repeat: CardReply = { toast: { type: 'info', content: texts.duplicateClick } };
    const key = clickKey(parsed.data);
    if (await isHandled(scope.ctx.db, key)) return repeat;
    // The click is remembered in the transaction of its effect (a saved report, a queued reply), not before the
    // handler runs: remembered first, a process killed before the effect committed left the click "done" with nothing
    // done, and pressing 提交 again was refused as a repeat — the report was lost. A second click racing the first
    // finds the key taken inside its own transaction, which then rolls back.
    let claimed = false;
    const once: CardScope = {
      ...scope,
      transaction: async (fn) => {
        if (claimed) return scope.transaction(fn);
        const result = await scope.transaction(async (s) => {
          if (!(await rememberOnce(s.tx, key, s.now))) throw new RepeatedClick();
          return fn(s);
        });
        claimed = true;
        return result;
      },
    };
    let reply: CardReply;
    try {
      reply = await handler(once, parsed.data);
    } catch (err) {
      if (err instanceof RepeatedClick) return repeat;
      throw err;
    }
    // A click that changed nothing (a view, a page turn) is remembered afterwards, so that the same click again is
    // a repeat. One that achieved nothing (refused, invalid input) is not remembered: trying again is not a repeat.
    const refused = reply.toast && (reply.toast.type === 'error' || reply.toast.type === 'warning');
    if (!claimed && !refused) await scope.transaction((s) => rememberOnce(s.tx, key, s.now));
    return reply;
  };
}
