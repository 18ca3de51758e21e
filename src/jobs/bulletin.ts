// The bulletin on the clock, each minute: the weekly digest after a round's deadline, and the monthly bulletin at
// its scheduled time (`bulletin.schedule`, default the 5th at 09:00) for the month before. Each runs once (job_runs).
import { renderDigestCard } from '../../cards/round/digest';
import { parseMonth } from '../bulletin/month';
import type { BulletinService, Writer } from '../bulletin/publish/publish';
import { bulletinGroups, hasReportsBy, monthBulletins } from '../bulletin/publish/store';
import { hasRegister } from '../db/register';
import { composeDigest } from '../handlers/round/digest';
import type { AppContext } from '../context';
import { getPeriodByWeek, periodBefore } from '../db/rounds';
import { loadSettings } from '../db/settings';
import { addDays, weekStartOf } from '../domain/calendar';
import { shanghaiDate } from '../domain/progress';
import { hasRun, outsideQuietHours, runOnce } from '../handlers/run-once';

const DIGEST_WITHIN_MS = 72 * 3600_000;

/** The month a run on `now` composes (the one before) and when, by the schedule "5日 09:00", it is due. */
export function monthlyDue(now: Date, schedule: string): { month: string; at: Date } {
  const m = /^(\d{1,2})日 (\d{2}):(\d{2})$/.exec(schedule);
  const [day, hh, mm] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [5, 9, 0];
  const today = shanghaiDate(now);
  const prev = today.month === 1 ? { year: today.year - 1, month: 12 } : { year: today.year, month: today.month - 1 };
  return {
    month: `${prev.year}-${String(prev.month).padStart(2, '0')}`,
    // Beijing wall time is UTC+8 all year.
    at: new Date(Date.UTC(today.year, today.month - 1, day, hh - 8, mm)),
  };
}

/** A writer whose transaction also claims the job run; null when another instance has claimed it. */
function claiming(ctx: AppContext, job: string, runKey: string): Writer {
  return async (fn) => {
    const r = await runOnce(ctx, job, runKey, (s) => fn({ tx: s.tx, now: s.now, send: (msg, key) => s.send(msg, key, outsideQuietHours(s.now)) }));
    return r.ran ? r.result : null;
  };
}

async function tickMonthly(ctx: AppContext, service: BulletinService): Promise<string[]> {
  const now = ctx.clock.now();
  const { settings } = await loadSettings(ctx.db);
  const { month, at } = monthlyDue(now, settings['bulletin.schedule']);
  if (now < at || (await hasRun(ctx, 'bulletin.monthly', month))) return [];
  // Before the register is imported there is nothing to compose: wait rather than mark the month as done.
  if (!(await hasRegister(ctx.db, Number(month.slice(0, 4))))) return [];
  // Nor before anyone has reported on the month: a bot deployed mid-month does not send administrators last month's
  // bulletin of zeros. Waiting, not marking the month done, lets a round opened late still bring it.
  if (!(await hasReportsBy(ctx.db, parseMonth(month)!.lastDay))) return [];
  // A draft already sent (by `diaodu bulletin --post`) or a published bulletin is not composed again.
  const existing = (await monthBulletins(ctx.db, month)).filter((r) => r.status === 'draft' || r.status === 'published');
  if (existing.length) {
    await runOnce(ctx, 'bulletin.monthly', month, async () => null);
    ctx.log.info('本月月通报已有待审定稿或已发布，定时编制跳过', { month });
    return [];
  }
  const outcome = await service.submitDraft(ctx, month, { write: claiming(ctx, 'bulletin.monthly', month) });
  return outcome.kind === 'claimed' ? [] : [`${month}:bulletin`];
}

async function tickDigests(ctx: AppContext): Promise<string[]> {
  const now = ctx.clock.now();
  const thisWeek = weekStartOf(now);
  const done: string[] = [];
  for (const week of [addDays(thisWeek, -7), thisWeek]) {
    const period = await getPeriodByWeek(ctx.db, week);
    if (!period || now.toISOString() < period.deadlineAt) continue;
    // A digest is news of the week: not sent days late (a bot that was down, a group set up afterwards).
    if (now.getTime() > Date.parse(period.deadlineAt) + DIGEST_WITHIN_MS) continue;
    // After the round's own close (escalations, the administrators' summary), once.
    if (!(await hasRun(ctx, 'round.close', week)) || (await hasRun(ctx, 'bulletin.digest', week))) continue;
    const groups = await bulletinGroups(ctx.db);
    if (groups.length === 0) continue;
    const previous = await periodBefore(ctx.db, period);
    const vm = await composeDigest(ctx.db, period, previous ?? null);
    const ran = await runOnce(ctx, 'bulletin.digest', week, async (s) => {
      if (!vm) return 0;
      const card = renderDigestCard(vm);
      for (const g of groups) {
        await s.send(
          { op: 'create', receiveIdType: 'chat_id', receiveId: g.chatId, msgType: 'interactive', content: card },
          `digest:${week}:${g.chatId}`,
          outsideQuietHours(s.now),
        );
      }
      return groups.length;
    });
    if (ran.ran) {
      ctx.log.info('周调度简报已发出', { week, groups: ran.result });
      done.push(`${week}:digest`);
    }
  }
  return done;
}

/** What the scheduler calls each minute. Without a composer (not wired) only the digest runs. */
export async function tickBulletin(ctx: AppContext, service: BulletinService | null): Promise<string[]> {
  const done = await tickDigests(ctx);
  if (service) done.push(...(await tickMonthly(ctx, service)));
  return done;
}
