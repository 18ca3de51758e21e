// Feishu's response shapes for the double: the {code,msg,data} envelope, error bodies and the Hono env they share.
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type { z } from 'zod';
import type { RecordedRequest } from './types';

export type DoubleEnv = {
  // Empty under app.request() in unit tests; present when served by @hono/node-server.
  Bindings: Partial<HttpBindings>;
  Variables: { record: RecordedRequest; body: unknown };
};

export type DoubleContext = Context<DoubleEnv>;

export type FeishuError = { status: number; code: number; msg: string; headers?: Record<string, string> };

/** Codes the double answers with. HTTP statuses follow the per-API error tables (business errors are 400). */
export const ERR = {
  badParam: { status: 400, code: 230001, msg: 'Your request contains an invalid request parameter.' },
  botNotInChat: { status: 400, code: 230002, msg: 'The bot can not be outside the group.' },
  chatRateLimited: { status: 400, code: 230020, msg: 'This operation triggers the frequency limit.' },
  tooLarge: { status: 400, code: 230025, msg: 'The length of the message content reaches its limit.' },
  resigned: { status: 400, code: 230029, msg: 'User has resigned.' },
  tooOld: { status: 400, code: 230031, msg: 'Message can only be modified within 14 days after sending.' },
  badReceiveId: { status: 400, code: 230034, msg: 'The receive_id is invalid.' },
  blocked: { status: 400, code: 230053, msg: 'The user has stopped the bot from sending messages.' },
  cardContent: { status: 400, code: 230099, msg: 'Failed to create card content' },
  chatDissolved: { status: 400, code: 232009, msg: 'Your request specifies a chat which has already been dissolved.' },
  chatInvalid: { status: 400, code: 232006, msg: 'Your request specifies a chat_id which is invalid.' },
  notInChat: { status: 400, code: 232011, msg: 'Operator can NOT be out of the chat.' },
  noUserAuthority: { status: 400, code: 41050, msg: 'no user authority error' },
  // Generic gateway codes (通用错误码). The token errors' HTTP status is not documented; 400 matches what the
  // SDK's users report (AxiosError "status code 400"). Change it here if a tenant shows otherwise.
  rateLimited: { status: 429, code: 99991400, msg: 'request trigger frequency limit' },
  quota: { status: 400, code: 99991403, msg: "This month's API call quota has been exceeded" },
  noToken: {
    status: 400,
    code: 99991661,
    msg: 'Missing access token for authorization. Please make a request with token attached.',
  },
  badToken: {
    status: 400,
    code: 99991663,
    msg: 'Invalid access token for authorization. Please make a request with token attached.',
  },
  missingScope: {
    status: 400,
    code: 99991672,
    msg: 'Access denied. One of the following scopes is required: [im:message, im:message:send_as_bot].',
  },
  messageNotFound: { status: 400, code: 99992354, msg: 'these ids not existed' },
  validation: { status: 400, code: 99992402, msg: 'field validation failed' },
} as const satisfies Record<string, FeishuError>;

export function logId(): string {
  return `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}${randomBytes(8).toString('hex').toUpperCase()}`;
}

/** Success: Feishu's envelope. Most APIs say "success", a few older ones "ok". */
export function ok(c: DoubleContext, data: unknown, msg = 'success'): Response {
  c.get('record').code = 0;
  return c.json({ code: 0, msg, data });
}

/** Answers with a flat body (token endpoint, bot info, card update): Feishu puts these fields beside code/msg. */
export function flat(c: DoubleContext, body: { code: number; msg: string; [k: string]: unknown }, status = 200): Response {
  c.get('record').code = body.code;
  return c.json(body, status as 200);
}

/** Error body as Feishu sends it: code, msg and an `error` object carrying the log id (and details if any). */
export function fail(c: DoubleContext, err: FeishuError, detail?: string, extra?: Record<string, unknown>): Response {
  c.get('record').code = err.code;
  for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
  const msg = detail ? `${err.msg} ${detail}` : err.msg;
  return c.json({ code: err.code, msg, error: { log_id: logId(), ...extra } }, err.status as 400);
}

/** Failure of a card: the sub-code travels inside msg, as in "ext=ErrCode: 200861; ErrPath: …; ErrMsg: …". */
export function cardError(sub: number, errMsg: string, path?: string): FeishuError {
  const where = path ? ` ErrPath: ${path};` : '';
  return { ...ERR.cardContent, msg: `${ERR.cardContent.msg}, ext=ErrCode: ${sub};${where} ErrMsg: ${errMsg};` };
}

export function newId(prefix: string, bytes = 16): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`;
}

/** A user's p2p chat with the bot has a stable id, shared by the double and the event sender. */
export function p2pChatId(openId: string): string {
  const tail = openId.replace(/^ou_/, '');
  return `oc_p2p_${tail}`;
}

/** Feishu's generic parameter error carries the offending fields in error.field_violations. */
export function validationFailure(c: DoubleContext, field: string, description: string): Response {
  return fail(c, ERR.validation, undefined, { field_violations: [{ field, description }] });
}

export function zodFailure(c: DoubleContext, error: z.ZodError): Response {
  const violations = error.issues.map((i) => ({ field: i.path.join('.') || 'body', description: i.message }));
  return fail(c, ERR.validation, undefined, { field_violations: violations });
}
