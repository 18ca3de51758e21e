// Who hears of a step in an item's life, and how: the card with their own next step (administrators for a new item
// or a 申请销号, the lead and helper units on 交办 or 退回, the unit head and the 包联领导 on escalation), or a line of
// text for those who only need to know (the reporting unit, the lead unit when it is closed).
import type { Card } from '../../../cards/elements';
import type { ProblemCardMode } from '../../../cards/problem/card';
import { noticeTexts as N } from '../../../cards/problem/texts';
import type { Db } from '../../db/connect';
import { personById as findPerson } from '../../db/people';
import { getProblem, type ProblemItem } from '../../db/problems';
import { peopleByUnit, type Person } from '../../db/rounds';
import { formatDay } from '../../domain/calendar';
import { NO_ROLES } from '../../domain/problem-lifecycle';
import type { OutgoingMessage } from '../../db/sql/outbox-write';
import { enqueue } from '../../feishu/outbox';
import type { HandlerScope } from '../../scope';
import { outsideQuietHours } from '../run-once';
import { adminOpenIds } from '../../people/people';
import { buildProblemCard } from './view';

/** Sends one keyed message (the caller applies quiet hours and the transaction). */
export type Send = (msg: OutgoingMessage, key: string) => Promise<void>;

/** Sending from a card's or an event's transaction; at night (22:00–08:00) the messages wait for the morning. */
export function ledgerSend(s: HandlerScope): Send {
  const at = outsideQuietHours(s.now);
  if (at.getTime() === s.now.getTime()) return (msg, key) => s.send(msg, key);
  return async (msg, key) => void (await enqueue(s.tx, msg, s.now, key, at));
}

export type Recipient = { openId: string; personId: number | null };

const reachable = (ps: readonly Person[]): Recipient[] =>
  ps.filter((p) => p.openId && !p.resigned).map((p) => ({ openId: p.openId as string, personId: p.personId }));

/** The reporters and head(s) of units, each person once. */
export async function unitPeople(db: Db, unitIds: readonly number[]): Promise<Recipient[]> {
  if (unitIds.length === 0) return [];
  const [reporters, heads] = [await peopleByUnit(db, 'reporter'), await peopleByUnit(db, 'unit_head')];
  const all = unitIds.flatMap((u) => [...reachable(reporters.get(u) ?? []), ...reachable(heads.get(u) ?? [])]);
  return [...new Map(all.map((r) => [r.openId, r])).values()];
}

export async function unitHeads(db: Db, unitId: number): Promise<Array<Recipient & { name: string }>> {
  const heads = (await peopleByUnit(db, 'unit_head')).get(unitId) ?? [];
  return heads.filter((p) => p.openId && !p.resigned).map((p) => ({ openId: p.openId as string, personId: p.personId, name: p.name }));
}

export async function personById(db: Db, id: number | null): Promise<(Recipient & { name: string }) | null> {
  if (id === null) return null;
  const p = await findPerson(db, id);
  return p?.openId && !p.resigned ? { openId: p.openId, personId: p.id, name: p.name } : null;
}

export async function admins(db: Db): Promise<Recipient[]> {
  return (await adminOpenIds(db)).map((openId) => ({ openId, personId: null }));
}

const key = (item: ProblemItem, tag: string | number, r: Recipient) => `problem:${item.id}:${tag}:${r.openId}`;

export async function sendCard(
  db: Db,
  send: Send,
  item: ProblemItem,
  to: readonly Recipient[],
  o: { mode: ProblemCardMode; notice: string; tag: string | number; now: Date; red?: boolean },
): Promise<number> {
  if (to.length === 0) return 0;
  const card: Card = await buildProblemCard(db, item, NO_ROLES, o.now, {
    mode: o.mode,
    notice: { text: o.notice, color: o.red ? 'red' : 'grey' },
    nonce: `n${o.tag}`,
  });
  for (const r of to) await send({ op: 'create', receiveIdType: 'open_id', receiveId: r.openId, msgType: 'interactive', content: card }, key(item, o.tag, r));
  return to.length;
}

export async function sendText(send: Send, item: ProblemItem, to: readonly Recipient[], text: string, tag: string | number): Promise<number> {
  for (const r of to) await send({ op: 'create', receiveIdType: 'open_id', receiveId: r.openId, msgType: 'text', content: { text } }, key(item, tag, r));
  return to.length;
}

/** A new item from a report: each administrator gets its card with the 交办 form. */
export async function tellRaised(db: Db, send: Send, problemId: number, week: string, now: Date): Promise<void> {
  const item = await getProblem(db, problemId);
  if (!item) return;
  await sendCard(db, send, item, await admins(db), { mode: 'assign', notice: N.raised(item.raisedByName, week), tag: 'raised', now });
}

/** After a step by someone: those who act next get the card, those who only need to know get a line. */
export async function tellStep(
  db: Db,
  send: Send,
  item: ProblemItem,
  step: string,
  ev: { id: number; note: string | null; actorName: string | null },
  now: Date,
): Promise<void> {
  const { id: eventId, note } = ev;
  const deadline = item.deadline ? formatDay(item.deadline) : '';
  const lead = item.leadUnitName ?? '';
  const leadPeople = item.leadUnitId === null ? [] : await unitPeople(db, [item.leadUnitId]);
  const raiser = await personById(db, item.raisedById);
  const raiserOnly = raiser && !leadPeople.some((p) => p.openId === raiser.openId) ? [raiser] : [];
  switch (step) {
    case 'assign': {
      await sendCard(db, send, item, leadPeople, { mode: 'work', notice: N.assigned(lead, deadline), tag: eventId, now });
      const helpers = (await unitPeople(db, item.helperUnitIds)).filter((h) => !leadPeople.some((p) => p.openId === h.openId));
      await sendCard(db, send, item, helpers, { mode: 'help', notice: N.helping(lead, deadline), tag: eventId, now });
      await sendText(
        send,
        item,
        raiserOnly.filter((r) => !helpers.some((h) => h.openId === r.openId)),
        N.toRaiser.assign(item.id, item.projectName, lead, deadline),
        eventId,
      );
      return;
    }
    case 'apply':
      await sendCard(db, send, item, await admins(db), { mode: 'decide', notice: N.applied(lead, ev.actorName), tag: eventId, now });
      return;
    case 'return':
      await sendCard(db, send, item, leadPeople, { mode: 'work', notice: N.returned(note ?? ''), tag: eventId, now, red: true });
      return;
    case 'close':
      await sendText(send, item, leadPeople, N.closedToLead(item.id, item.projectName), eventId);
      await sendText(send, item, raiserOnly, N.toRaiser.close(item.id, item.projectName), eventId);
      return;
    case 'dismiss':
      await sendText(send, item, [...leadPeople, ...raiserOnly], N.toRaiser.dismiss(item.id, item.projectName, note ?? ''), eventId);
  }
}
