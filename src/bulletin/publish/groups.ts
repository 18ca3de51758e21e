// "@调度助手 设为通报群" / "取消通报群" in a group: an administrator chooses the groups that receive the monthly
// bulletin and the weekly digest. Kept on the chat's row (chats.is_bulletin_group), the one place groups are kept.
import { receiverOf } from '../../feishu/outbox';
import type { MessageEvent } from '../../feishu/envelope';
import { actorFor } from '../../people/access';
import type { EventScope } from '../../scope';
import { setBulletinGroup } from './store';

export type GroupCommand = 'set' | 'unset';

export const groupTexts = {
  set: '已将本群设为月通报群。今后每月的重点项目建设情况通报经管理员审定发布后发送到本群，每周调度截止后发送周调度简报。如需取消，请 @调度助手 发送“取消通报群”。',
  setAlready: '本群已是月通报群，无需重复设置。',
  unset: '已取消本群的月通报群设置，今后不再向本群发送月通报和周调度简报。',
  unsetAlready: '本群不是月通报群，无需取消。',
  notAdmin: '只有管理员（重点项目办）可以设置或取消通报群。',
  groupOnly: '请在需要接收月通报的群里 @调度助手 发送“设为通报群”（或“取消通报群”）。',
};

const SET = new Set(['设为通报群', '设置为通报群', '设为月通报群', '设置通报群']);
const UNSET = new Set(['取消通报群', '取消月通报群', '取消设为通报群']);

/** The command a message is, ignoring spaces and end punctuation; null for anything else (a question). */
export function groupCommandOf(text: string): GroupCommand | null {
  const t = text.replace(/[\s。！!，,.]/gu, '');
  return SET.has(t) ? 'set' : UNSET.has(t) ? 'unset' : null;
}

export async function handleGroupCommand(scope: EventScope, m: MessageEvent, command: GroupCommand): Promise<void> {
  const answer = (text: string) =>
    scope.send(
      { op: 'reply', messageId: m.message.message_id, receiver: receiverOf(m.message, m.sender.sender_id.open_id), msgType: 'text', content: { text } },
      `reply:${m.message.message_id}`,
    );
  if (m.message.chat_type === 'p2p') return answer(groupTexts.groupOnly);
  const openId = m.sender.sender_id.open_id ?? '';
  const actor = await actorFor(scope.ctx.db, openId);
  if (!actor.isAdmin) return answer(groupTexts.notAdmin);
  const on = command === 'set';
  const { was } = await scope.transaction((s) => setBulletinGroup(s.tx, m.message.chat_id, on, s.now));
  scope.ctx.log.info(on ? '已设为月通报群' : '已取消月通报群', { receiver: receiverOf(m.message, m.sender.sender_id.open_id), by: openId });
  return answer(on ? (was ? groupTexts.setAlready : groupTexts.set) : was ? groupTexts.unset : groupTexts.unsetAlready);
}
