// The composed monthly bulletin (月通报, domain.md §5): the one shape shared by composition, the JSON output, the text,
// the cards, the spreadsheet and the stored snapshot. Everything the renderers print is in here, so a published
// snapshot re-renders exactly the same without touching the reports again.
//
// Units: amounts in 万元 as JSON numbers (exact: the database keeps integer 元, so a 万元 figure has at most 4
// decimals); percentages in percent, unrounded (rounding happens only when printed); gaps in 个百分点.

import { z } from 'zod';
import { statsMismatchSchema } from './statistics';
import { bulletinNodeFields, bulletinPaceFields } from './bulletin-nodes';

// The shape is a zod schema and the types are inferred from it, so what the program composes and what a stored
// snapshot is checked against (src/domain/bulletin-snapshot.ts) cannot drift apart. Objects strip keys they do not
// name: a Bulletin read back never carries a field this version does not know.

const num = z.number();
const rate = z.number().nullable();

/**
 * The 序时 a project's gap and light were measured against (percent, unrounded) and where it came from: `own` = its
 * 月度计划 (序时进度按项目月度计划), `city` = the city-wide rule (按全市统一序时). Optional: snapshots before the 月度计划
 * sheet have neither; absent on a project without a report (nothing was measured).
 */
const timeProgressFields = {
  timeProgress: z.number().optional(),
  timeProgressSource: z.enum(['own', 'city']).optional(),
};

export const bulletinLightSchema = z.enum(['red', 'yellow', 'green']);
export type BulletinLight = z.infer<typeof bulletinLightSchema>;

/** Highest completion rate first (rank 1 at the top), or lowest first so that laggards lead. */
export const countyOrderSchema = z.enum(['highest_first', 'lowest_first']);
export type CountyOrder = z.infer<typeof countyOrderSchema>;

/** One row of a breakdown (county, category or level): the issue's `counties` / `categories` entries. */
export const bulletinGroupRowSchema = z.object({
  name: z.string(),
  projects: num,
  annualPlanWan: num,
  completedWan: num,
  /** null when the plan is 0 (a rate of nothing is not printed as 0). */
  completionRate: rate,
  gapPoints: rate,
  /** This month's new investment: month-end figure minus the previous month-end figure. */
  monthNewWan: num,
});
export type BulletinGroupRow = z.infer<typeof bulletinGroupRowSchema>;

export const bulletinCountyRowSchema = bulletinGroupRowSchema.extend({
  /** 1 = the highest completion rate; ties share a rank. */
  rank: num,
  ...bulletinPaceFields,
});
export type BulletinCountyRow = z.infer<typeof bulletinCountyRowSchema>;

export const bulletinLaggingRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  county: z.string(),
  unit: z.string(),
  leader: z.string().nullable(),
  completionRate: rate,
  gapPoints: rate,
  light: bulletinLightSchema,
  ...timeProgressFields,
  /** 投资滞后 (below 序时) and/or 开工滞后 (a planned new start that has not started). */
  reasons: z.array(z.enum(['投资滞后', '开工滞后'])),
  monthsLagging: num,
  /**
   * Where the run of monthsLagging begins (month of the year, 1–12) and whether that month is the first with a figure
   * (the month before has none): then the text says "自X月有数据以来连续N个月", claiming no month without data.
   * Optional: added with snapshot version 2.
   */
  runSince: z.object({ month: num, firstData: z.boolean() }).optional(),
});
export type BulletinLaggingRow = z.infer<typeof bulletinLaggingRowSchema>;

export const bulletinUnreportedSchema = z.object({ unit: z.string(), codes: z.array(z.string()) });
export type BulletinUnreported = z.infer<typeof bulletinUnreportedSchema>;

export const bulletinProblemsSchema = z.object({
  byStatus: z.record(z.string(), num),
  byCategory: z.record(z.string(), num),
  newThisMonth: num,
  closedThisMonth: num,
  /** 办结率 = 已销号 ÷ all items raised this year, percent; null when there are none. */
  closureRate: rate,
  overdue: z.array(
    z.object({
      id: num,
      project: z.string(),
      category: z.string(),
      description: z.string(),
      leadUnit: z.string().nullable(),
      deadline: z.string().nullable(),
    }),
  ),
});
export type BulletinProblems = z.infer<typeof bulletinProblemsSchema>;

export const bulletinStartsSchema = z.object({
  /** Projects of nature 新开工 in the plan. */
  plannedStarts: num,
  /** Of those, started by the month end. */
  started: num,
  /** Started before the planned month / in or before it / after it or not yet (planned month passed). */
  early: num,
  onTime: num,
  late: num,
  plannedCompletions: num,
  completed: num,
  inProduction: num,
});
export type BulletinStarts = z.infer<typeof bulletinStartsSchema>;

export const bulletinTimelinessSchema = z.object({
  /** Units with every weekly report of the month on time. */
  onTimeUnits: num,
  totalUnits: num,
  /** Units that reported late (补报) or missed at least one round of the month, with counts. */
  lateUnits: z.array(z.object({ unit: z.string(), late: num, missed: num })),
  /** Rounds of the month counted (opened in the month, deadline passed when composed); 0: no round, nothing to rank. */
  rounds: num.optional(),
});
export type BulletinTimeliness = z.infer<typeof bulletinTimelinessSchema>;

/** A figure of an earlier, published month that changed after publication (shown as 更正 in the next bulletin). */
export const bulletinCorrectionSchema = z.object({ month: z.string(), code: z.string(), name: z.string(), publishedWan: num, nowWan: num });
export type BulletinCorrection = z.infer<typeof bulletinCorrectionSchema>;

/** One row of the 附表 (the full project table, exported as .xlsx). */
export const bulletinProjectRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  county: z.string(),
  category: z.string(),
  level: z.string(),
  nature: z.string(),
  unit: z.string(),
  leader: z.string().nullable(),
  totalInvestmentWan: num,
  annualPlanWan: num,
  /** Month-end cumulative figure for the year; null when the project has never reported (暂无填报). */
  completedWan: num.nullable(),
  /** True when completedWan is the latest figure before the month end rather than a reported month-end figure. */
  estimated: z.boolean(),
  /**
   * For an estimated figure (估): the round it was reported in, as an ISO week ('2026-W48'), and the day it was
   * submitted ('YYYY-MM-DD', Beijing time). Optional: added with snapshot version 2.
   */
  estimatedFrom: z.object({ week: z.string(), date: z.string() }).optional(),
  completionRate: rate,
  gapPoints: rate,
  light: bulletinLightSchema.nullable(),
  status: z.string().nullable(),
  progressText: z.string().nullable(),
  ...timeProgressFields,
});
export type BulletinProjectRow = z.infer<typeof bulletinProjectRowSchema>;

/** 期号 and 落款: who issues the bulletin, its number in the year, and the day it is dated (the day it was issued). */
export const bulletinIssueSchema = z.object({
  /** 发文单位 and the title (settings bulletin.office, bulletin.title), as they were when issued. */
  office: z.string(),
  title: z.string(),
  /** The year the number counts in, and the number: "2026年第10期". */
  year: num,
  number: num,
  /** 'YYYY-MM-DD' (Beijing): the day composed for a draft, the day published once published. */
  date: z.string(),
});
export type BulletinIssue = z.infer<typeof bulletinIssueSchema>;

/** 环比: the city's figures at the end of the month before, against this month's. */
export const bulletinChangeSchema = z.object({
  /** 'YYYY-MM' */
  previousMonth: z.string(),
  completionRate: rate,
  gapPoints: rate,
  /** Projects red or yellow (进度滞后) now that were not at the end of the month before, worst first. */
  newLaggards: z.array(z.object({ code: z.string(), name: z.string(), light: bulletinLightSchema })),
});
export type BulletinChange = z.infer<typeof bulletinChangeSchema>;

const batchCounts = { signed: num, started: num, producing: num, effective: num };

/** 四个一批 at the month end (issue 20): 转化率 = 投产达效 ÷ 签约, percent unrounded; gaps to the target in 个百分点. */
export const bulletinFourBatchesSchema = z.object({
  ...batchCounts,
  conversionRate: rate,
  target: num,
  overHundredMillion: z.object({ ...batchCounts, conversionRate: rate }),
  counties: z.array(z.object({ name: z.string(), signed: num, producing: num, conversionRate: rate, gapPoints: rate })),
});

/** The 储备库 (issue 20): amounts in 万元, industryShare percent, ratio a multiple of the county's annual plan. */
export const bulletinReserveSchema = z.object({
  projects: num,
  totalWan: num,
  byStage: z.object({
    谋划: z.object({ projects: num, totalWan: num }),
    前期: z.object({ projects: num, totalWan: num }),
    具备开工条件: z.object({ projects: num, totalWan: num }),
  }),
  industryShare: rate,
  counties: z.array(
    z.object({
      name: z.string(),
      projects: num,
      readyWan: num,
      ratio: rate,
      light: z.enum(['red', 'green']).nullable(),
      // Per county since a later change: a bulletin stored before it reads back without the share.
      industryShare: rate.default(null),
    }),
  ),
});

export const bulletinSchema = z.object({
  /** 'YYYY-MM' */
  month: z.string(),
  /** The month-end date, 'YYYY-MM-DD'. */
  asOf: z.string(),
  /** 序时进度, percent, by the configured rule; `timeProgressRule` names the rule. */
  timeProgress: num,
  timeProgressRule: z.string(),
  /** How 序时进度 was computed, in words (按整月计算…), for the text and cards. Optional: added by composition. */
  timeProgressBasis: z.string().optional(),
  /** Which version of the plan the figures were measured against (domain.md §2), e.g. "2026年度计划（第2版，2026-06-30 调整）". */
  planVersion: z.string(),
  projects: num,
  annualPlanWan: num,
  completedWan: num,
  completionRate: rate,
  gapPoints: rate,
  plannedStarts: num,
  started: num,
  starts: bulletinStartsSchema,
  levels: z.array(bulletinGroupRowSchema),
  categories: z.array(bulletinGroupRowSchema),
  counties: z.array(bulletinCountyRowSchema),
  /** The order `counties` is listed in (setting bulletin.countyOrder); rank 1 is the highest rate either way. */
  countyOrder: countyOrderSchema.optional(),
  lagging: z.array(bulletinLaggingRowSchema),
  unreported: z.array(bulletinUnreportedSchema),
  /** Codes whose month-end figure is the latest cumulative figure before the month ended (not a reported month-end). */
  estimated: z.array(z.string()),
  problems: bulletinProblemsSchema,
  timeliness: bulletinTimelinessSchema,
  corrections: z.array(bulletinCorrectionSchema),
  /** 下步工作要求: the standard paragraph (a setting, editable). */
  requirements: z.string(),
  /** 附表: every project of the plan, in register order. */
  table: z.array(bulletinProjectRowSchema),
  /** When composed, ISO UTC. */
  composedAt: z.string(),
  /** 期号 and 落款 (snapshot version 2; a version 1 snapshot has none and is rendered as it was then). */
  issue: bulletinIssueSchema.optional(),
  /** 环比 with the month before; null in January (nothing before it in the plan year). Version 2. */
  change: bulletinChangeSchema.nullable().optional(),
  /** 四个一批, when the register has a 招商项目 sheet; absent otherwise (and in every bulletin composed before it). */
  fourBatches: bulletinFourBatchesSchema.optional(),
  /** The 储备库, when the register has a 储备项目 sheet; absent otherwise. */
  reserve: bulletinReserveSchema.optional(),
  /** 统计监测: the month's flags against the statistics office's figures; only when figures were imported for the month. */
  statsMismatches: z.array(statsMismatchSchema).optional(),
  /** 倒排工期 and 节点控制 (src/domain/bulletin-nodes.ts). */
  ...bulletinPaceFields,
  ...bulletinNodeFields,
});
export type Bulletin = z.infer<typeof bulletinSchema>;
