// The approval card's buttons: 发布 and 退回 (with its reason), for administrators only. Registered in src/bot.ts.
import type { CardAction } from '../../feishu/envelope';
import { withoutControlChars } from '../../domain/plain-text';
import { actorFor, namedActor } from '../../people/access';
import { type CardActionHandler, toast } from '../../scope';
import type { CardReply, CardScope } from '../../scope';
import type { BulletinService, DecideOutcome, Writer } from './publish';

export const approvalReplies = {
  notAdmin: '只有管理员（重点项目办）可以审定和发布月通报、季度分析和年度考核排名。如需发布，请联系重点项目办。',
  expired: '该审定卡片已失效，请使用最新的审定卡片。',
  noGroups: '尚未设置通报群，未发布：请在要接收通报的群里 @调度助手 并发送“设为通报群”，再点“发布”。',
  reasonMissing: '请填写退回原因。',
  reasonTooLong: '退回原因请控制在 500 字以内。',
  published: (n: number) => `已发布，本期通报和附表正在发送到${n}个通报群。`,
  returned: '已退回，退回原因已记录并告知其他管理员。',
  already: {
    published: '本期通报已经发布，无需重复操作。',
    returned: '本稿已被退回，不能再发布；如需发布，请重新编制送审。',
    superseded: '本稿已被重新编制的新稿替代，请审定新稿。',
    draft: '本稿尚未审定。',
  },
};

/** The bulletin a card button names (`bulletinId` in its value), or null. */
export function bulletinIdOf(a: CardAction): number | null {
  const v = (a.action.value ?? {}) as Record<string, unknown>;
  const id = v.bulletinId;
  return typeof id === 'number' && Number.isInteger(id) ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : null;
}

function reply(o: DecideOutcome): CardReply {
  switch (o.kind) {
    case 'published':
      return { toast: toast('success', approvalReplies.published(o.groups.length)), card: o.card };
    case 'returned':
      return { toast: toast('success', approvalReplies.returned), card: o.card };
    case 'decided':
      return { toast: toast('info', approvalReplies.already[o.row.status]), card: o.card };
    case 'noGroups':
      return { toast: toast('warning', approvalReplies.noGroups) };
    case 'missing':
      return { toast: toast('warning', approvalReplies.expired) };
  }
}

const writerOfScope =
  (scope: CardScope): Writer =>
  (fn) =>
    scope.transaction((s) => fn(s));

export function bulletinActions(service: BulletinService): Record<string, CardActionHandler> {
  const guarded =
    (run: (scope: CardScope, a: CardAction, id: number) => Promise<CardReply>): CardActionHandler =>
    async (scope, a) => {
      const id = bulletinIdOf(a);
      if (id === null) return { toast: toast('warning', approvalReplies.expired) };
      return run(scope, a, id);
    };
  return {
    bulletin_publish: guarded(async (scope, a, id) => {
      const actor = await namedActor(scope.ctx, await actorFor(scope.ctx.db, a.operator.open_id));
      if (!actor.isAdmin) return { toast: toast('error', approvalReplies.notAdmin) };
      return reply(await service.publish(scope.ctx, id, actor, writerOfScope(scope)));
    }),
    bulletin_return: guarded(async (scope, a, id) => {
      const actor = await namedActor(scope.ctx, await actorFor(scope.ctx.db, a.operator.open_id));
      if (!actor.isAdmin) return { toast: toast('error', approvalReplies.notAdmin) };
      const raw = a.action.form_value?.reason;
      const reason = typeof raw === 'string' ? withoutControlChars(raw).trim() : '';
      if (reason === '') return { toast: toast('error', approvalReplies.reasonMissing) };
      if ([...reason].length > 500) return { toast: toast('error', approvalReplies.reasonTooLong) };
      return reply(await service.returnDraft(scope.ctx, id, actor, reason, writerOfScope(scope)));
    }),
  };
}
