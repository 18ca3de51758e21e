// The bulletin's 倒排工期 and 节点控制 fields: the pace still needed and the year-end forecast for the city and each
// county (src/domain/pace.ts), the nodes overdue at the month end, and the projects in a stoppage then. Added by compose.ts in one line.
import type { Db } from '../../db/connect';
import { listNodes } from '../../db/nodes';
import type { Bulletin } from '../../domain/bulletin';
import type { BulletinOverdueNode } from '../../domain/bulletin-nodes';
import { nodeState } from '../../domain/nodes';
import { type Pace, paceWindow, sumPace } from '../../domain/pace';
import type { Settings } from '../../domain/settings';
import { stoppedAsOf } from '../../db/stoppages';
import { monthOf } from '../month';
import { measureOf, type YearData } from '../read/year-data';
import { type ProjectAt, projectsAt } from './standing';

type Extra = Pick<Bulletin, 'requiredMonthlyWan' | 'forecastYearEndWan' | 'forecastCompletionRate' | 'overdueNodes' | 'stopped'> & {
  counties: Map<string, Pace>;
};

/** The pace of a group of projects at the month end, against their figures `paceWindow` months before (0 at the year start). */
function paceOfGroup(month: number, items: readonly ProjectAt[], back: ReadonlyMap<number, number>): Pace {
  return sumPace(
    month,
    items.map((x) => ({ annualPlanYuan: x.plan.annualPlanYuan, completedYuan: x.figureYuan ?? 0, completedBackYuan: back.get(x.p.id) ?? 0 })),
  );
}

export async function nodesAndPaceOf(db: Db, data: YearData, items: readonly ProjectAt[], settings: Settings): Promise<Extra> {
  const m = data.month;
  const backMonth = m.month - paceWindow(m.month);
  const back = new Map<number, number>();
  if (backMonth >= 1) {
    const bm = monthOf(m.year, backMonth);
    for (const x of projectsAt(data, bm, measureOf(bm, settings))) if (x.figureYuan !== null) back.set(x.p.id, x.figureYuan);
  }
  const city = paceOfGroup(m.month, items, back);
  const counties = new Map<string, Pace>();
  for (const name of new Set(items.map((x) => x.p.county)))
    counties.set(
      name,
      paceOfGroup(
        m.month,
        items.filter((x) => x.p.county === name),
        back,
      ),
    );
  const asOf = m.lastDay;
  const overdueNodes: BulletinOverdueNode[] = [];
  for (const n of await listNodes(db, m.year)) {
    const s = nodeState({ plannedOn: n.plannedOn, doneOn: n.doneOn !== null && n.doneOn <= asOf ? n.doneOn : null }, asOf, 0);
    if (s.state === 'overdue') overdueNodes.push({ code: n.code, name: n.projectName, node: n.name, plannedDate: n.plannedOn, daysOverdue: s.daysOverdue });
  }
  overdueNodes.sort((a, b) => b.daysOverdue - a.daysOverdue || a.code.localeCompare(b.code));
  const stopped = (await stoppedAsOf(db, m.year, asOf)).map((p) => ({
    code: p.code,
    name: p.name,
    status: p.status,
    since: p.since,
    sinceSource: p.sinceSource,
    weeks: p.weeks,
  }));
  return { ...city, overdueNodes, stopped, counties };
}

/** Puts the pace and the overdue nodes onto a composed bulletin. */
export async function withNodesAndPace(db: Db, data: YearData, items: readonly ProjectAt[], settings: Settings, b: Bulletin): Promise<Bulletin> {
  const { counties, ...top } = await nodesAndPaceOf(db, data, items, settings);
  return { ...b, ...top, counties: b.counties.map((c) => ({ ...c, ...(counties.get(c.name) ?? {}) })) };
}
