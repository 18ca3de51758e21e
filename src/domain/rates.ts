// The rates of §4.2: investment completion and its gap to 序时, 开累, start / completion / production counts, conversion.
import { percentOf, ratio, sub, toPercent, type Percent, type PercentInput } from './exact';

/**
 * part ÷ whole × 100 from integers (元 or counts), exact. null when whole is 0: a rate against nothing is not 0 %
 * and not infinite — it is shown as "—" (see formatRate).
 */
export function rateOf(part: number, whole: number): Percent | null {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole)) {
    throw new RangeError(`rateOf takes integers (元 or counts): ${part} / ${whole}`);
  }
  if (whole <= 0) return null;
  return percentOf(ratio(BigInt(part) * 100n, BigInt(whole)));
}

/** 年度投资完成率 = 年度累计完成投资 ÷ 年度计划投资 × 100; may exceed 100; null without an annual plan. */
export function completionRate(completedYuan: number, annualPlanYuan: number): Percent | null {
  return rateOf(completedYuan, annualPlanYuan);
}

/** 开累完成率 = (截至上年底累计 + 本年累计) ÷ 总投资 × 100; null without a total investment. */
export function cumulativeRate(priorYearsYuan: number, thisYearYuan: number, totalInvestmentYuan: number): Percent | null {
  return rateOf(priorYearsYuan + thisYearYuan, totalInvestmentYuan);
}

/**
 * 与序时进度之差 in 个百分点 = 完成率 − 序时进度, from the unrounded values (positive: ahead of 序时).
 * null when there is no completion rate.
 */
export function gapToTimeProgress(rate: PercentInput | null, timeProgress: PercentInput): Percent | null {
  if (rate === null) return null;
  return percentOf(sub(toPercent(rate).exact, toPercent(timeProgress).exact));
}

/** A rate over a count of projects, with both counts and the wording of what was counted. */
export type CountRate = {
  rate: Percent | null;
  numerator: number;
  denominator: number;
  /** The rate's name as printed: 开工率, 开复工率, 竣工率, 投产率. */
  label: string;
  /** What the denominator counts, as printed before it: 全部项目, 计划新开工, 应开复工, 计划竣工, 计划投产. */
  denominatorLabel: string;
  /** What the numerator counts: 已开工, 已开复工, 已竣工, 已投产. */
  numeratorLabel: string;
  /** Printed after the denominator when its label alone would not say what was left out; often empty. */
  denominatorNote: string;
};

/**
 * Which projects the 开工率 is taken over — places differ, so the bulletin must say:
 * all projects; planned new starts (新开工); all but 前期 (开复工率, where 续建 count as 复工).
 */
export type StartBasis = 'all' | 'new_starts' | 'all_but_preparatory';

/** What the start rate needs of a project: its 建设性质 and whether it has started (see hasStarted). */
export type StartFacts = { nature: string; started: boolean };

const STARTED_STATUSES: readonly string[] = ['在建', '停工', '半停工', '竣工', '投产'];

/** Whether a reported status means the project has started; 未开工, or no status at all, means it has not. */
export function hasStarted(status: string | null): boolean {
  return status !== null && STARTED_STATUSES.includes(status);
}

type CountWords = Pick<CountRate, 'label' | 'denominatorLabel' | 'numeratorLabel' | 'denominatorNote'>;

const START_WORDS: Record<StartBasis, CountWords> = {
  all: { label: '开工率', denominatorLabel: '全部项目', numeratorLabel: '已开工', denominatorNote: '' },
  new_starts: { label: '开工率', denominatorLabel: '计划新开工', numeratorLabel: '已开工', denominatorNote: '' },
  all_but_preparatory: { label: '开复工率', denominatorLabel: '应开复工', numeratorLabel: '已开复工', denominatorNote: '（不含前期项目）' },
};

function inStartBase(p: StartFacts, basis: StartBasis): boolean {
  if (basis === 'new_starts') return p.nature === '新开工';
  if (basis === 'all_but_preparatory') return p.nature !== '前期';
  return true;
}

/** 开工率 over the chosen base: started projects in the base ÷ projects in the base. */
export function startRate(projects: readonly StartFacts[], basis: StartBasis): CountRate {
  const base = projects.filter((p) => inStartBase(p, basis));
  const started = base.filter((p) => p.started).length;
  return { rate: rateOf(started, base.length), numerator: started, denominator: base.length, ...START_WORDS[basis] };
}

/** 竣工率 = completed ÷ planned completions; may exceed 100 (projects finishing ahead of plan count too). */
export function finishRate(finished: number, plannedFinishes: number): CountRate {
  const words: CountWords = { label: '竣工率', denominatorLabel: '计划竣工', numeratorLabel: '已竣工', denominatorNote: '' };
  return { rate: rateOf(finished, plannedFinishes), numerator: finished, denominator: plannedFinishes, ...words };
}

/** 投产率 = in production ÷ planned to go into production; may exceed 100. */
export function productionRate(inProduction: number, plannedProduction: number): CountRate {
  const words: CountWords = { label: '投产率', denominatorLabel: '计划投产', numeratorLabel: '已投产', denominatorNote: '' };
  return { rate: rateOf(inProduction, plannedProduction), numerator: inProduction, denominator: plannedProduction, ...words };
}

export type ConversionStage = { name: string; count: number };
export type ConversionStep = { from: string; to: string; fromCount: number; toCount: number; rate: Percent | null };

/**
 * The 转化率 chain (签约 → 开工 → 投产 → 达效): each stage ÷ the stage before. Stages a city does not track are
 * simply left out, so [签约 87, 投产达效 65] gives the single step 74.7 %.
 */
export function conversionChain(stages: readonly ConversionStage[]): ConversionStep[] {
  const steps: ConversionStep[] = [];
  for (let i = 1; i < stages.length; i++) {
    const prev = stages[i - 1];
    const cur = stages[i];
    if (!prev || !cur) continue;
    steps.push({ from: prev.name, to: cur.name, fromCount: prev.count, toCount: cur.count, rate: rateOf(cur.count, prev.count) });
  }
  return steps;
}
