// Sandbox mode: the real bot and its real webhook verification, with the Feishu test double in-process standing in
// for Feishu, demo data in its own database, and the web console on the bot's port.
import { resolve } from 'node:path';
import type { Bot } from '../bot';
import { submitOutcomeText } from '../bulletin/publish/publish';
import { setBulletinGroup } from '../bulletin/publish/store';
import type { Clock } from '../clock';
import type { Config, FeishuConfig } from '../config';
import type { AppContext } from '../context';
import { createEventSender, type EventSender, type FeishuDouble, startFeishuDouble } from '../feishu-double';
import { shanghaiDay } from '../domain/calendar';
import { monthBefore } from '../domain/calendar-month-end';
import type { Logger } from '../log';
import { SAMPLE_REGISTER } from '../sample/files';
import { type RunningServer, startServer } from '../server';
import { describeDatabase } from '../startup';
import { WEBHOOK_PATH } from '../transport/webhook';
import { mountConsole, type SandboxActions } from './console-routes';
import { loadDemoData } from './demo-data';
import { fillDirectory } from './directory';
import { SANDBOX_ADMIN, SANDBOX_BOT, SANDBOX_GROUP, sandboxApp } from './identities';
import { sandboxTexts as T } from './texts';
import { createTranscript } from './transcript';

export type { SandboxActions } from './console-routes';

/** The sandbox's own database when DATABASE_URL is not set: never the file a real deployment uses. */
export const SANDBOX_SQLITE_PATH = './data/sandbox.sqlite';
/** The sample register the sandbox loads: generated in the repository (sample/registry-sample.xlsx, npm run sample). */
export const sampleRegister = () => SAMPLE_REGISTER;

export type SandboxOptions = {
  registerFile?: string;
  /**
   * The database is the sandbox's own (DATABASE_URL not set): a register imported into it with `diaodu import` is run
   * on, and the start-up lines say how to import one. A database named by DATABASE_URL is never taken over.
   */
  ownDatabase?: boolean;
  actions?: SandboxActions;
  /** Where the console URL and the switching instructions are printed (plain lines, no log stamp). */
  out?: (line: string) => void;
};

/**
 * The administrator's "编制月通报" button: the last ended month's bulletin goes to the administrators for approval, as
 * the monthly job would send it once the month-end figures are in (a month already published is left as it is).
 */
function bulletinActionsOf(ctx: AppContext, bot: Bot): SandboxActions {
  const service = bot.bulletin;
  if (!service) return {};
  return {
    composeBulletin: async () => {
      const month = monthBefore(shanghaiDay(ctx.clock.now()).slice(0, 7));
      return submitOutcomeText(month, await service.submitDraft(ctx, month));
    },
  };
}

/** The command that imports a register into the sandbox's own SQLite file, runnable as printed from the repository. */
export function importCommand(sqlitePath: string): string {
  const path = resolve(sqlitePath);
  const quoted = /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
  return `DATABASE_URL=${quoted} npm run diaodu -- import 项目库.xlsx`;
}

export type RunningSandbox = RunningServer & {
  double: FeishuDouble;
  /** The app the bot runs as (secrets of this start only). */
  feishu: FeishuConfig;
  events: EventSender;
  consoleUrl: string;
};

export async function startSandbox(config: Config, deps: { log: Logger; clock: Clock }, o: SandboxOptions = {}): Promise<RunningSandbox> {
  const { log, clock } = deps;
  const out = o.out ?? (() => {});
  const app = sandboxApp();
  const double = await startFeishuDouble({ appId: app.appId, appSecret: app.appSecret, botOpenId: SANDBOX_BOT.openId, botName: SANDBOX_BOT.name, clock });
  const feishu: FeishuConfig = { ...app, domain: double.url, transport: 'webhook' };
  const transcript = createTranscript();
  let events: EventSender | null = null;
  let server: RunningServer;
  try {
    server = await startServer(
      // The console has no login and acts as anyone it lists, administrators included: this machine only, unless HOST says otherwise.
      { ...config, host: config.host ?? '127.0.0.1', feishu },
      {
        log,
        clock,
        hooks: {
          prepare: async (ctx) => {
            const demo = await loadDemoData(ctx, o.registerFile ?? sampleRegister(), { ownDatabase: o.ownDatabase });
            log.info(demo.message);
            const dir = await fillDirectory(ctx, double, feishu);
            log.info(T.directory(dir.people, dir.resolved));
          },
          routes: (httpApp, ctx, bot) => {
            if (!bot) return;
            mountConsole(httpApp, { ctx, bot, double, transcript, events: () => events!, actions: o.actions ?? bulletinActionsOf(ctx, bot) });
          },
        },
      },
    );
  } catch (err) {
    await double.close();
    throw err;
  }
  events = createEventSender({ botUrl: `http://127.0.0.1:${server.port}${WEBHOOK_PATH}`, ...app, clock, inbound: double });
  // The bot learns of its group the way it would in Feishu: someone adds it, and Feishu tells it so.
  const known = await server.ctx.db.selectFrom('chats').select('chat_id').where('chat_id', '=', SANDBOX_GROUP.chatId).executeTakeFirst();
  if (!known) {
    await events.sendBotAdded({ chatId: SANDBOX_GROUP.chatId, name: SANDBOX_GROUP.name, operator: { open_id: SANDBOX_ADMIN.openId } });
    // As if the administrator had said "设为通报群" there: the demo's bulletins and weekly digests go to this group.
    await setBulletinGroup(server.ctx.db, SANDBOX_GROUP.chatId, true, clock.now());
  }

  const consoleUrl = `http://localhost:${server.port}/console`;
  out(T.consoleAt(consoleUrl));
  out(T.database(describeDatabase(config)));
  if (o.ownDatabase && config.database.kind === 'sqlite') out(T.importHint(importCommand(config.database.path)));
  for (const line of T.howToSwitch) out(line);
  const stopServer = server.stop;
  let stopping: Promise<void> | null = null;
  return {
    ...server,
    double,
    feishu,
    events,
    consoleUrl,
    stop: () =>
      (stopping ??= (async () => {
        await stopServer();
        await double.close();
      })()),
  };
}
