// The weekly round on the clock: each minute, run whichever step of the current round is due and not yet done.
import type { AppContext } from '../context';
import { getPeriodByWeek, roundProjects } from '../db/rounds';
import { addDays, weekStartOf } from '../domain/calendar';
import { hasRun } from '../handlers/run-once';
import { periodForWeek, scheduleOf } from '../handlers/round/plan';
import { hasRegister } from '../db/register';
import { type RoundStep, runRoundStep } from '../handlers/round/steps';

const STEPS: Array<[RoundStep, 'opensAt' | 'remindAt' | 'deadlineAt']> = [
  ['open', 'opensAt'],
  ['remind', 'remindAt'],
  ['close', 'deadlineAt'],
];

/**
 * Looks at this week and, when it was opened, last week (a holiday can push a deadline into the next week). A new
 * deployment does not reach back: last week counts only if its round exists. Steps run in order, each once.
 */
export async function tickRounds(ctx: AppContext): Promise<string[]> {
  const now = ctx.clock.now();
  const done: string[] = [];
  const thisWeek = weekStartOf(now);
  const lastWeek = addDays(thisWeek, -7);
  const weeks = (await getPeriodByWeek(ctx.db, lastWeek)) ? [lastWeek, thisWeek] : [thisWeek];
  for (const week of weeks) {
    // A week's period is created only once its plan year's register is in: the period fixes which month-end figure
    // it asks for, and the first round of a year must not spend the old December's question on a round that never
    // opens (a register imported in the round's second week still gets December asked).
    if (!(await getPeriodByWeek(ctx.db, week))) {
      const schedule = await scheduleOf(ctx.db, week);
      if (!schedule.skipped && !(await hasRegister(ctx.db, schedule.planYear))) continue;
    }
    const found = await periodForWeek(ctx.db, week, now);
    if (!found.ok) continue; // a week without a working day has no round
    const period = found.period;
    if (now.toISOString() < period.opensAt) continue;
    // Before the register is imported there is nobody to ask: wait rather than mark the round as opened.
    if ((await roundProjects(ctx.db, period.planYear)).length === 0) continue;
    for (const [step, at] of STEPS) {
      if (now.toISOString() < period[at]) break;
      if (await hasRun(ctx, `round.${step}`, period.weekStart)) continue;
      const outcome = await runRoundStep(ctx, step, period);
      if (outcome.ran) done.push(`${period.weekStart}:${step}`);
    }
  }
  return done;
}
