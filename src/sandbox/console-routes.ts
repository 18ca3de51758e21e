// The web console's backend under /console on the bot's own port. A console user's message or click becomes the
// event or callback Feishu would send — signed and encrypted, POSTed to /feishu/events — and the page reads back
// what the bot sent through the Open API test double. Only the administrator's buttons call the bot's handlers
// directly, as `diaodu round …` does.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Bot } from '../bot';
import type { AppContext } from '../context';
import { appPath } from '../paths';
import { roundProjects } from '../db/rounds';
import { weekStartOf } from '../domain/calendar';
import { type EventSender, type FeishuDouble, p2pChatId } from '../feishu-double';
import { actorFor } from '../people/access';
import { outsideQuietHours } from '../handlers/run-once';
import { periodForWeek } from '../handlers/round/plan';
import { type RoundStep, runRoundStep } from '../handlers/round/steps';
import { SANDBOX_GROUP } from './identities';
import { identities, nameIndex } from './people';
import { sandboxTexts as T } from './texts';
import { chatView, type Transcript, viewVersion } from './transcript';

export type SandboxActions = {
  /** Composes this month's bulletin now (wired by whoever provides the bulletin); absent: the button says so. */
  composeBulletin?: () => Promise<string>;
};

export type ConsoleDeps = {
  ctx: AppContext;
  bot: Bot;
  double: FeishuDouble;
  transcript: Transcript;
  /** Available once the port is open (the sender needs the bot's URL). */
  events: () => EventSender;
  actions: SandboxActions;
};

const STATIC_DIR = `${appPath('console')}/`;
const VCHART = createRequire(import.meta.url).resolve('@visactor/vchart/build/index.min.js');
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

const chatParam = z.enum(['p2p', 'group']);
const messageBody = z.object({ as: z.string(), chat: chatParam, text: z.string().max(4000) });
const actionBody = z.object({
  as: z.string(),
  messageId: z.string(),
  action: z.object({
    tag: z.string(),
    name: z.string().optional(),
    value: z.record(z.string(), z.unknown()).optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    option: z.string().optional(),
  }),
});
const roundBody = z.object({ as: z.string(), step: z.enum(['open', 'remind', 'close']) });
const asBody = z.object({ as: z.string() });

async function file(c: Context, path: string, type: string, cache: string) {
  const body = await readFile(path);
  return c.body(body, 200, { 'content-type': type, 'cache-control': cache });
}

export function mountConsole(app: Hono, d: ConsoleDeps): void {
  const { ctx, double, transcript } = d;
  const botName = double.state.bot.app_name;
  const nameOf = (openId: string) => double.state.users.get(openId)?.name ?? openId;
  const known = (openId: string) => double.state.users.has(openId);
  const chatIdOf = (as: string, chat: 'p2p' | 'group') => (chat === 'p2p' ? p2pChatId(as) : SANDBOX_GROUP.chatId);
  const inChat = (as: string, chatId: string) => chatId === p2pChatId(as) || (double.state.chats.get(chatId)?.members.includes(as) ?? false);
  const fail = (c: Context, status: 400 | 403 | 404 | 409 | 502, error: string) => c.json({ error }, status);

  // Every state-changing request carries this start's token, which only a same-origin page can read (from the session
  // GET: another origin's script cannot read the answer). A cross-origin form or text/plain POST has no way to send it.
  const token = randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  app.use('/console/api/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const given = Buffer.from(c.req.header('x-console-token') ?? '');
    if (given.length !== tokenBuf.length || !timingSafeEqual(given, tokenBuf)) return fail(c, 403, T.badConsoleToken);
    return next();
  });

  const page = (c: Context) => file(c, `${STATIC_DIR}index.html`, TYPES.html!, 'no-cache');
  app.get('/console', page);
  app.get('/console/', page);
  app.get('/console/assets/:name', (c) => {
    const m = /^[a-z0-9-]+\.(js|css|svg)$/.exec(c.req.param('name'));
    if (!m) return c.json({ error: 'not_found' }, 404);
    return file(c, `${STATIC_DIR}${m[0]}`, TYPES[m[1]!]!, 'no-cache').catch(() => c.json({ error: 'not_found' }, 404));
  });
  app.get('/console/vendor/vchart.js', (c) => file(c, VCHART, TYPES.js!, 'max-age=86400'));

  app.get('/console/api/session', async (c) =>
    c.json({
      bot: { openId: double.state.bot.open_id, name: botName },
      group: { chatId: SANDBOX_GROUP.chatId, name: SANDBOX_GROUP.name },
      identities: await identities(ctx.db, double),
      names: nameIndex(double),
      bulletin: d.actions.composeBulletin !== undefined,
      /** The bot's clock (DIAODU_NOW moves it), so the page shows the time the bot acts on. */
      now: ctx.clock.now().toISOString(),
      /** Sent back as x-console-token on every POST. */
      token,
    }),
  );

  app.get('/console/api/chat', (c) => {
    const as = c.req.query('as') ?? '';
    const chat = chatParam.safeParse(c.req.query('chat'));
    if (!known(as) || !chat.success) return fail(c, 404, T.unknownPerson);
    const version = viewVersion(double, transcript);
    if (c.req.query('v') === version) return c.json({ version, unchanged: true });
    return c.json({ version, messages: chatView(double, transcript, chatIdOf(as, chat.data), nameOf, botName) });
  });

  app.post('/console/api/message', async (c) => {
    const body = messageBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success || !known(body.data.as)) return fail(c, 400, T.unknownPerson);
    const { as, chat } = body.data;
    const text = body.data.text.trim();
    if (!text) return fail(c, 400, T.emptyText);
    const chatId = chatIdOf(as, chat);
    const mention = `@${botName}`;
    const toBot = chat === 'p2p' || text.includes(mention);
    const sender = { open_id: as, name: nameOf(as) };
    const envelope = d
      .events()
      .build.message(
        chat === 'p2p'
          ? { text, sender, chatType: 'p2p' }
          : { text: text.split(mention).join('@_user_1'), sender, chatType: 'group', chatId, mentions: [{ open_id: double.state.bot.open_id, name: botName }] },
      );
    const messageId = (envelope.event as { message: { message_id: string } }).message.message_id;
    transcript.add({ messageId, chatId, senderOpenId: as, text, at: ctx.clock.now() });
    // In a group Feishu delivers only the messages that @-mention the bot; the others just stay in the chat.
    if (!toBot) return c.json({ delivered: false });
    double.recordInbound({ message_id: messageId, chat_id: chatId, chat_type: chat, sender_open_id: as, at: ctx.clock.now() });
    const res = await d.events().post(envelope);
    if (res.status !== 200) return fail(c, 502, T.botRefused(res.status));
    return c.json({ delivered: true });
  });

  app.post('/console/api/card-action', async (c) => {
    const body = actionBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success || !known(body.data.as)) return fail(c, 400, T.unknownPerson);
    const { as, messageId, action } = body.data;
    const msg = double.state.byId.get(messageId);
    if (!msg) return fail(c, 404, T.messageGone);
    if (!inChat(as, msg.chat_id)) return fail(c, 403, T.notYourMessage);
    const res = await d.events().sendCardAction({
      operator: { open_id: as },
      token: double.issueCardToken(messageId),
      openMessageId: messageId,
      openChatId: msg.chat_id,
      action,
    });
    if (res.status !== 200) return fail(c, 502, T.botRefused(res.status));
    const answer = (res.json ?? {}) as { toast?: unknown; card?: { type?: string; data?: unknown } };
    // The client shows the toast; the server stores the card the callback answered with, for every viewer.
    if (answer.card?.type === 'raw' && answer.card.data) transcript.replaceCard(msg, answer.card.data, ctx.clock.now());
    return c.json({ toast: answer.toast ?? null });
  });

  app.post('/console/api/admin/round', async (c) => {
    const body = roundBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return fail(c, 400, T.unknownPerson);
    if (!(await actorFor(ctx.db, body.data.as)).isAdmin) return fail(c, 403, T.notAdmin);
    const step: RoundStep = body.data.step;
    const now = ctx.clock.now();
    const found = await periodForWeek(ctx.db, weekStartOf(now), now);
    if (!found.ok) return fail(c, 409, T.noRound(found.reason ?? ''));
    if ((await roundProjects(ctx.db, found.period.planYear)).length === 0) return fail(c, 409, T.emptyRegister);
    const outcome = await runRoundStep(ctx, step, found.period);
    d.bot.sender.wake();
    const name = T.stepNames[step];
    if (!outcome.ran) return c.json({ message: T.stepDone(name) });
    const quiet = outcome.messages > 0 && outsideQuietHours(now).getTime() !== now.getTime();
    return c.json({ message: `${T.stepRan(name, outcome.messages, outcome.note)}${quiet ? T.quietHours : ''}` });
  });

  app.post('/console/api/admin/bulletin', async (c) => {
    const body = asBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return fail(c, 400, T.unknownPerson);
    if (!(await actorFor(ctx.db, body.data.as)).isAdmin) return fail(c, 403, T.notAdmin);
    if (!d.actions.composeBulletin) return fail(c, 409, T.bulletinNotReady);
    const outcome = await d.actions.composeBulletin();
    d.bot.sender.wake();
    return c.json({ message: outcome });
  });
}
