// im.chat.member.bot.added_v1: the bot joined a group; remember the group so bulletins can be posted there.
import { botAddedEventSchema } from '../feishu/envelope';
import type { EventHandler } from '../scope';

export const onBotAdded: EventHandler = async (scope, event) => {
  const parsed = botAddedEventSchema.safeParse(event);
  if (!parsed.success) return;
  const { chat_id, name } = parsed.data;
  await scope.ctx.db
    .insertInto('chats')
    .values({ chat_id, name: name ?? null, added_at: scope.now.toISOString(), removed_at: null })
    .onConflict((oc) => oc.column('chat_id').doUpdateSet({ name: name ?? null, removed_at: null }))
    .execute();
  scope.ctx.log.info('机器人已加入群聊', { chatId: chat_id, name });
};
