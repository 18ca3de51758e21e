// 催报 from the bulletin's approval card: the units whose projects still lack the month's end figure get their
// reporters' card of the round that asked for it again (the weekly list, or the year-end card for December), with a
// line saying what is missing — once per draft and reporter; the administrator re-composes after they answer.
import { randomUUID } from 'node:crypto';
import { bulletinIdOf } from '../../bulletin/publish/actions';
import { getBulletin } from '../../bulletin/publish/store';
import type { Db } from '../../db/connect';
import { askingPeriodOf, peopleByUnit, type Period, roundProjects, type RoundProject, yearEndAsked } from '../../db/rounds';
import { loadSettings } from '../../db/settings';
import { lateWindow } from '../../domain/late-window';
import { sentMessageOf } from '../../feishu/outbox';
import { actorFor } from '../../people/access';
import { type CardActionHandler, toast } from '../../scope';
import { deadlineText } from './texts';
import { rememberListCard } from './list-copies';
import { buildListCard } from './view';
import { buildYearEndCard } from './year-end';

export const urgeReplies = {
  notAdmin: '只有管理员（重点项目办）可以催报。',
  expired: '该审定卡片已失效，请使用最新的审定卡片。',
  notDraft: '本稿已审定或已被替代，无需催报。',
  noRound: (month: string) => `${month}的月末数征集轮次尚未开始，暂不能催报。`,
  closed: (until: string) => `月末数补报已于${until}截止，无法再催报；如需更正数据，请通过 diaodu 命令补录后重新编制。`,
  none: '各单位的月末数均已填报，无需催报。请重新编制送审（diaodu bulletin --month … --post）。',
  sent: (units: string[], people: number) => `已向${units.length}个单位的${people}名填报人发出催报：${units.join('、')}。补报后请重新编制送审。`,
  already: '已催报过，未重复发送。补报后请重新编制送审。',
  notice: (month: string, names: string[]) =>
    `【催报】${Number(month.slice(5))}月通报待发布，以下项目尚未填报${month.slice(0, 4)}年${Number(month.slice(5))}月底累计完成投资，请尽快补报：${names.join('、')}。`,
};

/** Projects of the month's plan year without a month-end figure in the asking round, by unit. */
async function missingByUnit(db: Db, month: string, period: Period): Promise<Map<number, RoundProject[]>> {
  const year = Number(month.slice(0, 4));
  const projects = await roundProjects(db, year);
  const given = await db
    .selectFrom('reports as r')
    .innerJoin('report_revisions as v', (j) => j.onRef('v.report_id', '=', 'r.id').onRef('v.revision', '=', 'r.revision'))
    .where('r.period_id', '=', period.id)
    .where('v.month_end_investment_yuan', 'is not', null)
    .select('r.project_id')
    .execute();
  const has = new Set(given.map((r) => r.project_id));
  const out = new Map<number, RoundProject[]>();
  for (const p of projects) {
    if (has.has(p.projectId)) continue;
    out.set(p.unitId, [...(out.get(p.unitId) ?? []), p]);
  }
  return out;
}

const urge: CardActionHandler = async (scope, a) => {
  const { ctx } = scope;
  const actor = await actorFor(ctx.db, a.operator.open_id);
  if (!actor.isAdmin) return { toast: toast('error', urgeReplies.notAdmin) };
  const id = bulletinIdOf(a);
  const row = id === null ? undefined : await getBulletin(ctx.db, id);
  if (!row) return { toast: toast('warning', urgeReplies.expired) };
  if (row.status !== 'draft') return { toast: toast('info', urgeReplies.notDraft) };
  const period = await askingPeriodOf(ctx.db, row.month);
  if (!period) return { toast: toast('warning', urgeReplies.noRound(row.month)) };
  const now = ctx.clock.now();
  const window = lateWindow(period, (await loadSettings(ctx.db)).settings['round.lateDays'], now);
  if (window.closed) return { toast: toast('warning', urgeReplies.closed(deadlineText(window.until))) };
  const missing = await missingByUnit(ctx.db, row.month, period);
  if (missing.size === 0) return { toast: toast('info', urgeReplies.none) };
  const reporters = await peopleByUnit(ctx.db, 'reporter');
  const yearEnd = yearEndAsked(period) !== null;
  const units: string[] = [];
  let people = 0;
  let sent = 0;
  await scope.transaction(async (s) => {
    for (const [unitId, list] of missing) {
      units.push(list[0]?.unitName ?? '');
      const notice = urgeReplies.notice(
        row.month,
        list.map((p) => p.name),
      );
      for (const r of reporters.get(unitId) ?? []) {
        if (!r.openId || r.resigned) continue;
        people += 1;
        const card = yearEnd
          ? await buildYearEndCard(s.tx, period, unitId, 0, now, { notice })
          : await buildListCard(s.tx, period, unitId, 0, now, { notice, nonce: randomUUID().slice(0, 8) });
        const key = `bulletin:${row.id}:urge:${unitId}:${r.personId}`;
        if (await sentMessageOf(s.tx, key)) continue;
        await s.send({ op: 'create', receiveIdType: 'open_id', receiveId: r.openId, msgType: 'interactive', content: card }, key);
        if (!yearEnd) await rememberListCard(s.tx, key, period.id, unitId, now);
        sent += 1;
      }
    }
  });
  if (sent === 0 && people > 0) return { toast: toast('info', urgeReplies.already) };
  ctx.log.info('月末数催报已发出', { month: row.month, units: units.length, people: sent });
  return { toast: toast('success', urgeReplies.sent(units, sent)) };
};

export const urgeActions: Record<string, CardActionHandler> = { bulletin_urge: urge };
