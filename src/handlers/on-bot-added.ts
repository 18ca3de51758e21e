// im.chat.member.bot.added_v1: the bot joined a group; remember the group so bulletins can be posted there.
import { chatJoined } from '../db/chats';
import { botAddedEventSchema } from '../feishu/envelope';
import type { EventHandler } from '../scope';

export const onBotAdded: EventHandler = async (scope, event) => {
  const parsed = botAddedEventSchema.safeParse(event);
  if (!parsed.success) return;
  const { chat_id, name } = parsed.data;
  await chatJoined(scope.ctx.db, { chatId: chat_id, name: name ?? null }, scope.now);
  scope.ctx.log.info('机器人已加入群聊', { chatId: chat_id, name });
};
