// Shared pieces of the transport tests: one Feishu app's secrets, a double for it, an event sender aimed at a bot,
// a log that keeps its lines, polling, and the row counts an operator would look at.
import { request } from 'node:http';
import type { Readable } from 'node:stream';
import type { FeishuConfig } from '../../src/config';
import type { Db } from '../../src/db/connect';
import { createEventSender, startFeishuDouble, type FeishuDouble, type FeishuDoubleOptions } from '../../src/feishu-double';
import type { Logger } from '../../src/log';
import type { Clock } from '../../src/clock';

export const APP = {
  appId: 'cli_transport_test01',
  appSecret: 'app-secret-for-tests',
  encryptKey: 'encrypt-key-for-tests',
  verificationToken: 'verification-token-for-tests',
} as const;

export const BOT_OPEN_ID = 'ou_bot_double';

export const USERS: NonNullable<FeishuDoubleOptions['users']> = [
  { open_id: 'ou_zhang', name: '张三', mobile: '13011111111' },
  { open_id: 'ou_li', name: '李四', mobile: '13022222222' },
  { open_id: 'ou_admin', name: '重点项目办', mobile: '13033333333' },
  { open_id: 'ou_left', name: '王五', resigned: true },
  { open_id: 'ou_blocker', name: '赵六', blockedBot: true },
];
export const CHATS: NonNullable<FeishuDoubleOptions['chats']> = [{ chat_id: 'oc_project', name: '重点项目调度群', members: ['ou_zhang', 'ou_li'] }];

export function startDouble(opts: Partial<FeishuDoubleOptions> = {}): Promise<FeishuDouble> {
  return startFeishuDouble({ appId: APP.appId, appSecret: APP.appSecret, botOpenId: BOT_OPEN_ID, users: USERS, chats: CHATS, ...opts });
}

export function feishuConfig(double: FeishuDouble, overrides: Partial<FeishuConfig> = {}): FeishuConfig {
  return { ...APP, domain: double.url, transport: 'webhook', ...overrides };
}

/** Posts to the bot as Feishu does (encrypted, signed); the double learns of each user message first. */
/** `clock` is Feishu's: give the bot's when it is not the real time, or the timestamps fall outside the replay window. */
export function eventSenderFor(
  double: FeishuDouble,
  botUrl: string,
  overrides: { verificationToken?: string; encryptKey?: string | null; clock?: Clock } = {},
) {
  return createEventSender({
    clock: overrides.clock,
    botUrl,
    encryptKey: overrides.encryptKey === undefined ? APP.encryptKey : overrides.encryptKey,
    verificationToken: overrides.verificationToken ?? APP.verificationToken,
    appId: APP.appId,
    inbound: double,
  });
}

export type CapturedLog = Logger & { lines: string[] };

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const put = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    void lines.push(`${level} ${msg}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  return { lines, info: put('INFO'), warn: put('WARN'), error: put('ERROR') };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `cond` holds; fails naming `what` (and the last value seen) after `ms`. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, cond: (v: T) => boolean, ms = 10_000, every = 20): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (cond(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(v)})`);
    await sleep(every);
  }
}

export type RowCounts = { inbox: number; handled_events: number; outbox: number; chats: number };

export async function rowCounts(db: Db): Promise<RowCounts> {
  const count = async (table: 'inbox' | 'handled_events' | 'outbox' | 'chats') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { inbox: await count('inbox'), handled_events: await count('handled_events'), outbox: await count('outbox'), chats: await count('chats') };
}

/** Outbox rows by status, e.g. {sent: 3, failed: 1}. */
export async function outboxStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * Until nothing is left to send (pending outbox rows) or to handle (pending inbox rows).
 *
 * With `retries`, a test on a stopped manual clock lets the sender's retries come due: Feishu may refuse a burst
 * (230020, 5 messages/s to one group), the sender then waits until a clock time, and a clock that never moves would
 * leave the row pending for ever. Only then is the clock moved, to the row's retry time, and the sender woken.
 */
export async function settled(db: Db, ms = 10_000, retries?: { clock: { now(): Date; set(t: Date): void }; wake(): void }): Promise<void> {
  const pending = async () => {
    const o = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    const i = await db
      .selectFrom('inbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    if (retries && Number(o.n) > 0) {
      const due = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.min('next_attempt_at').as('at'))
        .where('status', '=', 'pending')
        .where('locked_by', 'is', null)
        .executeTakeFirst();
      const at = due?.at ? new Date(String(due.at)) : null;
      if (at && at > retries.clock.now()) {
        retries.clock.set(at);
        retries.wake();
      }
    }
    return Number(o.n) + Number(i.n);
  };
  try {
    await waitFor('outbox and inbox settled', pending, (n) => n === 0, ms);
  } catch (err) {
    // Say what is stuck: a test that only reports "last: 2" cannot be diagnosed from a CI log.
    const outbox = await db
      .selectFrom('outbox')
      .select(['id', 'op', 'receive_id', 'msg_type', 'attempts', 'next_attempt_at', 'locked_by', 'locked_until', 'last_error'])
      .where('status', '=', 'pending')
      .execute();
    const inbox = await db.selectFrom('inbox').select(['id', 'event_type', 'attempts', 'error']).where('status', '=', 'pending').execute();
    throw new Error(`${(err as Error).message}; pending outbox ${JSON.stringify(outbox)}; pending inbox ${JSON.stringify(inbox)}`);
  }
}

/** Requests the bot made to one Open API path (exact match, or a RegExp). */
export function requestsTo(double: FeishuDouble, path: string | RegExp, method = 'POST') {
  return double.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
}

/**
 * Posts on a connection of its own, closed afterwards. A server that answers before reading a huge body closes that
 * connection; fetch's shared pool would hand the dead socket to the next request of the test.
 */
export function postOwnConnection(url: string, body: Buffer | Readable, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res
        .setEncoding('utf8')
        .on('data', (c: string) => (text += c))
        .on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // The server may stop reading once it has answered: an EPIPE/ECONNRESET after the answer is not a failure.
    req.on('error', (err) => (req.writableFinished ? undefined : reject(err)));
    if (Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}
