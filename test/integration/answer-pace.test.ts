// 倒排工期 in the county and city answers (issue 19): the pace still needed and the forecast at the pace of the last
// three months, from each project's latest figure and the one it had reported by the end of July (asked in November:
// October is the last completed month, two months are left). Figures worked out by hand from the amounts below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { ensurePeriod } from '../../src/db/rounds';
import { saveReport } from '../../src/db/reports';
import { SAMPLE } from '../fixtures/register-workbooks';
import { sampleLookup } from '../fixtures/sample-lookup';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { captureIo } from '../helpers/io';

const NOW = '2026-11-27T10:00:00+08:00';
const S = await sampleLookup();
const JIANGBEI = S.projects.filter((p) => p.county === '江北区');
const [A, B] = JIANGBEI as [(typeof JIANGBEI)[number], (typeof JIANGBEI)[number]];
/** A project of another county reported only in July: its latest figure is its July one, so it adds no pace. */
const C = S.projects.find((p) => p.county !== '江北区')!;
const ASKER = S.leader(S.projects.find((p) => p.leader !== '')!.leader).mobile;

// 万元, whole.
const A_JULY = Math.round(A.planWan * 0.3);
const A_NOV = Math.round(A.planWan * 0.6);
const B_NOV = Math.round(B.planWan * 0.45);
const C_JULY = Math.round(C.planWan * 0.2);

const yi = (w: number) => (Math.round(w / 100) / 100).toFixed(2);
const pct = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
const planOf = (ps: Array<{ planWan: number }>) => ps.reduce((a, p) => a + p.planWan, 0);

/** The words for a group: plan, figure now and figure at the end of July (万元). */
function expected(plan: number, now: number, july: number): string {
  const need = (plan - now) / 2;
  const forecast = now + ((now - july) / 3) * 2;
  return `要完成全年目标，每月还需完成${yi(need)}亿元；按近三个月进度，预计全年完成${yi(forecast)}亿元，占年度计划的${pct((forecast / plan) * 100)}%（按最近一次填报的累计完成投资、全年剩余2个月计算）。`;
}

describe.each(engines)('the pace in the county and city answers on %s', (engine) => {
  let t: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    env = { DATABASE_URL: t.target.kind === 'sqlite' ? t.target.path : t.target.url, DIAODU_NOW: NOW };
    expect(await runCli(['import', SAMPLE, '--year', '2026'], env, captureIo().io)).toBe(0);
    const now = new Date(NOW);
    const period = async (weekStart: string) => {
      const monday = Date.parse(`${weekStart}T00:00:00+08:00`);
      const at = (h: number) => new Date(monday + h * 3600_000);
      return ensurePeriod(t.db, { weekStart, planYear: 2026, opensAt: at(9), remindAt: at(87), deadlineAt: at(114), openMonth: weekStart.slice(0, 7) }, now);
    };
    // The week holding 31 July, and the current one.
    const july = await period('2026-07-27');
    const november = await period('2026-11-23');
    const id = async (code: string) => (await t.db.selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const report = async (code: string, periodId: number, ytdWan: number, at: string) =>
      saveReport(t.db, await id(code), periodId, {
        monthEndYuan: null,
        problemCategories: [],
        problemText: null,
        coordination: null,
        nextPlan: null,
        correctionReason: null,
        noChange: false,
        late: false,
        submittedBy: null,
        ytdYuan: ytdWan * 10_000,
        progressText: '按计划推进',
        status: 'building',
        submittedAt: new Date(at),
      });
    await report(A.code, july.id, A_JULY, '2026-07-29T10:00:00+08:00');
    await report(C.code, july.id, C_JULY, '2026-07-29T10:00:00+08:00');
    await report(A.code, november.id, A_NOV, '2026-11-25T10:00:00+08:00');
    await report(B.code, november.id, B_NOV, '2026-11-25T10:00:00+08:00');
  });
  afterAll(async () => t?.drop());

  const ask = async (q: string) => {
    const c = captureIo();
    expect(await runCli(['ask', q, '--as', ASKER], env, c.io)).toBe(0);
    return c.out.join('\n');
  };

  it('a county: its projects’ figures now against theirs at the end of July', async () => {
    expect(await ask('江北区进度')).toContain(expected(planOf(JIANGBEI), A_NOV + B_NOV, A_JULY));
  });

  it('the city: every project, one reported only in July adding its figure to both ends', async () => {
    expect(await ask('全市进度')).toContain(expected(planOf(S.projects), A_NOV + B_NOV + C_JULY, A_JULY + C_JULY));
  });
});
