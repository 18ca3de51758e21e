// The projects of a round not reported, by unit: most missing first, then by the unit's name. One reading for the
// 本周未报送 list and the 报送情况 answer, so the two never disagree.
import type { RegisterProject } from '../../db/register';

export function missingByUnit(projects: readonly RegisterProject[], reported: { has(id: number): boolean }): Array<[string, RegisterProject[]]> {
  const byUnit = new Map<string, RegisterProject[]>();
  for (const p of projects) if (!reported.has(p.id)) byUnit.set(p.unitName, [...(byUnit.get(p.unitName) ?? []), p]);
  return [...byUnit.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], 'zh'));
}
