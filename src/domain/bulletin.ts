// The composed monthly bulletin (月通报, domain.md §5): the one shape shared by composition, the JSON output, the text,
// the cards, the spreadsheet and the stored snapshot. Everything the renderers print is in here, so a published
// snapshot re-renders exactly the same without touching the reports again.
//
// Units: amounts in 万元 as JSON numbers (exact: the database keeps integer 元, so a 万元 figure has at most 4
// decimals); percentages in percent, unrounded (rounding happens only when printed); gaps in 个百分点.

export type BulletinLight = 'red' | 'yellow' | 'green';

/** Highest completion rate first (rank 1 at the top), or lowest first so that laggards lead. */
export type CountyOrder = 'highest_first' | 'lowest_first';

/** One row of a breakdown (county, category or level): the issue's `counties` / `categories` entries. */
export type BulletinGroupRow = {
  name: string;
  projects: number;
  annualPlanWan: number;
  completedWan: number;
  /** null when the plan is 0 (a rate of nothing is not printed as 0). */
  completionRate: number | null;
  gapPoints: number | null;
  /** This month's new investment: month-end figure minus the previous month-end figure. */
  monthNewWan: number;
};

export type BulletinCountyRow = BulletinGroupRow & {
  /** 1 = the highest completion rate; ties share a rank. */
  rank: number;
};

export type BulletinLaggingRow = {
  code: string;
  name: string;
  county: string;
  unit: string;
  leader: string | null;
  completionRate: number | null;
  gapPoints: number | null;
  light: BulletinLight;
  /** 投资滞后 (below 序时) and/or 开工滞后 (a planned new start that has not started). */
  reasons: Array<'投资滞后' | '开工滞后'>;
  monthsLagging: number;
};

export type BulletinUnreported = { unit: string; codes: string[] };

export type BulletinProblems = {
  byStatus: Record<string, number>;
  byCategory: Record<string, number>;
  newThisMonth: number;
  closedThisMonth: number;
  /** 办结率 = 已销号 ÷ all items raised this year, percent; null when there are none. */
  closureRate: number | null;
  overdue: Array<{ id: number; project: string; category: string; description: string; leadUnit: string | null; deadline: string | null }>;
};

export type BulletinStarts = {
  /** Projects of nature 新开工 in the plan. */
  plannedStarts: number;
  /** Of those, started by the month end. */
  started: number;
  /** Started before the planned month / in or before it / after it or not yet (planned month passed). */
  early: number;
  onTime: number;
  late: number;
  plannedCompletions: number;
  completed: number;
  inProduction: number;
};

export type BulletinTimeliness = {
  /** Units with every weekly report of the month on time. */
  onTimeUnits: number;
  totalUnits: number;
  /** Units that reported late (补报) or missed at least one round of the month, with counts. */
  lateUnits: Array<{ unit: string; late: number; missed: number }>;
  /** Rounds of the month counted (opened in the month, deadline passed when composed); 0: no round, nothing to rank. */
  rounds?: number;
};

/** A figure of an earlier, published month that changed after publication (shown as 更正 in the next bulletin). */
export type BulletinCorrection = { month: string; code: string; name: string; publishedWan: number; nowWan: number };

/** One row of the 附表 (the full project table, exported as .xlsx). */
export type BulletinProjectRow = {
  code: string;
  name: string;
  county: string;
  category: string;
  level: string;
  nature: string;
  unit: string;
  leader: string | null;
  totalInvestmentWan: number;
  annualPlanWan: number;
  /** Month-end cumulative figure for the year; null when the project has never reported (暂无填报). */
  completedWan: number | null;
  /** True when completedWan is the latest figure before the month end rather than a reported month-end figure. */
  estimated: boolean;
  completionRate: number | null;
  gapPoints: number | null;
  light: BulletinLight | null;
  status: string | null;
  progressText: string | null;
};

export type Bulletin = {
  /** 'YYYY-MM' */
  month: string;
  /** The month-end date, 'YYYY-MM-DD'. */
  asOf: string;
  /** 序时进度, percent, by the configured rule; `timeProgressRule` names the rule. */
  timeProgress: number;
  timeProgressRule: string;
  /** How 序时进度 was computed, in words (按整月计算…), for the text and cards. Optional: added by composition. */
  timeProgressBasis?: string;
  /** Which version of the plan the figures were measured against (domain.md §2), e.g. "2026年度计划（第2版，2026-06-30 调整）". */
  planVersion: string;
  projects: number;
  annualPlanWan: number;
  completedWan: number;
  completionRate: number | null;
  gapPoints: number | null;
  plannedStarts: number;
  started: number;
  starts: BulletinStarts;
  levels: BulletinGroupRow[];
  categories: BulletinGroupRow[];
  counties: BulletinCountyRow[];
  /** The order `counties` is listed in (setting bulletin.countyOrder); rank 1 is the highest rate either way. */
  countyOrder?: CountyOrder;
  lagging: BulletinLaggingRow[];
  unreported: BulletinUnreported[];
  /** Codes whose month-end figure is the latest cumulative figure before the month ended (not a reported month-end). */
  estimated: string[];
  problems: BulletinProblems;
  timeliness: BulletinTimeliness;
  corrections: BulletinCorrection[];
  /** 下步工作要求: the standard paragraph (a setting, editable). */
  requirements: string;
  /** 附表: every project of the plan, in register order. */
  table: BulletinProjectRow[];
  /** When composed, ISO UTC. */
  composedAt: string;
};
