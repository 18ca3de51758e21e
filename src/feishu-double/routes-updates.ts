// Card updates: PATCH /im/v1/messages/:id (14-day window) and POST /interactive/v1/card/update (callback token).
import type { Hono } from 'hono';
import { checkCard, checkContent } from './content-rules';
import { recheckChat } from './delivery';
import { ERR, fail, flat, type DoubleContext, type DoubleEnv } from './http';
import { admit, limitApi } from './limit-guard';
import { CARD_TOKEN_TTL_MS, CARD_TOKEN_USES, nowMs, type DoubleState } from './state';
import type { DeliveredMessage } from './types';

/** "2.0 结构：卡片可交互和可更新时间统一为 14 天" — and PATCH refuses older messages with 230031. */
const UPDATABLE_MS = 14 * 24 * 60 * 60 * 1000;
const CARD_UPDATE_LIMIT = 100 * 1024;

export function registerUpdateRoutes(app: Hono<DoubleEnv>, state: DoubleState): void {
  app.patch('/open-apis/im/v1/messages/:message_id', limitApi(state, 'im.message.patch'), (c) => {
    const messageId = c.req.param('message_id');
    const content = (c.get('body') as { content?: unknown } | undefined)?.content;
    const msg = state.byId.get(messageId);
    if (!msg) return fail(c, { ...ERR.messageNotFound, msg: `${ERR.messageNotFound.msg}: [${messageId}]` });
    if (msg.msg_type !== 'interactive') return fail(c, ERR.badParam, 'ext=only interactive messages can be updated');
    if (nowMs(state) - msg.created_at.getTime() > UPDATABLE_MS) return fail(c, ERR.tooOld);
    const gone = recheckChat(state, msg.chat_id);
    if (gone) return fail(c, gone);
    const refused = checkContent(state, 'interactive', content);
    if (refused) return fail(c, refused);
    const limited = admitUpdate(c, state, messageId);
    if (limited) return limited;
    applyUpdate(state, msg, content as string, 'patch');
    // The documented answer is {"code":0,"data":{},"msg":"ok"}.
    return flat(c, { code: 0, msg: 'ok', data: {} });
  });

  // Older API family: its page lists only business codes, no HTTP statuses, so failures are answered as HTTP 200
  // with a non-zero code (unconfirmed; the SDK has no method for it and returns whatever body comes back).
  app.post('/open-apis/interactive/v1/card/update', limitApi(state, 'interactive.card.update'), (c) => {
    const body = c.get('body') as { token?: unknown; card?: unknown } | undefined;
    const token = body?.token;
    if (typeof token !== 'string' || !token.startsWith('c-')) return flat(c, { code: 300020, msg: 'token format error' });
    const entry = state.cardTokens.get(token);
    if (!entry || nowMs(state) - entry.issued_at > CARD_TOKEN_TTL_MS) {
      return flat(c, { code: 300030, msg: 'token expired or invalid, it is valid for 30 minutes' });
    }
    if (entry.uses >= CARD_TOKEN_USES) return flat(c, { code: 300040, msg: 'token can only be used twice' });
    const card = body?.card;
    if (typeof card !== 'object' || card === null || Array.isArray(card)) return flat(c, { code: 100030, msg: 'card is not a JSON object' });
    const content = JSON.stringify(card);
    if (Buffer.byteLength(content) > CARD_UPDATE_LIMIT) return flat(c, { code: 100000, msg: 'card is larger than 100 KB' });
    const refused = checkCard(card as Record<string, unknown>);
    if (refused) return flat(c, { code: 11311, msg: refused.msg });
    const msg = state.byId.get(entry.message_id);
    if (!msg) return flat(c, { code: 200310, msg: 'can not update a card sent by another app' });
    const limited = admitUpdate(c, state, msg.message_id);
    if (limited) return limited;
    entry.uses += 1;
    applyUpdate(state, msg, content, 'card_update');
    return flat(c, { code: 0, msg: 'ok' });
  });
}

/** "5 updates/s per message": same answer as the per-user limit. */
function admitUpdate(c: DoubleContext, state: DoubleState, messageId: string): Response | null {
  const limit = state.limiter.limits.messageUpdatesPerSecond;
  return admit(c, state, [{ scope: 'message_update', key: messageId, limit, windowMs: 1000 }]);
}

function applyUpdate(state: DoubleState, msg: DeliveredMessage, content: string, via: 'patch' | 'card_update'): void {
  const at = new Date(nowMs(state));
  msg.content = content;
  msg.updated_at = at;
  state.updates.push({ at, message_id: msg.message_id, via, content });
}
