// Directory lookups: chats the bot is in, chat members, mobile/e-mail → open_id, and the bot's own info.
import type { Hono } from 'hono';
import { ERR, fail, flat, ok, validationFailure, type DoubleContext, type DoubleEnv } from './http';
import { limitApi } from './limit-guard';
import { normaliseMobile, type DoubleState } from './state';
import type { DoubleUser } from './types';

const BATCH_MAX = 50;

export function registerDirectoryRoutes(app: Hono<DoubleEnv>, state: DoubleState): void {
  app.get('/open-apis/im/v1/chats', limitApi(state, 'im.chat.list'), (c) => {
    const page = readPage(c);
    if ('error' in page) return page.error;
    const visible = [...state.chats.values()].filter((chat) => !chat.dissolved && chat.botInChat !== false);
    const items = visible.map((chat) => ({
      chat_id: chat.chat_id,
      name: chat.name,
      description: '',
      owner_id: chat.members[0] ?? '',
      owner_id_type: 'open_id',
      external: false,
      tenant_key: state.tenantKey,
      chat_status: 'normal',
    }));
    return ok(c, paged(items, page.offset, page.size));
  });

  app.get('/open-apis/im/v1/chats/:chat_id/members', limitApi(state, 'im.chat.members.get'), (c) => {
    const chat = state.chats.get(c.req.param('chat_id'));
    if (!chat) return fail(c, ERR.chatInvalid);
    if (chat.dissolved) return fail(c, ERR.chatDissolved);
    if (chat.botInChat === false) return fail(c, ERR.notInChat);
    const page = readPage(c);
    if ('error' in page) return page.error;
    const idType = c.req.query('member_id_type') ?? 'open_id';
    const items = chat.members.map((openId) => {
      const user = state.users.get(openId);
      return { member_id_type: idType, member_id: idOf(user, openId, idType), name: user?.name ?? '', tenant_key: state.tenantKey };
    });
    return ok(c, { ...paged(items, page.offset, page.size), member_total: items.length });
  });

  app.post('/open-apis/contact/v3/users/batch_get_id', limitApi(state, 'contact.user.batch_get_id'), (c) => {
    const body = (c.get('body') ?? {}) as { mobiles?: unknown; emails?: unknown; include_resigned?: unknown };
    const mobiles = Array.isArray(body.mobiles) ? body.mobiles.map(String) : [];
    const emails = Array.isArray(body.emails) ? body.emails.map(String) : [];
    if (mobiles.length > BATCH_MAX) return validationFailure(c, 'mobiles', `the max len is ${BATCH_MAX}`);
    if (emails.length > BATCH_MAX) return validationFailure(c, 'emails', `the max len is ${BATCH_MAX}`);
    const idType = c.req.query('user_id_type') ?? 'open_id';
    const includeResigned = body.include_resigned === true;
    const users = [...state.users.values()];
    const found = (u: DoubleUser | undefined) => (u && (!u.resigned || includeResigned) ? u : undefined);
    // One entry per input, in order; unknown ones come back without user_id (not as an error).
    const byMobile = mobiles.map((mobile) => {
      const user = found(users.find((u) => u.mobile && normaliseMobile(u.mobile) === normaliseMobile(mobile)));
      return { mobile, ...(user ? { user_id: idOf(user, user.open_id, idType), status: status(user) } : {}) };
    });
    const byEmail = emails.map((email) => {
      const user = found(users.find((u) => u.email?.toLowerCase() === email.toLowerCase()));
      return { email, ...(user ? { user_id: idOf(user, user.open_id, idType), status: status(user) } : {}) };
    });
    return ok(c, { user_list: [...byEmail, ...byMobile] });
  });

  // contact/v3/users/:user_id — one user's record. Platform fact: a user outside the app's contact scope (or unknown)
  // is refused with code 41050 "no user authority error", HTTP 400, not reported as empty.
  app.get('/open-apis/contact/v3/users/:user_id', limitApi(state, 'contact.user.get'), (c) => {
    const idType = c.req.query('user_id_type') ?? 'open_id';
    const id = c.req.param('user_id');
    const user = [...state.users.values()].find((u) => idOf(u, u.open_id, idType) === id);
    if (!user) return fail(c, ERR.noUserAuthority);
    return ok(c, {
      user: {
        open_id: user.open_id,
        ...(user.user_id ? { user_id: user.user_id } : {}),
        name: user.name,
        ...(user.mobile ? { mobile: user.mobile } : {}),
        status: status(user),
      },
    });
  });

  // Platform fact: bot/v3/info answers {code, msg, bot:{…}} with no `data` wrapper, so read res.bot, not res.data.
  app.get('/open-apis/bot/v3/info', (c) =>
    flat(c, {
      code: 0,
      msg: 'ok',
      bot: { activate_status: 2, app_name: state.bot.app_name, avatar_url: '', ip_white_list: [], open_id: state.bot.open_id },
    }),
  );
}

function idOf(user: DoubleUser | undefined, openId: string, idType: string): string {
  if (idType === 'user_id') return user?.user_id ?? openId;
  if (idType === 'union_id') return user?.union_id ?? openId;
  return openId;
}

function status(user: DoubleUser) {
  return { is_frozen: false, is_resigned: user.resigned === true, is_activated: true, is_exited: false, is_unjoin: false };
}

type Page = { offset: number; size: number } | { error: Response };

/** page_size 1–100 (default 20); page_token is opaque to clients, here the base64 of an offset. */
function readPage(c: DoubleContext): Page {
  const rawSize = c.req.query('page_size');
  const size = rawSize === undefined ? 20 : Number(rawSize);
  if (!Number.isInteger(size) || size < 1 || size > 100) return { error: validationFailure(c, 'page_size', 'page_size must be 1-100') };
  const token = c.req.query('page_token');
  if (!token) return { offset: 0, size };
  const offset = Number(Buffer.from(token, 'base64').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) return { error: validationFailure(c, 'page_token', 'invalid page_token') };
  return { offset, size };
}

function paged<T>(items: T[], offset: number, size: number): { items: T[]; page_token: string; has_more: boolean } {
  const slice = items.slice(offset, offset + size);
  const hasMore = offset + size < items.length;
  return { items: slice, page_token: hasMore ? Buffer.from(String(offset + size)).toString('base64') : '', has_more: hasMore };
}
