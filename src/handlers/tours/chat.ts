// "开启观摩 …" and "结束观摩 3" from an administrator in chat (direct, or @调度助手 in a group); anyone else is refused.
// Opening is keyed on the message, closing claims the message too: an event handled again after a restart opens no
// second tour and sends no second approval.
import { receiverOf } from '../../feishu/outbox';
import type { BulletinService, Writer } from '../../bulletin/publish/publish';
import type { TourCommand } from '../../domain/tour-command';
import type { MessageEvent } from '../../feishu/envelope';
import { actorFor } from '../../people/access';
import type { EventScope } from '../../scope';
import { runOnce } from '../run-once';
import { closeTourAndSubmit, openTour } from './open';
import { tourSubmittedText } from './texts';

export const tourChatTexts = {
  notAdmin: '只有管理员（重点项目办）可以开启或结束观摩。',
  opened: (id: number, projects: number, judges: string[], cards: number) =>
    `已开启观摩（编号 ${id}）：${projects} 个项目，评委 ${judges.length} 人（${judges.join('、')}），评分卡片 ${cards} 张正在发送。结束评分请发送“结束观摩 ${id}”。`,
  openedAgain: (id: number) => `该消息已开启观摩（编号 ${id}），未重复开启。`,
  unresolved: (names: string[]) => `以下评委没有飞书账号或已离职，未发送：${names.join('、')}。`,
  closed: (id: number, now: boolean) => `${now ? '已结束' : '此前已结束'}观摩 ${id} 的评分。`,
  noService: '评分排名暂不能送审（服务未配置月通报审定），请用 diaodu tour post 送审。',
};
const T = tourChatTexts;

export async function handleTourCommand(scope: EventScope, m: MessageEvent, command: TourCommand, bulletin: BulletinService | null): Promise<void> {
  const messageId = m.message.message_id;
  const answer = (text: string) =>
    scope.send(
      { op: 'reply', messageId, receiver: receiverOf(m.message, m.sender.sender_id.open_id), msgType: 'text', content: { text } },
      `reply:${messageId}`,
    );
  const actor = await actorFor(scope.ctx.db, m.sender.sender_id.open_id ?? '');
  if (!actor.isAdmin) return answer(T.notAdmin);
  if (command.kind === 'bad') return answer(command.reason);
  if (command.kind === 'open') {
    const o = await openTour(scope.ctx, { ...command, source: messageId, openedBy: actor.personId });
    if (!o.ok) return answer(o.reason);
    if (o.again) return answer(T.openedAgain(o.tourId));
    return answer([T.opened(o.tourId, o.projects, o.judges, o.cards), ...(o.unresolved.length ? [T.unresolved(o.unresolved)] : [])].join('\n'));
  }
  if (!bulletin) return answer(T.noService);
  const write: Writer = async (fn) => {
    const r = await runOnce(scope.ctx, 'tour.close', messageId, (s) => fn({ tx: s.tx, now: s.now, send: (msg, key) => s.send(msg, key) }));
    return r.ran ? r.result : null;
  };
  const o = await closeTourAndSubmit(scope.ctx, bulletin, command.id, actor.personId, write);
  if (!o.ok) return answer(o.reason);
  return answer(`${T.closed(command.id, o.closedNow)}${tourSubmittedText(o.submitted)}`);
}
