// A project's own 月度计划 (issue 19, item 2): the optional sheet refused with its row and column when wrong, imported
// atomically and idempotently when right; and on the bulletin world (test/fixtures/bulletin-world.ts) one project on its
// own curve next to one on the city-wide 序时, their 序时, gap and light worked out by hand in the bulletin's JSON and
// in the project answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { standingCells } from '../../cards/answer/common';
import { composeBulletin } from '../../src/bulletin/compose/compose';
import { bulletinText } from '../../src/bulletin/render/text';
import { importCommand } from '../../src/cli/commands/import';
import { createManualClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { loadSettings } from '../../src/db/settings';
import { openBook } from '../../src/handlers/answer/book';
import { renderProjectStatus } from '../../src/handlers/answer/project';
import { type BulletinWorld, OCTOBER_COMPOSED_AT, seedBulletinWorld } from '../fixtures/bulletin-world';
import { SAMPLE, type Sheets, col, copySheets, readSheets, writeWorkbook } from '../fixtures/register-workbooks';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { bj, cardText } from '../helpers/round';

const WAN = 10_000;
const MONTHS = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];
const HEAD = ['项目编号', ...MONTHS];

type Run = { code: number; out: string; err: string };

async function runImport(t: TestDatabase, args: string[], now = '2026-03-10T09:00:00+08:00'): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const parsed = parseArgs({ args, options: importCommand.options ?? {}, allowPositionals: true, strict: true });
  const config = loadConfig({ DATABASE_URL: t.target.kind === 'sqlite' ? t.target.path : t.target.url });
  const code = await importCommand.run(
    { config, clock: createManualClock(now), io: { out: (s) => out.push(s), err: (s) => err.push(s) }, openDb: async () => ({ ...t, close: async () => {} }) },
    { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function rowCounts(t: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await t.db.introspection.getTables()) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table.name)}`.execute(t.db);
    counts[table.name] = Number(r.rows[0]?.n);
  }
  return counts;
}

describe.each(engines)('the 月度计划 sheet on %s', (engine) => {
  let t: TestDatabase;
  let dir: string;
  let sample: Sheets;
  /** The first three projects of the sample's 项目 sheet: code and 年度计划投资 (万元, as the cell holds it). */
  let P: Array<{ code: string; annual: number }>;
  beforeEach(async () => {
    t = await createTestDatabase(engine);
    dir = mkdtempSync(join(tmpdir(), 'diaodu-monthplan-'));
    sample = await readSheets(SAMPLE);
    // The sample has its own 月度计划 sheet; these tests write theirs.
    delete sample.月度计划;
    const rows = sample.项目!;
    P = rows.slice(1, 4).map((r) => ({ code: String(r[col(rows, '项目编号')]), annual: Number(r[col(rows, '年度计划投资(万元)')]) }));
  });
  afterEach(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  /** A curve reaching the annual plan in December: nothing before July, half of it from July to November. */
  const curve = (annual: number) => [0, 0, 0, 0, 0, 0, annual / 2, annual / 2, annual / 2, annual / 2, annual / 2, annual];
  async function withPlans(name: string, plans: unknown[][]): Promise<string> {
    const s = copySheets(sample);
    s.月度计划 = [HEAD, ...plans] as Sheets[string];
    const path = join(dir, name);
    await writeWorkbook(path, s);
    return path;
  }

  it('refuses a wrong sheet, naming sheet, row and column, and writes nothing', async () => {
    await runImport(t, [SAMPLE]);
    const before = await rowCounts(t);
    const [p1, p2, p3] = P as [(typeof P)[number], (typeof P)[number], (typeof P)[number]];
    const falling = curve(p2.annual);
    falling[4] = 100; // 5月 above 6月 (0): the cumulative figure may not fall
    const over = curve(p3.annual);
    over[11] = p3.annual + 1;
    const bad = await withPlans('bad.xlsx', [
      [p1.code, ...curve(p1.annual)],
      [p2.code, ...falling],
      ['XX2026-999', ...curve(1000)],
      [p3.code, ...over],
      [p1.code, ...curve(p1.annual)],
    ]);
    const r = await runImport(t, [bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('月度计划 第3行 「6月」 值“0”：月末累计计划投资不能少于上月的100万元（各月填截至月底的累计数，不是当月数）');
    expect(r.err).toContain('月度计划 第4行 「项目编号」 值“XX2026-999”：「项目」工作表中没有这个项目编号');
    expect(r.err).toContain(`月度计划 第5行 「12月」 值“${p3.annual + 1}”：12月累计计划投资应等于「项目」工作表中的年度计划投资`);
    expect(r.err).toContain('月度计划 第6行 「项目编号」');
    expect(r.err).toContain('项目编号与第2行重复');
    expect(await rowCounts(t)).toEqual(before);
  });

  it('imports the plans with the register, once: the same file again changes nothing; a project left out loses its plan', async () => {
    const [p1, p2] = P as [(typeof P)[number], (typeof P)[number]];
    const path = await withPlans('plans.xlsx', [
      [p1.code, ...curve(p1.annual)],
      [p2.code, ...curve(p2.annual)],
    ]);
    const first = await runImport(t, [path]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('月度计划：新增 2 个项目，更新 0 个，未变 0 个，删除 0 个');
    const stored = async () =>
      (
        await t.db
          .selectFrom('project_month_plans as m')
          .innerJoin('projects as p', 'p.id', 'm.project_id')
          .select(['p.code', 'm.month', 'm.cumulative_yuan', 'm.updated_at'])
          .orderBy('p.code')
          .orderBy('m.month')
          .execute()
      ).map((r) => ({ ...r, cumulative_yuan: Number(r.cumulative_yuan) }));
    const rows = await stored();
    expect(rows).toHaveLength(24);
    expect(rows.filter((r) => r.code === p1.code).map((r) => r.cumulative_yuan)).toEqual(curve(p1.annual).map((w) => Math.round(w * WAN)));
    const again = await runImport(t, [path], '2026-03-11T09:00:00+08:00');
    expect(again.out).toContain('月度计划：新增 0 个项目，更新 0 个，未变 2 个，删除 0 个');
    expect(await stored()).toEqual(rows);
    const fewer = await withPlans('fewer.xlsx', [[p1.code, ...curve(p1.annual)]]);
    const third = await runImport(t, [fewer], '2026-03-12T09:00:00+08:00');
    expect(third.out).toContain('月度计划：新增 0 个项目，更新 0 个，未变 1 个，删除 1 个');
    expect((await stored()).map((r) => r.code)).toEqual(Array(12).fill(p1.code));
    // A file without the sheet leaves the plans as they are.
    const without = join(dir, 'without.xlsx');
    await writeWorkbook(without, sample);
    expect((await runImport(t, [without], '2026-03-13T09:00:00+08:00')).out).not.toContain('月度计划');
    expect(await stored()).toHaveLength(12);
  });
});

/**
 * October 2026 on the bulletin world, by hand. JB2026-001 (plan 10,000万) gets its own 月度计划; QH2026-001 (plan
 * 40,000万) stays on the city-wide rule, 序时 10/12 = 250/3 %.
 * - JB2026-001: October's planned cumulative 9,900 → 序时 99 %. Its October month-end figure 8,500 → 85 %, gap −14 →
 *   yellow (points rule: 10 to 30 below), behind 序时 (on the city's 83⅓ % it would be green, +1⅔). In September it
 *   stood at 7,000 = 70 % against its own 6,300 = 63 %: not behind, so the run is one month (on the city rule it would
 *   be two). In the answer of 10 November its latest figure 8,800 → 88 %, gap −11 → yellow.
 * - QH2026-001: October 33,000 → 82.5 %, gap 82.5 − 250/3 = −5/6, green but behind; latest 34,000 → 85 %, +5/3, green.
 */
/** The card's text without the markdown's bold marks. */
const plain = (card: unknown) => cardText(card).replaceAll('**', '');

const JB_CURVE_WAN = [300, 700, 1_200, 1_800, 2_500, 3_300, 4_200, 5_200, 6_300, 9_900, 9_950, 10_000];

describe.each(engines)('a project on its own 序时 next to one on the city rule, on %s', (engine) => {
  let t: TestDatabase;
  let world: BulletinWorld;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    world = await seedBulletinWorld(t.db);
    await t.db
      .insertInto('project_month_plans')
      .values(
        JB_CURVE_WAN.map((w, i) => ({
          project_id: world.projectId('JB2026-001'),
          month: i + 1,
          cumulative_yuan: w * WAN,
          updated_at: '2026-01-10T02:00:00.000Z',
        })),
      )
      .execute();
  });
  afterAll(async () => t.drop());

  it('measures each in the bulletin JSON against its own 序时 and says which', async () => {
    const settings = (await loadSettings(t.db)).settings;
    const b = await composeBulletin(t.db, '2026-10', { settings, now: new Date(bj(OCTOBER_COMPOSED_AT)) });
    expect(b.timeProgress).toBe(250 / 3); // the city's 序时 stays the bulletin's headline
    const row = (code: string) => b.table.find((r) => r.code === code);
    expect(row('JB2026-001')).toMatchObject({ completionRate: 85, gapPoints: 85 - 99, light: 'yellow', timeProgress: 99, timeProgressSource: 'own' });
    expect(row('QH2026-001')).toMatchObject({ completionRate: 82.5, gapPoints: -5 / 6, light: 'green', timeProgress: 250 / 3, timeProgressSource: 'city' });
    const lag = (code: string) => b.lagging.find((r) => r.code === code);
    expect(lag('JB2026-001')).toMatchObject({
      gapPoints: -14,
      light: 'yellow',
      reasons: ['投资滞后'],
      monthsLagging: 1,
      runSince: { month: 10, firstData: false },
      timeProgress: 99,
      timeProgressSource: 'own',
    });
    expect(lag('QH2026-001')).toMatchObject({ gapPoints: -5 / 6, light: 'green', timeProgress: 250 / 3, timeProgressSource: 'city' });
    // The text names the project's own 序时 beside its gap; a project on the city rule is measured by the headline's.
    const text = bulletinText(b);
    expect(text).toContain('完成率85.0%，低于序时进度14.0个百分点（序时进度按项目月度计划，99%）；黄灯');
    expect(text).toMatch(/青河县城区污水处理厂——[^\n]*完成率82\.5%，低于序时进度0\.8个百分点；绿灯/);
  });

  it('shows each in the project answer with its own 序时, gap and light, and which 序时 was used', async () => {
    const book = (await openBook(t.db, new Date(bj(OCTOBER_COMPOSED_AT))))!;
    const jb = plain(await renderProjectStatus(book, world.projectId('JB2026-001')));
    expect(jb).toContain('年度投资完成率：88.0%');
    expect(jb).toContain('序时进度：99%（截至10月底，序时进度按项目月度计划）');
    expect(jb).toContain('与序时进度比较：低于序时进度11.0个百分点');
    expect(jb).toContain("预警：<text_tag color='yellow'>黄灯</text_tag>（未达序时进度、进度较慢）");
    expect(jb).toContain('序时进度按项目月度计划：序时进度截至10月底＝月末累计计划投资÷年度计划投资');
    // 挂图作战: JB's plan line is its own 月度计划 (万元 at each month end), QH's the annual plan × n/12; each legend says which.
    type Spec = { data: Array<{ id: string; values: Array<{ x: number; value: number; kind: string }> }> };
    const planLine = async (code: string) => {
      const card = (await renderProjectStatus(book, world.projectId(code)))!;
      const chart = card.body.elements.find((e) => e.tag === 'chart') as unknown as { chart_spec: Spec };
      return chart.chart_spec.data.find((d) => d.id === 'plan')!.values;
    };
    const jbPlan = await planLine('JB2026-001');
    expect(jbPlan.map((v) => [v.x, v.value])).toEqual([[0, 0], ...JB_CURVE_WAN.map((w, i) => [i + 1, w])]);
    expect(new Set(jbPlan.map((v) => v.kind))).toEqual(new Set(['计划：项目月度计划累计投资（序时进度按项目月度计划）']));
    const qhPlan = await planLine('QH2026-001');
    // 40,000万 × n/12, to 2 decimals: 3,333.33, 6,666.67, …
    expect(qhPlan.map((v) => [v.x, v.value])).toEqual([
      [0, 0],
      ...Array.from({ length: 12 }, (_, i) => [i + 1, Math.round((40_000 * (i + 1) * 100) / 12) / 100]),
    ]);
    expect(new Set(qhPlan.map((v) => v.kind))).toEqual(new Set(['计划：年度计划×全市统一序时（按整月计算）']));
    const qh = plain(await renderProjectStatus(book, world.projectId('QH2026-001')));
    expect(qh).toContain('年度投资完成率：85.0%');
    expect(qh).toContain('序时进度：83.33%（截至10月底，按全市统一序时）');
    expect(qh).toContain('与序时进度比较：高于序时进度1.7个百分点');
    expect(qh).toContain("预警：<text_tag color='green'>绿灯</text_tag>");
    expect(qh).toContain('按整月计算，按全市统一序时');
    // In the lists of a county or the city, the row of a project on its own curve says so beside its gap.
    const cells = (code: string, ytdWan: number) =>
      standingCells(book.standing(book.projectById.get(world.projectId(code))!, { ytdYuan: ytdWan * WAN, status: 'building' })).gap;
    expect(cells('JB2026-001', 8_800)).toBe('-11.0（按项目月度计划）');
    expect(cells('QH2026-001', 34_000)).toBe('+1.7');
  });
});
