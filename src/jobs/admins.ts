// Administrators named in `admins` by mobile or e-mail whom the register does not hold are looked up in the Feishu
// directory on their own: at start and then at most once an hour (a job_runs claim per Beijing hour, so a second
// instance or a restart within the hour does not ask again), through the same enterAdmins that `users sync` uses.
// Found, they are entered as people and can approve, publish and handle problems, named by their directory name;
// the drafts awaiting approval are sent to them as to the others.
// Nothing is asked while every such entry has a person. A failure of the contact API is logged and tried again the
// next hour; an entry the directory does not know (or a resigned person) is logged once, not every hour.
import type { AppContext } from '../context';
import { claimJobRun, hasJobRun } from '../db/job-runs';
import type { FeishuApi } from '../feishu/api';
import { queuePendingApprovals } from '../bulletin/publish/messages';
import { writerOf } from '../bulletin/publish/publish';
import { adminsElsewhereText, adminsNotEntered, enterAdmins } from '../people/sync-users';

export const ADMINS_JOB = 'admins-directory';
/** One job_runs row per unknown entry (and per entry whose account the register holds under another contact): the log says so once. */
export const ADMINS_UNKNOWN_JOB = 'admins-unknown';

/** '2026-11-06T10' — the Beijing hour of `at`, the run key of the hourly look-up. */
export function beijingHour(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 13);
}

/** Returns the administrators entered (or 'admins:drafts') when drafts awaiting approval were queued (the sender is woken then). */
export async function tickAdmins(ctx: AppContext, api: FeishuApi): Promise<string[]> {
  const now = ctx.clock.now();
  const hour = beijingHour(now);
  if (await hasJobRun(ctx.db, ADMINS_JOB, hour)) return [];
  const wanted = await adminsNotEntered(ctx.db);
  if (wanted.length === 0) return [];
  if (!(await ctx.engine.retry(() => claimJobRun(ctx.db, ADMINS_JOB, hour, now)))) return [];
  let report: Awaited<ReturnType<typeof enterAdmins>> | null = null;
  try {
    report = await enterAdmins(ctx.db, api, now);
  } catch (err) {
    ctx.log.warn('按飞书通讯录查询设置 admins 中的管理员失败，将于下一小时重试', { contacts: wanted.join('、'), error: (err as Error).message });
  }
  if (report?.added.length) {
    ctx.log.info(`已按飞书通讯录登记设置 admins 中的管理员 ${report.added.length} 人：${report.added.map((a) => `${a.name}（${a.contact}）`).join('、')}`);
  }
  // What awaits approval reaches those entered, as it reached the others — also after a failure part-way through
  // (some may have been entered before it). The outbox keys make a repeat send nothing twice.
  const queued: string[] = [];
  try {
    if (await writerOf(ctx)((s) => queuePendingApprovals(s))) {
      const added = report?.added ?? [];
      queued.push(...(added.length ? added.map((a) => `admin:${a.contact}`) : ['admins:drafts']));
    }
  } catch (err) {
    ctx.log.warn('向新登记的管理员补发待审定通报失败，将于下一小时重试', { error: (err as Error).message });
  }
  if (!report) return queued;
  const unknown: string[] = [];
  for (const contact of report.unresolved) {
    if (await ctx.engine.retry(() => claimJobRun(ctx.db, ADMINS_UNKNOWN_JOB, contact, now))) unknown.push(contact);
  }
  if (unknown.length) {
    ctx.log.warn(
      `设置 admins 中以下管理员在飞书通讯录中找不到或已离职，暂不能审定和发布，请核对手机号、邮箱：${unknown.join('、')}（此后每小时仍会查询，不再重复记录）`,
    );
  }
  const elsewhere = [];
  for (const a of report.elsewhere) {
    if (await ctx.engine.retry(() => claimJobRun(ctx.db, ADMINS_UNKNOWN_JOB, `elsewhere:${a.contact}`, now))) elsewhere.push(a);
  }
  if (elsewhere.length) ctx.log.warn(`${adminsElsewhereText(elsewhere)}（此后每小时仍会查询，不再重复记录）`);
  return queued;
}
