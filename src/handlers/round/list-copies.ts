// Every reporter's copy of a unit's list card of a week: remembered when sent, and updated through the message update
// API (patch) when any reporter of the unit saves a project, so that a colleague's card does not go on saying
// "已填 0/4" with no word of who filled what.
import { randomUUID } from 'node:crypto';
import { listCardsOf, rememberListCard } from '../../db/round-list-cards';
import { peopleByUnit, type Period } from '../../db/rounds';
import { sentMessageOf } from '../../feishu/outbox';
import type { HandlerScope } from '../../scope';
import { buildListCard } from './view';

/** Feishu updates a card for 14 days after it was sent; a copy older than that (less a margin) is left alone. */
const UPDATABLE_MS = 13 * 86_400_000;

/** The outbox key of a reporter's list card from the round's opening (steps.ts). */
export const openListKey = (period: Period, unitId: number, personId: number) => `round:${period.weekStart}:open:${unitId}:${personId}`;

export { rememberListCard };

/**
 * Queues, in the saving transaction, a patch of every sent copy of the unit's list card of the period but the one the
 * click came from (it is answered with the saved card). `tag` names the save (project and revision), so a replayed
 * save does not patch twice.
 */
export async function queueListUpdates(s: HandlerScope, period: Period, unitId: number, except: string | null, tag: string): Promise<number> {
  const copies = new Map<string, number>();
  // Cards of the round's opening sent before copies were remembered (0011) are found by their key all the same.
  for (const r of (await peopleByUnit(s.tx, 'reporter')).get(unitId) ?? []) copies.set(openListKey(period, unitId, r.personId), Date.parse(period.opensAt));
  for (const c of await listCardsOf(s.tx, period.id, unitId)) copies.set(c.key, Date.parse(c.createdAt));
  let card: unknown = null;
  let queued = 0;
  for (const [key, at] of copies) {
    if (s.now.getTime() - at > UPDATABLE_MS) continue;
    const sent = await sentMessageOf(s.tx, key);
    if (!sent?.messageId || sent.messageId === except) continue;
    card ??= await buildListCard(s.tx, period, unitId, 0, s.now, { nonce: randomUUID().slice(0, 8) });
    await s.send({ op: 'patch', messageId: sent.messageId, chatId: sent.receiveId, card }, `round:list-update:${sent.messageId}:${tag}`);
    queued += 1;
  }
  return queued;
}
