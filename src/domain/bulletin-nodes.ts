// The bulletin's 节点控制 and 倒排工期 fields (issue 19): all optional, so a snapshot composed before them still
// parses and renders as it did. Units as in bulletin.ts: 万元 unrounded, percentages unrounded, days whole.
import { z } from 'zod';

const wan = z.number().nullable();

/** requiredMonthlyWan, forecastYearEndWan, forecastCompletionRate: on the bulletin and on each county row. */
export const bulletinPaceFields = {
  /** 要完成全年目标每月还需完成: (annual plan − completed) ÷ months left; 0 once met; null after December. */
  requiredMonthlyWan: wan.optional(),
  /** 按近三个月进度预计全年完成 (万元). */
  forecastYearEndWan: wan.optional(),
  /** forecastYearEndWan ÷ annual plan × 100; null when the plan is 0. */
  forecastCompletionRate: wan.optional(),
};

/** A node not done at the month end although its planned date had passed. */
export const bulletinOverdueNodeSchema = z.object({
  code: z.string(),
  name: z.string(),
  node: z.string(),
  plannedDate: z.string(),
  /** Calendar days from the planned date to the month end. */
  daysOverdue: z.number(),
});
export type BulletinOverdueNode = z.infer<typeof bulletinOverdueNodeSchema>;

/**
 * A project whose latest report by the month end says 停工 or 半停工, since the 停工日期 its reporter gave, else the
 * week of the first report of the run.
 */
export const bulletinStoppedSchema = z.object({
  code: z.string(),
  name: z.string(),
  status: z.string(),
  /** The 停工日期 entered on the form, else the Monday of the week the stoppage was first reported, 'YYYY-MM-DD'. */
  since: z.string(),
  /** 'entered': `since` is the 停工日期 the reporter gave; 'derived': read from the reports. Absent in older bulletins (derived). */
  sinceSource: z.enum(['entered', 'derived']).optional(),
  /** Whole weeks from `since` to the month end. */
  weeks: z.number(),
});
export type BulletinStopped = z.infer<typeof bulletinStoppedSchema>;

export const bulletinNodeFields = {
  /** Longest overdue first; absent in bulletins composed before 节点控制. */
  overdueNodes: z.array(bulletinOverdueNodeSchema).optional(),
  /** Longest stoppage first; absent in bulletins composed before it. */
  stopped: z.array(bulletinStoppedSchema).optional(),
};
