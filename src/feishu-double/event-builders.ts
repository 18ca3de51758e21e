// Payload builders for what Feishu posts to a bot: schema 2.0 events, card callbacks, URL verification.
import { randomBytes } from 'node:crypto';
import { newId, p2pChatId } from './http';

export type EnvelopeContext = { appId: string; verificationToken: string; tenantKey: string; now: () => Date };

export type EventHeader = {
  event_id: string;
  event_type: string;
  create_time: string;
  token: string;
  app_id: string;
  tenant_key: string;
};

export type Envelope<E = Record<string, unknown>> = { schema: '2.0'; header: EventHeader; event: E };

export type HeaderOverrides = { header?: Partial<EventHeader> };

export function envelope<E>(ctx: EnvelopeContext, eventType: string, event: E, o: HeaderOverrides & { micros?: boolean } = {}): Envelope<E> {
  const ms = ctx.now().getTime();
  return {
    schema: '2.0',
    header: {
      // 32 hex characters, like Feishu's event ids.
      event_id: randomBytes(16).toString('hex'),
      event_type: eventType,
      // Events carry milliseconds; the card callback page documents microseconds ("微秒级时间戳").
      create_time: o.micros ? `${ms}000` : String(ms),
      token: ctx.verificationToken,
      app_id: ctx.appId,
      tenant_key: ctx.tenantKey,
      ...o.header,
    },
    event,
  };
}

export type Person = { open_id: string; name?: string; user_id?: string; union_id?: string };

function userId(p: Person) {
  return { union_id: p.union_id ?? `on_${p.open_id.replace(/^ou_/, '')}`, user_id: p.user_id ?? '', open_id: p.open_id };
}

export type MessageEventInput = HeaderOverrides & {
  text: string;
  sender: Person;
  chatType?: 'p2p' | 'group';
  /** Required for groups; p2p messages use the sender's p2p chat id. */
  chatId?: string;
  messageId?: string;
  /** Each mention becomes @_user_N; keys missing from `text` are put in front of it, as the client does. */
  mentions?: Person[];
  rootId?: string;
  parentId?: string;
};

/** im.message.receive_v1 with a text message. */
export function messageEvent(ctx: EnvelopeContext, input: MessageEventInput): Envelope {
  const chatType = input.chatType ?? 'p2p';
  if (chatType === 'group' && !input.chatId) throw new Error('a group message needs chatId');
  const mentions = (input.mentions ?? []).map((p, i) => ({
    key: `@_user_${i + 1}`,
    id: userId(p),
    name: p.name ?? '',
    tenant_key: ctx.tenantKey,
  }));
  const missing = mentions.map((m) => m.key).filter((key) => !input.text.includes(key));
  const text = missing.length > 0 ? `${missing.join(' ')} ${input.text}` : input.text;
  const ms = String(ctx.now().getTime());
  const message = {
    message_id: input.messageId ?? newId('om_'),
    ...(input.rootId ? { root_id: input.rootId } : {}),
    ...(input.parentId ? { parent_id: input.parentId } : {}),
    create_time: ms,
    update_time: ms,
    chat_id: chatType === 'p2p' ? (input.chatId ?? p2pChatId(input.sender.open_id)) : (input.chatId as string),
    chat_type: chatType,
    message_type: 'text',
    content: JSON.stringify({ text }),
    ...(mentions.length > 0 ? { mentions } : {}),
  };
  const sender = { sender_id: userId(input.sender), sender_type: 'user', tenant_key: ctx.tenantKey };
  return envelope(ctx, 'im.message.receive_v1', { sender, message }, input);
}

export type BotAddedInput = HeaderOverrides & { chatId: string; name: string; operator: Person };

/** im.chat.member.bot.added_v1: the bot was put into a group. */
export function botAddedEvent(ctx: EnvelopeContext, input: BotAddedInput): Envelope {
  return envelope(
    ctx,
    'im.chat.member.bot.added_v1',
    {
      chat_id: input.chatId,
      operator_id: userId(input.operator),
      external: false,
      operator_tenant_key: ctx.tenantKey,
      name: input.name,
      i18n_names: { zh_cn: input.name },
    },
    input,
  );
}

export type CardAction = {
  tag?: string;
  name?: string;
  value?: unknown;
  form_value?: Record<string, unknown>;
  [extra: string]: unknown;
};

export type CardActionInput = HeaderOverrides & {
  operator: Person;
  /** The card-update token; get a usable one from double.issueCardToken(messageId). */
  token?: string;
  action: CardAction;
  openMessageId: string;
  openChatId: string;
};

/** card.action.trigger (new-style callback): header token is the Verification Token, event.token the c-… one. */
export function cardActionEvent(ctx: EnvelopeContext, input: CardActionInput): Envelope {
  const event = {
    operator: { tenant_key: ctx.tenantKey, ...userId(input.operator) },
    token: input.token ?? newId('c-', 20),
    action: { tag: 'button', ...input.action },
    host: 'im_message',
    context: { open_message_id: input.openMessageId, open_chat_id: input.openChatId },
  };
  return envelope(ctx, 'card.action.trigger', event, { ...input, micros: true });
}

export type UrlVerification = { challenge: string; token: string; type: 'url_verification' };

export function urlVerification(ctx: EnvelopeContext, challenge = randomBytes(18).toString('hex')): UrlVerification {
  return { challenge, token: ctx.verificationToken, type: 'url_verification' };
}
