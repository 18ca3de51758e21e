// From weekly reports to ledger items: one item per problem however often it is reported; a correction of the same
// week's report rewords or takes back the item it created while nobody has acted on it; the reporter's answer on the
// form wins over the bot's guess; a closed item is never reopened by a new report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { type ReportedProblem, recordReportedProblem } from '../../src/db/problem-intake';
import { addProblemEvent } from '../../src/db/problem-changes';
import { saveReport } from '../../src/db/reports';
import { ensurePeriod } from '../../src/db/rounds';
import { SAMPLE } from '../fixtures/register-workbooks';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { captureIo } from '../helpers/io';
import { getProblem } from '../../src/db/problems';
import { buildProblemCard } from '../../src/handlers/problem/view';
import { renderCardText } from '../../cards/text-render';

const WEEKS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];

describe.each(engines)('problems from reports on %s', (engine) => {
  let t: TestDatabase;
  const periods: number[] = [];
  const projects = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const url = t.target.kind === 'sqlite' ? t.target.path : t.target.url;
    expect(await runCli(['import', SAMPLE, '--year', '2026'], { DATABASE_URL: url, DIAODU_NOW: '2026-11-01T10:00:00+08:00' }, captureIo().io)).toBe(0);
    for (const w of WEEKS) {
      const monday = Date.parse(`${w}T00:00:00+08:00`);
      const h = (n: number) => new Date(monday + n * 3600_000);
      periods.push(
        (await ensurePeriod(t.db, { weekStart: w, planYear: 2026, opensAt: h(9), remindAt: h(87), deadlineAt: h(114), openMonth: w.slice(0, 7) }, h(9))).id,
      );
    }
    for (const code of ['LJ2026-014', 'LJ2026-015', 'LJ2026-016', 'LJ2026-017']) {
      projects.set(code, (await t.db.selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id);
    }
  });
  afterAll(async () => t?.drop());

  /** Saves a report of `code` in week `w` (0–3) and records its problem, as the weekly card does. */
  async function report(
    code: string,
    w: number,
    p: { categories?: string[]; text?: string | null; coordination?: string | null; choice?: ReportedProblem['choice'] },
  ) {
    const projectId = projects.get(code)!;
    const at = new Date(Date.parse(`${WEEKS[w]}T10:00:00+08:00`) + 86400_000);
    const saved = await saveReport(t.db, projectId, periods[w]!, {
      ytdYuan: 10_000_000,
      monthEndYuan: null,
      progressText: '主体结构施工至8层',
      status: 'building',
      problemCategories: p.categories ?? [],
      problemText: p.text ?? null,
      coordination: p.coordination ?? null,
      nextPlan: null,
      correctionReason: null,
      noChange: false,
      late: false,
      submittedBy: null,
      submittedAt: at,
    });
    return recordReportedProblem(t.db, {
      projectId,
      reportId: saved.reportId,
      revisionId: saved.revisionId,
      weekStart: WEEKS[w]!,
      submittedBy: null,
      at: at.toISOString(),
      categories: p.categories ?? [],
      problemText: p.text ?? null,
      coordination: p.coordination ?? null,
      choice: p.choice ?? null,
    });
  }
  const items = async (code: string) =>
    t.db
      .selectFrom('problems')
      .select(['id', 'category', 'description', 'coordination', 'is_coordination', 'status'])
      .where('project_id', '=', projects.get(code)!)
      .orderBy('id')
      .execute();
  const links = async (id: number) =>
    await t.db.selectFrom('problem_reports').select(['week_start', 'linked_by']).where('problem_id', '=', id).orderBy('week_start').execute();
  const actions = async (id: number) =>
    (await t.db.selectFrom('problem_events').select('action').where('problem_id', '=', id).orderBy('id').execute()).map((e) => e.action);

  it('a correction of the same week rewords the item it created, and taking the problem out takes the item back', async () => {
    const first = await report('LJ2026-014', 0, { categories: ['land'], text: '征地拆迁尚有3户未签约' });
    expect(first.kind).toBe('created');
    const id = (first as { problemId: number }).problemId;
    expect(await report('LJ2026-014', 0, { categories: ['land'], text: '征地拆迁尚有4户未签约', coordination: '请协调用地报批' })).toEqual({
      kind: 'updated',
      problemId: id,
    });
    expect(await items('LJ2026-014')).toEqual([
      { id, category: 'land', description: '征地拆迁尚有4户未签约', coordination: '请协调用地报批', is_coordination: 1, status: '待梳理' },
    ]);
    expect(await actions(id)).toEqual(['raised', 'revised']);
    expect(await report('LJ2026-014', 0, {})).toEqual({ kind: 'withdrawn', problemId: id });
    expect(await items('LJ2026-014')).toEqual([]);
    expect(await t.db.selectFrom('problem_events').select('id').where('problem_id', '=', id).execute()).toEqual([]);
  });

  it('once someone has acted on it, the item stays even when the week’s report drops the problem', async () => {
    const first = await report('LJ2026-015', 0, { categories: ['funding'], text: '专项债资金尚未拨付' });
    const id = (first as { problemId: number }).problemId;
    await addProblemEvent(t.db, {
      problemId: id,
      actorId: null,
      at: new Date().toISOString(),
      action: 'remark',
      fromStatus: '待梳理',
      toStatus: '待梳理',
      note: '已了解',
    });
    expect(await report('LJ2026-015', 0, {})).toEqual({ kind: 'none' });
    expect((await items('LJ2026-015')).map((i) => i.id)).toEqual([id]);
    expect(await links(id)).toEqual([]);
  });

  it('later weeks: linked by the wording when the form did not ask, a new item when the reporter says so, never to a closed item', async () => {
    const first = await report('LJ2026-016', 0, { categories: ['land'], text: '征地拆迁尚有3户未签约' });
    const id = (first as { problemId: number }).problemId;
    expect(await report('LJ2026-016', 1, { categories: ['land'], text: '征地拆迁尚有2户未签约' })).toEqual({
      kind: 'linked',
      problemId: id,
      times: 2,
      by: 'bot',
    });
    // The reporter says it is new, although it reads alike: a second item.
    const second = await report('LJ2026-016', 2, { categories: ['land'], text: '征地拆迁尚有1户未签约（二期地块）', choice: 'new' });
    expect(second.kind).toBe('created');
    // An answer naming an item of another project is no answer: the bot's guess stands.
    const other = await report('LJ2026-017', 0, { categories: ['approval'], text: '施工许可未办理' });
    expect(
      await report('LJ2026-016', 3, { categories: ['land'], text: '征地拆迁尚有3户未签约', choice: (other as { problemId: number }).problemId }),
    ).toMatchObject({ kind: 'linked', problemId: id, by: 'bot' });
    expect(await links(id)).toEqual([
      { week_start: WEEKS[0], linked_by: 'created' },
      { week_start: WEEKS[1], linked_by: 'bot' },
      { week_start: WEEKS[3], linked_by: 'bot' },
    ]);
    expect(await actions(id)).toEqual(['raised', 'reported', 'reported']);

    await t.db.updateTable('problems').set({ status: '已销号' }).where('project_id', '=', projects.get('LJ2026-017')!).execute();
    const again = await report('LJ2026-017', 1, { categories: ['approval'], text: '施工许可未办理' });
    expect(again.kind).toBe('created');
    expect((await items('LJ2026-017')).map((i) => i.status)).toEqual(['已销号', '待梳理']);
  });

  it('a 需协调事项 alone is an item without a category, its text the description', async () => {
    const r = await report('LJ2026-014', 1, { coordination: '请协调供电部门提前接入' });
    expect(r.kind).toBe('created');
    expect((await items('LJ2026-014')).at(-1)).toMatchObject({ category: '', description: '请协调供电部门提前接入', coordination: null, is_coordination: 1 });
  });

  it('names stored in the register reach the item’s card escaped: a county called <at id=all></at> mentions nobody', async () => {
    const evil = '<at id=all></at>';
    const r = await report('LJ2026-015', 3, { categories: ['land'], text: `${evil}用地报批未完成`, coordination: '[点此](https://x.cn)' });
    expect(r.kind).toBe('created');
    const p = await t.db
      .selectFrom('projects')
      .select(['county_id', 'unit_id', 'leader_id'])
      .where('id', '=', projects.get('LJ2026-015')!)
      .executeTakeFirstOrThrow();
    await t.db.updateTable('counties').set({ name: evil }).where('id', '=', p.county_id).execute();
    await t.db.updateTable('units').set({ name: evil }).where('id', '=', p.unit_id).execute();
    if (p.leader_id !== null) await t.db.updateTable('people').set({ name: evil }).where('id', '=', p.leader_id).execute();
    const item = await getProblem(t.db, (r as { problemId: number }).problemId);
    const card = await buildProblemCard(t.db, item!, { admin: true, lead: false, helper: false, leader: false }, new Date('2026-11-30T02:00:00Z'), {
      nonce: 'n',
    });
    const markdowns: string[] = [];
    JSON.stringify(card, (_k, v) => {
      if (v && typeof v === 'object' && (v as { tag?: unknown }).tag === 'markdown') markdowns.push(String((v as { content: unknown }).content));
      return v;
    });
    for (const md of markdowns) expect(md).not.toMatch(/<at|\]\(|:\/\//);
    const shown = renderCardText(card);
    expect(shown).toContain(`问题描述：${evil}用地报批未完成`);
    expect(shown).toMatch(new RegExp(`· ${evil} · 责任单位${evil} · 包联领导`));
  });
});
