// Sandbox mode (issue 8): what it loads into an empty database and only then, the database it refuses, and the
// console's backend — questions in the direct chat and the group, card clicks, the administrator's buttons — all
// answered by the real bot through its verified webhook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_ADMIN, SANDBOX_GROUP } from '../../src/sandbox/identities';
import type { MessageView } from '../../src/sandbox/transcript';
import { readSheets, SAMPLE } from '../fixtures/register-workbooks';
import { createTestDatabase, engines } from '../helpers/db';
import { waitFor } from '../helpers/feishu';
import { cardButtons } from '../helpers/round';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';

// People of the sample register, looked up in the workbook: the mayor (the first leader), two other leaders, and the
// first reporter of 市交通运输局.
const sheets = await readSheets(SAMPLE);
const [MAYOR = '', DEPUTY = '', THIRD_LEADER = ''] = sheets.领导!.slice(1, 4).map((r) => String(r[0]));
const JT_REPORTER = String(sheets.单位!.find((r) => r[0] === '市交通运输局')![1]);

type Answer = { status: number; json: Record<string, unknown> };

describe.each(engines)('the sandbox on %s', (engine) => {
  let s: TestSandbox;
  const base = () => `http://127.0.0.1:${s.sandbox.port}/console/api`;
  const db = () => s.t.db;
  /** The console's token, as the page gets it: from the session answer, sent back on every POST. */
  let token = '';
  const api = async (path: string, body?: unknown): Promise<Answer> => {
    if (body !== undefined && !token) token = ((await (await fetch(`${base()}/session`)).json()) as { token: string }).token;
    const res = await fetch(
      `${base()}/${path}`,
      body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json', 'x-console-token': token }, body: JSON.stringify(body) },
    );
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const chat = async (as: string, which: 'p2p' | 'group') => ((await api(`chat?as=${as}&chat=${which}`)).json.messages ?? []) as MessageView[];
  const openIdOf = async (name: string) =>
    (await db().selectFrom('people').select('open_id').where('name', '=', name).executeTakeFirstOrThrow()).open_id as string;
  const count = async (table: 'projects' | 'people' | 'reports' | 'weekly_periods') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    s = await startTestSandbox(engine);
    // The scheduler's first tick opens the week's round just after the start: one card per reporter and unit.
    await waitFor(
      "the week's cards delivered",
      () => s.sandbox.double.messages.filter((m) => m.msg_type === 'interactive').length,
      (n) => n === 32,
      20_000,
    );
  }, 60_000);

  afterAll(async () => {
    await s?.stop();
    await s?.t.drop();
  });

  it('refuses a state-changing request without the console token: a cross-origin text/plain POST acting as the administrator does nothing (issue 17 row 8)', async () => {
    const before = await count('weekly_periods');
    const outboxBefore = Number(
      (
        await db()
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    // What another site's page can send without a preflight: a simple POST, text/plain, with its own Origin.
    const forged = await fetch(`${base()}/admin/round`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://evil.example' },
      body: JSON.stringify({ as: SANDBOX_ADMIN.openId, step: 'remind' }),
    });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: string }).error).toContain('令牌');
    const wrong = await fetch(`${base()}/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-console-token': 'guessed' },
      body: JSON.stringify({ as: SANDBOX_ADMIN.openId, chat: 'p2p', text: '帮助' }),
    });
    expect(wrong.status).toBe(403);
    expect(await count('weekly_periods')).toBe(before);
    const outboxAfter = Number(
      (
        await db()
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(outboxAfter).toBe(outboxBefore);
    // The page's own way still works.
    expect((await api('message', { as: SANDBOX_ADMIN.openId, chat: 'p2p', text: '帮助' })).status).toBe(200);
  });

  it('loads the sample register, six finished weeks of reports and a directory that `users sync` resolves', async () => {
    expect(await count('projects')).toBe(120);
    const people = await db().selectFrom('people').select(['open_id']).execute();
    expect(people).toHaveLength(68);
    expect(people.every((p) => p.open_id?.startsWith('ou_'))).toBe(true);
    const weeks = await db().selectFrom('weekly_periods').select(['id', 'week_start']).orderBy('week_start').execute();
    expect(weeks.map((w) => w.week_start)).toEqual(['2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    const rows = await db()
      .selectFrom('report_revisions as v')
      .innerJoin('reports as r', 'r.id', 'v.report_id')
      .innerJoin('weekly_periods as w', 'w.id', 'r.period_id')
      .innerJoin('project_plans as pp', 'pp.project_id', 'r.project_id')
      .select([
        'r.project_id',
        'w.week_start',
        'v.ytd_investment_yuan as ytd',
        'v.submitted_by',
        'pp.total_investment_yuan as total',
        'pp.prior_completed_yuan as prior',
      ])
      .orderBy('w.week_start')
      .execute();
    for (const w of weeks.slice(0, 6)) {
      const n = rows.filter((r) => r.week_start === w.week_start).length;
      expect(n, w.week_start).toBeGreaterThanOrEqual(108); // a few projects miss a week
      expect(n, w.week_start).toBeLessThan(120 + 1);
    }
    expect(rows.filter((r) => r.week_start === '2026-11-23')).toEqual([]);
    // The figures behave like reports: the cumulative figure never goes down, never passes what is left to invest.
    const last = new Map<number, number>();
    for (const r of rows) {
      expect(r.ytd).toBeGreaterThanOrEqual(last.get(r.project_id) ?? 0);
      expect(r.ytd).toBeLessThanOrEqual(r.total - r.prior);
      expect(r.submitted_by).not.toBeNull();
      last.set(r.project_id, r.ytd);
    }
    // The past rounds count as run: the scheduler opened only this week's, one card per reporter and unit.
    const ran = await db().selectFrom('job_runs').select(['job', 'run_key']).where('job', 'like', 'round.%').execute();
    expect(ran.filter((j) => j.run_key !== '2026-11-23')).toHaveLength(18);
    expect(ran.filter((j) => j.run_key === '2026-11-23').map((j) => j.job)).toEqual(['round.open']);
    const admins = await db().selectFrom('settings').select('value').where('key', '=', 'admins').executeTakeFirstOrThrow();
    expect(JSON.parse(admins.value)).toEqual([SANDBOX_ADMIN.openId]);
    await waitFor(
      'the bot knows its group',
      () => db().selectFrom('chats').select('name').where('chat_id', '=', SANDBOX_GROUP.chatId).executeTakeFirst(),
      (c) => c?.name === SANDBOX_GROUP.name,
    );
  });

  it('offers every administrator, leader, unit head and reporter of the register as someone to be', async () => {
    const session = (await api('session')).json as { identities: Array<{ role: string; people: Array<{ name: string; detail: string }> }>; bulletin: boolean };
    expect(session.identities.map((g) => [g.role, g.people.length])).toEqual([
      ['admin', 1],
      ['leader', 12],
      ['unit_head', 24],
      ['reporter', 32],
    ]);
    expect(session.identities[3]!.people).toContainEqual({ openId: await openIdOf(JT_REPORTER), name: JT_REPORTER, detail: '市交通运输局' });
    expect(session.bulletin).toBe(true);
  });

  it('a question in the direct chat reaches the bot as a signed event and its answer comes back as a reply', async () => {
    const leader = await openIdOf(MAYOR);
    expect((await api('message', { as: leader, chat: 'p2p', text: '全市进度' })).json).toEqual({ delivered: true });
    const messages = await waitFor(
      'the answer',
      () => chat(leader, 'p2p'),
      (m) => m.some((x) => x.from === 'bot' && x.replyTo?.text === '全市进度'),
    );
    const answer = messages.find((x) => x.from === 'bot')!;
    expect(answer.msgType).toBe('interactive');
    expect(JSON.stringify(answer.content)).toContain('全市');
    expect(messages[0]).toMatchObject({ from: 'user', senderName: MAYOR, content: { text: '全市进度' } });
  });

  it('in the group only a message that @-mentions the bot reaches it; the answer is posted in the group', async () => {
    const leader = await openIdOf(DEPUTY);
    expect((await api('message', { as: leader, chat: 'group', text: '大家好' })).json).toEqual({ delivered: false });
    expect((await api('message', { as: leader, chat: 'group', text: '@调度助手 帮助' })).json).toEqual({ delivered: true });
    const messages = await waitFor(
      'the answer in the group',
      () => chat(leader, 'group'),
      (m) => m.some((x) => x.from === 'bot'),
    );
    expect(messages.filter((x) => x.from === 'bot').map((x) => x.replyTo?.text)).toEqual(['@调度助手 帮助']);
    // Everyone in the group sees the exchange.
    const other = await chat(await openIdOf(THIRD_LEADER), 'group');
    expect(other.map((x) => x.id)).toEqual(messages.map((x) => x.id));
  });

  it('a click on a card is the callback Feishu sends; the card it answers with replaces the shown one', async () => {
    const reporter = await openIdOf(JT_REPORTER);
    const list = (await chat(reporter, 'p2p')).find((m) => m.msgType === 'interactive')!;
    const fill = cardButtons(list.content).find((b) => b.value.kind === 'round_form')!;
    const res = await api('card-action', { as: reporter, messageId: list.id, action: { tag: 'button', value: fill.value } });
    expect(res.status).toBe(200);
    const shown = (await chat(reporter, 'p2p')).find((m) => m.id === list.id)!;
    expect(shown.rev).not.toBe(list.rev);
    expect(JSON.stringify(shown.content)).toContain('ytd_investment');
    // Someone else cannot click a card in another person's chat.
    const stranger = await api('card-action', { as: await openIdOf(MAYOR), messageId: list.id, action: { tag: 'button', value: fill.value } });
    expect(stranger.status).toBe(403);
  });

  it("the round step and bulletin buttons are the administrator's; the bulletin button sends last month's draft for approval", async () => {
    const reporter = await openIdOf(JT_REPORTER);
    expect((await api('admin/round', { as: reporter, step: 'remind' })).status).toBe(403);
    const remind = await api('admin/round', { as: SANDBOX_ADMIN.openId, step: 'remind' });
    expect(remind.status).toBe(200);
    expect(String(remind.json.message)).toMatch(/^已执行本周调度的“提醒”：排入发送队列 \d+ 条消息。$/);
    expect((await api('admin/round', { as: SANDBOX_ADMIN.openId, step: 'remind' })).json.message).toBe('本周调度的“提醒”已执行过，本次未重复发送。');
    expect((await api('admin/bulletin', { as: reporter })).status).toBe(403);
    const bulletin = await api('admin/bulletin', { as: SANDBOX_ADMIN.openId });
    expect(bulletin).toEqual({
      status: 200,
      json: { message: '已编制2026年10月的月通报，送1名管理员审定（由运行中的服务发出）；点“发布”后发送到1个通报群。' },
    });
    // The newest draft stands; one the monthly job may have sent when the sandbox started is superseded.
    const rows = await db().selectFrom('bulletins').select('status').where('month', '=', '2026-10').orderBy('id').execute();
    expect(rows.at(-1)).toEqual({ status: 'draft' });
    expect(rows.slice(0, -1).every((r) => r.status === 'superseded')).toBe(true);
  });

  it("a second start on the same database loads nothing again and keeps everyone's open_id", async () => {
    const before = { reports: await count('reports'), people: await db().selectFrom('people').select(['id', 'open_id']).orderBy('id').execute() };
    await s.stop();
    s = await startTestSandbox(engine, { t: s.t });
    token = ''; // a new start, a new console token
    expect(await count('reports')).toBe(before.reports);
    expect(await db().selectFrom('people').select(['id', 'open_id']).orderBy('id').execute()).toEqual(before.people);
    expect((await api('message', { as: await openIdOf(MAYOR), chat: 'p2p', text: '帮助' })).json).toEqual({ delivered: true });
  });

  it('refuses a database that holds data it did not load, and writes nothing to it', async () => {
    const t = await createTestDatabase(engine);
    try {
      const now = new Date().toISOString();
      await t.db
        .insertInto('people')
        .values({ name: '王正式', mobile: '13800000000', email: null, title: null, open_id: 'ou_real', resigned_at: null, created_at: now, updated_at: now })
        .execute();
      await expect(startTestSandbox(engine, { t })).rejects.toThrow('沙箱模式不在正式数据库上运行');
      expect(await t.db.selectFrom('people').select('open_id').execute()).toEqual([{ open_id: 'ou_real' }]);
      expect(await t.db.selectFrom('projects').select('id').execute()).toEqual([]);
    } finally {
      await t.drop();
    }
  });
});
