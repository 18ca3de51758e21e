// The database busy: another connection (a long import, a backup, a second program) holds the write lock while a
// reporter submits a form and someone asks a question, and lets go only once the bot has answered the form's callback
// (its budget ran out with the lock still held: past what Feishu waits for, which a fixed 7 s hold used to show). The bot keeps answering meanwhile (the reporter is
// told the submission is being handled, the health check answers); both wait, are retried, and land once. On
// PostgreSQL the same lock is taken table by table.
import { createClock } from '../../src/clock';
import SQLite from 'better-sqlite3';
import { pairUnit, sampleRegister } from '../fixtures/register-workbooks';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/db';
import { eventSenderFor, outboxStatus, sleep, waitFor } from '../helpers/feishu';
import { type BotProcess, killAll, listeningPort, startBotProcess } from '../helpers/process';
import { bj, buttonOf, cardText, prepareRoundWorld, type RoundWorld, type Shown, tap } from '../helpers/round';

const R = await sampleRegister();
/** A reporter of a unit with two reporters and three projects, and the unit's first project. */
const JTU = pairUnit(R);
const P = JTU.projects[0]!;
/** Cumulative figures (万元) within its annual plan, so within what its total leaves. */
const YTD = Math.round(P.annual * 0.7);
const MONTH_END = Math.round(P.annual * 0.6);

const WRITTEN_TABLES = ['handled_events', 'inbox', 'outbox', 'reports', 'report_revisions'];

/** Takes the database's write lock on a connection of its own; `release()` lets go. */
async function holdWriteLock(w: RoundWorld): Promise<{ release(): Promise<void> }> {
  if (w.t.target.kind === 'sqlite') {
    const other = new SQLite(w.t.target.path);
    other.exec('begin immediate');
    return {
      release: async () => {
        other.exec('rollback');
        other.close();
      },
    };
  }
  const other = new pg.Client({ connectionString: w.t.target.url });
  await other.connect();
  await other.query('begin');
  await other.query(`lock table ${WRITTEN_TABLES.join(', ')} in exclusive mode`);
  return {
    release: async () => {
      await other.query('rollback');
      await other.end();
    },
  };
}

describe.each(engines)('a database held locked by another connection on %s', (engine) => {
  let w: RoundWorld;
  let bot: BotProcess;
  const procs: BotProcess[] = [];

  beforeAll(async () => {
    w = await prepareRoundWorld(engine, '13900010001');
    bot = startBotProcess(w.t.target.kind === 'sqlite' ? w.t.target.path : w.t.target.url, w.double, { DIAODU_NOW: bj('2026-11-23 09:00') });
    procs.push(bot);
    await waitFor(
      'the round opened and its cards sent',
      () => outboxStatus(w.t.db),
      (s) => s.sent === 32,
      30_000,
      100,
    );
  }, 60_000);
  afterAll(async () => {
    await killAll(procs);
    await w?.double.close();
    await w?.t.drop();
  });

  it('a form submitted and a question asked while the lock is held: answered meanwhile, handled once afterwards', async () => {
    const sender = eventSenderFor(w.double, `http://127.0.0.1:${await listeningPort(bot)}/feishu/events`, { clock: createClock(bj('2026-11-23 09:00')) });
    const reporter = w.person(JTU.reporters[0]!.name);
    const m = w.double.messages.find((x) => x.user_open_id === reporter.openId && x.msg_type === 'interactive')!;
    const shown: Shown = { messageId: m.message_id, chatId: m.chat_id, openId: reporter.openId, card: JSON.parse(m.content) };
    const projectId = (await w.t.db.selectFrom('projects').select('id').where('code', '=', P.code).executeTakeFirstOrThrow()).id;
    await tap(sender, w.double, shown, buttonOf(shown.card, 'round_form', { projectId }));
    const submit = buttonOf(shown.card, 'round_submit');
    const form = {
      ytd_investment: String(YTD),
      month_end_investment: String(MONTH_END),
      progress_text: '主体结构施工至13层',
      status: 'building',
      problem_category: [],
      problem_text: '',
      coordination: '',
      next_plan: '',
    };
    const replies = () => w.double.messages.filter((x) => x.via === 'reply' && x.user_open_id === reporter.openId);

    // The lock is let go only after the callback has been answered: were the bot stuck behind the lock, no answer would
    // come and the tap would time out.
    const lock = await holdWriteLock(w);
    const submitted = tap(sender, w.double, shown, submit, { form });
    const asked = sender.sendMessage({ text: '帮助', sender: { open_id: reporter.openId, name: reporter.name } });
    // Meanwhile the bot still answers its health check (waiting for the database must not stop the process).
    const health = await fetch(`http://127.0.0.1:${await listeningPort(bot)}/healthz`).then((r) => r.status);
    // Feishu waits 3 s for a callback's answer: the reporter is told, within it, that it is being handled.
    const answer = await submitted;
    const stillNothing = { revisions: await w.t.db.selectFrom('report_revisions').select('id').execute(), replies: replies().length };
    await lock.release();

    expect(health).toBe(200);
    expect(answer.toast).toEqual({ type: 'info', content: '已收到，正在处理，完成后卡片会自动更新。' });
    expect(stillNothing).toEqual({ revisions: [], replies: 0 }); // nothing got past the lock
    // Once the lock is gone the submission is saved, and the card on the reporter's screen turns into the saved card.
    const updated = await waitFor(
      'the card updated',
      () => w.double.updates.filter((u) => u.message_id === shown.messageId),
      (u) => u.length >= 1,
      30_000,
    );
    expect(updated).toHaveLength(1);
    const savedText = cardText(JSON.parse(updated[0]!.content));
    expect(savedText.startsWith(`${P.name}：已报送`), savedText).toBe(true);
    expect(savedText).toContain(YTD.toLocaleString('en-US'));
    const stored = await w.t.db.selectFrom('report_revisions').select(['revision', 'ytd_investment_yuan']).execute();
    expect(stored).toEqual([{ revision: 1, ytd_investment_yuan: YTD * 10_000 }]);
    // The question was taken in (200) and answered once, after the lock.
    expect((await asked).status).toBe(200);
    await waitFor(
      'the answer to the question',
      () => replies().length,
      (n) => n >= 1,
      20_000,
    );
    await sleep(300);
    expect(replies()).toHaveLength(1);
    expect(await sql<{ status: string }>`select status from inbox`.execute(w.t.db).then((r) => r.rows)).toEqual([{ status: 'done' }]);
    // Neither was given up on. (The outbox sender may log that it found the database locked: it looks again later.)
    expect(bot.output()).not.toMatch(/事件处理失败|事件处理多次失败|卡片操作处理失败/);
  }, 60_000);
});
