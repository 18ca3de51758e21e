// `diaodu ask "TEXT" --as MOBILE_OR_OPEN_ID`: the bot's answer to a question, as that person would get it, as text.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderCardText } from '../../../cards/text-render';
import { answerQuestion } from '../../handlers/answer/answer';
import { askerFor } from '../../handlers/answer/asker';
import type { Command } from '../command';

export const askCommand: Command = {
  name: 'ask',
  summary: '以某人的身份向机器人提问，在终端显示回答（卡片以文字显示）',
  help: `用法：diaodu ask "问题" --as 手机号或open_id [--out 文件.xlsx]

以项目库中某人的身份提问，显示机器人在飞书中会给出的回答（与聊天中的卡片内容相同，以文字显示），
按其角色判断可查看的范围；不发送任何消息。问题前后加“导出”（如“导出滞后项目”）时把整份清单写成 Excel 文件。
  --as   提问人的手机号（项目库中登记的）或飞书 open_id（ou_ 开头）
  --out  导出的 Excel 文件写到哪里（默认当前目录，按清单名称命名）
示例：diaodu ask "安置房二期现在进展怎么样了？" --as 13900010001
      diaodu ask "导出江北区滞后项目" --as 13900010001 --out 江北区滞后项目.xlsx`,
  options: { as: { type: 'string' }, out: { type: 'string' } },
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
    if ('text' in answer && answer.file) {
      const target = resolve(typeof values.out === 'string' && values.out.trim() ? values.out.trim() : answer.file.fileName);
      writeFileSync(target, answer.file.data);
      ctx.io.out(`已写入 ${target}`);
    }
    return 0;
  },
};
