// 重大项目储备库 (domain.md §10): reserve projects move 谋划 → 前期 → 具备开工条件, and next year's key list is drawn
// from them. 储备不足 per county: the investment of reserve projects at 前期 or 具备开工条件, against the county's
// annual plan investment of this year, below a threshold ratio (default 1.0); and the share of 产业类 projects.
import { percentOf, ratio } from './exact';
import { rateOf } from './rates';
import { yuanToWan } from './money';

export const RESERVE_STAGES = ['谋划', '前期', '具备开工条件'] as const;
export type ReserveStage = (typeof RESERVE_STAGES)[number];

export const isReserveStage = (s: string): s is ReserveStage => (RESERVE_STAGES as readonly string[]).includes(s);
/** Stages that count as ready reserve: approvals under way, or ready to start. */
export const isReady = (s: string) => s === '前期' || s === '具备开工条件';
/** 产业类: a category whose name says 产业 or 工业 (产业项目, 产业类, 工业项目); the vocabulary is each city's own. */
export const isIndustry = (category: string) => /产业|工业/u.test(category);

export type ReserveFacts = { countyName: string; categoryName: string; totalYuan: number; stage: string; promoted: boolean };
export type CountyPlan = { name: string; annualYuan: number };

/** A county of the reserve; `industryShare`: 产业类 projects ÷ the county's projects in the pool, percent unrounded. */
export type ReserveCounty = {
  name: string;
  projects: number;
  readyWan: number;
  ratio: number | null;
  light: 'red' | 'green' | null;
  industryShare: number | null;
};

/** The bulletin's `reserve` (issue 20): amounts in 万元, shares in percent unrounded, ratio a plain multiple. */
export type ReserveSummary = {
  projects: number;
  totalWan: number;
  byStage: Record<ReserveStage, { projects: number; totalWan: number }>;
  industryShare: number | null;
  counties: ReserveCounty[];
};

/** 产业类 projects as a share of `rs` by count, percent unrounded; null when there are none. */
const shareOfIndustry = (rs: readonly ReserveFacts[]) => rateOf(rs.filter((r) => isIndustry(r.categoryName)).length, rs.length)?.value ?? null;

/**
 * The reserve still waiting (projects already in a key-project register are out of it), per county against that
 * county's annual plan. A county with no annual plan has no ratio and no light; below `threshold` is red (储备不足).
 * Counties: the lowest ratio first, since those are the ones to act on.
 */
export function reserveSummary(all: readonly ReserveFacts[], plans: readonly CountyPlan[], threshold: number): ReserveSummary {
  const pool = all.filter((r) => !r.promoted);
  const sum = (rs: readonly ReserveFacts[]) => rs.reduce((a, r) => a + r.totalYuan, 0);
  const byStage = Object.fromEntries(
    RESERVE_STAGES.map((s) => {
      const rs = pool.filter((r) => r.stage === s);
      return [s, { projects: rs.length, totalWan: yuanToWan(sum(rs)) }];
    }),
  ) as ReserveSummary['byStage'];
  const names = [...new Set([...plans.map((p) => p.name), ...pool.map((r) => r.countyName)])];
  const limit = ratio(BigInt(Math.round(threshold * 1_000_000)), 1_000_000n);
  const counties = names.map((name) => {
    const rs = pool.filter((r) => r.countyName === name);
    const readyYuan = sum(rs.filter((r) => isReady(r.stage)));
    const planYuan = plans.filter((p) => p.name === name).reduce((a, p) => a + p.annualYuan, 0);
    const r = planYuan > 0 ? ratio(BigInt(readyYuan), BigInt(planYuan)) : null;
    const short = r !== null && r.num * limit.den < limit.num * r.den;
    return {
      name,
      projects: rs.length,
      readyWan: yuanToWan(readyYuan),
      ratio: r === null ? null : percentOf(r).value,
      light: r === null ? null : short ? ('red' as const) : ('green' as const),
      industryShare: shareOfIndustry(rs),
    };
  });
  counties.sort((a, b) => (a.ratio ?? Number.POSITIVE_INFINITY) - (b.ratio ?? Number.POSITIVE_INFINITY) || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    projects: pool.length,
    totalWan: yuanToWan(sum(pool)),
    byStage,
    industryShare: shareOfIndustry(pool),
    counties,
  };
}

/** A quarterly confirmation may keep a stage or advance it; going back is a correction for the 发改 office. */
export function checkReserveMove(from: string, to: string): string | null {
  if (!isReserveStage(to)) return `阶段应为 ${RESERVE_STAGES.join('/')} 之一`;
  if (isReserveStage(from) && RESERVE_STAGES.indexOf(to) < RESERVE_STAGES.indexOf(from)) {
    return `储备项目已处于“${from}”阶段，不能退回“${to}”；如确需调整，请联系重点项目办`;
  }
  return null;
}

/** '2026-Q3' for a 'YYYY-MM-DD' day. */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}
