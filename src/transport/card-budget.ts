// Card callbacks within Feishu's 3 s: answered inside a budget; slower work finishes afterwards and updates the card
// by its token.
import type { Timer } from '../clock';
import type { AppContext } from '../context';
import { rememberOnce } from '../db/handled-events';
import { believableClickTime } from '../domain/click-time';
import type { Envelope } from '../feishu/envelope';
import type { CardHandler, CardReply } from '../scope';
import type { Transaction } from './transaction';

export type CardBudgetOptions = { ctx: AppContext; card: CardHandler; transaction: Transaction; budgetMs: number };

export function createCardBudget(o: CardBudgetOptions) {
  const { ctx, transaction } = o;
  /** Card handlers still finishing after their interim answer: stop() must wait for them before the database closes. */
  const lateCards = new Set<Promise<void>>();

  /** Answers a card callback inside the budget; slower work finishes afterwards and updates the card by token. */
  async function acceptCard(env: Envelope): Promise<CardReply | null> {
    // The budget runs from the callback's arrival: time spent waiting for a busy database counts against Feishu's
    // 3 s as well. (It used to start after the callback was remembered, so a locked database meant a late answer.)
    // It is measured on the program's clock, so a test runs it out by moving the clock, not by waiting.
    let timer: Timer | undefined;
    const late = new Promise<'late'>((r) => {
      timer = ctx.clock.after(o.budgetMs, () => r('late'));
    });
    const now = ctx.clock.now();
    // A stamp from the future (a client's clock far ahead) would outrank every real click of the week: it counts as now.
    const clickedAt = believableClickTime(typeof env.createdMs === 'number' ? new Date(env.createdMs) : null, now);
    const work = (async (): Promise<CardReply | null> => {
      const fresh = await ctx.engine.retry(() => ctx.db.transaction().execute((tx) => rememberOnce(tx, `event:${env.eventId}`, now)));
      if (!fresh) return null;
      return o.card({ ctx, now, clickedAt, transaction }, env.event, env);
    })().catch((err): CardReply => {
      ctx.log.error('卡片操作处理失败', { eventId: env.eventId, error: (err as Error).message });
      return { toast: { type: 'error', content: '处理失败，请稍后重试；如多次失败请联系重点项目办。' } };
    });
    const first = await Promise.race([work, late]);
    timer?.cancel();
    if (first !== 'late') return first;
    const token = (env.event as { token?: unknown }).token;
    // Tracked and caught: left floating, a shutdown closed the database under it, the card update was lost and the
    // rejection went unhandled (which ends a Node process).
    const finishing = work
      .then(async (reply) => {
        if (reply?.card && typeof token === 'string') {
          await transaction((s) => s.send({ op: 'card_update', token, card: reply.card }));
        }
      })
      .catch((err) => ctx.log.error('卡片处理完成后未能排入卡片更新', { eventId: env.eventId, error: (err as Error).message }))
      .finally(() => lateCards.delete(finishing));
    lateCards.add(finishing);
    return { toast: { type: 'info', content: '已收到，正在处理，完成后卡片会自动更新。' } };
  }

  return {
    acceptCard,
    /** How many cards are still finishing after their interim answer. */
    finishing: () => lateCards.size,
    /** Resolves when the cards finishing now are done. */
    settled: () => Promise.all(lateCards).then(() => {}),
  };
}

/** The answer Feishu expects for a card callback: {} or {toast, card:{type:'raw', data}}. */
export function cardResponseBody(reply: CardReply | null): Record<string, unknown> {
  if (!reply) return {};
  const body: Record<string, unknown> = {};
  if (reply.toast) body.toast = reply.toast;
  if (reply.card) body.card = { type: 'raw', data: reply.card };
  return body;
}
