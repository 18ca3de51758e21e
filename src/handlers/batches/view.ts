// The view models of the 四个一批 and 储备库 cards, read from the database.
import type { Kysely } from 'kysely';
import { renderMonthlyCard } from '../../../cards/batches/monthly';
import { renderQuarterlyCard } from '../../../cards/batches/quarterly';
import { enterprisesOf, type Enterprise } from '../../db/batches';
import { confirmedIn, reserveProjects } from '../../db/reserve';
import type { Database } from '../../db/schema';
import { BATCH_STAGES, currentStage, stageDate } from '../../domain/batches';
import { formatYi } from '../../domain/money';

type Q = Kysely<Database>;

/** "已投产（2026-06-15）；开工日期未登记" — the furthest stage and its date, and a skipped stage named. */
export function stageText(e: Enterprise): string {
  const now = currentStage(e);
  const date = stageDate(e, now);
  const skipped = BATCH_STAGES.slice(1, BATCH_STAGES.indexOf(now)).filter((s) => stageDate(e, s) === null);
  return `${now === '签约' ? '已签约' : `已${now}`}（${date}）${skipped.length ? `；${skipped.join('、')}日期未登记` : ''}`;
}

export async function openEnterprises(db: Q, year: number, unitId: number): Promise<Enterprise[]> {
  return (await enterprisesOf(db, year, { unitId })).filter((e) => e.effectiveOn === null);
}

export async function buildMonthlyCard(db: Q, year: number, month: number, unitId: number, unitName: string, o: { notice?: string; nonce?: string } = {}) {
  const rows = (await openEnterprises(db, year, unitId)).map((e) => ({
    id: e.id,
    code: e.code,
    name: e.name,
    countyName: e.countyName,
    stageText: stageText(e),
  }));
  return renderMonthlyCard({ year, month, unitId, unitName, rows, ...o });
}

/**
 * The quarterly card of a unit from its `from`-th project: the projects still in the pool, those not yet confirmed this
 * quarter first (so that after confirming one card's worth the refreshed card lists the rest), then by 储备编号.
 */
export async function buildQuarterlyCard(db: Q, quarter: string, unitId: number, unitName: string, o: { notice?: string; nonce?: string; from?: number } = {}) {
  const confirmed = await confirmedIn(db, quarter);
  const rows = (await reserveProjects(db, { unitId }))
    .filter((r) => r.promotedTo === null)
    .map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      countyName: r.countyName,
      totalText: formatYi(r.totalYuan),
      stage: r.stage,
      confirmed: confirmed.has(r.id),
    }));
  rows.sort((a, b) => Number(a.confirmed) - Number(b.confirmed));
  return renderQuarterlyCard({ quarter, unitId, unitName, rows, ...o });
}
