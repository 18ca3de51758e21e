// Card actions of 四个一批 (record a stage and its date) and the 储备库 (confirm or advance each reserve project's
// stage). Only a reporter of the enterprise's (project's) unit, or an administrator, may submit.
import { randomUUID } from 'node:crypto';
import { getEnterprise, recordStage } from '../../db/batches';
import { confirmReserve, reserveProjects } from '../../db/reserve';
import { checkStageEntry, LATER_STAGES, type LaterStage } from '../../domain/batches';
import { shanghaiDay } from '../../domain/calendar';
import { withoutControlChars } from '../../domain/plain-text';
import { checkReserveMove } from '../../domain/reserve';
import { actorFor, mayReportFor } from '../../people/access';
import { type CardActionHandler, type CardReply, toast } from '../../scope';
import { reserveField } from '../../../cards/batches/quarterly';
import { buildMonthlyCard, buildQuarterlyCard } from './view';

const nonce = () => randomUUID().slice(0, 8);
const EXPIRED: CardReply = { toast: toast('warning', '该卡片已失效，请使用最新的卡片。') };
export const NOT_YOUR_ENTERPRISE = '您不是该企业责任单位的填报人，不能登记其进展；如有疑问请联系重点项目办。';
export const NOT_YOUR_RESERVE = '您不是这些储备项目责任单位的填报人，不能确认其阶段；如有疑问请联系重点项目办。';

const num = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) ? x : typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : null);
const dateOf = (v: unknown) => (typeof v === 'string' ? (/^(\d{4}-\d{2}-\d{2})/.exec(v.trim())?.[1] ?? null) : null);

const submitStage: CardActionHandler = async (scope, a) => {
  const { ctx } = scope;
  const v = (a.action.value ?? {}) as Record<string, unknown>;
  const [year, month, unitId] = [num(v.year), num(v.month), num(v.unitId)];
  if (year === null || month === null || unitId === null) return EXPIRED;
  const form = a.action.form_value ?? {};
  const actor = await actorFor(ctx.db, a.operator.open_id);
  if (!mayReportFor(actor, unitId)) return { toast: toast('error', NOT_YOUR_ENTERPRISE) };
  const id = num(form.enterprise);
  const e = id === null ? undefined : await getEnterprise(ctx.db, id);
  if (!e) return { toast: toast('error', '请选择企业') };
  // The enterprise chosen must be of the card's unit and the submitter's: a value edited to another unit's is refused.
  if (e.unitId !== unitId || !mayReportFor(actor, e.unitId)) return { toast: toast('error', NOT_YOUR_ENTERPRISE) };
  const stage = typeof form.stage === 'string' && (LATER_STAGES as readonly string[]).includes(form.stage) ? (form.stage as LaterStage) : null;
  if (!stage) return { toast: toast('error', '请选择所达阶段（开工、投产或达效）') };
  const date = dateOf(form.date);
  if (!date) return { toast: toast('error', '请选择日期') };
  const reasonText = typeof form.reason === 'string' ? withoutControlChars(form.reason).trim() : '';
  const entry = { stage, date, reason: reasonText === '' ? null : reasonText };
  const now = ctx.clock.now();
  const check = checkStageEntry(e, entry, shanghaiDay(now));
  if (!check.ok) return { toast: toast('error', `${e.name}：${check.reason}`) };
  await scope.transaction((s) => recordStage(s.tx, e, entry, actor.personId, s.now));
  const notice = `已登记：${e.name} ${stage}（${date}）${check.backwards ? `，说明：${entry.reason}` : ''}`;
  return { toast: toast('success', notice), card: await buildMonthlyCard(ctx.db, year, month, unitId, e.unitName, { notice, nonce: nonce() }) };
};

const quarterOfValue = (v: Record<string, unknown>) => (typeof v.quarter === 'string' && /^\d{4}-Q[1-4]$/.test(v.quarter) ? v.quarter : null);

/**
 * 确认 on the quarterly card: the stages of the projects the card showed (their ids are in the button's value), kept or
 * advanced, never those of the unit's other projects, which the reporter has not seen. A project shown but since
 * promoted to the key list or removed is skipped.
 */
const confirmStages: CardActionHandler = async (scope, a) => {
  const { ctx } = scope;
  const v = (a.action.value ?? {}) as Record<string, unknown>;
  const unitId = num(v.unitId);
  const quarter = quarterOfValue(v);
  if (unitId === null || quarter === null) return EXPIRED;
  const actor = await actorFor(ctx.db, a.operator.open_id);
  if (!mayReportFor(actor, unitId)) return { toast: toast('error', NOT_YOUR_RESERVE) };
  const ids = Array.isArray(v.ids) ? new Set(v.ids.map(num).filter((x): x is number => x !== null)) : null;
  const all = (await reserveProjects(ctx.db, { unitId })).filter((r) => r.promotedTo === null);
  // A card sent before the ids rode along: answered with the current card, nothing confirmed.
  if (ids === null) return { ...EXPIRED, card: await buildQuarterlyCard(ctx.db, quarter, unitId, all[0]?.unitName ?? '', { nonce: nonce() }) };
  const pool = all.filter((r) => ids.has(r.id));
  if (pool.length === 0) return EXPIRED;
  const form = a.action.form_value ?? {};
  const moves: Array<{ r: (typeof pool)[number]; to: string }> = [];
  for (const r of pool) {
    const picked = form[reserveField(r.id)];
    const to = typeof picked === 'string' && picked !== '' ? picked : r.stage;
    const refused = checkReserveMove(r.stage, to);
    if (refused) return { toast: toast('error', `${r.name}：${refused}`) };
    moves.push({ r, to });
  }
  const q = quarter;
  await scope.transaction(async (s) => {
    for (const m of moves) await confirmReserve(s.tx, m.r, m.to, q, actor.personId, s.now);
  });
  const advanced = moves.filter((m) => m.to !== m.r.stage);
  const notice = `已确认 ${moves.length} 个储备项目${advanced.length ? `，其中 ${advanced.length} 个推进：${advanced.map((m) => `${m.r.name}（${m.r.stage}→${m.to}）`).join('、')}` : '，阶段均无变化'}`;
  return { toast: toast('success', notice), card: await buildQuarterlyCard(ctx.db, q, unitId, pool[0]?.unitName ?? '', { notice, nonce: nonce() }) };
};

/** 查看其余项目 on the quarterly card: the same card from the `from`-th project, to the unit's reporters only. */
const pageReserve: CardActionHandler = async (scope, a) => {
  const { ctx } = scope;
  const v = (a.action.value ?? {}) as Record<string, unknown>;
  const [unitId, from] = [num(v.unitId), num(v.from)];
  const quarter = quarterOfValue(v);
  if (unitId === null || from === null || quarter === null) return EXPIRED;
  const actor = await actorFor(ctx.db, a.operator.open_id);
  if (!mayReportFor(actor, unitId)) return { toast: toast('error', NOT_YOUR_RESERVE) };
  const unit = await ctx.db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
  if (!unit) return EXPIRED;
  return { card: await buildQuarterlyCard(ctx.db, quarter, unitId, unit.name, { from, nonce: nonce() }) };
};

export const batchActions: Record<string, CardActionHandler> = {
  batches_submit: submitStage,
  reserve_confirm: confirmStages,
  reserve_page: pageReserve,
};
