// The bot's fixed replies, in one place so that the 重点项目办 can review their wording.
export const texts = {
  duplicateClick: '已处理过这次操作，无需重复点击。',
  cardExpired: '该卡片已失效，请使用最新的卡片操作。',
  cardFailed: '处理失败，请稍后重试；如多次失败请联系重点项目办。',
  /** To someone not in the register (or resigned): no data at all. */
  notRegistered:
    '您好，我是调度助手。您的飞书账号尚未登记在重点项目库中，暂不能查询项目信息。如需开通，请联系重点项目办登记（包联领导、责任单位填报人、县区查看人）。',
  /** To someone the register marks 离职: questions, form submissions and problem actions are all refused. */
  resigned: '您在重点项目库中已登记为离职，不能再填报、处理问题或查询项目信息。如仍在岗或需交接工作，请联系重点项目办（管理员）更新登记。',
  noAccess: '您已登记在重点项目库中，但暂未分配查询权限。如需查询，请联系重点项目办。',
  noCityAccess: '您暂无权限查看全市汇总数据。如需查看，请联系重点项目办。',
  noRegister: '重点项目库尚未导入，暂无可查询的项目。请联系重点项目办。',
  thanks: '不客气。如需查询，请直接发送项目名称、县区或“全市进度”；发送“帮助”可查看提问示例。',
  answerSent: '已将该项目的最新情况发送到您与调度助手的单聊。',
  /** In a group, in reply to a question whose answer went to the asker privately (群成员的查看权限各不相同). */
  answeredPrivately: '查询结果涉及项目数据，群成员的查看权限各不相同，已单独发送到您与调度助手的单聊，请在单聊中查看。',
  answerTooLarge: '查询结果内容过多，无法在一张卡片中显示。请缩小范围后再问，如加上县区或责任单位。',
};
