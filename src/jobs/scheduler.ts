// node-cron registrations only: each job is a handler called on the clock; errors are logged, never thrown.
import cron from 'node-cron';
import type { AppContext } from '../context';
import { tickProblems } from './problems';
import { tickRounds } from './rounds';

export type Scheduler = { stop(): void; runNow(): Promise<void> };

export function startScheduler(ctx: AppContext, onQueued: () => void): Scheduler {
  let running: Promise<void> | null = null;
  // One job failing must not keep the other from running.
  const job = (f: (c: AppContext) => Promise<string[]>) =>
    f(ctx).catch((err): string[] => {
      ctx.log.error('定时任务出错', { error: (err as Error).message });
      return [];
    });
  const tick = () =>
    (running ??= (async () => {
      const done = [...(await job(tickRounds)), ...(await job(tickProblems))];
      if (done.length) onQueued();
    })().finally(() => {
      running = null;
    }));
  // Every minute; the steps' own times (from settings and the calendar) decide what is due.
  const task = cron.schedule('* * * * *', () => void tick(), { timezone: 'Asia/Shanghai', name: 'diaodu-rounds' });
  void tick();
  return {
    stop: () => void task.stop(),
    runNow: () => tick(),
  };
}
