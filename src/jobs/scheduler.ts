// node-cron registrations only: each job is a handler called on the clock; errors are logged, never thrown.
import cron from 'node-cron';
import type { AppContext } from '../context';
import { tickRounds } from './rounds';

export type Scheduler = { stop(): void; runNow(): Promise<void> };

export function startScheduler(ctx: AppContext, onQueued: () => void): Scheduler {
  let running: Promise<void> | null = null;
  const tick = () =>
    (running ??= tickRounds(ctx)
      .then((done) => {
        if (done.length) onQueued();
      })
      .catch((err) => ctx.log.error('定时任务出错', { error: (err as Error).message }))
      .finally(() => {
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
