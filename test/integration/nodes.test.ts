// 节点控制 end to end: a hand-made 节点计划 sheet on the sample register — a node done on time (from the file), one
// marked done late on the weekly form, one overdue across National Day (escalated to the unit head on the first working
// day after it, to the 包联领导 three working days later, once each, also after a restart), one upcoming (yellow) —
// read back through `diaodu nodes list` and the chat answers. Beside them: a 停工 counted from the week it was first
// reported and a 半停工 with the 停工日期 its reporter entered (crossing stoppage.escalateAfterWeeks three weeks sooner),
// each reported to the 包联领导 once across a restart; a project on its own 月度计划 next to one on the city-wide 序时
// in the October bulletin's JSON; and a project whose forecast exceeds 100 % (P1's card).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import { tickNodes } from '../../src/jobs/nodes';
import { tickRounds } from '../../src/jobs/rounds';
import { openBook } from '../../src/handlers/answer/book';
import { renderProjectStatus } from '../../src/handlers/answer/project';
import { checkCardRules } from '../helpers/card-rules';
import { type BotServer, startBotServer } from '../helpers/bot';
import { engines } from '../helpers/db';
import { eventSenderFor, settled } from '../helpers/feishu';
import { SAMPLE, copySheets, readSheets, sampleRegister, writeWorkbook } from '../fixtures/register-workbooks';
import { bj, buttonOf, cardButtons, cardText, form, formFields, prepareRoundWorld, type RoundWorld, type Shown, tap } from '../helpers/round';

const R = await sampleRegister();
const ADMIN = R.leaders[0]!;
// A unit with at least three projects, one of them with a 包联领导 (the overdue node's project).
const U = R.unitWhere('a unit with three projects, one with a 包联领导', (u) => u.projects.length >= 3 && u.projects.some((p) => p.leader !== ''));
const P2 = U.projects.find((p) => p.leader !== '')!;
const [P1, P3] = U.projects.filter((p) => p !== P2) as [(typeof U.projects)[number], (typeof U.projects)[number]];
const HEAD = ['项目编号', '节点名称', '计划完成日期', '节点类型', '实际完成日期'];
const NODES = [
  [P1.code, '开工', '2026-03-01', '开工', '2026-03-01'], // done on time, as the file says
  [P1.code, '主体封顶', '2026-10-05', '主体封顶', ''], // overdue 4 days on 10月9日; marked done on the form that day
  [P1.code, '竣工验收', '2026-12-20', '竣工', ''], // far off: not on the form
  [P2.code, '基础完成', '2026-09-30', '', ''], // overdue from 10月1日, across the National Day holiday (1–7日)
  [P3.code, '投产', '2026-10-20', '投产', ''], // due in 11 days on 10月9日: yellow
];
// P3 on its own 月度计划 (planned cumulative share of its annual plan at each month end: half by October), P1 on the
// city-wide rule (10/12 at the end of October); the sample's own plans are replaced by this one.
const MONTH_HEAD = ['项目编号', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)];
const P3_SHARES = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 75, 100];
/** 万元 to 2 decimals; December is the annual plan itself, as the sheet requires. */
const P3_CURVE = P3_SHARES.map((pct) => Math.round(P3.annual * pct) / 100);

describe.each(engines)('节点控制 on %s', (engine) => {
  let w: RoundWorld;
  let server: BotServer;
  let sender: ReturnType<typeof eventSenderFor>;
  const clock = createManualClock(bj('2026-10-03 10:00'));
  const dir = mkdtempSync(join(tmpdir(), 'diaodu-nodes-'));
  let mark = 0;
  const path = join(dir, 'register.xlsx');
  const nodeId = async (code: string, name: string) =>
    (
      await w.t.db
        .selectFrom('project_nodes as n')
        .innerJoin('projects as p', 'p.id', 'n.project_id')
        .select('n.id')
        .where('p.code', '=', code)
        .where('n.name', '=', name)
        .executeTakeFirstOrThrow()
    ).id;
  const stopRuns = async () =>
    (await w.t.db.selectFrom('job_runs').select('run_key').where('job', '=', 'stoppage.escalate').orderBy('id').execute()).map((r) => r.run_key);
  const escalations = async () =>
    (await w.t.db.selectFrom('job_runs').select('run_key').where('job', '=', 'nodes.escalate').orderBy('id').execute()).map((r) => r.run_key);
  /**
   * The messages delivered from `mark` on, once nothing is left to send. The round's cards that go out with a tick
   * meet Feishu's rate limit and are retried a second later by the program's clock: the wait moves it on as it would move.
   */
  const delivered = async (mark: number) => {
    server.bot!.sender.wake();
    const timer = setInterval(() => {
      void clock.set(new Date(clock.now().getTime() + 1000).toISOString()).then(() => server.bot!.sender.wake());
    }, 700);
    try {
      await settled(w.t.db, 20_000);
    } finally {
      clearInterval(timer);
    }
    return w.double.messages.slice(mark);
  };

  beforeAll(async () => {
    const sheets = copySheets(await readSheets(SAMPLE));
    sheets.节点计划 = [HEAD, ...NODES];
    sheets.月度计划 = [MONTH_HEAD, [P3.code, ...P3_CURVE]];
    await writeWorkbook(path, sheets);
    // A node of a project the 项目 sheet does not have, and one planned in 2062: refused, naming row and column.
    const bad = copySheets(sheets);
    bad.节点计划!.push(['XX2026-999', '开工', '2026-05-01', '开工', ''], [P3.code, '竣工', '2062-12-31', '竣工', '']);
    const badPath = join(dir, 'bad.xlsx');
    await writeWorkbook(badPath, bad);
    w = await prepareRoundWorld(engine, ADMIN.mobile, { register: path, nodeEscalation: true });
    const refused = await w.cli(['import', badPath, '--year', '2026'], bj('2026-09-01 10:20'));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('节点计划 第7行 「项目编号」 值“XX2026-999”：「项目」工作表中没有这个项目编号');
    expect(refused.err).toContain('节点计划 第8行 「计划完成日期」 值“2062-12-31”：计划完成日期应在2025年至2031年之间，请核对');
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    sender = eventSenderFor(w.double, server.webhookUrl, { clock });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  it('the sheet is imported once: the same file again changes nothing', async () => {
    expect(await w.t.db.selectFrom('project_nodes').select('id').execute()).toHaveLength(5);
    const again = await w.cli(['import', path, '--year', '2026'], bj('2026-10-03 10:05'));
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('节点计划：新增 0 个节点，更新 0 个，未变 5 个，删除 0 个（文件中已没有且未完成）');
  });

  it('overdue nodes go to the unit head on the first working day after National Day, once', async () => {
    const id = await nodeId(P2.code, '基础完成');
    const topped = await nodeId(P1.code, '主体封顶');
    mark = w.double.messages.length;
    expect(await tickNodes(server.ctx)).toEqual([]); // 10月3日: a holiday
    await clock.set(bj('2026-10-08 09:00'));
    expect(await tickNodes(server.ctx)).toEqual([]); // before nodes.checkTime (09:30)
    await clock.set(bj('2026-10-08 10:00'));
    // Both overdue nodes (by project code): 基础完成 since 10月1日, 主体封顶 since 10月6日.
    expect(await tickNodes(server.ctx)).toEqual(P2.code < P1.code ? [`node:${id}:1`, `node:${topped}:1`] : [`node:${topped}:1`, `node:${id}:1`]);
    expect(await tickNodes(server.ctx)).toEqual([]);
    await clock.set(bj('2026-10-09 10:00'));
    expect(await tickNodes(server.ctx)).toEqual([]); // one working day after: not yet
  });

  it('the weekly form lists the overdue and upcoming nodes; a node marked done is checked and saved with the report', async () => {
    await clock.set(bj('2026-10-09 10:00'));
    await tickRounds(server.ctx);
    const reporter = `ou_${U.reporters[0]!.mobile}`;
    const projectId = (await w.t.db.selectFrom('projects').select('id').where('code', '=', P1.code).executeTakeFirstOrThrow()).id;
    const mine = (await delivered(0)).filter(
      (m) => m.receive_id === reporter && m.msg_type === 'interactive' && cardButtons(JSON.parse(m.content)).some((b) => b.value.kind === 'round_form'),
    );
    const m = mine[mine.length - 1]!;
    const shown: Shown = { messageId: m.message_id, chatId: m.chat_id, openId: reporter, card: JSON.parse(m.content) };
    const opened = await tap(sender, w.double, shown, buttonOf(shown.card, 'round_form', { projectId }));
    const text = cardText(opened.card);
    expect(text).toContain('以下1个节点已逾期或临近到期');
    expect(text).toContain('【红灯】主体封顶（计划2026年10月5日）：逾期4天');
    expect(text).not.toContain('竣工验收');
    const field = `node_${await nodeId(P1.code, '主体封顶')}`;
    expect(formFields(opened.card).get(field)?.tag).toBe('date_picker');
    const ytd = String(Math.round(P1.annual * 0.6));
    const values = form({ ytd_investment: ytd, month_end_investment: ytd, progress_text: '主体结构封顶，正在砌筑二次结构' });
    const future = await tap(sender, w.double, shown, buttonOf(shown.card, 'round_submit'), { form: { ...values, [field]: '2026-10-10 +0800' } });
    expect(future.toast).toEqual({ type: 'error', content: '节点“主体封顶”：完成日期不能晚于今天（2026-10-09）' });
    expect(cardText(future.card)).toContain('⚠️ 完成日期不能晚于今天（2026-10-09）');
    const ok = await tap(sender, w.double, shown, buttonOf(shown.card, 'round_submit'), { form: { ...values, [field]: '2026-10-09 +0800' } });
    expect(ok.toast?.type).toBe('success');
    expect(ok.toast?.content).toContain('已登记节点完成：主体封顶（2026-10-09）');
    const stored = await w.t.db.selectFrom('project_nodes').select(['done_on', 'done_source']).where('name', '=', '主体封顶').executeTakeFirstOrThrow();
    expect(stored).toEqual({ done_on: '2026-10-09', done_source: 'card' });
    // P3 is reported 停工 this week (W41, from Monday 5 October).
    const p3 = (await w.t.db.selectFrom('projects').select('id').where('code', '=', P3.code).executeTakeFirstOrThrow()).id;
    await tap(sender, w.double, shown, buttonOf(shown.card, 'round_list'));
    await tap(sender, w.double, shown, buttonOf(shown.card, 'round_form', { projectId: p3 }));
    const p3ytd = String(Math.round(P3.annual * 0.4));
    const stopped = await tap(sender, w.double, shown, buttonOf(shown.card, 'round_submit'), {
      form: form({ ytd_investment: p3ytd, month_end_investment: p3ytd, progress_text: '设备基础完成80%，因资金未到位停工', status: 'stopped' }),
    });
    expect(stopped.toast?.type).toBe('success');
    // P2 is reported 半停工 with the 停工日期 its reporter knows, 14 September: a day after today is refused first.
    const p2 = (await w.t.db.selectFrom('projects').select('id').where('code', '=', P2.code).executeTakeFirstOrThrow()).id;
    await tap(sender, w.double, shown, buttonOf(shown.card, 'round_list'));
    await tap(sender, w.double, shown, buttonOf(shown.card, 'round_form', { projectId: p2 }));
    const p2ytd = String(Math.round(P2.annual * 0.3));
    const half = form({ ytd_investment: p2ytd, month_end_investment: p2ytd, progress_text: '基础施工完成70%，因征地纠纷半停工', status: 'half_stopped' });
    const tomorrow = await tap(sender, w.double, shown, buttonOf(shown.card, 'round_submit'), { form: { ...half, stopped_since: '2026-10-10 +0800' } });
    expect(tomorrow.toast).toEqual({ type: 'error', content: '停工日期不能晚于今天（2026-10-09）' });
    expect(cardText(tomorrow.card)).toContain('⚠️ 停工日期不能晚于今天（2026-10-09）');
    const dated = await tap(sender, w.double, shown, buttonOf(shown.card, 'round_submit'), { form: { ...half, stopped_since: '2026-09-14 +0800' } });
    expect(dated.toast?.type).toBe('success');
    expect(cardText(dated.card)).toContain('半停工（停工日期：2026-09-14）');
    const revision = await w.t.db
      .selectFrom('report_revisions as v')
      .innerJoin('reports as r', (j) => j.onRef('r.id', '=', 'v.report_id').onRef('r.revision', '=', 'v.revision'))
      .select(['v.status', 'v.status_date'])
      .where('r.project_id', '=', p2)
      .executeTakeFirstOrThrow();
    expect(revision).toEqual({ status: 'half_stopped', status_date: '2026-09-14' });
    // P3's 停工 was left undated: it counts from its week (W41, Monday 5 October).
    expect(
      (
        await w.t.db
          .selectFrom('report_revisions as v')
          .innerJoin('reports as r', 'r.id', 'v.report_id')
          .select('v.status_date')
          .where('r.project_id', '=', p3)
          .execute()
      ).map((r) => r.status_date),
    ).toEqual([null]);
  });

  it('three working days later the 包联领导 is told, once, also after a restart; a node marked done is not escalated again', async () => {
    const id = await nodeId(P2.code, '基础完成');
    const topped = await nodeId(P1.code, '主体封顶');
    await clock.set(bj('2026-10-10 10:00')); // a Saturday worked in exchange for the holiday: the second working day
    expect(await tickNodes(server.ctx)).toEqual([]);
    await server.stop();
    await clock.set(bj('2026-10-12 10:00'));
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
    sender = eventSenderFor(w.double, server.webhookUrl, { clock });
    await tickNodes(server.ctx); // the restarted server's own first tick may have sent it already: either way once
    expect(await tickNodes(server.ctx)).toEqual([]);
    const first = [`${id}:1:2026-10-08`, `${topped}:1:2026-10-08`];
    expect(await escalations()).toEqual([...(P2.code < P1.code ? first : first.reverse()), `${id}:2:2026-10-12`]);
    // P2's 半停工, entered as from 14 September, crosses four weeks on 12 October (by its first reported week, 5
    // October, it would take until 2 November): reported to its 包联领导 once, across the restart, keyed by that week.
    const p2 = (await w.t.db.selectFrom('projects').select('id').where('code', '=', P2.code).executeTakeFirstOrThrow()).id;
    expect(await stopRuns()).toEqual([`${p2}:2026-10-05`]);
    const sent = (await delivered(mark)).filter((m) => m.msg_type === 'text' && m.content.includes('节点“基础完成”'));
    const head = `ou_${U.head.mobile}`;
    const leader = `ou_${R.leaders.find((l) => l.name === P2.leader)!.mobile}`;
    expect(sent.map((m) => m.receive_id)).toEqual([head, leader]);
    expect(JSON.parse(sent[0]!.content).text).toBe(
      `【节点逾期督办】${P2.name}（${P2.code}）的节点“基础完成”计划于2026年9月30日完成，至今未完成，已逾期8天。请督促责任单位抓紧推进，完成后由填报人在周调度表单中登记完成日期。`,
    );
    expect(JSON.parse(sent[1]!.content).text).toBe(
      `【节点逾期上报】您包联的${P2.name}（${P2.code}，责任单位：${U.name}）节点“基础完成”计划于2026年9月30日完成，已逾期12天；此前已向单位负责人${U.head.name}督办，仍未完成，请协调推动。`,
    );
    const stop = (await delivered(mark)).filter((m) => m.msg_type === 'text' && m.content.includes('【长时间停工】'));
    expect(stop.map((m) => m.receive_id)).toEqual([leader]);
    expect(JSON.parse(stop[0]!.content).text).toBe(
      `【长时间停工】您包联的${P2.name}（${P2.code}，${P2.county}，责任单位：${U.name}）自9月14日半停工（填报），已持续4周，请协调解决停工原因、推动尽快复工。`,
    );
  });

  it('diaodu nodes list and the chat answers', async () => {
    const all = await w.cli(['nodes', 'list', '--unit', U.name], bj('2026-10-09 11:00'));
    expect(all.code, all.err).toBe(0);
    expect(all.out).toContain(`2026年度${U.name}节点（截至2026-10-09）：5 个`);
    expect(all.out).toContain('其中逾期未完成 1 个，14天内到期 1 个，已完成 2 个');
    const lines = all.out.split('\n').filter((l) => l.startsWith('  '));
    expect(lines.map((l) => l.replace(/^.*）(【|开工|主体|竣工)/u, '$1'))).toEqual([
      '【红灯】基础完成（计划2026年9月30日）：逾期9天',
      '【黄灯】投产（计划2026年10月20日）：还有11天到期',
      '开工（计划2026年3月1日）：已完成（2026-03-01）',
      '主体封顶（计划2026年10月5日）：逾期完成（2026-10-09，晚4天）',
      '竣工验收〔竣工〕（计划2026年12月20日）：计划72天后完成',
    ]);
    const overdue = await w.cli(['nodes', 'list', '--overdue'], bj('2026-10-09 11:00'));
    expect(overdue.out).toContain('2026年度全市逾期节点（截至2026-10-09）：1 个');
    expect(overdue.out).toContain(`${P2.code} ${P2.name}（${P2.county} · ${U.name}）【红灯】基础完成（计划2026年9月30日）：逾期9天`);

    const ask = async (q: string) => (await w.cli(['ask', q, '--as', ADMIN.mobile], bj('2026-10-09 11:00'))).out;
    const late = await ask('逾期节点');
    expect(late).toContain('逾期节点（1个）');
    expect(late).toContain('逾期（计划完成日期已过、未完成）为红灯；14天内到期为黄灯。');
    const month = await ask('本月到期节点');
    expect(month).toContain('本月（10月）到期节点（2个）');
    expect(month).toContain('计划本月完成的节点2个，已完成1个，未完成1个');
    // The project's own card: its nodes, and 倒排工期 at 9月底 (nothing reported by 6月底, so the pace is the 60 %
    // reported in three months, twice over by December: a forecast above 100 %).
    const asked1 = await w.cli(['ask', P1.code, '--as', ADMIN.mobile], bj('2026-10-09 11:00'));
    expect(asked1.err).toBe('');
    const card = asked1.out;
    expect(card).toContain('节点计划（3个，逾期0个）');
    const ytd = Math.round(P1.annual * 0.6);
    const need = ((P1.annual - ytd) / 3 / 10_000).toFixed(2);
    expect(card).toContain(`要完成全年目标每月还需完成${need}亿元；按近三个月进度，预计全年完成${((ytd * 2 * 100) / P1.annual).toFixed(1)}%`);
    // 挂图作战 on P1's card: its nodes on the plan line (annual × x/12 under the months rule, x in months), coloured by state.
    const book = await openBook(w.t.db, new Date(bj('2026-10-09 11:00')));
    const p1 = (await w.t.db.selectFrom('projects').select('id').where('code', '=', P1.code).executeTakeFirstOrThrow()).id;
    const status = (await renderProjectStatus(book!, p1))!;
    expect(checkCardRules(status)).toEqual([]);
    const chart = status.body.elements.find((e) => e.tag === 'chart') as unknown as { chart_spec: { data: Array<{ id: string; values: unknown[] }> } };
    const on = (x: number) => Math.round(((P1.annual * x) / 12) * 100) / 100;
    const nodes = chart.chart_spec.data.find((d) => d.id === 'nodes')!.values;
    expect(nodes).toHaveLength(3);
    expect(nodes).toContainEqual({ x: 2.03, value: on(2 + 1 / 31), kind: '开工（已完成）' }); // 3月1日
    expect(nodes).toContainEqual({ x: 9.16, value: on(9 + 5 / 31), kind: '主体封顶（已完成）' }); // 10月5日, done on the 9th
    expect(nodes).toContainEqual({ x: 11.65, value: on(11 + 20 / 31), kind: '竣工验收（未完成）' }); // 12月20日
    const project = await ask(`${P1.name}节点`);
    expect(project).toContain(`${P1.name}节点计划`);
    expect(project).toContain('共3个节点，已完成2个，逾期未完成0个，14天内到期0个。');
  });

  it('a stoppage of four weeks is reported to the 包联领导 once; the October bulletin lists it and the overdue nodes', async () => {
    const p3 = (await w.t.db.selectFrom('projects').select('id').where('code', '=', P3.code).executeTakeFirstOrThrow()).id;
    const mark = w.double.messages.length;
    const stops = (done: string[]) => done.filter((d) => d.startsWith('stop:'));
    await clock.set(bj('2026-10-30 10:00')); // 25 days since Monday 5 October: 3 weeks
    expect(stops(await tickNodes(server.ctx))).toEqual([]);
    await clock.set(bj('2026-11-02 10:00')); // 28 days: 4 weeks (stoppage.escalateAfterWeeks)
    expect(stops(await tickNodes(server.ctx))).toEqual([`stop:${p3}:2026-10-05`]);
    await clock.set(bj('2026-11-03 10:00'));
    expect(stops(await tickNodes(server.ctx))).toEqual([]);
    const sent = (await delivered(mark)).filter((m) => m.msg_type === 'text' && m.content.includes('【长时间停工】'));
    const leader = R.leaders.find((l) => l.name === P3.leader);
    expect(sent.map((m) => m.receive_id)).toEqual([`ou_${(leader ?? ADMIN).mobile}`]);
    expect(JSON.parse(sent[0]!.content).text).toContain(`${P3.name}（${P3.code}`);
    expect(JSON.parse(sent[0]!.content).text).toContain('自第41周起停工（据填报推算），已持续4周');
    // Each stoppage once in all: P2's on 12 October, P3's now.
    const p2 = (await w.t.db.selectFrom('projects').select('id').where('code', '=', P2.code).executeTakeFirstOrThrow()).id;
    expect(await stopRuns()).toEqual([`${p2}:2026-10-05`, `${p3}:2026-10-05`]);

    const asked = await w.cli(['ask', '停工项目', '--as', ADMIN.mobile], bj('2026-11-03 11:00'));
    // A project a block: its name, then its status and since when, for how long.
    expect(asked.out).toContain(`${P3.name}\n停工　自第41周起停工（据填报推算），4周\n`);
    // 14 September to 3 November: 50 days, 7 whole weeks.
    expect(asked.out).toContain(`${P2.name}\n半停工　自9月14日半停工（填报），7周\n`);
    // Each project's own card says the same beside its status.
    const cardOf = async (code: string) => (await w.cli(['ask', code, '--as', ADMIN.mobile], bj('2026-11-03 11:00'))).out;
    expect(await cardOf(P2.code)).toContain('项目状态：半停工，自9月14日半停工（填报），已持续7周');
    expect(await cardOf(P3.code)).toContain('项目状态：停工，自第41周起停工（据填报推算），已持续4周');

    const r = await w.cli(['bulletin', '--month', '2026-10', '--format', 'json'], bj('2026-11-05 09:00'));
    expect(r.code, r.err).toBe(0);
    const b = JSON.parse(r.out);
    // At 31 October: 基础完成 (30 September) 31 days overdue, 投产 (20 October) 11; 主体封顶 was done on 9 October.
    expect(b.overdueNodes).toEqual([
      { code: P2.code, name: P2.name, node: '基础完成', plannedDate: '2026-09-30', daysOverdue: 31 },
      { code: P3.code, name: P3.name, node: '投产', plannedDate: '2026-10-20', daysOverdue: 11 },
    ]);
    // P2 from its entered 14 September to 31 October: 47 days, 6 whole weeks; P3 from 5 October: 26 days, 3 weeks.
    expect(b.stopped).toEqual([
      { code: P2.code, name: P2.name, status: '半停工', since: '2026-09-14', sinceSource: 'entered', weeks: 6 },
      { code: P3.code, name: P3.name, status: '停工', since: '2026-10-05', sinceSource: 'derived', weeks: 3 },
    ]);
    // P3 on its own curve, P1 on the city's, side by side in the table. P3: 40 % of its plan done against its own 序时,
    // October's planned half (50 % to within the 万元 rounding of the sheet) → about 10 points below: yellow (10–30).
    // P1: its 60 % against 10/12 → 23⅓ points below: yellow.
    const row = (code: string) => b.table.find((r: { code: string }) => r.code === code);
    const p3Rate = (Math.round(P3.annual * 0.4) / P3.annual) * 100;
    const p3Tp = (P3_CURVE[9]! / P3.annual) * 100;
    expect(row(P3.code)).toMatchObject({ timeProgressSource: 'own', light: 'yellow' });
    expect(row(P3.code).timeProgress).toBeCloseTo(p3Tp, 9);
    expect(row(P3.code).completionRate).toBeCloseTo(p3Rate, 9);
    expect(row(P3.code).gapPoints).toBeCloseTo(p3Rate - p3Tp, 9);
    const p1Rate = (Math.round(P1.annual * 0.6) / P1.annual) * 100;
    expect(row(P1.code)).toMatchObject({ timeProgress: 250 / 3, timeProgressSource: 'city', light: 'yellow' });
    expect(row(P1.code).completionRate).toBeCloseTo(p1Rate, 9);
    expect(row(P1.code).gapPoints).toBeCloseTo(p1Rate - 250 / 3, 9);
    expect(typeof b.requiredMonthlyWan).toBe('number');
    // The same in the bulletin's words (section 四).
    const words = await w.cli(['bulletin', '--month', '2026-10', '--format', 'text'], bj('2026-11-05 09:00'));
    expect(words.code, words.err).toBe(0);
    expect(words.out).toContain(`逾期未完成节点2个：${P2.name}「基础完成」节点逾期31天（计划9月30日）、${P3.name}「投产」节点逾期11天（计划10月20日）。`);
    expect(words.out).toContain(`停工、半停工持续时间：${P2.name}半停工6周（自9月14日起，填报）、${P3.name}停工3周（自第41周起，据填报推算）。`);
    expect(words.out).toMatch(/要完成全年目标，每月还需完成\d+\.\d\d亿元；按近三个月进度，预计全年完成\d+\.\d\d亿元，占年度计划的\d+\.\d%。/);
    expect(b.counties.every((c: Record<string, unknown>) => typeof c.forecastCompletionRate === 'number' || c.forecastCompletionRate === null)).toBe(true);
  });
});
