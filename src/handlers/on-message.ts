// im.message.receive_v1: a text to the bot (direct, or @-mention in a group). Until questions are understood, every
// message gets the short introduction.
import { messageEventSchema, readTextMessage } from '../feishu/envelope';
import type { EventHandler } from '../transport/pipeline';
import type { BotIdentity } from './bot-identity';
import { texts } from './texts';

export function createOnMessage(identity: BotIdentity): EventHandler {
  return async (scope, event) => {
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) {
      scope.ctx.log.warn('无法解析的消息事件，已忽略', { issues: parsed.error.issues.length });
      return;
    }
    const m = parsed.data;
    if (m.sender.sender_type && m.sender.sender_type !== 'user') return; // other bots, system messages
    const read = readTextMessage(m, identity.openId);
    if (!read) return; // images, files, stickers: nothing to answer yet
    // Without the all-messages scope Feishu delivers group messages only when the bot is @-mentioned; when the bot's
    // own open_id is not known yet, a delivered group message is taken as addressed to it.
    if (m.message.chat_type !== 'p2p' && identity.openId !== null && !read.mentionsBot) return;
    await scope.send(
      { op: 'reply', messageId: m.message.message_id, chatId: m.message.chat_id, msgType: 'text', content: { text: texts.firstAnswer } },
      `reply:${m.message.message_id}`,
    );
  };
}
