// What opening a 观摩's ranking for approval came to, in the words of the command line and the chat.
import type { SubmitOutcome } from '../../bulletin/publish/publish';

export function tourSubmittedText(o: SubmitOutcome): string {
  switch (o.kind) {
    case 'draft':
      return o.admins === 0
        ? '评分排名已编制，但没有可接收审定的管理员：请设置管理员（diaodu settings set admins）后用 diaodu tour post 重新送审。'
        : `评分排名已送${o.admins}名管理员审定；点“发布”后发送到${o.groups.length}个通报群。`;
    case 'published':
      return `评分排名已发布到${o.groups.length}个通报群。`;
    case 'alreadyPublished':
      return '评分排名已经发布，不再重新送审。';
    case 'claimed':
      return '评分排名已送审（本消息此前已处理），未重复送审。';
    case 'empty':
      return '观摩尚未结束评分，不能送审。';
  }
}
