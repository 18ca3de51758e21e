// 节点控制 on the clock: each minute, after nodes.checkTime on a working day, overdue nodes are escalated (unit head,
// then 包联领导) and long stoppages reported to the 包联领导; what was sent is recorded, so a restart or a second
// instance repeats nothing. nodes.escalate switches both off.
import type { AppContext } from '../context';
import { loadSettings } from '../db/settings';
import { beijingInstant, shanghaiDay, workCalendarOf } from '../domain/calendar';
import { escalateOverdueNodes } from '../handlers/nodes/escalate';
import { escalateLongStoppages } from '../handlers/nodes/stoppages';
import { outsideQuietHours } from '../handlers/run-once';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Returns "node:<id>:<level>" for each node escalation and "stop:<projectId>:<since>" for each long stoppage reported. */
export async function tickNodes(ctx: AppContext): Promise<string[]> {
  const now = ctx.clock.now();
  const { settings } = await loadSettings(ctx.db);
  const today = shanghaiDay(now);
  if (!settings['nodes.escalate']) return [];
  if (now < beijingInstant(today, minutesOf(settings['nodes.checkTime']))) return [];
  const cal = workCalendarOf(settings);
  const sendAt = outsideQuietHours(now);
  return [
    ...(await escalateOverdueNodes(ctx, today, cal, settings['nodes.escalateAfterWorkdays'], sendAt)),
    ...(await escalateLongStoppages(ctx, today, cal, settings['stoppage.escalateAfterWeeks'], sendAt)),
  ];
}
