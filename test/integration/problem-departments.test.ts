// Issue 18 item 6: a problem can be 交办 to any department of the register, not only to units that report projects.
// The 单位 sheet may list a department with its 负责人 and no 填报人 (市财政局); it is then offered as 牵头单位 and its
// head gets the item's card. A unit responsible for projects still needs a 填报人.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import { runCli } from '../../src/cli/main';
import { type BotServer, startBotServer } from '../helpers/bot';
import { createTestDatabase, engines } from '../helpers/db';
import { eventSenderFor, settled, waitFor } from '../helpers/feishu';
import { captureIo } from '../helpers/io';
import { SAMPLE, copySheets, readSheets, sampleRegister, writeWorkbook } from '../fixtures/register-workbooks';
import { bj, buttonOf, cardText, formFields, prepareRoundWorld, type RoundWorld, type Shown, tap } from '../helpers/round';

const R = await sampleRegister();
const ADMIN = R.leaders[0]!;
const FINANCE = { unit: '市财政局', head: '钱国华', mobile: '13600000001' };
/** A unit with one reporter: without him, its projects would have no one to report them. */
const LONE = R.unitWhere('a one-reporter unit', (u) => u.reporters.length === 1);

describe.each(engines)('problems handed to a department without projects on %s', (engine) => {
  let w: RoundWorld;
  let server: BotServer;
  let sender: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-10-12 10:00'));
  const dir = mkdtempSync(join(tmpdir(), 'diaodu-departments-'));
  let problemId = 0;

  beforeAll(async () => {
    const sheets = copySheets(await readSheets(SAMPLE));
    sheets.单位!.push([FINANCE.unit, '', '', '', FINANCE.head, FINANCE.mobile, '']);
    const path = join(dir, 'with-finance.xlsx');
    await writeWorkbook(path, sheets);
    // A unit with projects whose only reporter is taken out is refused, and says why.
    const bad = copySheets(sheets);
    for (const row of bad.单位!) if (row[0] === LONE.name) row.splice(1, 3, '', '', '');
    const badPath = join(dir, 'no-reporter.xlsx');
    await writeWorkbook(badPath, bad);
    const t = await createTestDatabase(engine);
    const io = captureIo();
    const code = await runCli(
      ['import', badPath, '--year', '2026'],
      { DATABASE_URL: t.target.kind === 'sqlite' ? t.target.path : t.target.url, DIAODU_NOW: bj('2026-09-01 10:00') },
      io.io,
    );
    expect(code).toBe(1);
    expect(io.err.join('\n')).toContain(`「填报人」：单位“${LONE.name}”是${LONE.projects.length}个项目的责任单位，须至少登记一位填报人`);
    await t.drop();

    w = await prepareRoundWorld(engine, ADMIN.mobile, { register: path, extraPeople: 1 });
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    sender = eventSenderFor(w.double, server.webhookUrl, { clock });
    const project = await w.t.db.selectFrom('projects').select('id').orderBy('id').executeTakeFirstOrThrow();
    const at = new Date(bj('2026-10-09 10:00')).toISOString();
    problemId = (
      await w.t.db
        .insertInto('problems')
        .values({
          project_id: project.id,
          category: 'funding',
          description: '中央预算内资金尚未下达，工程款支付困难',
          status: '待梳理',
          raised_by: null,
          raised_at: at,
          report_revision_id: null,
          lead_unit_id: null,
          helper_unit_ids: null,
          deadline: null,
          closed_at: null,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  it('the administrator hands the item to 市财政局; its head gets the card to work it', async () => {
    const admin = w.person(ADMIN.name);
    const sent = await sender.sendMessage({ text: `问题${problemId}`, sender: { open_id: admin.openId } });
    const id = (sent.envelope.event.message as { message_id: string }).message_id;
    const reply = (await waitFor('the item card', () => w.double.messages.find((m) => m.via === 'reply' && m.parent_id === id), Boolean, 15_000))!;
    const shown: Shown = { messageId: reply.message_id, chatId: reply.chat_id, openId: admin.openId, card: JSON.parse(reply.content) };
    const finance = (await w.t.db.selectFrom('units').select('id').where('name', '=', FINANCE.unit).executeTakeFirstOrThrow()).id;
    const lead = formFields(shown.card).get('lead_unit') as { options: Array<{ text: { content: string }; value: string }> };
    expect(lead.options.map((o) => o.text.content)).toContain(FINANCE.unit);
    const mark = w.double.messages.length;
    const done = await tap(sender, w.double, shown, buttonOf(shown.card, 'problem_assign'), {
      form: { category: 'funding', lead_unit: String(finance), deadline: '2026-10-23 +0800', note: '请协调资金拨付' },
    });
    expect(done.toast).toEqual({ type: 'success', content: `已交办${FINANCE.unit}牵头办理` });
    expect(cardText(done.card)).toContain(`牵头单位：**${FINANCE.unit}`);
    await settled(w.t.db, 15_000);
    const head = w.person(FINANCE.head);
    const toHead = w.double.messages.slice(mark).filter((m) => m.user_open_id === head.openId);
    expect(toHead).toHaveLength(1);
    const card = JSON.parse(toHead[0]!.content);
    expect(cardText(card)).toContain(`重点项目办已交办：请${FINANCE.unit}牵头，于10月23日（周五）前办理`);
    expect(buttonOf(card, 'problem_apply')).toBeTruthy();
  });
});
