// node-cron registrations only: each job is a handler called on the clock; errors are logged, never thrown.
import cron from 'node-cron';
import type { BulletinService } from '../bulletin/publish/publish';
import type { AppContext } from '../context';
import type { FeishuApi } from '../feishu/api';
import { tickAdmins } from './admins';
import { tickBatches } from './batches';
import { tickBulletin } from './bulletin';
import { tickNodes } from './nodes';
import { tickProblems } from './problems';
import { tickRounds } from './rounds';

export type Scheduler = { stop(): void; runNow(): Promise<void> };

/** `bulletin` is null until a composer is wired: then only the weekly digest of the bulletin jobs runs. */
/**
 * `everyMinute: false` runs the tick once at the start and then only when asked (runNow): for a program whose clock is
 * driven by someone else — a test moving a manual clock ticks the jobs itself (tickRounds…), and a tick from the real
 * minute in the background would run steps at moments the test did not choose.
 */
export function startScheduler(
  ctx: AppContext,
  onQueued: () => void,
  bulletin: BulletinService | null = null,
  opts: { everyMinute?: boolean; directory?: FeishuApi } = {},
): Scheduler {
  let running: Promise<void> | null = null;
  // One job failing must not keep the others from running.
  const step = (name: string, run: () => Promise<string[]>) =>
    run()
      .then((done) => {
        if (done.length) onQueued();
      })
      .catch((err) => ctx.log.error('定时任务出错', { job: name, error: (err as Error).message }));
  // The round first: a digest follows its round's close within the same tick. Administrators named by mobile or
  // e-mail are looked up last (src/jobs/admins.ts): a network call that must not hold up what is due this minute.
  const directory = opts.directory;
  const tick = () =>
    (running ??= step('rounds', () => tickRounds(ctx))
      .then(() => step('problems', () => tickProblems(ctx)))
      .then(() => step('bulletin', () => tickBulletin(ctx, bulletin)))
      .then(() => step('batches', () => tickBatches(ctx)))
      .then(() => step('nodes', () => tickNodes(ctx)))
      .then(() => step('admins', () => (directory ? tickAdmins(ctx, directory) : Promise.resolve([]))))
      .finally(() => {
        running = null;
      }));
  // Every minute of real time (node-cron's own timer, not the program's clock); the steps' own times, read from
  // ctx.clock, decide what is due. Tests drive the ticks themselves (tickRounds, tickProblems, tickBulletin).
  const task = opts.everyMinute === false ? null : cron.schedule('* * * * *', () => void tick(), { timezone: 'Asia/Shanghai', name: 'diaodu-rounds' });
  void tick();
  return {
    stop: () => void task?.stop(),
    runNow: () => tick(),
  };
}
