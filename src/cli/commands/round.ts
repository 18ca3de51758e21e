// `diaodu round open|remind|close|status [--week 2026-W48]`: a round's steps by hand (idempotent) and its totals.
import { engineOf } from '../../db/engine';
import type { AppContext } from '../../context';
import { jobsRunFor } from '../../db/job-runs';
import { getPeriodByWeek, peopleByUnit, reportedInPeriod, roundProjects } from '../../db/rounds';
import { createLogger } from '../../log';
import { periodForWeek, resolveWeek, scheduleOf } from '../../handlers/round/plan';
import { type RoundStep, runRoundStep } from '../../handlers/round/steps';
import { deadlineText } from '../../handlers/round/texts';
import type { Command, CommandContext } from '../command';

const WEEK_OPTION = { week: { type: 'string' as const } };
const STEP_NAMES: Record<RoundStep, string> = { open: '开始（发送填报卡片）', remind: '提醒', close: '截止（督办与汇总）' };

async function periodFor(ctx: CommandContext, week: string | boolean | undefined) {
  const w = resolveWeek(typeof week === 'string' ? week : undefined, ctx.clock.now());
  if (!w.ok) return { error: w.error, code: 2 };
  const { db } = await ctx.openDb();
  const found = await periodForWeek(db, w.weekStart, ctx.clock.now());
  if (!found.ok) return { error: `${w.weekStart} 所在周没有调度：${found.reason}`, code: 1 };
  return { db, period: found.period };
}

function stepCommand(step: RoundStep): Command {
  return {
    name: `round ${step}`,
    writes: true,
    summary: `手动执行本周调度的“${STEP_NAMES[step]}”步骤（已执行过则不重复）`,
    help: `用法：diaodu round ${step} [--week 2026-W48]

手动执行一轮周调度的“${STEP_NAMES[step]}”步骤，与定时任务调用同一处理；每个步骤每轮只执行一次，
再次执行不会重复发送。消息排入发件箱，由运行中的服务按飞书频率限制发出。
  --week   周次（ISO 周，如 2026-W48）；默认为当前周`,
    options: WEEK_OPTION,
    async run(ctx, { values }) {
      const found = await periodFor(ctx, values.week);
      if ('error' in found) {
        ctx.io.err(found.error ?? '');
        return found.code ?? 1;
      }
      const appCtx: AppContext = { config: ctx.config, db: found.db, engine: engineOf(found.db), clock: ctx.clock, log: createLogger(() => {}) };
      const outcome = await runRoundStep(appCtx, step, found.period);
      if (!outcome.ran) ctx.io.out(`${found.period.weekStart} 所在周的“${STEP_NAMES[step]}”已执行过，本次未重复发送。`);
      else
        ctx.io.out(
          `已执行 ${found.period.weekStart} 所在周的“${STEP_NAMES[step]}”：排入发送队列 ${outcome.messages} 条消息${outcome.note ? `（${outcome.note}）` : ''}。`,
        );
      return 0;
    },
  };
}

export const roundOpenCommand = stepCommand('open');
export const roundRemindCommand = stepCommand('remind');
export const roundCloseCommand = stepCommand('close');

export const roundStatusCommand: Command = {
  name: 'round status',
  summary: '查看一轮周调度的报送情况（总数与各单位已报、未报）',
  help: `用法：diaodu round status [--week 2026-W48]

列出该周应报项目数、已报项目数、已报齐的单位数，以及每个单位已报和未报的项目。
  --week   周次（ISO 周，如 2026-W48）；默认为当前周`,
  options: WEEK_OPTION,
  async run(ctx, { values }) {
    // Only reads. It used to create the week's period like the steps do; but which round asks for the month-end
    // figure is decided once, when its period is created, so a look at a future week (W51 in November) made that week
    // the one to ask and the first round of December (W50) did not.
    const w = resolveWeek(typeof values.week === 'string' ? values.week : undefined, ctx.clock.now());
    if (!w.ok) {
      ctx.io.err(w.error);
      return 2;
    }
    const { db } = await ctx.openDb();
    const period = await getPeriodByWeek(db, w.weekStart);
    if (!period) {
      const schedule = await scheduleOf(db, w.weekStart);
      if (schedule.skipped) {
        ctx.io.err(`${w.weekStart} 所在周没有调度：${schedule.reason}`);
        return 1;
      }
      ctx.io.out(
        `${w.weekStart} 所在周（${schedule.planYear}年度）的调度尚未开始：${deadlineText(schedule.opensAt)} 开始，${deadlineText(schedule.remindAt)} 提醒，${deadlineText(schedule.deadlineAt)} 截止。`,
      );
      return 0;
    }
    const projects = await roundProjects(db, period.planYear);
    const reported = await reportedInPeriod(db, period.id);
    const reporters = await peopleByUnit(db, 'reporter');
    const units = new Map<number, { name: string; all: typeof projects }>();
    for (const p of projects) units.set(p.unitId, { name: p.unitName, all: [...(units.get(p.unitId)?.all ?? []), p] });
    const complete = [...units.values()].filter((u) => u.all.every((p) => reported.has(p.projectId))).length;
    const n = projects.filter((p) => reported.has(p.projectId)).length;
    const late = [...reported.values()].filter((r) => r.late).length;
    // The steps in the order they happen: the rows came back in whatever order the engine chose ("close、open、remind"
    // on SQLite), and only the round's own jobs count under this run key.
    const ran = await jobsRunFor(db, period.weekStart);
    const opened = (Object.keys(STEP_NAMES) as RoundStep[]).filter((s) => ran.has(`round.${s}`));
    ctx.io.out(
      `${period.weekStart} 所在周（${period.planYear}年度），截止 ${deadlineText(new Date(period.deadlineAt))}；已执行步骤：${opened.join('、') || '无'}`,
    );
    ctx.io.out(`已报 ${n} / ${projects.length} 个项目${late ? `（其中补报 ${late} 个）` : ''}；报齐单位 ${complete} / ${units.size} 个`);
    for (const [unitId, u] of [...units.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name, 'zh'))) {
      const missing = u.all.filter((p) => !reported.has(p.projectId));
      const who = (reporters.get(unitId) ?? []).map((r) => r.name).join('、');
      ctx.io.out(
        `  ${u.name}：已报 ${u.all.length - missing.length} / ${u.all.length}${missing.length ? `；未报：${missing.map((p) => `${p.code} ${p.name}`).join('、')}` : ''}${who ? `（填报人：${who}）` : ''}`,
      );
    }
    return 0;
  },
};
