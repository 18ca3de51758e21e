// Card actions of the ledger: 交办 / 调整交办, 报送进展 (or 批示), 申请销号, 确认销号, 退回, 直接销号, and 刷新. Each
// checks who clicked (not who the card was sent to) and the item's status now; the change, its event (who, when,
// why) and the messages it causes commit together.
import { randomUUID } from 'node:crypto';
import { doneTexts as D, refusalTexts as R } from '../../../cards/problem/texts';
import type { AppContext } from '../../context';
import { unitIds } from '../../db/people';
import { getProblem, type ProblemItem } from '../../db/problems';
import { type ItemChange, addProblemEvent, changeProblem } from '../../db/problem-changes';
import { shanghaiDay } from '../../domain/calendar';
import { checkStep, type ProblemAction, type ProblemRoles } from '../../domain/problem-lifecycle';
import { isProblemCategoryId } from '../../domain/problem-categories';
import { withoutControlChars } from '../../domain/plain-text';
import type { CardAction } from '../../feishu/envelope';
import { type CardReply, toast } from '../../scope';
import { actorFor, namedActor } from '../../people/access';
import { askerByOpenId } from '../answer/asker';
import type { CardActionHandler } from '../../scope';
import { ledgerSend, tellStep } from './notify';
import { buildProblemCard, mayViewProblem, rolesFor } from './view';
import { texts } from '../texts';

const nonce = () => randomUUID().slice(0, 8);

type Ref = { id: number; status: string | null };

function refOf(a: CardAction): Ref | null {
  const v = (a.action.value ?? {}) as Record<string, unknown>;
  const id = typeof v.id === 'number' && Number.isInteger(v.id) ? v.id : null;
  return id === null ? null : { id, status: typeof v.status === 'string' ? v.status : null };
}

function textOf(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = withoutControlChars(v).replace(/\r\n?/g, '\n').trim();
  return t === '' ? null : t.slice(0, 1000);
}

/** A date_picker's value ("2026-09-30 +0800") or a plain date → 'YYYY-MM-DD'. */
function dateOf(v: unknown): string | null {
  const m = typeof v === 'string' ? /^(\d{4}-\d{2}-\d{2})/.exec(v.trim()) : null;
  return m?.[1] ?? null;
}

const ids = (v: unknown): number[] =>
  (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []).map(Number).filter((n) => Number.isInteger(n) && n > 0);

const REFUSAL: Record<ProblemAction, string> = {
  assign: R.notAdmin,
  close: R.notAdmin,
  return: R.notAdmin,
  dismiss: R.notAdmin,
  note: R.notWorker,
  apply: R.notLead,
};

/** The event's action: a note is a lead unit's progress, a helper's, a leader's 批示 or an administrator's remark. */
function eventAction(action: ProblemAction, roles: ProblemRoles): string {
  if (action !== 'note') return action;
  return roles.lead ? 'progress' : roles.helper ? 'assist' : roles.leader ? 'instruct' : 'remark';
}

type Assignment = { leadUnitId: number; helperUnitIds: number[]; deadline: string; category: string };

async function readAssignment(ctx: AppContext, item: ProblemItem, form: Record<string, unknown>, today: string): Promise<Assignment | string> {
  const known = await unitIds(ctx.db);
  const lead = ids(form.lead_unit)[0];
  if (lead === undefined || !known.has(lead)) return R.noLead;
  const deadline = dateOf(form.deadline);
  if (!deadline) return R.badDeadline;
  if (deadline < today) return R.pastDeadline;
  const chosen = typeof form.category === 'string' && isProblemCategoryId(form.category) ? form.category : item.category;
  if (!isProblemCategoryId(chosen)) return R.badCategory;
  const helperUnitIds = [...new Set(ids(form.helper_units))].filter((u) => known.has(u) && u !== lead);
  return { leadUnitId: lead, helperUnitIds, deadline, category: chosen };
}

async function freshCard(ctx: AppContext, id: number, openId: string, now: Date) {
  const item = await getProblem(ctx.db, id);
  if (!item) return null;
  const actor = await actorFor(ctx.db, openId);
  return { item, card: await buildProblemCard(ctx.db, item, rolesFor(actor, item), now, { nonce: nonce() }) };
}

const view: CardActionHandler = async ({ ctx, now }, a) => {
  const ref = refOf(a);
  const item = ref ? await getProblem(ctx.db, ref.id) : null;
  if (!item) return { toast: toast('warning', ref ? R.gone : texts.cardExpired) };
  const asker = await askerByOpenId(ctx.db, a.operator.open_id);
  const roles = rolesFor(asker.actor, item);
  if (!asker.registered || !mayViewProblem(roles, asker.visibility, item)) return { toast: toast('error', R.notViewer) };
  return { card: await buildProblemCard(ctx.db, item, roles, now, { nonce: nonce() }) };
};

function act(action: ProblemAction): CardActionHandler {
  return async (scope, a) => {
    const { ctx, now } = scope;
    const ref = refOf(a);
    const item = ref ? await getProblem(ctx.db, ref.id) : null;
    if (!ref || !item) return { toast: toast('warning', ref ? R.gone : texts.cardExpired) };
    // Named from the Feishu directory when the register does not hold them, so the history says who acted.
    const actor = await namedActor(ctx, await actorFor(ctx.db, a.operator.open_id));
    const roles = rolesFor(actor, item);
    const form = a.action.form_value ?? {};
    const note = textOf(form.note);
    const today = shanghaiDay(now);
    let assignment: Assignment | null = null;
    if (action === 'assign' && roles.admin) {
      const read = await readAssignment(ctx, item, form, today);
      if (typeof read === 'string') return { toast: toast('error', read) };
      assignment = read;
    }
    const check = checkStep(item.status, action, roles, { note, sameLead: assignment?.leadUnitId === item.leadUnitId });
    if (!check.ok && check.why === 'role') return { toast: toast('error', REFUSAL[action]) };
    const stale = async (): Promise<CardReply> => {
      const fresh = await freshCard(ctx, item.id, a.operator.open_id, now);
      return fresh ? { toast: toast('warning', R.stale(fresh.item.status)), card: fresh.card } : { toast: toast('warning', R.gone) };
    };
    // A 交办 or 直接销号 decided on what the card showed: if the item has moved on since, the decision is shown again.
    const decidedOnOld = (action === 'assign' || action === 'dismiss') && ref.status !== item.status;
    if (decidedOnOld || (!check.ok && check.why === 'status')) return stale();
    if (!check.ok) return { toast: toast('error', R.noteNeeded[action] ?? R.noteNeeded.note ?? '') };

    const at = now.toISOString();
    const change: ItemChange = { status: check.to };
    if (assignment) Object.assign(change, { ...assignment, overdue: false, escalationLevel: 0, escalatedOn: null });
    if (check.to === '已销号') change.closedAt = at;
    const done = await scope.transaction(async (s) => {
      if (!(await changeProblem(s.tx, item.id, item.status, change, at))) return false;
      const eventId = await addProblemEvent(s.tx, {
        problemId: item.id,
        actorId: actor.personId,
        actorName: actor.personId === null ? actor.name : null,
        at,
        action: eventAction(action, roles),
        fromStatus: item.status,
        toStatus: check.to,
        note,
        leadUnitId: assignment?.leadUnitId ?? null,
        deadline: assignment?.deadline ?? null,
      });
      const after = await getProblem(s.tx, item.id);
      if (after) await tellStep(s.tx, ledgerSend(s), after, action, { id: eventId, note, actorName: actor.name }, now);
      return true;
    });
    if (!done) return stale();
    const fresh = await freshCard(ctx, item.id, a.operator.open_id, now);
    const lead = fresh?.item.leadUnitName ?? '';
    const said =
      action === 'assign'
        ? item.status === '待梳理'
          ? D.assign(lead)
          : D.reassign(lead)
        : action === 'note'
          ? roles.lead || roles.helper
            ? D.note
            : roles.leader
              ? D.instruct
              : D.remark
          : D[action];
    return { toast: toast('success', said), ...(fresh ? { card: fresh.card } : {}) };
  };
}

export const problemActions: Record<string, CardActionHandler> = {
  problem_view: view,
  problem_assign: act('assign'),
  problem_note: act('note'),
  problem_apply: act('apply'),
  problem_close: act('close'),
  problem_return: act('return'),
  problem_dismiss: act('dismiss'),
};
