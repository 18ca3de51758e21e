// Questions for the quarter's analysis (季分析) and the year's assessment (年考核), in the words people type:
// "三季度分析", "第三季度分析", "2026年三季度分析", "季度分析", "年度考核排名", "年考核", "2026年度考核". Text comes
// normalised (normalizeText: no spaces or punctuation, lower case). Which quarter or year "the latest" is depends on
// the time of asking, so that is left to the answer (resolvePeriod).

export type QuarterWhich = 1 | 2 | 3 | 4 | 'latest' | 'current';
export type YearWhich = number | 'latest' | 'current';

export type PeriodQuestion = { kind: 'quarter_analysis'; year: number | null; quarter: QuarterWhich } | { kind: 'year_assessment'; year: YearWhich };

const DIGIT: Record<string, 1 | 2 | 3 | 4> = { '1': 1, '2': 2, '3': 3, '4': 4, 一: 1, 二: 2, 三: 3, 四: 4 };

/** Polite words around the question that say nothing about which period. */
const AROUND =
  /^(?:请问|麻烦|帮我|给我|我想看|我要看|我想要|我要|看看|看一下|查看|查一下|查询|发一下|发|出一下|生成|编制|做一下|来一份|来个|请)*(.*?)(?:情况|报告|材料|结果|一下|吧|吗|呢|的)*$/u;

const YEAR = '(20\\d\\d)年?度?';

const QUARTER_RE = new RegExp(
  `^(?:${YEAR})?(?:(第?([1-4一二三四])季度?|q([1-4]))|(上一?个?季度|上季度?|最近一?个?季度|本季度?|这个?季度|当季|季度?))的?(?:分析|季度分析|季分析|形势分析|运行分析|走势分析|分析会)$`,
  'u',
);

const YEAR_RE = new RegExp(`^(?:${YEAR}|(去年|上一?年|今年|本年度?)度?)?的?(?:年度|全年|年)?(?:重点项目)?(?:考核排名|考核结果|考核|综合排名|排名考核)$`, 'u');

export function parsePeriodQuestion(normalized: string): PeriodQuestion | null {
  const t = (AROUND.exec(normalized)?.[1] ?? normalized).replace(/重点项目(?:建设)?/u, '');
  const q = QUARTER_RE.exec(t);
  if (q) {
    const year = q[1] ? Number(q[1]) : null;
    const n = q[3] ?? q[4];
    if (n) return { kind: 'quarter_analysis', year, quarter: DIGIT[n] as 1 | 2 | 3 | 4 };
    const word = q[5] ?? '';
    const current = /^(本|这|当)/u.test(word);
    return { kind: 'quarter_analysis', year, quarter: current ? 'current' : 'latest' };
  }
  const y = YEAR_RE.exec(t);
  if (y) {
    if (y[1]) return { kind: 'year_assessment', year: Number(y[1]) };
    const word = y[2] ?? '';
    return { kind: 'year_assessment', year: /^(今|本)/u.test(word) ? 'current' : 'latest' };
  }
  return null;
}

export type ResolvedPeriod =
  | { ok: true; kind: 'quarter'; key: string; year: number; quarter: 1 | 2 | 3 | 4 }
  | { ok: true; kind: 'year'; key: string; year: number }
  | { ok: false; reason: 'not_ended'; kind: 'quarter' | 'year'; year: number; quarter?: 1 | 2 | 3 | 4 };

/**
 * The period a question means at `today` (Beijing year and month): "the latest" is the last quarter (year) that has
 * ended; a named quarter without a year is this year's, or last year's when this year's has not begun. A period that
 * has not ended is said so, not answered.
 */
export function resolvePeriod(p: PeriodQuestion, today: { year: number; month: number }): ResolvedPeriod {
  const thisQuarter = (Math.floor((today.month - 1) / 3) + 1) as 1 | 2 | 3 | 4;
  if (p.kind === 'quarter_analysis') {
    let year = p.year ?? today.year;
    let quarter: 1 | 2 | 3 | 4;
    if (p.quarter === 'current') quarter = thisQuarter;
    else if (p.quarter === 'latest') {
      if (p.year !== null && p.year < today.year) quarter = 4;
      else if (thisQuarter === 1) {
        year = p.year ?? today.year - 1;
        quarter = 4;
      } else quarter = (thisQuarter - 1) as 1 | 2 | 3;
      if (p.year !== null && p.year === today.year && thisQuarter === 1) return { ok: false, reason: 'not_ended', kind: 'quarter', year, quarter: 1 };
    } else {
      quarter = p.quarter;
      // "四季度分析" in January: this year's fourth quarter has not begun, so last year's is meant.
      if (p.year === null && quarter > thisQuarter) year = today.year - 1;
    }
    const ended = year < today.year || (year === today.year && quarter < thisQuarter);
    if (!ended) return { ok: false, reason: 'not_ended', kind: 'quarter', year, quarter };
    return { ok: true, kind: 'quarter', key: `${year}-Q${quarter}`, year, quarter };
  }
  const year = p.year === 'latest' ? today.year - 1 : p.year === 'current' ? today.year : p.year;
  if (year >= today.year) return { ok: false, reason: 'not_ended', kind: 'year', year };
  return { ok: true, kind: 'year', key: String(year), year };
}
