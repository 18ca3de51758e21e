// Every reporter's copy of a unit's list card of a week: remembered when sent, and updated through the message update
// API (patch) when any reporter of the unit saves a project, so that a colleague's card does not go on saying
// "已填 0/4" with no word of who filled what.
import { randomUUID } from 'node:crypto';
import { cardViewOf, type CardView, listCardsOf, rememberListCard, setCardView } from '../../db/round-list-cards';
import type { CardAction } from '../../feishu/envelope';
import type { Db } from '../../db/connect';
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
 * Records what the tapped card shows now (the card of the callback's message), when Feishu names the message. A
 * message turned into the unit's list by a tap (a reminder's 打开填报列表) is remembered as one of its copies.
 */
export async function noteCardView(db: Db, a: CardAction, view: CardView, now: Date, list?: { periodId: number; unitId: number }): Promise<void> {
  const id = a.context?.open_message_id;
  if (!id) return;
  await setCardView(db, id, view, now);
  if (list) await rememberListCard(db, `tapped:${id}`, list.periodId, list.unitId, now, id);
}

/**
 * Queues, in the saving transaction, a patch of every sent copy of the unit's list card of the period but the one the
 * click came from (it is answered with the saved card). `tag` names the save (project and revision), so a replayed
 * save does not patch twice.
 */
export async function queueListUpdates(s: HandlerScope, period: Period, unitId: number, except: string | null, tag: string): Promise<number> {
  const opened = Date.parse(period.opensAt);
  // Cards of the round's opening sent before copies were remembered (0011) are found by their key all the same.
  const copies: Array<{ key: string; at: number; messageId: string | null }> = [];
  for (const r of (await peopleByUnit(s.tx, 'reporter')).get(unitId) ?? [])
    copies.push({ key: openListKey(period, unitId, r.personId), at: opened, messageId: null });
  // A message that came to show the list by a tap (a reminder) was sent some time after the round opened.
  for (const c of await listCardsOf(s.tx, period.id, unitId))
    copies.push({ key: c.key, at: c.messageId ? opened : Date.parse(c.createdAt), messageId: c.messageId });
  const done = new Set<string>(except ? [except] : []);
  let card: unknown = null;
  let queued = 0;
  for (const c of copies) {
    if (s.now.getTime() - c.at > UPDATABLE_MS) continue;
    const sent = c.messageId ? { messageId: c.messageId, receiveId: null } : await sentMessageOf(s.tx, c.key);
    if (!sent?.messageId || done.has(sent.messageId)) continue;
    done.add(sent.messageId);
    // A copy whose holder has a form open (or is reading what they just saved) is left as it is: the list it would
    // become is rebuilt, current, when they go back to it.
    const view = (await cardViewOf(s.tx, sent.messageId)) ?? 'list';
    if (view !== 'list') continue;
    card ??= await buildListCard(s.tx, period, unitId, 0, s.now, { nonce: randomUUID().slice(0, 8) });
    await s.send({ op: 'patch', messageId: sent.messageId, receiver: sent.receiveId, card }, `round:list-update:${sent.messageId}:${tag}`);
    queued += 1;
  }
  return queued;
}
