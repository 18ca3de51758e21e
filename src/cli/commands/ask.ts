// `diaodu ask "TEXT" --as MOBILE_OR_OPEN_ID`: the bot's answer to a question, as that person would get it, as text.
import { renderCardText } from '../../../cards/text-render';
import { answerQuestion } from '../../handlers/answer/answer';
import { askerFor } from '../../handlers/answer/asker';
import type { Command } from '../command';

export const askCommand: Command = {
  name: 'ask',
  summary: '以某人的身份向机器人提问，在终端显示回答（卡片以文字显示）',
  help: `用法：diaodu ask "问题" --as 手机号或open_id

以项目库中某人的身份提问，显示机器人在飞书中会给出的回答（与聊天中的卡片内容相同，以文字显示），
按其角色判断可查看的范围；不发送任何消息。
  --as   提问人的手机号（项目库中登记的）或飞书 open_id（ou_ 开头）
示例：diaodu ask "安置房二期现在进展怎么样了？" --as 13900010001`,
  options: { as: { type: 'string' } },
  async run(ctx, { values, positionals }) {
    const text = positionals.join(' ').trim();
    const who = typeof values.as === 'string' ? values.as.trim() : '';
    if (!text || !who) {
      ctx.io.err(`${!text ? '请给出问题文字' : '请用 --as 指定提问人（手机号或 open_id）'}。\n\n${askCommand.help}`);
      return 2;
    }
    const { db } = await ctx.openDb();
    const asker = await askerFor(db, who);
    const answer = await answerQuestion(db, ctx.clock.now(), asker, text);
    ctx.io.out('card' in answer ? [answer.card, ...(answer.more ?? [])].map(renderCardText).join('\n\n') : answer.text);
    return 0;
  },
};
