// The quarter's analysis (季分析) and the year's assessment (年考核), domain.md §1: the shapes shared by composition,
// the text, the cards and the stored snapshot (bulletins rows of kind 'quarter' and 'year'). Like the monthly
// bulletin (./bulletin.ts): amounts in 万元, percentages unrounded, gaps in 个百分点; zod schemas, types inferred.
import { z } from 'zod';
import { evaluationRowSchema } from './evaluation';

const num = z.number();
const rate = z.number().nullable();

export const trendPointSchema = z.object({
  month: z.string(),
  projects: num,
  completedWan: num,
  completionRate: rate,
  gapPoints: rate,
  monthNewWan: num,
});
export type TrendPoint = z.infer<typeof trendPointSchema>;

/** One row's months; `rank` is a county's rank at the quarter's last month (null for categories and the city). */
export const trendRowSchema = z.object({
  name: z.string(),
  /** The row at the previous quarter's end (the comparison base); null in the first quarter or when the row is new. */
  base: trendPointSchema.nullable(),
  points: z.array(trendPointSchema),
  quarterNewWan: num,
  rank: num.nullable(),
});
export type TrendRow = z.infer<typeof trendRowSchema>;

export const quarterAnalysisSchema = z.object({
  quarter: z.string(),
  /** The quarter's months that have ended, 'YYYY-MM'. */
  months: z.array(z.string()),
  /** Months whose figures are those of the published bulletin. */
  publishedMonths: z.array(z.string()),
  /**
   * The previous quarter's last month ('2026-06' for Q3), the base every change is measured from; null for the first
   * quarter: the plan year is the calendar year and its cumulative figures start in January, so the first quarter has
   * no earlier quarter of the same plan to compare with (the previous year's end closes another plan).
   */
  baseMonth: z.string().nullable(),
  baseTimeProgress: num.nullable(),
  timeProgress: z.array(num),
  timeProgressRule: z.string(),
  timeProgressBasis: z.string().nullable(),
  city: trendRowSchema,
  counties: z.array(trendRowSchema),
  categories: z.array(trendRowSchema),
  composedAt: z.string(),
});
export type QuarterAnalysis = z.infer<typeof quarterAnalysisSchema>;

export const yearRowSchema = z.object({
  name: z.string(),
  projects: num,
  annualPlanWan: num,
  completedWan: num,
  completionRate: rate,
  gapPoints: rate,
  /** 1 = the highest completion rate. */
  rank: num,
  /** Project-rounds due in the year (rounds whose deadline has passed), and how they were reported. */
  dueReports: num,
  onTimeReports: num,
  lateReports: num,
  missedReports: num,
  /** 按时报送率 = on-time reports ÷ due, percent. */
  onTimeRate: rate,
  /** 1 = the highest on-time rate. */
  timelinessRank: num,
});
export type YearRow = z.infer<typeof yearRowSchema>;

export const yearAssessmentSchema = z.object({
  year: num,
  /** The month the figures stand at: December, or the last month ended while the year runs. */
  month: z.string(),
  asOf: z.string(),
  final: z.boolean(),
  published: z.boolean(),
  timeProgress: num,
  timeProgressRule: z.string(),
  timeProgressBasis: z.string().nullable(),
  planVersion: z.string(),
  rounds: num,
  /**
   * Projects whose figure at `month`'s end is an estimate (no month-end figure reported), by name and unit, with the
   * week and day of the figure it uses (absent in assessments composed before it was kept).
   */
  estimated: z.array(
    z.object({ code: z.string(), name: z.string(), unit: z.string(), estimatedFrom: z.object({ week: z.string(), date: z.string() }).optional() }),
  ),
  /** Projects of the plan at that month. */
  projects: num,
  counties: z.array(yearRowSchema),
  units: z.array(yearRowSchema),
  composedAt: z.string(),
  /**
   * The year's 综合评价 by the same parts and weights as the half-year one (issue 21), once the year has ended; absent
   * while it runs (and in assessments composed before).
   */
  evaluation: z.object({ counties: z.array(evaluationRowSchema), units: z.array(evaluationRowSchema) }).optional(),
});
export type YearAssessment = z.infer<typeof yearAssessmentSchema>;

/** What a bulletins row holds: the monthly bulletin, a quarter's analysis or a year's assessment. */
/** 'tour': a 观摩's ranking (issue 21), published through the same approval. */
export type BulletinKind = 'month' | 'quarter' | 'year' | 'tour';

const ANALYSIS_VERSION = 1;

/** The stored form of an analysis: `{ version, kind, value }` JSON text. */
export function serializeAnalysis(a: { kind: 'quarter'; value: QuarterAnalysis } | { kind: 'year'; value: YearAssessment }): string {
  return JSON.stringify({ version: ANALYSIS_VERSION, kind: a.kind, value: a.value });
}

export function parseQuarterSnapshot(text: string): QuarterAnalysis {
  const raw = JSON.parse(text) as { kind?: unknown; value?: unknown };
  if (raw.kind !== 'quarter') throw new Error('存储的内容不是季度分析');
  return quarterAnalysisSchema.parse(raw.value);
}

export function parseYearSnapshot(text: string): YearAssessment {
  const raw = JSON.parse(text) as { kind?: unknown; value?: unknown };
  if (raw.kind !== 'year') throw new Error('存储的内容不是年度考核排名');
  return yearAssessmentSchema.parse(raw.value);
}

const QUARTER_WORDS = ['', '一', '二', '三', '四'];

/** "2026年第三季度" */
export function quarterTitle(key: string): string {
  const [year, n] = key.split('-Q').map(Number) as [number, number];
  return `${year}年第${QUARTER_WORDS[n]}季度`;
}

/** "三季度" */
export function quarterShort(n: number): string {
  return `${QUARTER_WORDS[n]}季度`;
}
