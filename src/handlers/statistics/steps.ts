// Sending the 统计监测 explanation cards of a month: one card to each reporter of each unit with a flagged project.
// Each card is queued under a key naming the month, unit and reporter, so a unit gets it once a month however often
// the month's figures are imported again (a unit first flagged by a later import gets its card then).
import type { AppContext } from '../../context';
import { peopleByUnit } from '../../db/rounds';
import { enqueue } from '../../feishu/outbox';
import type { MonthStats } from '../../statistics/figures';
import { outsideQuietHours } from '../run-once';
import { buildExplainCard, flaggedByUnit } from './view';

export type ExplainOutcome = { units: number; queued: number; before: number; unresolved: string[] };

export async function sendExplainCards(ctx: AppContext, month: string, stats: MonthStats): Promise<ExplainOutcome> {
  const units = flaggedByUnit(stats);
  const now = ctx.clock.now();
  const sendAt = outsideQuietHours(now);
  return ctx.engine.retry(() =>
    ctx.db.transaction().execute(async (tx) => {
      const reporters = await peopleByUnit(tx, 'reporter');
      const out: ExplainOutcome = { units: units.size, queued: 0, before: 0, unresolved: [] };
      for (const [unitId, { unit }] of units) {
        for (const r of reporters.get(unitId) ?? []) {
          if (!r.openId || r.resigned) {
            out.unresolved.push(`${r.name}（${unit}）`);
            continue;
          }
          const content = await buildExplainCard(tx, month, stats, unitId);
          const msg = { op: 'create' as const, receiveIdType: 'open_id' as const, receiveId: r.openId, msgType: 'interactive' as const, content };
          const { queued } = await enqueue(tx, msg, now, `stats:${month}:${unitId}:${r.personId}`, sendAt);
          if (queued) out.queued += 1;
          else out.before += 1;
        }
      }
      return out;
    }),
  );
}
