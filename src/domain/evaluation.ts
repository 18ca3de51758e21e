// 综合评价排序 (domain.md §10): each county's and unit's composite score from weighted parts, every point traceable to
// its figure. Each part gives a 得分率 (0–100) from its raw figure; its points are weight × 得分率 ÷ 100. A part with no
// figure for a county (no planned new starts, not visited by a 观摩…) is stated with its reason and left out: the
// composite is the points earned over the weights of the parts present, × 100 — so a missing part is neither zero nor
// a gift. Figures are kept unrounded and rounded only for display.
import { z } from 'zod';
import { roundToString } from './exact';

export const EVALUATION_PARTS = ['completion', 'starts', 'timeliness', 'problems', 'nodes', 'tour', 'batches'] as const;
export type EvaluationPart = (typeof EVALUATION_PARTS)[number];

export const PART_NAMES: Record<EvaluationPart, string> = {
  completion: '投资完成率（与序时进度比）',
  starts: '新开工项目开工率',
  timeliness: '按时报送率',
  problems: '问题办结率',
  nodes: '节点按期完成率',
  tour: '观摩得分',
  batches: '四个一批转化率（与目标比）',
};

export const weightsSchema = z
  .object(
    Object.fromEntries(EVALUATION_PARTS.map((p) => [p, z.number().min(0, '权重不能为负数').max(100, '权重不超过 100')])) as Record<EvaluationPart, z.ZodNumber>,
  )
  .strict()
  .refine((w) => Math.abs(Object.values(w).reduce((a, b) => a + b, 0) - 100) < 1e-9, '各项权重之和应为 100');
export type EvaluationWeights = Record<EvaluationPart, number>;

export const DEFAULT_WEIGHTS: EvaluationWeights = { completion: 30, starts: 15, timeliness: 15, problems: 10, nodes: 10, tour: 10, batches: 10 };

/** The raw figures of one county or unit; null where it has none (the reason is said by `MISSING`). */
export type EvaluationFacts = {
  name: string;
  /** Percent of the annual plan completed, and 序时进度 (percent) at the half's end. */
  completion: { rate: number; timeProgress: number } | null;
  /** 新开工 projects planned to start by the period's last day (计划开工日期), and those of them started (已开工) then. */
  starts: { planned: number; started: number } | null;
  /** Reports due in the half's rounds, and those in by the deadline. */
  timeliness: { due: number; onTime: number } | null;
  /** Problems raised in the half, and those of them closed (已销号) by its end. */
  problems: { raised: number; closed: number } | null;
  /** Key nodes due in the half, and those done by their date (node plans: issue 19). */
  nodes: { due: number; onTime: number } | null;
  /** Mean 观摩 score of its projects in the half's published tours, and the sheet's full marks. */
  tour: { score: number; max: number } | null;
  /** 四个一批 conversion rate (percent) at the half's end, and the target then (percent). */
  batches: { rate: number; target: number } | null;
};

export const MISSING: Record<EvaluationPart, string> = {
  completion: '无年度计划投资，本项不计',
  starts: '本期无计划开工的新开工项目（计划开工日期在期末之后的不计），本项不计',
  timeliness: '本期没有已截止的调度轮次，本项不计',
  problems: '本期未提出问题，本项不计',
  nodes: '本期无到期的计划节点（或未编制节点计划），本项不计',
  tour: '本期未列入已发布的观摩（观摩评分排名经管理员审定发布后计入），本项不计',
  batches: '无招商签约企业，本项不计',
};

export const evaluationPartSchema = z.object({
  name: z.string(),
  /** The raw figure: a percentage, or the 观摩 score in points; null when the part is missing. */
  raw: z.number().nullable(),
  /** weight × 得分率 ÷ 100, unrounded; null when missing. */
  points: z.number().nullable(),
  weight: z.number(),
  /** How the points were reached, or why the part is missing. */
  note: z.string(),
});
export const evaluationRowSchema = z.object({ name: z.string(), score: z.number(), rank: z.number(), parts: z.array(evaluationPartSchema) });
export type EvaluationPartResult = z.infer<typeof evaluationPartSchema>;
export type EvaluationRow = z.infer<typeof evaluationRowSchema>;

const pct = (x: number) => `${roundToString(x, 1)}%`;
const ratioOf = (part: number, whole: number) => (part / whole) * 100;
const capped = (x: number) => Math.min(100, Math.max(0, x));

/** One part: its raw figure, its 得分率, and the words that trace one to the other; null when the facts are missing. */
export function partScore(part: EvaluationPart, f: EvaluationFacts): { raw: number; rate: number; note: string } | null {
  switch (part) {
    case 'completion': {
      const c = f.completion;
      if (!c) return null;
      const rate = c.timeProgress <= 0 ? 100 : capped(ratioOf(c.rate, c.timeProgress));
      return { raw: c.rate, rate, note: `完成率${pct(c.rate)}，序时进度${pct(c.timeProgress)}，得分率${pct(rate)}（完成率÷序时进度，最高100%）` };
    }
    case 'starts': {
      const s = f.starts;
      if (!s || s.planned === 0) return null;
      const raw = ratioOf(s.started, s.planned);
      return { raw, rate: raw, note: `计划开工日期在期末前的新开工项目${s.planned}个，其中已开工${s.started}个` };
    }
    case 'timeliness': {
      const t = f.timeliness;
      if (!t || t.due === 0) return null;
      const raw = ratioOf(t.onTime, t.due);
      return { raw, rate: raw, note: `应报${t.due}次，按时报送${t.onTime}次` };
    }
    case 'problems': {
      const p = f.problems;
      if (!p || p.raised === 0) return null;
      const raw = ratioOf(p.closed, p.raised);
      return { raw, rate: raw, note: `提出问题${p.raised}个，已办结${p.closed}个` };
    }
    case 'nodes': {
      const n = f.nodes;
      if (!n || n.due === 0) return null;
      const raw = ratioOf(n.onTime, n.due);
      return { raw, rate: raw, note: `到期节点${n.due}个，按期完成${n.onTime}个` };
    }
    case 'tour': {
      const t = f.tour;
      if (!t || t.max <= 0) return null;
      const rate = capped(ratioOf(t.score, t.max));
      return { raw: t.score, rate, note: `观摩平均得分${roundToString(t.score, 2)}分（满分${t.max}分），得分率${pct(rate)}` };
    }
    case 'batches': {
      const b = f.batches;
      if (!b) return null;
      const rate = b.target <= 0 ? 100 : capped(ratioOf(b.rate, b.target));
      return { raw: b.rate, rate, note: `转化率${pct(b.rate)}，目标${pct(b.target)}，得分率${pct(rate)}（转化率÷目标，最高100%）` };
    }
  }
}

/** Every county (or unit) scored and ranked, highest first; equal scores share a rank. Only those with some part. */
export function evaluate(facts: readonly EvaluationFacts[], weights: EvaluationWeights): EvaluationRow[] {
  const rows = facts.map((f) => {
    let earned = 0;
    let weighed = 0;
    const parts = EVALUATION_PARTS.map((part): EvaluationPartResult => {
      const s = partScore(part, f);
      const weight = weights[part];
      if (!s) return { name: PART_NAMES[part], raw: null, points: null, weight, note: MISSING[part] };
      const points = (weight * s.rate) / 100;
      earned += points;
      weighed += weight;
      return { name: PART_NAMES[part], raw: s.raw, points, weight, note: s.note };
    });
    return { name: f.name, score: weighed > 0 ? (earned / weighed) * 100 : null, parts };
  });
  const scored = rows
    .filter((r): r is (typeof rows)[number] & { score: number } => r.score !== null)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'));
  return scored.map((r, i) => ({ ...r, rank: i > 0 && scored[i - 1]?.score === r.score ? scored.findIndex((x) => x.score === r.score) + 1 : i + 1 }));
}

/** '2026-H1' → the year, its months and the last month; null otherwise. */
/**
 * '2026-H1' / '2026-H2' → the half; '2026' → the whole year (half 0), which the 年考核 ranks with the same parts and
 * weights as the half-year 综合评价排序.
 */
export function parseHalf(text: string): { key: string; year: number; half: 0 | 1 | 2; firstMonth: number; lastMonth: number } | null {
  const t = text.trim();
  if (/^20\d\d$/.test(t)) return { key: t, year: Number(t), half: 0, firstMonth: 1, lastMonth: 12 };
  const m = /^(20\d\d)-?H([12])$/i.exec(t);
  if (!m) return null;
  const half = Number(m[2]) as 1 | 2;
  return { key: `${m[1]}-H${half}`, year: Number(m[1]), half, firstMonth: half === 1 ? 1 : 7, lastMonth: half === 1 ? 6 : 12 };
}

export const halfTitle = (h: { year: number; half: 0 | 1 | 2 }) => (h.half === 0 ? `${h.year}年度` : `${h.year}年${h.half === 1 ? '上' : '下'}半年`);
