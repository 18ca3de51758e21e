// What the console shows of a chat: the users' own messages (kept here, as a Feishu client keeps what it sent) and
// the bot's messages as the double delivered them, cards in their current state, merged in time order.
import type { DeliveredMessage, FeishuDouble } from '../feishu-double';

export type UserMessage = { messageId: string; chatId: string; senderOpenId: string; text: string; at: Date };

export type MessageView = {
  id: string;
  from: 'bot' | 'user';
  senderOpenId: string | null;
  senderName: string;
  at: string;
  msgType: string;
  /** Parsed content: {text} for text, the card JSON for interactive. */
  content: unknown;
  /** The question a reply answers, as the client quotes it. */
  replyTo: { senderName: string; text: string } | null;
  /** Changes when the message's content changes (card updates), so the page redraws only what changed. */
  rev: string;
};

export function createTranscript() {
  const messages: UserMessage[] = [];
  let changes = 0;
  return {
    add(m: UserMessage) {
      messages.push(m);
      changes += 1;
    },
    /** A card replaced by the answer to a callback, as Feishu's server stores it for every viewer. */
    replaceCard(msg: DeliveredMessage, card: unknown, at: Date) {
      msg.content = JSON.stringify(card);
      msg.updated_at = at;
      changes += 1;
    },
    find: (messageId: string) => messages.find((m) => m.messageId === messageId),
    inChat: (chatId: string) => messages.filter((m) => m.chatId === chatId),
    version: () => changes,
  };
}

export type Transcript = ReturnType<typeof createTranscript>;

/** A version of everything a chat shows; the page polls with it and gets nothing back while it is unchanged. */
export function viewVersion(double: FeishuDouble, transcript: Transcript): string {
  return `${double.messages.length}.${double.updates.length}.${transcript.version()}`;
}

function parse(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return { text: content };
  }
}

/** A file message names its file_key only; the client shows the file's name, which the upload gave. */
function withFileName(double: FeishuDouble, content: unknown): unknown {
  const key = (content as { file_key?: unknown } | null)?.file_key;
  const file = typeof key === 'string' ? double.state.files.get(key) : undefined;
  return file ? { ...(content as object), file_name: file.file_name } : content;
}

export function chatView(double: FeishuDouble, transcript: Transcript, chatId: string, nameOf: (openId: string) => string, botName: string): MessageView[] {
  const users: MessageView[] = transcript.inChat(chatId).map((m) => ({
    id: m.messageId,
    from: 'user',
    senderOpenId: m.senderOpenId,
    senderName: nameOf(m.senderOpenId),
    at: m.at.toISOString(),
    msgType: 'text',
    content: { text: m.text },
    replyTo: null,
    rev: '0',
  }));
  const bot: MessageView[] = double.messages
    .filter((m) => m.chat_id === chatId)
    .map((m) => {
      const parent = m.parent_id ? transcript.find(m.parent_id) : undefined;
      return {
        id: m.message_id,
        from: 'bot',
        senderOpenId: null,
        senderName: botName,
        at: m.created_at.toISOString(),
        msgType: m.msg_type,
        content: withFileName(double, parse(m.content)),
        replyTo: parent ? { senderName: nameOf(parent.senderOpenId), text: parent.text } : null,
        rev: `${m.updated_at.getTime()}:${m.content.length}`,
      };
    });
  // Stable: a reply created in the same millisecond as its question still comes after it.
  return [...users, ...bot].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.from === b.from ? 0 : a.from === 'user' ? -1 : 1));
}
