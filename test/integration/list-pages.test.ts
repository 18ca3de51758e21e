// Long lists through the Feishu test double: twenty items a page with 更多 for the next twenty, read again under the
// clicker's rights; 导出Excel (a button, or 导出 typed before the question) sends the whole list as an .xlsx file.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCardText } from '../../cards/text-render';
import { runCli } from '../../src/cli/main';
import { createClock } from '../../src/clock';
import { saveReport } from '../../src/db/reports';
import { ensurePeriod } from '../../src/db/rounds';
import type { DeliveredMessage, FeishuDouble } from '../../src/feishu-double';
import { SAMPLE } from '../fixtures/register-workbooks';
import { sampleLookup } from '../fixtures/sample-lookup';
import { type BotServer, startBotServer } from '../helpers/bot';
import { checkCardRules } from '../helpers/card-rules';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { CHATS, eventSenderFor, startDouble, USERS, waitFor } from '../helpers/feishu';
import { captureIo } from '../helpers/io';

const NOW = '2026-11-27T10:00:00+08:00';
const WEEK = '2026-11-23';

const S = await sampleLookup();
/**
 * Every project on the city-wide 序时 reports, in register order, a share of its plan rising by 0.4% a project from
 * 10%: all are behind 序时 (83.33% at the end of October), the first the furthest — so the 滞后 list is these projects
 * in register order. (Projects on their own 月度计划 do not report: their 序时 differs.)
 */
const REPORTED = S.projects.filter((p) => !p.ownPlan);
const ytdWan = (i: number) => Math.round(REPORTED[i]!.planWan * (0.1 + 0.004 * i));
const MAYOR = { openId: 'ou_mayor', mobile: S.leaderTitled('市长').mobile };
/** A reporter of the unit with the most reporting projects: sees that unit's projects only. */
const UNIT = [...new Set(REPORTED.map((p) => p.unit))].sort(
  (a, b) => REPORTED.filter((p) => p.unit === b).length - REPORTED.filter((p) => p.unit === a).length,
)[0]!;
const REPORTER = { openId: 'ou_unit_reporter', mobile: S.unit(UNIT).reporters[0]!.mobile };

/** The block titles of a list card, "21. 名称" → [21, 名称]. */
const titles = (text: string) => [...text.matchAll(/^(\d+)\. (.+)$/gmu)].map((m) => [Number(m[1]), m[2]] as const);

describe.each(engines)('long lists on %s', (engine) => {
  let t: TestDatabase;
  let double: FeishuDouble;
  let bot: BotServer;
  let feishu: ReturnType<typeof eventSenderFor>;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const env = { DATABASE_URL: t.target.kind === 'sqlite' ? t.target.path : t.target.url, DIAODU_NOW: NOW };
    expect(await runCli(['import', SAMPLE, '--year', '2026'], env, captureIo().io)).toBe(0);
    const monday = Date.parse(`${WEEK}T00:00:00+08:00`);
    const at = (h: number) => new Date(monday + h * 3600_000);
    const now = new Date(NOW);
    const period = await ensurePeriod(
      t.db,
      { weekStart: WEEK, planYear: 2026, opensAt: at(9), remindAt: at(87), deadlineAt: at(114), openMonth: '2026-11' },
      now,
    );
    const ids = new Map((await t.db.selectFrom('projects').select(['id', 'code']).execute()).map((r) => [r.code, r.id]));
    for (const [i, p] of REPORTED.entries()) {
      await saveReport(t.db, ids.get(p.code)!, period.id, {
        ytdYuan: ytdWan(i) * 10_000,
        monthEndYuan: null,
        progressText: '施工中',
        status: 'building',
        problemCategories: [],
        problemText: null,
        coordination: null,
        nextPlan: null,
        correctionReason: null,
        noChange: false,
        late: false,
        submittedBy: null,
        submittedAt: at(30),
      });
    }
    for (const who of [MAYOR, REPORTER]) await t.db.updateTable('people').set({ open_id: who.openId }).where('mobile', '=', who.mobile).execute();
    const askers = [MAYOR, REPORTER].map((p) => ({ open_id: p.openId, name: p.openId, mobile: p.mobile }));
    double = await startDouble({ users: [...USERS, ...askers], chats: CHATS });
    bot = await startBotServer({ database: t.target, double, clock: createClock(NOW) });
    feishu = eventSenderFor(double, bot.webhookUrl, { clock: createClock(NOW) });
  });
  afterAll(async () => {
    await bot?.stop();
    await double?.close();
    await t?.drop();
  });

  async function ask(text: string, openId: string) {
    const sent = await feishu.sendMessage({ text, sender: { open_id: openId } });
    expect(sent.status).toBe(200);
    const id = (sent.envelope.event.message as { message_id: string }).message_id;
    const reply = await waitFor(`the reply to “${text}”`, () => double.messages.find((m) => m.via === 'reply' && m.parent_id === id), Boolean);
    const content = JSON.parse(reply!.content) as Record<string, unknown>;
    if (reply!.msg_type === 'interactive') expect(checkCardRules(content)).toEqual([]);
    return { reply: reply!, content, text: reply!.msg_type === 'interactive' ? renderCardText(content) : String(content.text) };
  }
  const buttonValue = (card: unknown, kind: string) =>
    JSON.parse(JSON.stringify(card).match(new RegExp(`\\{"kind":"${kind}"[^{}]*\\}`))![0]) as Record<string, unknown>;
  const sentTo = (openId: string, from: number, what: (m: DeliveredMessage) => boolean) =>
    waitFor(`a message to ${openId}`, () => double.messages.slice(from).find((m) => m.user_open_id === openId && what(m)), Boolean);
  const workbookOf = async (fileName: string) => {
    // The latest of that name: a list exported twice (by two people) is stored twice.
    const row = await t.db.selectFrom('outbox_files').select('data').where('file_name', '=', fileName).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(row.data as unknown as ArrayBuffer);
    return wb.worksheets[0]!;
  };

  it('全市滞后项目 shows the first twenty, says how many there are, and 更多 sends the next twenty to the clicker', async () => {
    const a = await ask('全市滞后项目', MAYOR.openId);
    expect(a.text).toContain(`其中未达序时进度项目${REPORTED.length}个`);
    expect(a.text).toContain(`共${REPORTED.length}个，显示第1—20个。`);
    expect(titles(a.text)).toEqual(REPORTED.slice(0, 20).map((p, i) => [i + 1, p.name]));
    // Each project a block: its name, then its figures in words, then its unit and county.
    const first = REPORTED[0]!;
    const rate = ((ytdWan(0) / first.planWan) * 100).toFixed(1);
    expect(a.text).toContain(
      `1. ${first.name}\n完成率${rate}%，低于序时进度${((10 / 12) * 100 - Number(rate)).toFixed(1)}个百分点 ［红灯］\n${first.unit} · ${first.county}`,
    );

    const more = buttonValue(a.content, 'answer_more');
    expect(more.from).toBe(20);
    const before = double.messages.length;
    const click = await feishu.sendCardAction({
      operator: { open_id: MAYOR.openId },
      action: { value: more },
      openMessageId: a.reply.message_id,
      openChatId: a.reply.chat_id,
    });
    expect(click.json).toMatchObject({ toast: { type: 'success' } });
    const page = await sentTo(MAYOR.openId, before, (m) => m.msg_type === 'interactive' && m.content.includes('显示第21—'));
    const text = renderCardText(JSON.parse(page!.content));
    expect(text).toContain(`共${REPORTED.length}个，显示第21—40个。`);
    expect(titles(text)).toEqual(REPORTED.slice(20, 40).map((p, i) => [i + 21, p.name]));
  });

  it('更多 on a forwarded list is read under the clicker’s rights: a unit’s reporter gets no other unit’s projects', async () => {
    const a = await ask('全市滞后项目', MAYOR.openId);
    const more = buttonValue(a.content, 'answer_more');
    const before = double.messages.length;
    const click = await feishu.sendCardAction({
      operator: { open_id: REPORTER.openId },
      action: { value: more },
      openMessageId: a.reply.message_id,
      openChatId: a.reply.chat_id,
    });
    const own = REPORTED.filter((p) => p.unit === UNIT).length;
    expect(own).toBeLessThanOrEqual(20);
    // The reporter's own list fits one page: nothing more to send, and nothing is sent.
    expect(click.json).toEqual({ toast: { type: 'error', content: `这份清单中您可查看的共${own}个，已全部列出，没有更多了。` } });
    await new Promise((r) => setTimeout(r, 300));
    expect(double.messages.slice(before).filter((m) => m.user_open_id === REPORTER.openId)).toEqual([]);
    // Asked directly, the reporter's list holds only their unit's projects.
    const own1 = await ask('全市滞后项目', REPORTER.openId);
    expect(titles(own1.text).map(([, n]) => n)).toEqual(REPORTED.filter((p) => p.unit === UNIT).map((p) => p.name));
  });

  it('导出Excel sends the whole list as an .xlsx: a title row with the as-of, a project a row, amounts exact in 万元', async () => {
    const a = await ask('全市滞后项目', MAYOR.openId);
    const before = double.messages.length;
    const click = await feishu.sendCardAction({
      operator: { open_id: MAYOR.openId },
      action: { value: buttonValue(a.content, 'answer_export') },
      openMessageId: a.reply.message_id,
      openChatId: a.reply.chat_id,
    });
    expect(click.json).toMatchObject({ toast: { type: 'success' } });
    const file = await sentTo(MAYOR.openId, before, (m) => m.msg_type === 'file');
    const key = (JSON.parse(file!.content) as { file_key: string }).file_key;
    const name = double.state.files.get(key)!.file_name;
    expect(name).toBe('全市未达序时进度项目（截至第48周）.xlsx');
    const ws = await workbookOf(name);
    expect(String(ws.getCell(1, 1).value)).toContain('全市未达序时进度项目（截至第48周');
    expect(ws.getRow(3).getCell(3).value).toBe('项目名称');
    expect(ws.rowCount).toBe(3 + REPORTED.length);
    for (const [i, p] of REPORTED.entries()) {
      const row = ws.getRow(4 + i);
      expect(row.getCell(2).value).toBe(p.code);
      expect(row.getCell(3).value).toBe(p.name);
      expect(row.getCell(8).value).toBe(p.planWan);
      expect(row.getCell(9).value).toBe(ytdWan(i));
    }
  });

  it('导出Excel on a forwarded list is read under the clicker’s rights: a unit’s reporter gets only their unit’s rows', async () => {
    const a = await ask('全市滞后项目', MAYOR.openId);
    const before = double.messages.length;
    const click = await feishu.sendCardAction({
      operator: { open_id: REPORTER.openId },
      action: { value: buttonValue(a.content, 'answer_export') },
      openMessageId: a.reply.message_id,
      openChatId: a.reply.chat_id,
    });
    expect(click.json).toMatchObject({ toast: { type: 'success' } });
    const file = await sentTo(REPORTER.openId, before, (m) => m.msg_type === 'file');
    const ws = await workbookOf(double.state.files.get((JSON.parse(file!.content) as { file_key: string }).file_key)!.file_name);
    const own = REPORTED.filter((p) => p.unit === UNIT);
    expect(ws.rowCount).toBe(3 + own.length);
    const names = Array.from({ length: own.length }, (_, i) => String(ws.getRow(4 + i).getCell(3).value));
    expect(names.sort()).toEqual(own.map((p) => p.name).sort());
    expect(double.messages.slice(before).filter((m) => m.user_open_id === MAYOR.openId && m.msg_type === 'file')).toEqual([]);
  });

  it('an export asked with a period the list does not apply says so and still sends the file', async () => {
    const before = double.messages.length;
    const a = await ask('导出10月滞后项目', MAYOR.openId);
    expect(a.text).toContain('未按“10月”筛选');
    expect(a.text).toContain('已生成Excel文件');
    const file = await sentTo(MAYOR.openId, before, (m) => m.msg_type === 'file');
    const ws = await workbookOf(double.state.files.get((JSON.parse(file!.content) as { file_key: string }).file_key)!.file_name);
    expect(ws.rowCount).toBe(3 + REPORTED.length);
  });

  it('“导出本周未报送” typed in chat: a line saying so, then the file, a project a row under its unit', async () => {
    const a = await ask('导出本周未报送', MAYOR.openId);
    expect(a.reply.msg_type).toBe('text');
    const missing = S.projects.filter((p) => p.ownPlan);
    expect(a.text).toBe(`全市未报送项目共${missing.length}行，已生成Excel文件，随后发送给您。`);
    const file = await sentTo(
      MAYOR.openId,
      0,
      (m) =>
        m.msg_type === 'file' &&
        double.state.files.get((JSON.parse(m.content) as { file_key: string }).file_key)?.file_name.startsWith('全市未报送项目') === true,
    );
    const ws = await workbookOf(double.state.files.get((JSON.parse(file!.content) as { file_key: string }).file_key)!.file_name);
    const names = Array.from({ length: ws.rowCount - 3 }, (_, i) => String(ws.getRow(4 + i).getCell(4).value));
    expect(names.sort()).toEqual(missing.map((p) => p.name).sort());
  });
});
