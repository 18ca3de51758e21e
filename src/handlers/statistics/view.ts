// The 统计监测 explanation card of a unit, read from the database: its flagged projects of the month with both
// figures, and the latest explanation of each.
import { type ExplainRow, renderExplainCard } from '../../../cards/statistics/explain';
import type { Db } from '../../db/connect';
import { unitName } from '../../db/people';
import { statsExplanationsOf } from '../../db/statistics';
import { formatBeijing } from '../../domain/calendar-dates';
import { mismatchLine } from '../../domain/statistics';
import type { MonthStats } from '../../statistics/figures';

/** Flagged projects of the month by unit (not_in_register has no unit: it is the office's to settle). */
export function flaggedByUnit(stats: MonthStats): Map<number, { unit: string; rows: Array<{ projectId: number; line: string; code: string; name: string }> }> {
  const out = new Map<number, { unit: string; rows: Array<{ projectId: number; line: string; code: string; name: string }> }>();
  for (const m of stats.mismatches) {
    const p = m.kind === 'not_in_register' ? undefined : stats.projects.get(m.code);
    if (!p) continue;
    const entry = out.get(p.unitId) ?? { unit: p.unit, rows: [] };
    entry.rows.push({ projectId: p.projectId, line: mismatchLine(m), code: m.code, name: m.name });
    out.set(p.unitId, entry);
  }
  return out;
}

export async function buildExplainCard(db: Db, month: string, stats: MonthStats, unitId: number, o: { notice?: string; nonce?: string } = {}) {
  const mine = flaggedByUnit(stats).get(unitId);
  const explained = new Map<number, ExplainRow['explained']>();
  for (const e of await statsExplanationsOf(db, month)) {
    explained.set(e.projectId, { text: e.text, by: e.personName, at: formatBeijing(new Date(e.recordedAt), { year: true }) });
  }
  const rows: ExplainRow[] = (mine?.rows ?? []).map((r) => ({ ...r, explained: explained.get(r.projectId) ?? null }));
  const name = mine?.unit ?? (await unitName(db, unitId)) ?? '';
  return renderExplainCard({ month, unitId, unitName: name, rows, ...o });
}
