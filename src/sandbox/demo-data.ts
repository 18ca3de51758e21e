// The sandbox's data: the sample register and a few past weeks of reports, loaded once into an empty database; a
// database that holds anything else is refused, so a rehearsal never writes into a real deployment's records.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseMonth } from '../bulletin/month';
import type { AppContext } from '../context';
import type { Db } from '../db/connect';
import { isCurrentPlan } from '../db/current-plan';
import { saveReport } from '../db/reports';
import { peopleByUnit, weeklyMonthEnd } from '../db/rounds';
import { saveSetting } from '../db/settings';
import { addDays, beijingInstant, shanghaiDay, weekStartOf, yearOf } from '../domain/calendar';
import { periodForWeek } from '../handlers/round/plan';
import { applyRegister } from '../register/apply';
import { formatProblem } from '../register/problems';
import { validateRegister } from '../register/validate';
import { readRegisterFile } from '../register/workbook';
import { type DemoProject, demoReport, demoYtdYuan, draw } from './demo-reports';
import { SANDBOX_ADMIN } from './identities';
import { sandboxTexts as T } from './texts';

const MARK = { job: 'sandbox.demo', runKey: 'demo-data' } as const;
/** How many finished weeks of reports the demo starts with. */
export const DEMO_WEEKS = 6;

export type DemoLoad = { loaded: boolean; message: string };

const count = async (db: Db, table: 'projects' | 'people') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/**
 * Loads the demo data when the database is empty, does nothing when the sandbox loaded it before, and refuses a
 * database with other data (a real register). An import of the sample without reports (a start interrupted
 * halfway) is finished, not refused. On the sandbox's own database (`ownDatabase`: DATABASE_URL not set), a register
 * imported with `diaodu import` is the user's choice, not a deployment's records: the sandbox runs on it.
 */
export async function loadDemoData(ctx: AppContext, registerFile: string, o: { ownDatabase?: boolean } = {}): Promise<DemoLoad> {
  const { db } = ctx;
  const marked = await db.selectFrom('job_runs').select('id').where('job', '=', MARK.job).where('run_key', '=', MARK.runKey).executeTakeFirst();
  if (marked) return { loaded: false, message: T.demoKept };
  const now = ctx.clock.now();
  const year = yearOf(shanghaiDay(now)); // the plan year is the calendar year in China
  const projects = await count(db, 'projects');
  if (o.ownDatabase && projects + (await count(db, 'people')) > 0) {
    // The sandbox's own database holds a register someone imported with `diaodu import` (as the sandbox's hint
    // says): the sandbox runs on that register instead of the sample, with demo reports for its projects.
    const weeks = await markDemo(db, year, now);
    return { loaded: true, message: T.importedKept(projects, year, weeks) };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(registerFile);
  } catch {
    if ((await count(db, 'projects')) + (await count(db, 'people')) > 0) throw new Error(T.notSandboxDatabase);
    return { loaded: false, message: T.noSample(registerFile) };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const imports = await db.selectFrom('register_imports').select('sha256').execute();
  const onlySample = imports.length > 0 && imports.every((i) => i.sha256 === sha256);
  if (!onlySample && (await count(db, 'projects')) + (await count(db, 'people')) > 0) throw new Error(T.notSandboxDatabase);

  const file = await readRegisterFile(bytes, basename(registerFile));
  const register = file.ok ? validateRegister(file.value, null, year) : file;
  if (!register.ok) throw new Error(`${T.sampleInvalid(registerFile)}\n${register.problems.map(formatProblem).join('\n')}`);
  await applyRegister(db, register.value, { year, now, dryRun: false, fileName: basename(registerFile), sha256, dropMissing: false });
  return { loaded: true, message: T.demoLoaded(year, await markDemo(db, year, now)) };
}

/** The sandbox administrator, the past weeks' demo reports, and the mark that the demo data is in: one transaction. */
async function markDemo(db: Db, year: number, now: Date): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await saveSetting(tx, 'admins', [SANDBOX_ADMIN.openId], 'sandbox', now);
    const n = await pastWeeks(tx, year, now);
    await tx
      .insertInto('job_runs')
      .values({ job: MARK.job, run_key: MARK.runKey, status: 'done', started_at: now.toISOString(), finished_at: now.toISOString(), error: null })
      .execute();
    return n;
  });
}

async function demoProjects(db: Db, year: number) {
  const rows = await db
    .selectFrom('projects as p')
    .innerJoin('categories as c', 'c.id', 'p.category_id')
    .innerJoin('project_plans as pp', 'pp.project_id', 'p.id')
    .where('p.plan_year', '=', year)
    .where('p.dropped_at', 'is', null)
    .where(isCurrentPlan)
    .select([
      'p.id',
      'p.code',
      'p.unit_id as unitId',
      'p.nature',
      'c.name as category',
      'pp.annual_plan_yuan',
      'pp.total_investment_yuan',
      'pp.prior_completed_yuan',
      'pp.planned_start',
      'pp.planned_end',
    ])
    .orderBy('p.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    demo: {
      code: r.code,
      category: r.category,
      nature: r.nature,
      annualPlanYuan: r.annual_plan_yuan,
      totalInvestmentYuan: r.total_investment_yuan,
      priorCompletedYuan: r.prior_completed_yuan,
      plannedStart: r.planned_start,
      plannedEnd: r.planned_end,
    } satisfies DemoProject,
  }));
}

/**
 * The rounds of the weeks before this one, as if they had run: the period, every project's report (a few missed)
 * by the unit's first reporter on a working afternoon, and the three steps marked done so the scheduler leaves them.
 */
async function pastWeeks(db: Db, year: number, now: Date): Promise<number> {
  const projects = await demoProjects(db, year);
  const reporters = await peopleByUnit(db, 'reporter');
  const thisWeek = weekStartOf(now);
  let weeks = 0;
  for (let back = DEMO_WEEKS; back >= 1; back--) {
    const week = addDays(thisWeek, -7 * back);
    const found = await periodForWeek(db, week, now);
    if (!found.ok || found.period.planYear !== year) continue;
    const period = found.period;
    const asOf = addDays(week, 2);
    for (const p of projects) {
      const report = demoReport(p.demo, asOf, year);
      if (!report) continue;
      const day = addDays(week, 1 + Math.floor(draw(p.demo.code, `day:${week}`) * 3));
      const at = beijingInstant(day, 9 * 60 + Math.floor(draw(p.demo.code, `time:${week}`) * 8 * 60));
      const asked = weeklyMonthEnd(period);
      const monthEnd = asked ? demoYtdYuan(p.demo, parseMonth(asked)!.lastDay, year) : null;
      await saveReport(db, p.id, period.id, {
        ...report,
        monthEndYuan: monthEnd,
        correctionReason: null,
        noChange: false,
        late: false,
        submittedBy: reporters.get(p.unitId)?.[0]?.personId ?? null,
        submittedAt: at,
      });
    }
    for (const [job, at] of [
      ['round.open', period.opensAt],
      ['round.remind', period.remindAt],
      ['round.close', period.deadlineAt],
    ] as const) {
      await db
        .insertInto('job_runs')
        .values({ job, run_key: period.weekStart, status: 'done', started_at: at, finished_at: at, error: null })
        .onConflict((oc) => oc.columns(['job', 'run_key']).doNothing())
        .execute();
    }
    weeks += 1;
  }
  return weeks;
}
