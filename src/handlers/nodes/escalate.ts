// Overdue nodes on the clock, like overdue problems: on a working day, after nodes.checkTime, each node past its
// planned date and not done goes to the unit head (level 1), and nodes.escalateAfterWorkdays working days later, still
// not done, to the project's 包联领导 (level 2). At most one message a day per node; each step runs once (runOnce), so a
// restart or a second instance sends nothing twice. Nobody to tell → the administrators are told so.
import { cnDate } from '../../../cards/nodes/lines';
import type { AppContext } from '../../context';
import { escalateNode, listNodes, type ProjectNode } from '../../db/nodes';
import { planYearFor } from '../../db/register';
import { isWorkingDay, type WorkCalendar, workingDaysAfter } from '../../domain/calendar';
import { daysFrom, nodeEscalationDue } from '../../domain/nodes';
import { runOnce } from '../run-once';
import { admins, personById, type Recipient, unitHeads } from '../problem/notify';

export const escalationTexts = {
  toHead: (n: ProjectNode, days: number) =>
    `【节点逾期督办】${n.projectName}（${n.code}）的节点“${n.name}”计划于${cnDate(n.plannedOn)}完成，至今未完成，已逾期${days}天。` +
    '请督促责任单位抓紧推进，完成后由填报人在周调度表单中登记完成日期。',
  toLeader: (n: ProjectNode, days: number, heads: string) =>
    `【节点逾期上报】您包联的${n.projectName}（${n.code}，责任单位：${n.unitName}）节点“${n.name}”计划于${cnDate(n.plannedOn)}完成，` +
    `已逾期${days}天；此前已向单位负责人${heads ? `${heads}` : ''}督办，仍未完成，请协调推动。`,
  toAdmins: (n: ProjectNode, days: number, level: number) =>
    `【节点逾期】${n.projectName}（${n.code}）节点“${n.name}”已逾期${days}天，应${level >= 2 ? '上报包联领导' : '向单位负责人督办'}，` +
    `但${level >= 2 ? '项目未登记包联领导或其未关联飞书账号' : '责任单位负责人未关联飞书账号'}，请重点项目办跟进。`,
};

/** Escalates each overdue node due for its next level today; returns "node:<id>:<level>" of those done. */
export async function escalateOverdueNodes(ctx: AppContext, today: string, cal: WorkCalendar, stepDays: number, sendAt: Date): Promise<string[]> {
  if (!isWorkingDay(today, cal)) return [];
  const year = await planYearFor(ctx.db, Number(today.slice(0, 4)));
  if (year === null) return [];
  const overdue = await listNodes(ctx.db, year, { undoneBefore: today });
  const done: string[] = [];
  for (const node of overdue) {
    if (node.escalatedOn === today) continue; // never more than one a day
    const level = nodeEscalationDue(node.escalationLevel, node.escalatedOn ? workingDaysAfter(node.escalatedOn, today, cal) : null, stepDays);
    if (level === null) continue;
    const r = await runOnce(ctx, 'nodes.escalate', `${node.id}:${level}:${today}`, async (s) => {
      if (!(await escalateNode(s.tx, node.id, node.escalationLevel, level, today, s.now))) return false;
      const days = daysFrom(node.plannedOn, today);
      const heads = await unitHeads(s.tx, node.unitId);
      const leader = level >= 2 ? await personById(s.tx, node.leaderId) : null;
      const to: Recipient[] = level >= 2 ? (leader ? [leader] : []) : heads;
      const text =
        to.length === 0
          ? escalationTexts.toAdmins(node, days, level)
          : level >= 2
            ? escalationTexts.toLeader(node, days, heads.map((h) => h.name).join('、'))
            : escalationTexts.toHead(node, days);
      const receivers = to.length === 0 ? await admins(s.tx) : to;
      for (const p of receivers) {
        await s.send(
          { op: 'create', receiveIdType: 'open_id', receiveId: p.openId, msgType: 'text', content: { text } },
          `node:${node.id}:escalate${level}:${today}:${p.openId}`,
          sendAt,
        );
      }
      return true;
    });
    if (r.ran && r.result) done.push(`node:${node.id}:${level}`);
  }
  return done;
}
