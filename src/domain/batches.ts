// 四个一批 (domain.md §10): enterprises brought in by 招商引资 move 签约 → 开工 → 投产 → 达效. 转化率 = enterprises
// that reached 投产 (达效 included) ÷ enterprises signed, as of a month end, for the city and each county, against a
// target that grows through the year (default 50 % by 6月底, 80 % by 12月底, 序时 between them by month).
import { decimalRatio, percentOf, ratio, type Percent } from './exact';
import { gapToTimeProgress, rateOf } from './rates';

export const BATCH_STAGES = ['签约', '开工', '投产', '达效'] as const;
export type BatchStage = (typeof BATCH_STAGES)[number];
/** The stages a reporter records after signing. */
export const LATER_STAGES = ['开工', '投产', '达效'] as const;
export type LaterStage = (typeof LATER_STAGES)[number];

/** "亿元以上": planned investment of 1 亿元 (10,000 万元) or more, in 元. */
export const HUNDRED_MILLION_YUAN = 100_000_000;

export type StageDates = { signedOn: string; startedOn: string | null; producingOn: string | null; effectiveOn: string | null };
export type EnterpriseFacts = StageDates & { countyName: string; plannedYuan: number };

const DATE_KEY: Record<BatchStage, keyof StageDates> = { 签约: 'signedOn', 开工: 'startedOn', 投产: 'producingOn', 达效: 'effectiveOn' };

export function stageDate(e: StageDates, stage: BatchStage): string | null {
  return e[DATE_KEY[stage]];
}

/**
 * The furthest stage reached on `day` (inclusive), or null when not yet signed. A later stage implies the earlier
 * ones: an enterprise whose sheet gives 投产 without 开工 has started, whatever the sheet left blank.
 */
export function stageOn(e: StageDates, day: string): BatchStage | null {
  for (let i = BATCH_STAGES.length - 1; i >= 0; i--) {
    const stage = BATCH_STAGES[i] as BatchStage;
    const d = stageDate(e, stage);
    if (d !== null && d <= day) return stage;
  }
  return null;
}

/** The furthest stage with a date at all (what the enterprise has reached so far). */
export function currentStage(e: StageDates): BatchStage {
  return stageOn(e, '9999-12-31') ?? '签约';
}

export const reached = (at: BatchStage | null, stage: BatchStage) => at !== null && BATCH_STAGES.indexOf(at) >= BATCH_STAGES.indexOf(stage);

/** A point of the target curve: by the end of `month`, `percent` of signed enterprises in production. */
export type TargetPoint = { month: number; percent: number };

/**
 * The target at the end of `month`: read from the points, straight lines between them (序时 by month), rising from 0
 * at the start of the year to the first point, flat after the last. [6月 50, 12月 80] gives 3月 25 %, 9月 65 %.
 */
export function targetFor(month: number, points: readonly TargetPoint[]): Percent {
  let prev: TargetPoint = { month: 0, percent: 0 };
  for (const p of [...points].sort((a, b) => a.month - b.month)) {
    if (month <= p.month) {
      const from = decimalRatio(prev.percent);
      const to = decimalRatio(p.percent);
      // from + (to − from) × (month − prev.month) ÷ (p.month − prev.month), exactly
      const span = BigInt(p.month - prev.month);
      const steps = BigInt(month - prev.month);
      const num = from.num * to.den * span + (to.num * from.den - from.num * to.den) * steps;
      return percentOf(ratio(num, from.den * to.den * span));
    }
    prev = p;
  }
  return percentOf(decimalRatio(prev.percent));
}

export type BatchCounts = { signed: number; started: number; producing: number; effective: number };

export function countStages(list: readonly StageDates[], day: string): BatchCounts {
  const at = list.map((e) => stageOn(e, day));
  const n = (s: BatchStage) => at.filter((a) => reached(a, s)).length;
  return { signed: n('签约'), started: n('开工'), producing: n('投产'), effective: n('达效') };
}

/** 转化率 = 投产达效 ÷ 签约 × 100, unrounded; null when nothing is signed. */
export const conversionRate = (c: Pick<BatchCounts, 'signed' | 'producing'>): Percent | null => rateOf(c.producing, c.signed);

export type FourBatchesCounty = { name: string; signed: number; producing: number; conversionRate: number | null; gapPoints: number | null };

/** The bulletin's `fourBatches` (issue 20): percentages unrounded, gaps in 个百分点. */
export type FourBatches = BatchCounts & {
  conversionRate: number | null;
  target: number;
  overHundredMillion: BatchCounts & { conversionRate: number | null };
  counties: FourBatchesCounty[];
};

/** The chain as of `day` (a month end, 'YYYY-MM-DD'), against the target of `month`. Counties: highest rate first. */
export function fourBatches(list: readonly EnterpriseFacts[], day: string, month: number, points: readonly TargetPoint[]): FourBatches {
  const target = targetFor(month, points);
  const signedBy = list.filter((e) => e.signedOn <= day);
  const all = countStages(signedBy, day);
  const big = countStages(
    signedBy.filter((e) => e.plannedYuan >= HUNDRED_MILLION_YUAN),
    day,
  );
  const byCounty = new Map<string, EnterpriseFacts[]>();
  for (const e of signedBy) byCounty.set(e.countyName, [...(byCounty.get(e.countyName) ?? []), e]);
  const counties = [...byCounty].map(([name, es]) => {
    const c = countStages(es, day);
    const rate = conversionRate(c);
    return { name, signed: c.signed, producing: c.producing, rate };
  });
  counties.sort((a, b) => (b.rate?.value ?? -1) - (a.rate?.value ?? -1) || a.name.localeCompare(b.name, 'zh-CN'));
  const rate = conversionRate(all);
  return {
    ...all,
    conversionRate: rate?.value ?? null,
    target: target.value,
    overHundredMillion: { ...big, conversionRate: conversionRate(big)?.value ?? null },
    counties: counties.map((c) => ({
      name: c.name,
      signed: c.signed,
      producing: c.producing,
      conversionRate: c.rate?.value ?? null,
      gapPoints: gapToTimeProgress(c.rate, target)?.value ?? null,
    })),
  };
}

export type StageEntry = { stage: LaterStage; date: string; reason: string | null };
export type StageCheck = { ok: true; backwards: boolean } | { ok: false; reason: string };

/**
 * Whether a reporter may record `entry` for an enterprise as it stands on `today`: a later stage than reached (or
 * the current one again, to correct its date); a date not in the future and not before signing; a date earlier
 * than the latest one already recorded only with a reason (dates never go backwards silently).
 */
export function checkStageEntry(e: StageDates, entry: StageEntry, today: string): StageCheck {
  const now = currentStage(e);
  const stageIndex = BATCH_STAGES.indexOf(entry.stage);
  if (stageIndex < BATCH_STAGES.indexOf(now)) return { ok: false, reason: `该企业已${now}，不能登记为${entry.stage}；如登记有误，请联系重点项目办更正` };
  if (entry.date > today) return { ok: false, reason: `${entry.stage}日期不能晚于今天（${today}）` };
  if (entry.date < e.signedOn) return { ok: false, reason: `${entry.stage}日期不能早于签约日期（${e.signedOn}）` };
  const earlier = BATCH_STAGES.slice(1, stageIndex)
    .map((s) => stageDate(e, s))
    .filter((d): d is string => d !== null);
  const latest = earlier.sort().at(-1) ?? null;
  const own = stageDate(e, entry.stage);
  const backwards = (latest !== null && entry.date < latest) || (own !== null && entry.date < own);
  if (backwards && !entry.reason) {
    const against = own !== null && entry.date < own ? `已登记的${entry.stage}日期（${own}）` : `此前阶段的日期（${latest}）`;
    return { ok: false, reason: `${entry.stage}日期早于${against}，请在“说明”中写明原因` };
  }
  return { ok: true, backwards };
}

/** The dates after recording `entry`: only that stage's date changes. */
export function withStage(e: StageDates, entry: StageEntry): StageDates {
  return { ...e, [DATE_KEY[entry.stage]]: entry.date };
}
