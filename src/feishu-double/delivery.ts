// Who a message goes to (user or chat, with Feishu's refusals) and the message object Feishu answers with.
import { ERR, p2pChatId, type FeishuError } from './http';
import type { LimitCheck } from './rate-limiter';
import { findUser, type DoubleState, type UserIdType } from './state';
import type { DeliveredMessage, DoubleUser } from './types';

export type Target = { chat_id: string; chat_type: 'p2p' | 'group'; user_open_id: string | null };

export const RECEIVE_ID_TYPES = new Set(['open_id', 'user_id', 'union_id', 'email', 'chat_id']);

export function resolveReceiver(state: DoubleState, type: string, id: string): Target | FeishuError {
  if (type === 'chat_id') return resolveChat(state, id);
  const user = findUser(state, type as UserIdType, id) ?? unknownUser(state, type, id);
  if (!user) return ERR.badReceiveId;
  return userTarget(user);
}

function unknownUser(state: DoubleState, type: string, id: string): DoubleUser | undefined {
  if (!state.acceptUnknownIds || type !== 'open_id' || !id.startsWith('ou_')) return undefined;
  const user = { open_id: id, name: id };
  state.users.set(id, user);
  return user;
}

function userTarget(user: DoubleUser): Target | FeishuError {
  if (user.resigned) return ERR.resigned;
  if (user.blockedBot) return ERR.blocked;
  return { chat_id: p2pChatId(user.open_id), chat_type: 'p2p', user_open_id: user.open_id };
}

function resolveChat(state: DoubleState, chatId: string): Target | FeishuError {
  const chat = state.chats.get(chatId);
  if (!chat) {
    // A p2p chat id (from an event) addresses the user of that chat.
    for (const user of state.users.values()) if (p2pChatId(user.open_id) === chatId) return userTarget(user);
    if (state.acceptUnknownIds && chatId.startsWith('oc_')) return { chat_id: chatId, chat_type: 'group', user_open_id: null };
    return ERR.badReceiveId;
  }
  if (chat.dissolved) return ERR.chatDissolved;
  if (chat.botInChat === false) return ERR.botNotInChat;
  return { chat_id: chat.chat_id, chat_type: 'group', user_open_id: null };
}

/** The chat a reply lands in: that of the bot's own message or of a message received through an event. */
export function resolveParent(state: DoubleState, messageId: string): (Target & { root_id: string | null }) | FeishuError {
  const own = state.byId.get(messageId);
  const inbound = state.inbound.get(messageId);
  if (!own && !inbound) return { ...ERR.messageNotFound, msg: `${ERR.messageNotFound.msg}: [${messageId}]` };
  const chatType = own?.chat_type ?? inbound?.chat_type ?? 'group';
  const chatId = own?.chat_id ?? inbound?.chat_id ?? '';
  const userOpenId = own ? own.user_open_id : chatType === 'p2p' ? (inbound?.sender_open_id ?? null) : null;
  const still = chatType === 'p2p' && userOpenId ? recheckUser(state, userOpenId) : recheckChat(state, chatId);
  if (still) return still;
  return { chat_id: chatId, chat_type: chatType, user_open_id: userOpenId, root_id: own?.root_id ?? null };
}

function recheckUser(state: DoubleState, openId: string): FeishuError | null {
  const user = state.users.get(openId);
  if (!user) return null;
  const target = userTarget(user);
  return 'code' in target ? target : null;
}

/** A chat dissolved or left since the message was sent refuses further sends and updates. */
export function recheckChat(state: DoubleState, chatId: string): FeishuError | null {
  const chat = state.chats.get(chatId);
  if (chat?.dissolved) return ERR.chatDissolved;
  if (chat?.botInChat === false) return ERR.botNotInChat;
  return null;
}

/** Per-recipient limits: 5 messages/s to one user, 5/s to one group (shared by every bot in it). */
export function targetCheck(state: DoubleState, target: Target): LimitCheck {
  const { userPerSecond, chatPerSecond } = state.limiter.limits;
  return target.chat_type === 'p2p' && target.user_open_id
    ? { scope: 'user', key: target.user_open_id, limit: userPerSecond, windowMs: 1000 }
    : { scope: 'chat', key: target.chat_id, limit: chatPerSecond, windowMs: 1000 };
}

/** The `data` of a create/reply answer (发送消息 响应体), sender being the app itself. */
export function messageData(state: DoubleState, msg: DeliveredMessage): Record<string, unknown> {
  return {
    message_id: msg.message_id,
    ...(msg.root_id ? { root_id: msg.root_id } : {}),
    ...(msg.parent_id ? { parent_id: msg.parent_id } : {}),
    msg_type: msg.msg_type,
    create_time: String(msg.created_at.getTime()),
    update_time: String(msg.updated_at.getTime()),
    deleted: false,
    updated: msg.updated_at.getTime() !== msg.created_at.getTime(),
    chat_id: msg.chat_id,
    sender: { id: state.appId, id_type: 'app_id', sender_type: 'app', tenant_key: state.tenantKey },
    body: { content: msg.content },
  };
}
