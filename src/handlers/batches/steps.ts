// Sending the monthly 四个一批 cards and the quarterly 储备库 cards: one card per reporter of each unit that has
// something to record, each run once per month (quarter) whatever calls it — the scheduler, a restart, a second instance.
import type { AppContext } from '../../context';
import { enterprisesOf } from '../../db/batches';
import { reserveProjects } from '../../db/reserve';
import { peopleByUnit } from '../../db/rounds';
import { outsideQuietHours, runOnce, type StepScope } from '../run-once';
import { buildMonthlyCard, buildQuarterlyCard } from './view';

export type SendOutcome = { ran: boolean; messages: number; unresolved: string[] };

async function sendToReporters(
  s: StepScope,
  units: Map<number, string>,
  build: (unitId: number, unitName: string) => Promise<unknown>,
  keyOf: (unitId: number, personId: number) => string,
): Promise<{ messages: number; unresolved: string[] }> {
  const reporters = await peopleByUnit(s.tx, 'reporter');
  const sendAt = outsideQuietHours(s.now);
  let messages = 0;
  const unresolved: string[] = [];
  for (const [unitId, unitName] of units) {
    for (const r of reporters.get(unitId) ?? []) {
      if (!r.openId || r.resigned) {
        unresolved.push(`${r.name}（${unitName}）`);
        continue;
      }
      const card = await build(unitId, unitName);
      await s.send({ op: 'create', receiveIdType: 'open_id', receiveId: r.openId, msgType: 'interactive', content: card }, keyOf(unitId, r.personId), sendAt);
      messages += 1;
    }
  }
  return { messages, unresolved };
}

/** The month's 四个一批 cards ('YYYY-MM'): to the reporters of each unit with enterprises not yet 达效. */
export async function sendMonthlyCards(ctx: AppContext, month: string): Promise<SendOutcome> {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const outcome = await runOnce(ctx, 'batches.monthly', month, async (s) => {
    const open = (await enterprisesOf(s.tx, year)).filter((e) => e.effectiveOn === null);
    const units = new Map(open.map((e) => [e.unitId, e.unitName]));
    const sent = await sendToReporters(
      s,
      units,
      (unitId, unitName) => buildMonthlyCard(s.tx, year, m, unitId, unitName),
      (unitId, personId) => `batches:${month}:${unitId}:${personId}`,
    );
    ctx.log.info('四个一批进展登记卡片已发出', { month, messages: sent.messages });
    return sent;
  });
  return outcome.ran ? { ran: true, ...outcome.result } : { ran: false, messages: 0, unresolved: [] };
}

/** The quarter's 储备库 cards ('2026-Q3'): to the reporters of each unit with reserve projects still in the pool. */
export async function sendQuarterlyCards(ctx: AppContext, quarter: string): Promise<SendOutcome> {
  const outcome = await runOnce(ctx, 'reserve.quarterly', quarter, async (s) => {
    const pool = (await reserveProjects(s.tx)).filter((r) => r.promotedTo === null);
    const units = new Map(pool.map((r) => [r.unitId, r.unitName]));
    const sent = await sendToReporters(
      s,
      units,
      (unitId, unitName) => buildQuarterlyCard(s.tx, quarter, unitId, unitName),
      (unitId, personId) => `reserve:${quarter}:${unitId}:${personId}`,
    );
    ctx.log.info('储备项目季度确认卡片已发出', { quarter, messages: sent.messages });
    return sent;
  });
  return outcome.ran ? { ran: true, ...outcome.result } : { ran: false, messages: 0, unresolved: [] };
}
