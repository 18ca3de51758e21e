// Long stoppages: the projects whose latest report says 停工 or 半停工, since when, and — on a working day, once per
// stoppage — the message to the 包联领导 once it has stood stoppage.escalateAfterWeeks weeks (restart-safe: runOnce and
// the stoppage_escalations row commit with the message).
import type { AppContext } from '../../context';
import { planYearFor } from '../../db/register';
import { markStoppageEscalated, type StoppedRow, stoppedAsOf } from '../../db/stoppages';
import { isWorkingDay, type WorkCalendar } from '../../domain/calendar';
import { stoppageSinceText } from '../../domain/stoppage';
import { runOnce } from '../run-once';
import { admins, personById } from '../problem/notify';

export const stoppageTexts = {
  toLeader: (p: StoppedRow) =>
    `【长时间停工】您包联的${p.name}（${p.code}，${p.countyName}，责任单位：${p.unitName}）${stoppageSinceText(p)}，` +
    `已持续${p.weeks}周，请协调解决停工原因、推动尽快复工。`,
  toAdmins: (p: StoppedRow) =>
    `【长时间停工】${p.name}（${p.code}）${stoppageSinceText(p)}，已持续${p.weeks}周；项目未登记包联领导或其未关联飞书账号，请重点项目办跟进。`,
};

/** Returns "stop:<projectId>:<runStart>" for each stoppage reported today (runStart: the Monday of its first week). */
export async function escalateLongStoppages(ctx: AppContext, today: string, cal: WorkCalendar, afterWeeks: number, sendAt: Date): Promise<string[]> {
  if (!isWorkingDay(today, cal)) return [];
  const year = await planYearFor(ctx.db, Number(today.slice(0, 4)));
  if (year === null) return [];
  const done: string[] = [];
  for (const p of await stoppedAsOf(ctx.db, year, today)) {
    if (p.weeks < afterWeeks) continue;
    const r = await runOnce(ctx, 'stoppage.escalate', `${p.id}:${p.runStart}`, async (s) => {
      if (!(await markStoppageEscalated(s.tx, p.id, p.runStart, s.now))) return false;
      const leader = await personById(s.tx, p.leaderId);
      const to = leader ? [leader] : await admins(s.tx);
      const text = leader ? stoppageTexts.toLeader(p) : stoppageTexts.toAdmins(p);
      for (const r of to)
        await s.send(
          { op: 'create', receiveIdType: 'open_id', receiveId: r.openId, msgType: 'text', content: { text } },
          `stop:${p.id}:${p.runStart}:${r.openId}`,
          sendAt,
        );
      return true;
    });
    if (r.ran && r.result) done.push(`stop:${p.id}:${p.runStart}`);
  }
  return done;
}
