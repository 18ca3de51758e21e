// The world of the plan-year integration tests (year-cycle.test.ts, year-end-late.test.ts): a small register cut from
// the sample (three one-reporter units), imported through the CLI, the Feishu double with the register's people, the
// admins set, the real bot server on a manual clock, and the driver that ticks the scheduler's jobs and has every
// reporter answer every card the bot sends — the weekly forms with their month-end figures and the year-end card.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/main';
import { createManualClock } from '../../src/clock';
import { parseSnapshot } from '../../src/domain/bulletin-snapshot';
import type { DeliveredMessage, FeishuDouble } from '../../src/feishu-double/index';
import { tickBulletin } from '../../src/jobs/bulletin';
import { tickRounds } from '../../src/jobs/rounds';
import { copySheets, readSheets, SAMPLE, sampleRegister, type Sheets, writeWorkbook } from '../fixtures/register-workbooks';
import { type BotServer, startBotServer } from './bot';
import { createTestDatabase, type TestDatabase } from './db';
import { APP, eventSenderFor, settled, startDouble } from './feishu';
import { captureIo } from './io';
import { bj, type CardButton, cardButtons, formFields, form, type Obj, type Shown, tap } from './round';

export const R = await sampleRegister();
/** Three one-reporter units with two or three projects each. */
export const UNITS = R.units.filter((u) => u.reporters.length === 1 && u.projects.length >= 2 && u.projects.length <= 3).slice(0, 3);
export const ADMIN = R.leaders[0]!;

/** The sample's sheets cut down to `units` (all leaders kept: projects name them as 包联领导). */
export function registerOf(s: Sheets, units: string[]): Sheets {
  const out = copySheets(s);
  const keep = new Set(units);
  for (const name of ['项目', '单位'] as const) {
    const rows = out[name]!;
    const at = rows[0]!.indexOf('责任单位');
    out[name] = [rows[0]!, ...rows.slice(1).filter((r) => keep.has(String(r[at])))];
  }
  // The year's cycle of the weekly and monthly work only: no 四个一批 or reserve cards, no node escalations among its messages.
  delete out.招商项目;
  delete out.储备项目;
  delete out.节点计划;
  delete out.月度计划;
  return out;
}

export const contentOf = (m: DeliveredMessage) => JSON.parse(m.content) as Obj;

export type YearProject = { year: number; annualWan: number; name: string; unit: string; code: string };

export interface YearWorldOptions {
  engine: 'sqlite' | 'postgres';
  /** The day the 2026 register is imported (10:00; the clock starts there). */
  day: string;
  /** Prefix of the temporary directory the two registers are written to. */
  tmpPrefix: string;
  /** The units the 2027 register lists (the 2026 one lists all of UNITS). */
  units2027: string[];
  /** Import the 2027 register too, at 10:00 of this day, before the users are synced (on that day, else on `day`). */
  import2027On?: string;
  /** Mobiles of people the Feishu double does not know. */
  unreachable?: string[];
  /** The year-end figure typed: this share of the annual plan, or the last figure when higher. */
  yearEndShare: number;
  /** Leave a card unanswered. */
  skip?: (card: Obj, day: string) => boolean;
  /** A weekly form asked a month-end figure of the project, under this label. */
  onMonthEnd?: (projectId: number, label: string) => void;
  /** A year-end card is about to be submitted with these fields. */
  onYearEnd?: (shown: Shown, fields: string[]) => void;
}

export type YearWorld = Awaited<ReturnType<typeof startYearWorld>>;

/** Builds the world for an engine; `stop()` tears it down. */
export async function startYearWorld(o: YearWorldOptions) {
  const clock = createManualClock(bj(`${o.day} 10:00`));
  const env: Record<string, string> = {};
  /** Project id → its plan year and annual plan (万元), from the database. */
  const projects = new Map<number, YearProject>();
  /** Each project's last figure typed, 万元. */
  const lastYtd = new Map<number, number>();
  /** The 12月底 figure typed on the year-end card, by project code. */
  const yearEnd = new Map<string, number>();
  let handled = 0;
  let t: TestDatabase | undefined;
  let double: FeishuDouble | undefined;
  let server: BotServer | undefined;
  const stop = async () => {
    await server?.stop();
    await double?.close();
    await t?.drop();
  };

  const cli = async (argv: string[], at: string) => {
    const io = captureIo();
    const code = await runCli(argv, { ...env, DIAODU_NOW: at }, io.io);
    return { code, out: io.out.join('\n'), err: io.err.join('\n') };
  };

  try {
    t = await createTestDatabase(o.engine);
    const dir = mkdtempSync(join(tmpdir(), o.tmpPrefix));
    const sheets = await readSheets(SAMPLE);
    const registers = { 2026: join(dir, '2026.xlsx'), 2027: join(dir, '2027.xlsx') } as const;
    await writeWorkbook(
      registers[2026],
      registerOf(
        sheets,
        UNITS.map((u) => u.name),
      ),
    );
    await writeWorkbook(registers[2027], registerOf(sheets, o.units2027));
    env.DATABASE_URL = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
    const imported = await cli(['import', registers[2026], '--year', '2026'], bj(`${o.day} 10:00`));
    expect(imported.code, imported.err).toBe(0);
    if (o.import2027On) expect((await cli(['import', registers[2027], '--year', '2027'], bj(`${o.import2027On} 10:00`))).code).toBe(0);
    let who = t.db.selectFrom('people').select(['name', 'mobile']);
    for (const mobile of o.unreachable ?? []) who = who.where('mobile', '!=', mobile);
    const people = await who.execute();
    double = await startDouble({ users: people.map((p) => ({ open_id: `ou_${p.mobile}`, name: p.name, mobile: p.mobile ?? '' })), chats: [] });
    Object.assign(env, {
      FEISHU_APP_ID: APP.appId,
      FEISHU_APP_SECRET: APP.appSecret,
      FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
      FEISHU_DOMAIN: double.url,
    });
    const setupDay = o.import2027On ?? o.day;
    expect((await cli(['users', 'sync'], bj(`${setupDay} 10:05`))).code).toBe(0);
    expect((await cli(['settings', 'set', 'admins', JSON.stringify([ADMIN.mobile])], bj(`${setupDay} 10:10`))).code).toBe(0);
    server = await startBotServer({ database: t.target, double, clock });
    const sender = eventSenderFor(double, server.webhookUrl, { clock });
    return await world(t, double, server, sender, registers);
  } catch (e) {
    await stop();
    throw e;
  }

  async function world(
    t: TestDatabase,
    double: FeishuDouble,
    server: BotServer,
    sender: ReturnType<typeof eventSenderFor>,
    registers: { readonly 2026: string; readonly 2027: string },
  ) {
    const loadProjects = async () => {
      const rows = await t.db
        .selectFrom('projects as p')
        .innerJoin('units as u', 'u.id', 'p.unit_id')
        .innerJoin('project_plans as pp', 'pp.project_id', 'p.id')
        .select(['p.id', 'p.plan_year', 'p.name', 'p.code', 'u.name as unit', 'pp.annual_plan_yuan'])
        .execute();
      for (const r of rows) projects.set(r.id, { year: r.plan_year, annualWan: Number(r.annual_plan_yuan) / 10_000, name: r.name, unit: r.unit, code: r.code });
    };

    /** A project's cumulative figure on `day`: a steady share of its plan, never going down. */
    const figure = (projectId: number, day: string) => {
      const p = projects.get(projectId)!;
      const dayOfYear = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${p.year}-01-01T00:00:00Z`)) / 86_400_000;
      return Math.max(lastYtd.get(projectId) ?? 0, Math.floor((p.annualWan * Math.min(365, Math.max(0, dayOfYear))) / 366));
    };

    /** The reporter answers a weekly list card: every project's form, month-end figure included where asked. */
    const answerList = async (shown: Shown, day: string) => {
      for (const b of cardButtons(shown.card).filter((x) => x.value.kind === 'round_form')) {
        const projectId = Number(b.value.projectId);
        const opened = await tap(sender, double, shown, b);
        expect(opened.status).toBe(200);
        const monthEnd = formFields(shown.card).get('month_end_investment');
        const ytd = figure(projectId, day);
        const v: Record<string, unknown> = { ytd_investment: String(ytd), progress_text: '主体结构施工至12层', status: 'building' };
        if (monthEnd) {
          o.onMonthEnd?.(projectId, String((monthEnd.label as Obj).content));
          v.month_end_investment = String(lastYtd.get(projectId) ?? ytd);
        }
        const submit = cardButtons(shown.card).find((x) => x.value.kind === 'round_submit')!;
        const r = await tap(sender, double, shown, submit, { form: form(v) });
        expect(r.toast?.type, `${day} ${projects.get(projectId)!.name}: ${r.toast?.content}`).toBe('success');
        lastYtd.set(projectId, ytd);
        const back = cardButtons(shown.card).find((x) => x.value.kind === 'round_list') as CardButton;
        await tap(sender, double, shown, back);
      }
    };

    /** The reporter answers the year-end card: every old-year project's 12月底 figure at once. */
    const answerYearEnd = async (shown: Shown) => {
      const fields = [...formFields(shown.card).keys()].filter((k) => k.startsWith('year_end_'));
      const values: Record<string, string> = {};
      for (const f of fields) {
        const projectId = Number(f.slice('year_end_'.length));
        const p = projects.get(projectId)!;
        const end = Math.max(lastYtd.get(projectId) ?? 0, Math.floor(p.annualWan * o.yearEndShare));
        values[f] = String(end);
        yearEnd.set(p.code, end);
      }
      o.onYearEnd?.(shown, fields);
      const submit = cardButtons(shown.card).find((x) => x.value.kind === 'yearend_submit')!;
      const r = await tap(sender, double, shown, submit, { form: values });
      expect(r.toast?.content).toBe(`已保存${fields.length}个项目的年末数。`);
    };

    /** Has the bot deliver what it queued. */
    const deliver = async () => {
      server.bot!.sender.wake();
      await settled(t.db, 20_000);
    };

    /** Delivers what the bot queued, then has every reporter answer the cards that came to them. */
    const answerNew = async (day: string) => {
      await deliver();
      const fresh = double.messages.slice(handled);
      handled = double.messages.length;
      for (const m of fresh) {
        if (m.msg_type !== 'interactive' || m.via !== 'create' || !m.user_open_id) continue;
        const card = contentOf(m);
        const kinds = new Set(cardButtons(card).map((b) => b.value.kind));
        const shown: Shown = { messageId: m.message_id, chatId: m.chat_id, openId: m.user_open_id, card };
        if (o.skip?.(card, day)) continue;
        if (kinds.has('round_form')) await answerList(shown, day);
        else if (kinds.has('yearend_submit')) await answerYearEnd(shown);
      }
    };

    /** The scheduler's jobs at `hm` on `day`, then every card they sent answered. */
    const tickAt = async (day: string, hm: string) => {
      await clock.set(bj(`${day} ${hm}`));
      await tickRounds(server.ctx);
      await tickBulletin(server.ctx, server.bot!.bulletin);
      await answerNew(day);
    };

    const bulletins = async () =>
      (await t.db.selectFrom('bulletins').select(['id', 'month', 'status', 'composed_at', 'snapshot']).orderBy('id').execute()).map((r) => ({
        ...r,
        b: parseSnapshot(r.snapshot),
      }));

    /** The text messages the administrator received. */
    const adminTexts = () =>
      double.messages
        .filter((m) => m.user_open_id === `ou_${ADMIN.mobile}` && m.msg_type === 'text')
        .map((m) => String((contentOf(m) as { text?: string }).text ?? ''));

    /** Counts every message so far as handled (the driver will not answer them); returns the count. */
    const markHandled = () => (handled = double.messages.length);

    await loadProjects();
    return {
      t,
      double,
      server,
      sender,
      clock,
      cli,
      registers,
      projects,
      lastYtd,
      yearEnd,
      loadProjects,
      tickAt,
      deliver,
      bulletins,
      adminTexts,
      markHandled,
      stop,
    };
  }
}
