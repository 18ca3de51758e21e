// Card actions of the answers: a project picked from a list (ask_project) is answered with its status card.
import { clip } from '../../cards/elements';
import type { CardReply } from '../scope';
import { answerProjectClick } from './answer';
import { askerByOpenId } from './answer-asker';
import type { CardActionHandler } from '../scope';
import { texts } from './texts';

const toast = (type: 'success' | 'error' | 'info' | 'warning', content: string): CardReply => ({ toast: { type, content } });

/**
 * The status card goes out as a new reply under the pick list, which stays as it was: a leader looking at several
 * of the listed projects picks one after another. Who clicked is checked, not who asked (in a group they differ).
 */
const askProject: CardActionHandler = async (scope, a) => {
  const v = (a.action.value ?? {}) as Record<string, unknown>;
  const projectId = typeof v.projectId === 'number' && Number.isInteger(v.projectId) ? v.projectId : null;
  if (projectId === null) return toast('warning', texts.cardExpired);
  const { ctx } = scope;
  const asker = await askerByOpenId(ctx.db, a.operator.open_id);
  const answer = await answerProjectClick(ctx.db, scope.now, asker, projectId);
  if ('text' in answer) return toast('warning', clip(answer.text, 200));
  const messageId = a.context?.open_message_id;
  // Without the message to reply under (never seen from Feishu, but the field is optional) the pick list is replaced.
  if (!messageId) return { card: answer.card };
  const key = `ask:${messageId}:${projectId}:${String(v.nonce ?? '')}:${a.operator.open_id}`;
  await scope.transaction((s) =>
    s.send({ op: 'reply', messageId, chatId: a.context?.open_chat_id ?? null, msgType: 'interactive', content: answer.card }, key),
  );
  return toast('success', texts.answerSent);
};

export const answerActions: Record<string, CardActionHandler> = { ask_project: askProject };
