// Card actions of the answers: a project picked from a list (ask_project) is answered with its status card.
import { clip } from '../../../cards/elements';
import type { CardReply } from '../../scope';
import { answerProjectClick, answerQuestion, newNonce } from './answer';
import { exportTexts } from '../../../cards/answer/texts';
import { storeOutboxFile } from '../../db/sql/outbox-files';
import type { HandlerScope } from '../../scope';
import type { ExportFile } from './export';
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

/** Stores an exported workbook under `name` (once) and sends it to `openId` as a file message. */
export async function sendExport(s: HandlerScope, openId: string, file: ExportFile, name: string): Promise<void> {
  const fileId = await storeOutboxFile(s.tx, { name, fileName: file.fileName, fileType: 'xls', data: file.data }, s.now);
  await s.send({ op: 'file', receiveIdType: 'open_id', receiveId: openId, fileId }, name);
}

const questionOf = (v: Record<string, unknown>) => (typeof v.q === 'string' && v.q.length > 0 && v.q.length <= 500 ? v.q : null);

/**
 * 更多 on a list: the question of the list is asked again, by the clicker, for the items from `from` on; the page goes
 * to the clicker privately, like a picked project. Only the question and the position come from the button: what the
 * page shows is read now, under the clicker's rights, so a forwarded list shows each clicker what they may see.
 */
const answerMore: CardActionHandler = async (scope, a) => {
  const v = (a.action.value ?? {}) as Record<string, unknown>;
  const q = questionOf(v);
  const from = typeof v.from === 'number' && Number.isInteger(v.from) && v.from >= 0 ? v.from : null;
  if (q === null || from === null) return toast('warning', texts.cardExpired);
  const openId = a.operator.open_id;
  const asker = await askerByOpenId(scope.ctx.db, openId);
  const answer = await answerQuestion(scope.ctx.db, scope.now, asker, q, newNonce(), { from });
  if (!('card' in answer)) return toast('error', clip(answer.text, 200));
  const key = `more:${a.context?.open_message_id ?? '-'}:${from}:${String(v.nonce ?? '')}:${openId}`;
  await scope.transaction((s) => s.send({ op: 'create', receiveIdType: 'open_id', receiveId: openId, msgType: 'interactive', content: answer.card }, key));
  return toast('success', exportTexts.moreSent(from + 1));
};

/** 导出Excel on a list: the whole list, read under the clicker's rights, as an .xlsx file to the clicker privately. */
const answerExport: CardActionHandler = async (scope, a) => {
  const v = (a.action.value ?? {}) as Record<string, unknown>;
  const q = questionOf(v);
  if (q === null) return toast('warning', texts.cardExpired);
  const openId = a.operator.open_id;
  const asker = await askerByOpenId(scope.ctx.db, openId);
  const answer = await answerQuestion(scope.ctx.db, scope.now, asker, q, newNonce(), { export: true });
  if (!('text' in answer) || !answer.file) return toast('error', clip('text' in answer ? answer.text : exportTexts.notList, 200));
  const file = answer.file;
  const name = `export:${a.context?.open_message_id ?? '-'}:${String(v.nonce ?? '')}:${openId}:${scope.now.toISOString()}`;
  await scope.transaction((s) => sendExport(s, openId, file, name));
  return toast('success', exportTexts.toast);
};

export const answerActions: Record<string, CardActionHandler> = { ask_project: askProject, answer_more: answerMore, answer_export: answerExport };
