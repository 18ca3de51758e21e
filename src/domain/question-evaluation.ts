// "上半年综合评价", "2026年下半年综合评价排序", "综合评价": the half-year 综合评价排序 asked in chat; with a county's or a
// unit's name ("市教育局综合评价", "青河县上半年综合评价", "市教育局综合评价为什么排第几") that one's score, rank and parts.

/** The county or unit asked about, resolved by the question parser as other questions resolve names. */
export type EvaluationSubject = { type: 'county' | 'unit'; id: number };

/**
 * Words that named no county or unit: said so, with the nearest county and unit names (`near`); `why` when the words
 * named something evaluations are not kept for (a category, a leader) or more than one.
 */
export type EvaluationUnmatched = { query: string; near: string[]; why?: 'not_ranked' | 'several' };

export type EvaluationQuestion = {
  kind: 'evaluation';
  year: number | null;
  half: 1 | 2 | null;
  subject?: EvaluationSubject;
  unmatched?: EvaluationUnmatched;
};

/** The question, or null; without a half named it means the latest half that has ended. */
export function parseEvaluationQuestion(t: string): EvaluationQuestion | null {
  if (!/综合评价/u.test(t)) return null;
  const year = /(20\d\d)年?/u.exec(t);
  const half = /上半年/u.test(t) ? 1 : /下半年/u.test(t) ? 2 : null;
  return { kind: 'evaluation', year: year ? Number(year[1]) : null, half };
}

/** The words of an evaluation question, the period and how it is asked, taken out: what remains names whose. */
const EVALUATION_WORDS =
  /20\d\d年?度?|[上下]半年|综合评价|排序|排名|名次|得分|分数|各项|每项|明细|详情|情况|结果|构成|怎么算|为什么|为何|怎么|如何|排在?第?[几\d一二三四五六七八九十]+名?|第[几\d一二三四五六七八九十]+名?|是多少|多少分|几分/gu;

export function evaluationRest(t: string): string {
  return t.replace(EVALUATION_WORDS, '');
}

/**
 * The half meant, as '2026-H1', given today's date ('YYYY-MM-DD', Beijing). A half named without a year is the latest
 * such half that has ended: 「下半年」 in January 2027 is 2026年下半年, 「上半年」 in March 2027 is 2026年上半年 and in
 * July 2027 is 2027年上半年. A year without a half is its second half once the year has ended, else its first; nothing
 * named is the latest half that has ended.
 */
export function halfMeant(q: EvaluationQuestion, today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  if (q.half !== null) {
    if (q.year !== null) return `${q.year}-H${q.half}`;
    // The first half ends with June, so it has ended from July; the second ends with the year.
    return q.half === 1 ? `${m >= 7 ? y : y - 1}-H1` : `${y - 1}-H2`;
  }
  if (q.year !== null) return `${q.year}-H${q.year < y ? 2 : 1}`;
  return m >= 7 ? `${y}-H1` : `${y - 1}-H2`;
}
