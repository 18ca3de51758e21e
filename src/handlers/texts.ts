// The bot's fixed replies, in one place so that the 重点项目办 can review their wording.
export const texts = {
  firstAnswer:
    '您好，我是调度助手，负责重点项目建设调度：每周向各责任单位发送项目进展填报卡片并汇总，按月编制重点项目建设通报，并可回答项目进展的询问。发送“帮助”可查看能问的问题和示例。',
  duplicateClick: '已处理过这次操作，无需重复点击。',
  cardExpired: '该卡片已失效，请使用最新的卡片操作。',
  cardFailed: '处理失败，请稍后重试；如多次失败请联系重点项目办。',
};
