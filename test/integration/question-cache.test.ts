// Answers are kept between questions and brought up to date as reports come in: what a leader is told right after
// reports are saved, corrected or sent late is exactly what a server started afresh on the same data would say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { type OpenedDatabase, openDatabase } from '../../src/db/connect';
import { type ReportInput, saveReport } from '../../src/db/reports';
import { ensurePeriod } from '../../src/db/rounds';
import { answerQuestion } from '../../src/handlers/answer/answer';
import { type Asker, askerFor } from '../../src/handlers/answer/asker';
import { SAMPLE } from '../fixtures/register-workbooks';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { captureIo } from '../helpers/io';

const NOW = new Date('2026-11-27T10:00:00+08:00');
const LEADER_MOBILE = '13900010001'; // 金俊杰, 市长: sees everything
const WEEKS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
const QUESTIONS = [
  '全市进度',
  '滞后项目',
  '红灯项目',
  '黄灯项目',
  '停工项目',
  '本周未报送',
  '待协调问题',
  '江北区进度',
  '青河县进度',
  '金俊杰包联的项目',
  'LJ2026-014',
];

describe.each(engines)('answers kept between questions on %s', (engine) => {
  let t: TestDatabase;
  let leader: Asker;
  const periods: number[] = [];
  const id = async (code: string) => (await t.db.selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const report = (ytdYuan: number, extra: Partial<ReportInput> = {}): ReportInput => ({
    ytdYuan,
    monthEndYuan: null,
    progressText: '主体结构施工至8层',
    status: 'building',
    problemCategories: [],
    problemText: null,
    coordination: null,
    nextPlan: null,
    correctionReason: null,
    noChange: false,
    late: false,
    submittedBy: null,
    submittedAt: NOW,
    ...extra,
  });
  const save = async (code: string, week: number, input: ReportInput) => saveReport(t.db, await id(code), periods[week]!, input);
  /** Every answer, from the handle that has been answering all along. */
  const answers = async (db: OpenedDatabase['db']) => {
    const out: string[] = [];
    for (const q of QUESTIONS) out.push(JSON.stringify(await answerQuestion(db, NOW, leader, q, 'nonce001')));
    return out;
  };
  /** Every answer from a handle that has never answered: read afresh. */
  const afresh = async () => {
    const other = openDatabase(t.target);
    try {
      return await answers(other.db);
    } finally {
      await other.close();
    }
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const env = { DATABASE_URL: t.target.kind === 'sqlite' ? t.target.path : t.target.url, DIAODU_NOW: NOW.toISOString() };
    expect(await runCli(['import', SAMPLE, '--year', '2026'], env, captureIo().io)).toBe(0);
    for (const w of WEEKS) {
      const monday = Date.parse(`${w}T00:00:00+08:00`);
      const at = (h: number) => new Date(monday + h * 3600_000);
      periods.push(
        (await ensurePeriod(t.db, { weekStart: w, planYear: 2026, opensAt: at(9), remindAt: at(87), deadlineAt: at(114), openMonth: w.slice(0, 7) }, NOW)).id,
      );
    }
    await save('LJ2026-014', 0, report(300_000_000));
    await save('LJ2026-002', 2, report(40_000_000, { status: 'stopped' }));
    leader = await askerFor(t.db, LEADER_MOBILE);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('after each batch of reports, every answer is the one read afresh', async () => {
    const first = await answers(t.db);
    // This week's reports, one of them asking for coordination.
    await save('LJ2026-014', 3, report(380_000_000));
    await save('LJ2026-020', 3, report(5_000_000, { status: 'stopped', coordination: '请属地政府协调征地拆迁' }));
    const second = await answers(t.db);
    expect(second).not.toEqual(first);
    expect(await afresh()).toEqual(second);
    // A correction that puts a project far behind 序时, and a late report for a week before its latest.
    await save('LJ2026-014', 3, report(30_000_000, { correctionReason: '统计口径调整' }));
    await save('LJ2026-002', 1, report(20_000_000, { late: true }));
    const third = await answers(t.db);
    expect(await afresh()).toEqual(third);
    // A new project reporting, and a second correction of the same week's report.
    await save('LJ2026-022', 3, report(90_000_000));
    await save('LJ2026-020', 3, report(6_000_000, { correctionReason: '补充填报' }));
    const fourth = await answers(t.db);
    expect(await afresh()).toEqual(fourth);
    expect(third).not.toEqual(fourth);
  });

  it('two reports between questions, the first corrected by the second, are both taken', async () => {
    const before = await answers(t.db);
    await save('LJ2026-014', 3, report(350_000_000, { correctionReason: '统计口径调整' }));
    await save('LJ2026-014', 3, report(360_000_000, { correctionReason: '再次核实' }));
    const after = await answers(t.db);
    expect(after).not.toEqual(before);
    expect(await afresh()).toEqual(after);
  });
});
