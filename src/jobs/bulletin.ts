// The bulletin on the clock, each minute: the weekly digest after a round's deadline, and the monthly bulletin once
// the month's end figures are in (`bulletin.schedule`: by default the first working day after the deadline of the
// round that asks for them, 09:00; see domain/calendar-month-end.ts). Each runs once (job_runs).
import { renderDigestCard } from '../../cards/round/digest';
import { parseMonth } from '../bulletin/month';
import type { BulletinService, Writer } from '../bulletin/publish/publish';
import { bulletinGroups, hasReportsBy, monthBulletins } from '../bulletin/publish/store';
import { hasRegister } from '../db/register';
import { composeDigest } from '../handlers/round/digest';
import type { AppContext } from '../context';
import type { Db } from '../db/connect';
import { askingPeriodOf, getPeriodByWeek, periodBefore } from '../db/rounds';
import { loadSettings } from '../db/settings';
import { addDays, formatBeijing, isoWeekLabel, roundTimesOf, shanghaiDay, weekStartOf, workCalendarOf } from '../domain/calendar';
import { type MonthCycle, monthBefore, monthCycle } from '../domain/calendar-month-end';
import type { Settings } from '../domain/settings';
import { hasRun, outsideQuietHours, runOnce } from '../handlers/run-once';
import { adminOpenIds } from '../people/people';

const DIGEST_WITHIN_MS = 72 * 3600_000;

/**
 * The month's cycle with the asking round as it was actually created, if it was (its times were fixed then); the
 * calendar's expectation otherwise. See domain/calendar-month-end.ts.
 */
export async function cycleOf(db: Db, month: string, settings: Settings): Promise<MonthCycle> {
  const asked = await askingPeriodOf(db, month);
  return monthCycle(month, {
    times: roundTimesOf(settings),
    cal: workCalendarOf(settings),
    schedule: settings['bulletin.schedule'],
    asked: asked && {
      weekStart: asked.weekStart,
      week: isoWeekLabel(asked.weekStart),
      opensAt: new Date(asked.opensAt),
      deadlineAt: new Date(asked.deadlineAt),
    },
  });
}

const weekName = (label: string) => `${label.slice(0, 4)}年第${Number(label.slice(6))}周`;

export const heldTexts = {
  /** December whose asking round (the new plan year's first) cannot be created: the new register is not in. */
  register: (year: number, nextYear: number) =>
    `${year}年12月底数据尚未开始收集：${nextYear}年度项目库尚未导入，12月月通报暂缓编制。导入后将向各单位征集${year}年12月底数据，截止后自动编制。`,
  /** Any month whose asking round the calendar expected did not take place. */
  round: (year: number, month: number, week: string, opens: string) =>
    `${year}年${month}月底数据尚未开始收集：原定征集该数据的${weekName(week)}调度（${opens}开始）未开展，${month}月月通报暂缓编制。` +
    `此后在${month === 12 ? 1 : month + 1}月内开始的第一轮调度将征集${month}月底数据，截止后自动编制；如需按现有数据先行编制，可运行 diaodu bulletin --month ${year}-${String(month).padStart(2, '0')} --post。`,
  /** `calendar rounds`, before the first January round, while the next year's register is not in. */
  registerDue: (year: number, nextYear: number, deadline: string) =>
    `${nextYear}年度项目库尚未导入：须于${deadline}前导入，否则${year}年12月底数据于导入后开展的第一轮调度征集，12月月通报相应顺延`,
};

/**
 * Why a month's end figures are not being collected although the calendar's round for them is over, or null. The
 * round that asks for them was never created: for December, because the new plan year's register came after the first
 * January round's deadline (a round is created only once its plan year's register is in; see jobs/rounds.ts). The
 * bulletin then waits — built now it would stand on estimates — and is composed after the deadline of the round that
 * asks for the month once there is one (cycleOf then follows that round). A month nobody reported on (a bot deployed
 * since) is not waited for; a fixed bulletin.schedule before the figures close is the administrator's choice of
 * estimates and is not held either.
 */
export async function pendingCollection(db: Db, cycle: MonthCycle, now: Date): Promise<string | null> {
  if (cycle.created || !cycle.ask || now.getTime() < cycle.ask.deadlineAt.getTime()) return null;
  if (!(await hasReportsBy(db, parseMonth(cycle.month)!.lastDay))) return null;
  const [year, month] = cycle.month.split('-').map(Number) as [number, number];
  const askYear = Number(shanghaiDay(cycle.ask.opensAt).slice(0, 4));
  if (askYear > year && !(await hasRegister(db, askYear))) return heldTexts.register(year, askYear);
  return heldTexts.round(year, month, cycle.ask.week, formatBeijing(cycle.ask.opensAt, { year: askYear > year }));
}

/**
 * The months whose bulletin is due at `now`: the month before, once its composition time has come, and the month
 * before that when its asking round slipped so far that its composition falls in this month.
 */
export async function dueMonths(db: Db, now: Date, settings: Settings): Promise<MonthCycle[]> {
  const current = shanghaiDay(now).slice(0, 7);
  const out: MonthCycle[] = [];
  for (const [month, slipped] of [
    [monthBefore(monthBefore(current)), true],
    [monthBefore(current), false],
  ] as const) {
    const cycle = await cycleOf(db, month, settings);
    // The month before last only when its own composition time fell in this month: a bot deployed today does not
    // reach back for a bulletin that was due weeks ago.
    if (slipped && shanghaiDay(cycle.composeAt).slice(0, 7) !== current) continue;
    if (now.getTime() >= cycle.composeAt.getTime()) out.push(cycle);
  }
  return out;
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
  const done: string[] = [];
  for (const cycle of await dueMonths(ctx.db, now, settings)) {
    const { month } = cycle;
    if (await hasRun(ctx, 'bulletin.monthly', month)) continue;
    // Before the register is imported there is nothing to compose: wait rather than mark the month as done.
    if (!(await hasRegister(ctx.db, Number(month.slice(0, 4))))) continue;
    // Nor before anyone has reported on the month: a bot deployed mid-month does not send administrators last month's
    // bulletin of zeros. Waiting, not marking the month done, lets a round opened late still bring it.
    if (!(await hasReportsBy(ctx.db, parseMonth(month)!.lastDay))) continue;
    // Nor while the month's end figures are not being collected (December before the new register): the administrators
    // are told once, and the month is composed after the deadline of the round that comes to ask for it.
    const pending = await pendingCollection(ctx.db, cycle, now);
    if (pending) {
      const told = await runOnce(ctx, 'bulletin.monthly-held', month, async (s) => {
        const ids = await adminOpenIds(s.tx);
        for (const id of ids) {
          await s.send(
            { op: 'create', receiveIdType: 'open_id', receiveId: id, msgType: 'text', content: { text: pending } },
            `bulletin:${month}:held:${id}`,
            outsideQuietHours(s.now),
          );
        }
        return ids.length;
      });
      if (told.ran) ctx.log.info('月末数尚未征集，月通报暂缓编制', { month, admins: told.result });
      continue;
    }
    // A draft already sent (by `diaodu bulletin --post`) or a published bulletin is not composed again.
    const existing = (await monthBulletins(ctx.db, month)).filter((r) => r.status === 'draft' || r.status === 'published');
    if (existing.length) {
      await runOnce(ctx, 'bulletin.monthly', month, async () => null);
      ctx.log.info('本月月通报已有待审定稿或已发布，定时编制跳过', { month });
      continue;
    }
    const outcome = await service.submitDraft(ctx, month, { write: claiming(ctx, 'bulletin.monthly', month) });
    if (outcome.kind !== 'claimed') done.push(`${month}:bulletin`);
  }
  return done;
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
