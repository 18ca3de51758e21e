// Card actions of the answers: a project picked from a list (ask_project) is answered with its status card.
import { clip } from '../../../cards/elements';
import type { CardReply } from '../../scope';
import { answerProjectClick } from './answer';
import { askerByOpenId } from './asker';
import type { CardActionHandler } from '../../scope';
import { texts } from '../texts';

const toast = (type: 'success' | 'error' | 'info' | 'warning', content: string): CardReply => ({ toast: { type, content } });

/**
 * The status card goes to the clicker privately (their single chat with the bot), never under the pick list: a pick
 * list may be in a group (sent there before answers in groups went private, or forwarded), and the card follows the
 * clicker's rights, not the group's. In the single chat the pick list came from it simply appears below it, and the
 * list stays as it was: a leader looking at several of the listed projects picks one after another. Who clicked is
 * checked, not who asked. A refusal is an error toast and sends nothing.
 */
const askProject: CardActionHandler = async (scope, a) => {
  const v = (a.action.value ?? {}) as Record<string, unknown>;
  const projectId = typeof v.projectId === 'number' && Number.isInteger(v.projectId) ? v.projectId : null;
  if (projectId === null) return toast('warning', texts.cardExpired);
  const { ctx } = scope;
  const openId = a.operator.open_id;
  const asker = await askerByOpenId(ctx.db, openId);
  const answer = await answerProjectClick(ctx.db, scope.now, asker, projectId);
  if ('text' in answer) return toast('error', clip(answer.text, 200));
  const key = `ask:${a.context?.open_message_id ?? '-'}:${projectId}:${String(v.nonce ?? '')}:${openId}`;
  await scope.transaction((s) => s.send({ op: 'create', receiveIdType: 'open_id', receiveId: openId, msgType: 'interactive', content: answer.card }, key));
  return toast('success', texts.answerSent);
};

export const answerActions: Record<string, CardActionHandler> = { ask_project: askProject };
