// A whole plan year as the 重点项目办 lives it (issue 16): a small register of three units, the real server on a manual
// clock against the Feishu double, the scheduler's jobs ticked three times a day from the first round of 2026 to the
// February after, every reporter answering every card the bot sends — the weekly forms, the month-end figures they
// ask for, and the year-end card of January — on the default settings. Each month's bulletin the scheduler composes
// must stand on reported month-end figures only, December included, and no form may ask a project for a figure outside
// its plan year. Then one unit skips the round that asks for January 2027: exactly its projects are estimated, and the
// approval card offers 催报 of that unit.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { createManualClock } from '../../src/clock';
import { parseSnapshot } from '../../src/domain/bulletin-snapshot';
import { addDays, shanghaiDay } from '../../src/domain/calendar';
import type { DeliveredMessage } from '../../src/feishu-double/index';
import { tickBulletin } from '../../src/jobs/bulletin';
import { tickRounds } from '../../src/jobs/rounds';
import { copySheets, readSheets, SAMPLE, sampleRegister, type Sheets, writeWorkbook } from '../fixtures/register-workbooks';
import { type BotServer, startBotServer } from '../helpers/bot';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { APP, eventSenderFor, settled, startDouble } from '../helpers/feishu';
import { captureIo } from '../helpers/io';
import { bj, type CardButton, cardButtons, cardText, form, formFields, type Obj, type Shown, tap } from '../helpers/round';
import type { FeishuDouble } from '../../src/feishu-double/index';

const R = await sampleRegister();
/** Three one-reporter units with two or three projects each; the third is the one that skips a month-end round. */
const UNITS = R.units.filter((u) => u.reporters.length === 1 && u.projects.length >= 2 && u.projects.length <= 3).slice(0, 3);
const ADMIN = R.leaders[0]!;
const SKIPPER = UNITS[2]!;

/** The sample's sheets cut down to UNITS (all leaders kept: projects name them as 包联领导). */
function smallRegister(s: Sheets): Sheets {
  const out = copySheets(s);
  const keep = new Set(UNITS.map((u) => u.name));
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

const contentOf = (m: DeliveredMessage) => JSON.parse(m.content) as Obj;
const cardTitle = (card: Obj) => String((((card.header as Obj).title as Obj).content as string) ?? '');

describe.each(engines)('a plan year of monthly cycles on %s', (engine) => {
  let t: TestDatabase;
  let double: FeishuDouble;
  let server: BotServer;
  let sender: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-01-02 10:00'));
  const env: Record<string, string> = {};
  /** Project id → its plan year and annual plan (万元), from the database. */
  const projects = new Map<number, { year: number; annualWan: number; name: string; unit: string; code: string }>();
  /** Every form the bot showed that asked a month-end figure: the project's plan year and the field's label. */
  const asked: Array<{ projectId: number; year: number; label: string }> = [];
  /** Each project's last figure typed, 万元. */
  const lastYtd = new Map<number, number>();
  /** The 12月底 figure typed on the year-end card, by project code. */
  const yearEnd = new Map<string, number>();
  let handled = 0;
  let skipFrom: string | null = null;

  const cli = async (argv: string[], at: string) => {
    const io = captureIo();
    const code = await runCli(argv, { ...env, DIAODU_NOW: at }, io.io);
    return { code, out: io.out.join('\n'), err: io.err.join('\n') };
  };

  const loadProjects = async () => {
    const rows = await t.db
      .selectFrom('projects as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .innerJoin('project_plans as pp', 'pp.project_id', 'p.id')
      .select(['p.id', 'p.plan_year', 'p.name', 'p.code', 'u.name as unit', 'pp.annual_plan_yuan'])
      .execute();
    for (const r of rows) projects.set(r.id, { year: r.plan_year, annualWan: Number(r.annual_plan_yuan) / 10_000, name: r.name, unit: r.unit, code: r.code });
  };

  /** A project's cumulative figure in week `k` of its year: a steady share of the plan, never going down. */
  const figure = (projectId: number, day: string) => {
    const p = projects.get(projectId)!;
    const dayOfYear = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${p.year}-01-01T00:00:00Z`)) / 86_400_000;
    const wan = Math.max(lastYtd.get(projectId) ?? 0, Math.floor((p.annualWan * Math.min(365, Math.max(0, dayOfYear))) / 366));
    return wan;
  };

  /** The reporter answers a weekly list card: every project's form, month-end figure included where asked. */
  const answerList = async (shown: Shown, day: string) => {
    for (const b of cardButtons(shown.card).filter((x) => x.value.kind === 'round_form')) {
      const projectId = Number(b.value.projectId);
      const opened = await tap(sender, double, shown, b);
      expect(opened.status).toBe(200);
      const fields = formFields(shown.card);
      const monthEnd = fields.get('month_end_investment');
      const ytd = figure(projectId, day);
      const o: Record<string, unknown> = { ytd_investment: String(ytd), progress_text: '主体结构施工至12层', status: 'building' };
      if (monthEnd) {
        const label = String((monthEnd.label as Obj).content);
        asked.push({ projectId, year: projects.get(projectId)!.year, label });
        o.month_end_investment = String(lastYtd.get(projectId) ?? ytd);
      }
      const submit = cardButtons(shown.card).find((x) => x.value.kind === 'round_submit')!;
      const r = await tap(sender, double, shown, submit, { form: form(o) });
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
      // The card's title names the year ("2026年度重点项目年末数填报"); the field, the project.
      asked.push({ projectId, year: p.year, label: `${cardTitle(shown.card)} ${String((formFields(shown.card).get(f)!.label as Obj).content)}` });
      const end = Math.max(lastYtd.get(projectId) ?? 0, Math.floor(p.annualWan * 0.98));
      values[f] = String(end);
      yearEnd.set(p.code, end);
    }
    expect(cardText(shown.card)).toContain('截至2026年12月底');
    const submit = cardButtons(shown.card).find((x) => x.value.kind === 'yearend_submit')!;
    const r = await tap(sender, double, shown, submit, { form: values });
    expect(r.toast?.content).toBe(`已保存${fields.length}个项目的年末数。`);
  };

  /** Delivers what the bot queued, then has every reporter answer the cards that came to them. */
  const answerNew = async (day: string) => {
    server.bot!.sender.wake();
    await settled(t.db, 20_000);
    const fresh = double.messages.slice(handled);
    handled = double.messages.length;
    for (const m of fresh) {
      if (m.msg_type !== 'interactive' || m.via !== 'create' || !m.user_open_id) continue;
      const card = contentOf(m);
      const kinds = new Set(cardButtons(card).map((b) => b.value.kind));
      const shown: Shown = { messageId: m.message_id, chatId: m.chat_id, openId: m.user_open_id, card };
      const unitOfCard = cardText(card);
      if (skipFrom && day >= skipFrom && unitOfCard.includes(SKIPPER.name)) continue;
      if (kinds.has('round_form')) await answerList(shown, day);
      else if (kinds.has('yearend_submit')) await answerYearEnd(shown);
    }
  };

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

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const dir = mkdtempSync(join(tmpdir(), 'diaodu-year-'));
    const sheets = smallRegister(await readSheets(SAMPLE));
    await writeWorkbook(join(dir, '2026.xlsx'), sheets);
    await writeWorkbook(join(dir, '2027.xlsx'), sheets);
    env.DATABASE_URL = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
    env.REGISTER_2027 = join(dir, '2027.xlsx');
    const imported = await cli(['import', join(dir, '2026.xlsx'), '--year', '2026'], bj('2026-01-02 10:00'));
    expect(imported.code, imported.err).toBe(0);
    const people = await t.db.selectFrom('people').select(['name', 'mobile']).execute();
    double = await startDouble({ users: people.map((p) => ({ open_id: `ou_${p.mobile}`, name: p.name, mobile: p.mobile ?? '' })), chats: [] });
    Object.assign(env, {
      FEISHU_APP_ID: APP.appId,
      FEISHU_APP_SECRET: APP.appSecret,
      FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
      FEISHU_DOMAIN: double.url,
    });
    expect((await cli(['users', 'sync'], bj('2026-01-02 10:05'))).code).toBe(0);
    expect((await cli(['settings', 'set', 'admins', JSON.stringify([ADMIN.mobile])], bj('2026-01-02 10:10'))).code).toBe(0);
    server = await startBotServer({ database: t.target, double, clock });
    sender = eventSenderFor(double, server.webhookUrl, { clock });
    await loadProjects();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await double?.close();
    await t?.drop();
  });

  it('runs January 2026 to January 2027, the 2027 register imported in late December, every card answered', async () => {
    for (let day = '2026-01-05'; day <= '2027-01-22'; day = addDays(day, 1)) {
      if (day === '2026-12-28') {
        const next = await cli(['import', env.REGISTER_2027!, '--year', '2027'], bj('2026-12-28 08:00'));
        expect(next.code, next.err).toBe(0);
        await loadProjects();
      }
      for (const hm of ['09:01', '15:01', '18:01']) await tickAt(day, hm);
    }
    const rows = await bulletins();
    const months = rows.map((r) => r.month);
    expect(months).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    for (const r of rows) {
      // Composed by the scheduler after the deadline of the round that asked for the month's end figure.
      const ask = await t.db.selectFrom('weekly_periods').select(['deadline_at']).where('asks_month_end', '=', r.month).executeTakeFirstOrThrow();
      expect(r.composed_at > ask.deadline_at, `${r.month} composed ${r.composed_at}, figures closed ${ask.deadline_at}`).toBe(true);
      expect(r.b.estimated, `${r.month} estimated`).toEqual([]);
      expect(r.b.table.every((p) => p.completedWan !== null && !p.estimated)).toBe(true);
      expect(r.b.table).toHaveLength(UNITS.reduce((n, u) => n + u.projects.length, 0));
    }
    // December: the year-end figures typed in January are the bulletin's.
    const december = rows.find((r) => r.month === '2026-12')!;
    expect(shanghaiDay(new Date(december.composed_at))).toBe('2027-01-11');
    expect(yearEnd.size).toBe(december.b.table.length);
    for (const p of december.b.table) expect(p.completedWan, p.code).toBe(yearEnd.get(p.code));
  }, 900_000);

  it('never asked a project for a figure outside its plan year', () => {
    expect(asked.length).toBeGreaterThan(0);
    const wrong = asked.filter((a) => !a.label.includes(`${a.year}年`));
    expect(wrong).toEqual([]);
    // The 2027 projects were asked nothing in January 2027 (their first month-end is January's, asked in February).
    expect(asked.filter((a) => a.year === 2027)).toEqual([]);
    // The 2026 projects gave December on the year-end card, each once.
    expect(asked.filter((a) => a.label.startsWith('2026年度重点项目年末数填报')).length).toBe(yearEnd.size);
  });

  it('with a unit that skips the round asking for January 2027, exactly its projects are estimated and 催报 is offered for it', async () => {
    const ask = await t.db.selectFrom('weekly_periods').select(['week_start']).where('asks_month_end', '=', '2027-01').executeTakeFirst();
    // The asking round may not exist yet: it is the first to open in February.
    skipFrom = ask?.week_start ?? '2027-02-01';
    // Until the scheduler composes January (the administrator chases the same day).
    const composed = async () => (await bulletins()).find((r) => r.month === '2027-01');
    for (let day = '2027-01-23'; day <= '2027-02-26' && !(await composed()); day = addDays(day, 1))
      for (const hm of ['09:01', '15:01', '18:01']) await tickAt(day, hm);
    const january = await composed();
    expect(january, 'the January 2027 bulletin was composed').toBeDefined();
    const skipped = SKIPPER.projects.map((p) => p.code).sort();
    expect([...january!.b.estimated].sort()).toEqual(skipped);
    const approval = double.messages
      .filter((m) => m.user_open_id === `ou_${ADMIN.mobile}` && m.msg_type === 'interactive')
      .map((m) => ({ m, card: contentOf(m) }))
      .filter((x) => cardButtons(x.card).some((b) => b.value.kind === 'bulletin_publish' && b.value.bulletinId === january!.id))
      .at(-1)!;
    const text = cardText(approval.card);
    expect(text).toContain(`未填报月末数的单位：${SKIPPER.name}（${SKIPPER.projects.length}个）`);
    const urge = cardButtons(approval.card).find((b) => b.value.kind === 'bulletin_urge')!;
    expect(urge.text).toBe('催报');
    const mark = double.messages.length;
    const shown: Shown = { messageId: approval.m.message_id, chatId: approval.m.chat_id, openId: approval.m.user_open_id!, card: approval.card };
    const r = await tap(sender, double, shown, urge);
    expect(r.toast?.content).toContain(`已向1个单位的1名填报人发出催报：${SKIPPER.name}`);
    server.bot!.sender.wake();
    await settled(t.db, 20_000);
    const chased = double.messages.slice(mark).filter((m) => m.via === 'create');
    expect(chased.map((m) => m.user_open_id)).toEqual([`ou_${SKIPPER.reporters[0]!.mobile}`]);
    expect(cardText(contentOf(chased[0]!))).toContain('【催报】1月通报待发布');
    handled = double.messages.length;
    // A second click (the same card clicked again) sends nothing more.
    await tap(sender, double, shown, urge);
    server.bot!.sender.wake();
    await settled(t.db, 20_000);
    expect(double.messages.length).toBe(handled);
  }, 300_000);
});
