// POST /im/v1/messages and /im/v1/messages/:id/reply: validation, uuid de-duplication, per-recipient limits, delivery.
import type { Hono } from 'hono';
import { z } from 'zod';
import { checkContent, MSG_TYPES } from './content-rules';
import { messageData, RECEIVE_ID_TYPES, resolveParent, resolveReceiver, targetCheck, type Target } from './delivery';
import { ERR, fail, newId, ok, validationFailure, zodFailure, type DoubleContext, type DoubleEnv } from './http';
import { admit, limitApi } from './limit-guard';
import { nowMs, recordDelivery, UUID_WINDOW_MS, type DoubleState } from './state';
import type { DeliveredMessage } from './types';

const sendBody = z.object({
  msg_type: z.string().min(1),
  content: z.unknown(),
  uuid: z.string().max(50).optional(),
});
const createBody = sendBody.extend({ receive_id: z.string().min(1) });

type SendInput = {
  via: 'create' | 'reply';
  receive_id_type: string;
  receive_id: string;
  msg_type: string;
  content: unknown;
  uuid?: string;
  parent_id: string | null;
  root_id: string | null;
};

export function registerMessageRoutes(app: Hono<DoubleEnv>, state: DoubleState): void {
  app.post('/open-apis/im/v1/messages', limitApi(state, 'im.message.create'), (c) => {
    const type = c.req.query('receive_id_type') ?? '';
    if (!RECEIVE_ID_TYPES.has(type)) return validationFailure(c, 'receive_id_type', 'receive_id_type is required');
    const parsed = createBody.safeParse(c.get('body'));
    if (!parsed.success) return zodFailure(c, parsed.error);
    const body = parsed.data;
    const target = resolveReceiver(state, type, body.receive_id);
    if ('code' in target) return fail(c, target);
    const input = { ...body, via: 'create' as const, receive_id_type: type, parent_id: null, root_id: null };
    return send(c, state, input, target);
  });

  app.post('/open-apis/im/v1/messages/:message_id/reply', limitApi(state, 'im.message.reply'), (c) => {
    const messageId = c.req.param('message_id');
    const parsed = sendBody.safeParse(c.get('body'));
    if (!parsed.success) return zodFailure(c, parsed.error);
    const parent = resolveParent(state, messageId);
    if ('code' in parent) return fail(c, parent);
    const input: SendInput = {
      ...parsed.data,
      via: 'reply',
      receive_id_type: 'message_id',
      receive_id: messageId,
      parent_id: messageId,
      root_id: parent.root_id ?? messageId,
    };
    return send(c, state, input, parent);
  });
}

function send(c: DoubleContext, state: DoubleState, input: SendInput, target: Target): Response {
  if (!MSG_TYPES.has(input.msg_type)) return fail(c, ERR.badParam, `ext=invalid msg_type ${input.msg_type}`);
  const refused = checkContent(state, input.msg_type, input.content);
  if (refused) return fail(c, refused);
  const now = nowMs(state);
  // "持有相同 uuid 的请求，在 1 小时内至多成功发送一条消息": a retry gets the first message back and nothing is sent.
  const seen = input.uuid ? state.uuids.get(input.uuid) : undefined;
  const earlier = seen && now - seen.at < UUID_WINDOW_MS ? state.byId.get(seen.message_id) : undefined;
  if (earlier) return ok(c, messageData(state, earlier));
  const limited = admit(c, state, [targetCheck(state, target)]);
  if (limited) return limited;
  const at = new Date(now);
  const msg: DeliveredMessage = {
    message_id: newId('om_'),
    via: input.via,
    receive_id_type: input.receive_id_type,
    receive_id: input.receive_id,
    chat_id: target.chat_id,
    chat_type: target.chat_type,
    user_open_id: target.user_open_id,
    msg_type: input.msg_type,
    content: input.content as string,
    uuid: input.uuid ?? null,
    parent_id: input.parent_id,
    root_id: input.root_id,
    created_at: at,
    updated_at: at,
  };
  recordDelivery(state, msg);
  if (input.uuid) state.uuids.set(input.uuid, { message_id: msg.message_id, at: now });
  return ok(c, messageData(state, msg));
}
