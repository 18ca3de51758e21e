// "上半年综合评价" in chat: the half-year 综合评价排序, for administrators and city leaders.
import { renderEvaluationCard } from '../../../cards/answer/evaluation';
import type { Db } from '../../db/connect';
import { parseHalf } from '../../domain/evaluation';
import { shanghaiDay } from '../../domain/calendar-dates';
import { type EvaluationQuestion, halfMeant } from '../../domain/question-evaluation';
import { evaluationProblem, halfEvaluation } from '../../evaluation/figures';
import type { Asker } from './asker';
import type { Answer } from './reply';

export const evaluationTexts = {
  notAllowed: '综合评价排序向管理员（重点项目办）和市领导提供。如需了解，请联系重点项目办。',
};

export async function answerEvaluation(db: Db, now: Date, asker: Asker, q: EvaluationQuestion): Promise<Answer> {
  if (!asker.actor.isAdmin && !asker.isLeader) return { text: evaluationTexts.notAllowed };
  const key = halfMeant(q, shanghaiDay(now));
  const problem = await evaluationProblem(db, key, now);
  const h = parseHalf(key);
  if (problem || !h) return { text: problem ?? '' };
  const e = await halfEvaluation(db, key, now);
  return { card: renderEvaluationCard({ year: h.year, half: h.half, asOf: e.asOf, counties: e.counties, units: e.units }) };
}
