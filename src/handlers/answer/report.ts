// 「填报」「我要填报」「补报」 typed by a reporter: their unit's list card of the current round (for 补报, of the latest
// round whose deadline has passed and whose late window is still open), or a plain word of why there is none.
import type { Card } from '../../../cards/elements';
import type { Db } from '../../db/connect';
import { openedPeriods, type Period } from '../../db/rounds';
import { loadSettings } from '../../db/settings';
import { lateWindow } from '../../domain/late-window';
import { isoWeekOf } from '../round/plan';
import { deadlineText, weekText } from '../round/texts';
import { buildListCard } from '../round/view';
import type { Asker } from './asker';
import type { Answer } from './reply';

export const reportTexts = {
  notReporter: '您不是责任单位的填报人，没有需要您填报的项目。如需查看报送情况，可发送“本周未报送”；如需开通填报，请联系重点项目办。',
  noRound: '目前没有正在进行的周调度，暂无需要填报的项目。下一轮调度开始时，调度助手会向您发送填报卡片。',
  roundOver: (week: string, until: string) => `目前没有正在进行的周调度：${week}的补报已于${until}结束。下一轮调度开始时，调度助手会向您发送填报卡片。`,
  noLate: '目前没有可以补报的周调度。',
  noLateCurrent: (week: string, deadline: string) =>
    `目前没有可以补报的周调度。本周调度（${week}）正在进行，填报截止时间为${deadline}，请发送“填报”打开本周填报卡片。`,
  noLateOver: (week: string, until: string) => `目前没有可以补报的周调度：${week}的补报已于${until}结束，不再接受补报。如需更正该周数据，请联系重点项目办。`,
  lateNotice: (week: string, until: string) => `这是${week}的调度卡片，该周填报已截止，在此填报记为补报（补报截止：${until}）。`,
};

/** The list cards of an answer and which period and unit each shows: sent, they are remembered to be updated on a save. */
export type ListShown = { periodId: number; unitId: number };

const weekOf = (p: Period) => weekText(isoWeekOf(p.weekStart), p.weekStart);

export async function answerReport(db: Db, now: Date, asker: Asker, late: boolean, nonce: string): Promise<Answer & { lists?: ListShown[] }> {
  const units = [...new Set(asker.actor.roles.filter((r) => r.role === 'reporter' && r.unitId !== null).map((r) => r.unitId as number))];
  if (units.length === 0) return { text: reportTexts.notReporter };
  const lateDays = (await loadSettings(db)).settings['round.lateDays'];
  const periods = await openedPeriods(db, now, 8);
  const open = periods.filter((p) => !lateWindow(p, lateDays, now).closed);
  const current = periods[0];
  let period: Period | undefined;
  let notice: string | undefined;
  if (late) {
    period = open.find((p) => now.toISOString() > p.deadlineAt);
    if (!period) {
      if (current && open[0] === current) return { text: reportTexts.noLateCurrent(weekOf(current), deadlineText(new Date(current.deadlineAt))) };
      return { text: current ? reportTexts.noLateOver(weekOf(current), deadlineText(lateWindow(current, lateDays, now).until)) : reportTexts.noLate };
    }
    notice = reportTexts.lateNotice(weekOf(period), deadlineText(lateWindow(period, lateDays, now).until));
  } else {
    period = current && open[0] === current ? current : undefined;
    if (!period)
      return { text: current ? reportTexts.roundOver(weekOf(current), deadlineText(lateWindow(current, lateDays, now).until)) : reportTexts.noRound };
  }
  const cards: Card[] = [];
  for (const unitId of units) cards.push(await buildListCard(db, period, unitId, 0, now, { nonce, ...(notice ? { notice } : {}) }));
  const [card, ...more] = cards as [Card, ...Card[]];
  return { card, ...(more.length ? { more } : {}), lists: units.map((unitId) => ({ periodId: period.id, unitId })) };
}
