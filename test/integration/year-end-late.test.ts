// The year boundary when the new register comes late and without one of the old year's units (issue 16, a variant of
// year-cycle.test.ts on the same small register): the 2027 register, which no longer lists one unit, is imported on
// 20 January 2027, after the calendar's first January round. December must not be composed on estimates on the
// calendar's date: the administrators are told once that its figures are not being collected yet, and the bulletin is
// composed after the deadline of the year-end card that the first round after the import brings. The unit the new
// register dropped is asked for its 2026 projects' December all the same, and its figures are the bulletin's.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { createManualClock } from '../../src/clock';
import { parseSnapshot } from '../../src/domain/bulletin-snapshot';
import { addDays } from '../../src/domain/calendar';
import type { DeliveredMessage, FeishuDouble } from '../../src/feishu-double/index';
import { heldTexts, tickBulletin } from '../../src/jobs/bulletin';
import { tickRounds } from '../../src/jobs/rounds';
import { copySheets, readSheets, SAMPLE, sampleRegister, type Sheets, writeWorkbook } from '../fixtures/register-workbooks';
import { type BotServer, startBotServer } from '../helpers/bot';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { APP, eventSenderFor, settled, startDouble } from '../helpers/feishu';
import { captureIo } from '../helpers/io';
import { bj, type CardButton, cardButtons, cardText, form, formFields, type Obj, type Shown, tap } from '../helpers/round';

const R = await sampleRegister();
/** Three one-reporter units with two or three projects each, as in year-cycle.test.ts. */
const UNITS = R.units.filter((u) => u.reporters.length === 1 && u.projects.length >= 2 && u.projects.length <= 3).slice(0, 3);
const ADMIN = R.leaders[0]!;
/** The unit the 2027 register no longer lists. */
const DROPPED = UNITS.find((u) => u.name === '市发展改革委') ?? UNITS[0]!;

/** The sample's sheets cut down to `units` (all leaders kept: projects name them as 包联领导). */
function registerOf(s: Sheets, units: string[]): Sheets {
  const out = copySheets(s);
  const keep = new Set(units);
  for (const name of ['项目', '单位'] as const) {
    const rows = out[name]!;
    const at = rows[0]!.indexOf('责任单位');
    out[name] = [rows[0]!, ...rows.slice(1).filter((r) => keep.has(String(r[at])))];
  }
  delete out.招商项目;
  delete out.储备项目;
  delete out.节点计划;
  delete out.月度计划;
  return out;
}

const contentOf = (m: DeliveredMessage) => JSON.parse(m.content) as Obj;

/**
 * When the 2027 register comes: after the first January round (the round of its week asks for December), or after all
 * the January rounds (the first February round asks for December, the next one for January).
 */
const SCENARIOS = [
  {
    importDay: '2027-01-20',
    until: '2027-01-29',
    askWeek: '2027-01-18',
    composed: '2027-01-25',
    round: '2027年第3周',
    dates: '1月18日（周一）09:00开始，1月22日（周五）18:00截止',
  },
  {
    importDay: '2027-02-03',
    until: '2027-02-12',
    askWeek: '2027-02-01',
    composed: '2027-02-08',
    round: '2027年第5周',
    dates: '2月1日（周一）09:00开始，2月5日（周五）18:00截止',
  },
] as const;
const CASES = engines.flatMap((engine) => SCENARIOS.map((s) => [engine, s.importDay, s] as const));

describe.each(CASES)('a late 2027 register without one unit on %s, imported on %s', (engine, _day, scenario) => {
  let t: TestDatabase;
  let double: FeishuDouble;
  let server: BotServer;
  let sender: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-11-25 10:00'));
  const env: Record<string, string> = {};
  const projects = new Map<number, { year: number; annualWan: number; name: string; unit: string; code: string }>();
  const lastYtd = new Map<number, number>();
  /** The 12月底 figure typed on the year-end card, by project code. */
  const yearEnd = new Map<string, number>();
  /** Who was sent a year-end card (open_id). */
  const yearEndTo = new Set<string>();
  let handled = 0;
  let importOut = '';

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

  const figure = (projectId: number, day: string) => {
    const p = projects.get(projectId)!;
    const dayOfYear = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${p.year}-01-01T00:00:00Z`)) / 86_400_000;
    return Math.max(lastYtd.get(projectId) ?? 0, Math.floor((p.annualWan * Math.min(365, Math.max(0, dayOfYear))) / 366));
  };

  const answerList = async (shown: Shown, day: string) => {
    for (const b of cardButtons(shown.card).filter((x) => x.value.kind === 'round_form')) {
      const projectId = Number(b.value.projectId);
      expect((await tap(sender, double, shown, b)).status).toBe(200);
      const ytd = figure(projectId, day);
      const o: Record<string, unknown> = { ytd_investment: String(ytd), progress_text: '主体结构施工至12层', status: 'building' };
      if (formFields(shown.card).get('month_end_investment')) o.month_end_investment = String(lastYtd.get(projectId) ?? ytd);
      const submit = cardButtons(shown.card).find((x) => x.value.kind === 'round_submit')!;
      const r = await tap(sender, double, shown, submit, { form: form(o) });
      expect(r.toast?.type, `${day} ${projects.get(projectId)!.name}: ${r.toast?.content}`).toBe('success');
      lastYtd.set(projectId, ytd);
      await tap(sender, double, shown, cardButtons(shown.card).find((x) => x.value.kind === 'round_list') as CardButton);
    }
  };

  const answerYearEnd = async (shown: Shown) => {
    yearEndTo.add(shown.openId);
    const fields = [...formFields(shown.card).keys()].filter((k) => k.startsWith('year_end_'));
    const values: Record<string, string> = {};
    for (const f of fields) {
      const p = projects.get(Number(f.slice('year_end_'.length)))!;
      const end = Math.max(lastYtd.get(Number(f.slice('year_end_'.length))) ?? 0, Math.floor(p.annualWan * 0.97));
      values[f] = String(end);
      yearEnd.set(p.code, end);
    }
    const submit = cardButtons(shown.card).find((x) => x.value.kind === 'yearend_submit')!;
    const r = await tap(sender, double, shown, submit, { form: values });
    expect(r.toast?.content).toBe(`已保存${fields.length}个项目的年末数。`);
  };

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

  const december = async () => {
    const r = await t.db.selectFrom('bulletins').select(['id', 'month', 'composed_at', 'snapshot']).where('month', '=', '2026-12').executeTakeFirst();
    return r && { ...r, b: parseSnapshot(r.snapshot) };
  };

  /** The text messages the administrator received. */
  const adminTexts = () =>
    double.messages
      .filter((m) => m.user_open_id === `ou_${ADMIN.mobile}` && m.msg_type === 'text')
      .map((m) => String((contentOf(m) as { text?: string }).text ?? ''));

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const dir = mkdtempSync(join(tmpdir(), 'diaodu-year-end-late-'));
    const sheets = await readSheets(SAMPLE);
    await writeWorkbook(
      join(dir, '2026.xlsx'),
      registerOf(
        sheets,
        UNITS.map((u) => u.name),
      ),
    );
    await writeWorkbook(
      join(dir, '2027.xlsx'),
      registerOf(
        sheets,
        UNITS.filter((u) => u !== DROPPED).map((u) => u.name),
      ),
    );
    env.DATABASE_URL = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
    env.REGISTER_2027 = join(dir, '2027.xlsx');
    const imported = await cli(['import', join(dir, '2026.xlsx'), '--year', '2026'], bj('2026-11-25 10:00'));
    expect(imported.code, imported.err).toBe(0);
    const people = await t.db.selectFrom('people').select(['name', 'mobile']).execute();
    double = await startDouble({ users: people.map((p) => ({ open_id: `ou_${p.mobile}`, name: p.name, mobile: p.mobile ?? '' })), chats: [] });
    Object.assign(env, {
      FEISHU_APP_ID: APP.appId,
      FEISHU_APP_SECRET: APP.appSecret,
      FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
      FEISHU_DOMAIN: double.url,
    });
    expect((await cli(['users', 'sync'], bj('2026-11-25 10:05'))).code).toBe(0);
    expect((await cli(['settings', 'set', 'admins', JSON.stringify([ADMIN.mobile])], bj('2026-11-25 10:10'))).code).toBe(0);
    server = await startBotServer({ database: t.target, double, clock });
    sender = eventSenderFor(double, server.webhookUrl, { clock });
    await loadProjects();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await double?.close();
    await t?.drop();
  });

  it('holds December until the year-end collection closes, telling the administrators once', async () => {
    const notice = heldTexts.register(2026, 2027);
    for (let day = '2026-11-30'; day <= scenario.until; day = addDays(day, 1)) {
      if (day === '2027-01-15') {
        // No round has asked for December: the calendar says so rather than give a date that will not hold.
        const listed = await cli(['calendar', 'rounds', '--from', '2026-12-01', '--to', '2026-12-31'], bj('2027-01-15 10:00'));
        expect(listed.code, listed.err).toBe(0);
        expect(listed.out).toContain(`2026年12月  ${notice}`);
        expect(await december(), 'December composed before any round asked for it').toBeUndefined();
        expect(adminTexts().filter((x) => x === notice)).toHaveLength(1);
      }
      if (day === scenario.importDay) {
        const next = await cli(['import', env.REGISTER_2027!, '--year', '2027'], bj(`${day} 08:00`));
        expect(next.code, next.err).toBe(0);
        importOut = next.out;
        await loadProjects();
      }
      for (const hm of ['09:01', '15:01', '18:01']) await tickAt(day, hm);
    }
    const ask = await t.db.selectFrom('weekly_periods').select(['week_start', 'deadline_at']).where('asks_month_end', '=', '2026-12').executeTakeFirstOrThrow();
    expect(ask.week_start).toBe(scenario.askWeek);
    const d = await december();
    expect(d, 'December composed').toBeDefined();
    expect(d!.composed_at > ask.deadline_at, `composed ${d!.composed_at}, year-end figures closed ${ask.deadline_at}`).toBe(true);
    expect(d!.composed_at.slice(0, 10)).toBe(scenario.composed);
    expect(d!.b.estimated).toEqual([]);
    expect(d!.b.table).toHaveLength(UNITS.reduce((n, u) => n + u.projects.length, 0));
    // Told once, however many ticks passed while December waited.
    expect(adminTexts().filter((x) => x === notice)).toHaveLength(1);
    expect(adminTexts().filter((x) => x.includes('尚未开始收集'))).toHaveLength(1);
    // Once the round exists, the calendar gives its dates again.
    const listed = await cli(['calendar', 'rounds', '--from', '2026-12-01', '--to', '2026-12-31'], bj(`${scenario.until} 10:00`));
    expect(listed.out).toContain(`2026年12月  月末数：${scenario.round}（2026年度项目以“年末数填报”卡片填报），${scenario.dates}`);
    // Imported after the January rounds: the first February round asked for December, the next one for January.
    if (scenario.importDay >= '2027-02-01') {
      const january = await t.db.selectFrom('weekly_periods').select(['week_start']).where('asks_month_end', '=', '2027-01').executeTakeFirstOrThrow();
      expect(january.week_start).toBe('2027-02-08');
    }
  }, 600_000);

  it('asks the unit the new register dropped for its December and uses its figures', async () => {
    expect(importOut).toContain('另有 1 名填报人所在单位已不在本项目库中，暂保留其填报人角色，用于征集2026年度项目的2026年12月底数据');
    expect(yearEndTo.has(`ou_${DROPPED.reporters[0]!.mobile}`)).toBe(true);
    const d = (await december())!;
    const dropped = d.b.table.filter((p) => DROPPED.projects.some((q) => q.code === p.code));
    expect(dropped).toHaveLength(DROPPED.projects.length);
    for (const p of dropped) {
      expect(p.estimated, p.code).toBeFalsy();
      expect(p.completedWan, p.code).toBe(yearEnd.get(p.code));
    }
    // Every 2026 project had a reporter to ask: nothing for the administrators to chase.
    expect(adminTexts().filter((x) => x.startsWith('【年末数】'))).toEqual([]);
    // The dropped unit's reporter got no weekly card of 2027 (the unit has no 2027 project).
    const weekly2027 = double.messages.filter(
      (m) => m.user_open_id === `ou_${DROPPED.reporters[0]!.mobile}` && m.msg_type === 'interactive' && cardText(contentOf(m)).includes('2027年第'),
    );
    expect(weekly2027.filter((m) => cardButtons(contentOf(m)).some((b) => b.value.kind === 'round_form'))).toEqual([]);
  }, 60_000);
});

describe.each(engines)('an old-year unit with nobody to ask on %s', (engine) => {
  let t: TestDatabase;
  let double: FeishuDouble;
  let server: BotServer;
  const clock = createManualClock(bj('2026-12-20 10:00'));

  afterAll(async () => {
    await server?.stop();
    await double?.close();
    await t?.drop();
  });

  it('names its 2026 projects and unit to the administrators when the first 2027 round opens', async () => {
    t = await createTestDatabase(engine);
    const dir = mkdtempSync(join(tmpdir(), 'diaodu-year-end-unreached-'));
    const sheets = await readSheets(SAMPLE);
    await writeWorkbook(
      join(dir, '2026.xlsx'),
      registerOf(
        sheets,
        UNITS.map((u) => u.name),
      ),
    );
    await writeWorkbook(
      join(dir, '2027.xlsx'),
      registerOf(
        sheets,
        UNITS.filter((u) => u !== DROPPED).map((u) => u.name),
      ),
    );
    const env: Record<string, string> = { DATABASE_URL: t.target.kind === 'sqlite' ? t.target.path : t.target.url };
    const cli = async (argv: string[], at: string) => {
      const io = captureIo();
      const code = await runCli(argv, { ...env, DIAODU_NOW: at }, io.io);
      return { code, out: io.out.join('\n'), err: io.err.join('\n') };
    };
    expect((await cli(['import', join(dir, '2026.xlsx'), '--year', '2026'], bj('2026-12-20 10:00'))).code).toBe(0);
    expect((await cli(['import', join(dir, '2027.xlsx'), '--year', '2027'], bj('2026-12-28 10:00'))).code).toBe(0);
    // The dropped unit's reporter has no Feishu account the bot can find: nobody can be sent its year-end card.
    const unreachable = DROPPED.reporters[0]!.mobile;
    const people = await t.db.selectFrom('people').select(['name', 'mobile']).where('mobile', '!=', unreachable).execute();
    double = await startDouble({ users: people.map((p) => ({ open_id: `ou_${p.mobile}`, name: p.name, mobile: p.mobile ?? '' })), chats: [] });
    Object.assign(env, {
      FEISHU_APP_ID: APP.appId,
      FEISHU_APP_SECRET: APP.appSecret,
      FEISHU_VERIFICATION_TOKEN: APP.verificationToken,
      FEISHU_DOMAIN: double.url,
    });
    expect((await cli(['users', 'sync'], bj('2026-12-28 10:05'))).code).toBe(0);
    expect((await cli(['settings', 'set', 'admins', JSON.stringify([ADMIN.mobile])], bj('2026-12-28 10:10'))).code).toBe(0);
    server = await startBotServer({ database: t.target, double, clock });
    await clock.set(bj('2027-01-04 09:01'));
    await tickRounds(server.ctx);
    server.bot!.sender.wake();
    await settled(t.db, 20_000);
    const old = await t.db
      .selectFrom('projects as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select(['p.name'])
      .where('p.plan_year', '=', 2026)
      .where('u.name', '=', DROPPED.name)
      .orderBy('p.code')
      .execute();
    expect(old.length).toBe(DROPPED.projects.length);
    const texts = double.messages
      .filter((m) => m.user_open_id === `ou_${ADMIN.mobile}` && m.msg_type === 'text')
      .map((m) => String((contentOf(m) as { text?: string }).text ?? ''));
    const notice = texts.filter((x) => x.startsWith('【年末数】'));
    expect(notice).toEqual([
      `【年末数】以下${old.length}个2026年度项目所在单位无可联系的填报人，未能发出年末数填报卡片：${old.map((p) => `${p.name}（${DROPPED.name}）`).join('、')}。` +
        '请核实填报人（可在项目库「单位」表中补登后重新导入，本轮提醒时即向其发送年末数填报入口）；逾期未填报的，2026年12月通报按估算数编制。',
    ]);
  }, 120_000);
});
