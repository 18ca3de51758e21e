// im.message.receive_v1: a text to the bot (direct, or @-mention in a group) is a question; the answer is a reply to it.
import { receiverOf } from '../feishu/outbox';
import { checkCard } from '../../cards/limits';
import { groupCommandOf, handleGroupCommand } from '../bulletin/publish/groups';
import type { BulletinService, Writer } from '../bulletin/publish/publish';
import type { AppContext } from '../context';
import type { AnalysisPublisher } from './answer/analysis';
import { runOnce } from './run-once';
import { messageEventSchema, readTextMessage } from '../feishu/envelope';
import type { EventHandler } from '../scope';
import { answerQuestion, answerShowsNoData } from './answer/answer';
import { askerByOpenId } from './answer/asker';
import { sendExport } from './answer/actions';
import type { BotIdentity } from '../feishu/bot-identity';
import { rememberListCard } from './round/list-copies';
import { texts } from './texts';
import { tourCommandOf } from '../domain/tour-command';
import { handleTourCommand } from './tours/chat';

/**
 * An administrator's "三季度分析" composes a draft for approval once per message: the draft and its approval messages
 * commit with a claim on the message id, so the event run again after a crash does not compose a second one.
 */
function publisherFor(ctx: AppContext, service: BulletinService | null, messageId: string): AnalysisPublisher | null {
  if (!service) return null;
  const write: Writer = async (fn) => {
    const r = await runOnce(ctx, 'analysis.request', messageId, (s) => fn({ tx: s.tx, now: s.now, send: (msg, key) => s.send(msg, key) }));
    return r.ran ? r.result : null;
  };
  return (kind, key) => service.submitDraft(ctx, key, { kind, write });
}

export function createOnMessage(identity: BotIdentity, bulletin: BulletinService | null = null): EventHandler {
  return async (scope, event) => {
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) {
      scope.ctx.log.warn('无法解析的消息事件，已忽略', { issues: parsed.error.issues.length });
      return;
    }
    const m = parsed.data;
    if (m.sender.sender_type && m.sender.sender_type !== 'user') return; // other bots, system messages
    const read = readTextMessage(m, identity.openId);
    if (!read) return; // images, files, stickers: nothing to answer yet
    // Without the all-messages scope Feishu delivers group messages only when the bot is @-mentioned; when the bot's
    // own open_id is not known yet, a delivered group message is taken as addressed to it.
    if (m.message.chat_type !== 'p2p' && identity.openId !== null && !read.mentionsBot) return;
    // "设为通报群" / "取消通报群": an administrator choosing the groups that get the monthly bulletin.
    const command = groupCommandOf(read.text);
    if (command) return handleGroupCommand(scope, m, command);
    const tour = tourCommandOf(read.text);
    if (tour) return handleTourCommand(scope, m, tour, bulletin);
    const openId = m.sender.sender_id.open_id ?? '';
    const asker = await askerByOpenId(scope.ctx.db, openId);
    const publisher = publisherFor(scope.ctx, bulletin, m.message.message_id);
    const answer = await answerQuestion(scope.ctx.db, scope.now, asker, read.text, undefined, { publisher });
    scope.ctx.log.info('已回答提问', { openId, intent: answer.intent?.kind ?? 'none' });
    // A card over Feishu's limits would fail the whole event at every retry: the asker is told instead.
    const checked = 'card' in answer ? checkCard(answer.card) : null;
    if (checked && !checked.ok) scope.ctx.log.error('回答卡片超出飞书限制，改为文字回复', { problems: checked.problems });
    const content =
      'card' in answer && checked?.ok
        ? { msgType: 'interactive', content: answer.card }
        : { msgType: 'text', content: { text: 'text' in answer ? answer.text : texts.answerTooLarge } };
    const reply = { op: 'reply' as const, messageId: m.message.message_id, receiver: receiverOf(m.message, openId) };
    // In a group every member reads the reply, and members may see different things (a reporter their own unit, a
    // leader everything), while the answer follows the asker's rights. Rather than cut every answer down to what the
    // least-privileged member may see (nothing, for a member not in the register), an answer that shows project data
    // goes to the asker privately and the group is told so; help, thanks and the refusals given before anything is read
    // (not in the register, 离职, no rights at all), which show no data, stay in the group.
    // Further cards of a long answer (an analysis in several cards) follow the first, to the asker.
    const more = 'card' in answer && checked?.ok ? (answer.more ?? []) : [];
    // A 「填报」 answer's list cards are remembered under their keys, to be updated when the unit saves (idempotent).
    const lists = 'card' in answer && checked?.ok ? (answer.lists ?? []) : [];
    const remember = (i: number, key: string) => {
      const l = lists[i];
      return l ? rememberListCard(scope.ctx.db, key, l.periodId, l.unitId, scope.now) : Promise.resolve();
    };
    const sendMore = async () => {
      for (const [i, c] of more.entries()) {
        // To the asker by open_id, in a p2p chat too (the same chat): keyed as the reply is (receiverOf).
        const to = openId ? { receiveIdType: 'open_id' as const, receiveId: openId } : { receiveIdType: 'chat_id' as const, receiveId: m.message.chat_id };
        await scope.send({ op: 'create', ...to, msgType: 'interactive', content: c }, `more:${m.message.message_id}:${i + 2}`);
        await remember(i + 1, `more:${m.message.message_id}:${i + 2}`);
      }
    };
    // 导出: the workbook follows the text, to the asker privately (a file of project data never goes to a group).
    // The text and the file commit together, the text first, so that the file never arrives before what it is.
    const file = 'text' in answer && openId ? (answer.file ?? null) : null;
    if (file && m.message.chat_type === 'p2p') {
      await scope.transaction(async (s) => {
        await s.send({ ...reply, ...content }, `reply:${m.message.message_id}`);
        await sendExport(s, openId, file, `export:${m.message.message_id}`);
      });
      return;
    }
    const sendFile = () => (file ? scope.transaction((s) => sendExport(s, openId, file, `export:${m.message.message_id}`)) : Promise.resolve());
    if (m.message.chat_type === 'p2p' || answerShowsNoData(answer.intent) || !openId) {
      await scope.send({ ...reply, ...content }, `reply:${m.message.message_id}`);
      await remember(0, `reply:${m.message.message_id}`);
      await sendMore();
      await sendFile();
      return;
    }
    await scope.send({ op: 'create', receiveIdType: 'open_id', receiveId: openId, ...content }, `private:${m.message.message_id}`);
    await remember(0, `private:${m.message.message_id}`);
    await sendMore();
    await sendFile();
    await scope.send({ ...reply, msgType: 'text', content: { text: texts.answeredPrivately } }, `reply:${m.message.message_id}`);
  };
}
