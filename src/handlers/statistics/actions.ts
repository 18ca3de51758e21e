// The 统计监测 card's one action: a unit's reporter (or an administrator) submits explanations of the unit's flagged
// projects. Each explanation is kept with who and when; a later one is added beside it, never over it.
import { randomUUID } from 'node:crypto';
import { addStatsExplanation } from '../../db/statistics';
import { withoutControlChars } from '../../domain/plain-text';
import { actorFor, mayReportFor } from '../../people/access';
import type { CardActionHandler, CardReply } from '../../scope';
import { monthStats } from '../../statistics/figures';
import { explainField } from '../../../cards/statistics/explain';
import { buildExplainCard, flaggedByUnit } from './view';

export const NOT_YOUR_UNIT = '您不是这些项目责任单位的填报人，不能提交说明；如有疑问请联系重点项目办。';
const EXPIRED: CardReply = { toast: { type: 'warning', content: '该卡片已失效，请使用最新的卡片。' } };

const submitExplanations: CardActionHandler = async (scope, a) => {
  const { ctx } = scope;
  const v = (a.action.value ?? {}) as Record<string, unknown>;
  const month = typeof v.month === 'string' && /^\d{4}-\d{2}$/.test(v.month) ? v.month : null;
  const unitId = typeof v.unitId === 'number' && Number.isInteger(v.unitId) ? v.unitId : null;
  if (month === null || unitId === null) return EXPIRED;
  const actor = await actorFor(ctx.db, a.operator.open_id);
  if (!mayReportFor(actor, unitId)) return { toast: { type: 'error', content: NOT_YOUR_UNIT } };
  const stats = await monthStats(ctx.db, month);
  const flagged = stats ? flaggedByUnit(stats).get(unitId) : undefined;
  if (!stats || !flagged) return EXPIRED;
  const form = a.action.form_value ?? {};
  const given = flagged.rows
    .map((r) => {
      const raw = form[explainField(r.projectId)];
      const kind = stats.mismatches.find((m) => m.code === r.code)?.kind ?? 'difference';
      return { r, kind, text: typeof raw === 'string' ? withoutControlChars(raw).trim() : '' };
    })
    .filter((x) => x.text !== '');
  if (given.length === 0) return { toast: { type: 'error', content: '请至少填写一个项目的原因说明后再提交' } };
  await scope.transaction(async (s) => {
    for (const g of given) {
      await addStatsExplanation(s.tx, { month, projectId: g.r.projectId, kind: g.kind, text: g.text, personId: actor.personId }, s.now);
    }
  });
  const notice = `已提交 ${given.length} 个项目的说明：${given.map((g) => g.r.name).join('、')}`;
  return {
    toast: { type: 'success', content: notice },
    card: await buildExplainCard(ctx.db, month, stats, unitId, { notice, nonce: randomUUID().slice(0, 8) }),
  };
};

export const statisticsActions: Record<string, CardActionHandler> = { stats_explain: submitExplanations };
