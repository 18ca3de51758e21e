// The scoring card's one action: a judge of the tour submits (or revises) the score of one project. Anyone not named
// as a judge is refused, and so is every score once the tour is closed; each accepted score is kept with who and when.
import { randomUUID } from 'node:crypto';
import { getTour, tourJudges, tourProjects, addTourScore } from '../../db/tours';
import { parseScores } from '../../domain/tours';
import { actorFor } from '../../people/access';
import type { CardActionHandler, CardReply } from '../../scope';
import { scoreField } from '../../../cards/tours/score';
import { buildScoreCard } from './view';

export const tourReplies = {
  notJudge: '您不是本次观摩的评委，不能评分；如有疑问请联系重点项目办。',
  closed: '本次观摩已结束评分，不再接受提交或修改。',
  saved: (name: string, total: string) => `已保存：${name} 合计${total}分。观摩结束前可修改。`,
};
const EXPIRED: CardReply = { toast: { type: 'warning', content: '该卡片已失效，请使用最新的卡片。' } };
const int = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) ? x : null);

const submitScore: CardActionHandler = async (scope, a) => {
  const { ctx } = scope;
  const v = (a.action.value ?? {}) as Record<string, unknown>;
  const [tourId, projectId] = [int(v.tourId), int(v.projectId)];
  if (tourId === null || projectId === null) return EXPIRED;
  const tour = await getTour(ctx.db, tourId);
  const project = tour ? (await tourProjects(ctx.db, tourId)).find((p) => p.projectId === projectId) : undefined;
  if (!tour || !project) return EXPIRED;
  const actor = await actorFor(ctx.db, a.operator.open_id);
  const judge = actor.personId === null ? undefined : (await tourJudges(ctx.db, tourId)).find((j) => j.personId === actor.personId);
  if (!judge) return { toast: { type: 'error', content: tourReplies.notJudge } };
  const refusedLate = async (): Promise<CardReply> => ({
    toast: { type: 'error', content: tourReplies.closed },
    card: await buildScoreCard(ctx.db, (await getTour(ctx.db, tourId))!, project, judge.personId, { nonce: randomUUID().slice(0, 8) }),
  });
  if (tour.status === 'closed') return refusedLate();
  const form = a.action.form_value ?? {};
  const entry = parseScores(
    tour.criteria,
    tour.criteria.map((_, i) => form[scoreField(i)]),
  );
  if (!entry.ok) return { toast: { type: 'error', content: entry.reason } };
  const saved = await scope.transaction((s) =>
    addTourScore(s.tx, { tourId, projectId, personId: judge.personId, tenths: entry.tenths, totalTenths: entry.totalTenths }, s.now),
  );
  if (!saved) return refusedLate();
  const total = entry.totalTenths % 10 === 0 ? String(entry.totalTenths / 10) : (entry.totalTenths / 10).toFixed(1);
  const notice = tourReplies.saved(project.name, total);
  return {
    toast: { type: 'success', content: notice },
    card: await buildScoreCard(ctx.db, tour, project, judge.personId, { notice, nonce: randomUUID().slice(0, 8) }),
  };
};

export const tourActions: Record<string, CardActionHandler> = { tour_score: submitScore };
