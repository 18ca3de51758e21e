// "上半年综合评价" in chat: the half-year 综合评价排序, for administrators and city leaders; with a county's or a unit's
// name ("市教育局综合评价"), that one's score, rank and every part, from the same figures as `diaodu evaluate`.
import { renderEvaluationCard, renderEvaluationDetailCard } from '../../../cards/answer/evaluation';
import { parseHalf, halfTitle } from '../../domain/evaluation';
import { shanghaiDay } from '../../domain/calendar-dates';
import { type EvaluationQuestion, type EvaluationUnmatched, halfMeant } from '../../domain/question-evaluation';
import { evaluationProblem, halfEvaluation } from '../../evaluation/figures';
import type { Asker } from './asker';
import type { AnswerBook } from './book';
import type { Answer } from './reply';

export const evaluationTexts = {
  notAllowed: '综合评价排序向管理员（重点项目办）和市领导提供。如需了解，请联系重点项目办。',
  unmatched(u: EvaluationUnmatched): string {
    if (u.why === 'not_ranked')
      return `综合评价按县区和责任单位计算排名，“${u.query}”不是县区或责任单位。请发送「县区或责任单位名称＋综合评价」，如「市教育局综合评价」。`;
    if (u.why === 'several') return `“${u.query}”包含多个县区或责任单位，请一次只写一个名称，如「${u.query.split('、')[0]}综合评价」。`;
    const near = u.near.length ? `您要找的是不是：${u.near.join('、')}？` : '';
    return `未找到名为“${u.query}”的县区或责任单位。${near}请发送「县区或责任单位名称＋综合评价」，如「${u.near[0] ?? '市教育局'}综合评价」。`;
  },
  unranked: (name: string, title: string) => `${name}在${title}综合评价中各项均无数据，未参加排名。`,
};

export async function answerEvaluation(book: AnswerBook, asker: Asker, q: EvaluationQuestion): Promise<Answer> {
  if (!asker.actor.isAdmin && !asker.isLeader) return { text: evaluationTexts.notAllowed };
  if (q.unmatched) return { text: evaluationTexts.unmatched(q.unmatched) };
  const key = halfMeant(q, shanghaiDay(book.now));
  const problem = await evaluationProblem(book.db, key, book.now);
  const h = parseHalf(key);
  if (problem || !h) return { text: problem ?? '' };
  const e = await halfEvaluation(book.db, key, book.now);
  if (!q.subject) return { card: renderEvaluationCard({ year: h.year, half: h.half, asOf: e.asOf, counties: e.counties, units: e.units }) };
  const { type, id } = q.subject;
  const name = book.index.names[type].get(id) ?? '';
  const rows = type === 'county' ? e.counties : e.units;
  const at = rows.findIndex((r) => r.name === name);
  const row = rows[at];
  if (!row) return { text: evaluationTexts.unranked(name, halfTitle(h)) };
  return {
    card: renderEvaluationDetailCard({
      year: h.year,
      half: h.half,
      asOf: e.asOf,
      kind: type,
      row,
      of: rows.length,
      above: rows[at - 1] ?? null,
      below: rows[at + 1] ?? null,
    }),
  };
}
