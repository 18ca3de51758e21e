// The sandbox's wording (start-up lines, console messages), in one place for review.

export const sandboxTexts = {
  banner:
    '未配置飞书应用（FEISHU_APP_ID、FEISHU_APP_SECRET、FEISHU_VERIFICATION_TOKEN 均未设置）：以沙箱模式运行——启动内置的飞书测试替身，载入示例项目库和演示数据，在网页控制台中体验机器人，不连接真实飞书。',
  consoleAt: (url: string) => `沙箱控制台：${url}（选择身份后，像在飞书中一样与机器人单聊、在群里 @调度助手、填报卡片）`,
  howToSwitch: [
    '切换到真实飞书应用：在飞书开发者后台创建企业自建应用并开启“机器人”能力，然后设置以下环境变量后重新启动：',
    '  FEISHU_APP_ID、FEISHU_APP_SECRET（凭证与基础信息）；FEISHU_VERIFICATION_TOKEN、FEISHU_ENCRYPT_KEY（事件与回调 → 加密策略）；',
    '  DATABASE_URL（正式数据库，不要使用沙箱数据库）。',
    '  在开发者后台的“事件配置”和“回调配置”中，请求地址都填 https://你的域名/feishu/events；没有公网地址时都选“使用长连接接收”并设置 FEISHU_TRANSPORT=ws。',
    '  订阅事件 im.message.receive_v1、im.chat.member.bot.added_v1 和回调 card.action.trigger，开通 README“接入飞书”中列出的权限，发布应用版本。',
  ],
  database: (where: string) => `沙箱数据库：${where}（与正式数据库分开；删除该文件即可从头开始演示）`,
  demoLoaded: (year: number, weeks: number) => `已载入演示数据：示例项目库（${year}年度）和此前 ${weeks} 周的周调度填报`,
  demoKept: '沙箱数据库中已有演示数据，沿用',
  noSample: (path: string) => `找不到示例项目库 ${path}：沙箱以空项目库运行`,
  /** The exact command that imports a register into this sandbox's database, then a restart picks it up. */
  importHint: (command: string) => `导入自己的项目库：${command}（把“项目库.xlsx”换成文件路径），然后重新启动沙箱（npm start）`,
  importedKept: (projects: number, year: number, weeks: number) =>
    `沙箱数据库中已有导入的项目库（${year}年度，${projects} 个项目），以此运行；已生成此前 ${weeks} 周的周调度演示填报`,
  sampleInvalid: (path: string) => `示例项目库 ${path} 无法导入：`,
  notSandboxDatabase:
    '该数据库中已有不是沙箱载入的数据（正式项目库）。沙箱模式不在正式数据库上运行，以免演示数据和模拟的飞书账号写入正式记录。请设置飞书应用的环境变量以正式运行，或去掉 DATABASE_URL 使用沙箱自己的数据库。',
  directory: (people: number, resolved: number) => `模拟飞书通讯录：${people} 人，已按手机号匹配 open_id ${resolved} 人`,
  // Console answers.
  notAdmin: '只有管理员（重点项目办）可以执行此操作。',
  badConsoleToken: '请求缺少控制台令牌或令牌已失效，请刷新控制台页面后重试。',
  bulletinNotReady: '月通报功能尚未启用。',
  noRound: (reason: string) => `本周没有调度：${reason}`,
  emptyRegister: '项目库为空，无法开展周调度。',
  stepRan: (step: string, messages: number, note: string | undefined) =>
    `已执行本周调度的“${step}”：排入发送队列 ${messages} 条消息${note ? `（${note}）` : ''}。`,
  stepDone: (step: string) => `本周调度的“${step}”已执行过，本次未重复发送。`,
  quietHours: '22:00 至次日 08:00 不发送调度消息，这些消息将在 08:00 发出。',
  stepNames: { open: '开始（发送填报卡片）', remind: '提醒', close: '截止（督办与汇总）' },
  unknownPerson: '沙箱通讯录中没有这个身份。',
  emptyText: '请输入消息内容。',
  messageGone: '找不到这条消息。',
  notYourMessage: '这条消息不在您的会话中。',
  botRefused: (status: number) => `机器人未接受这次请求（HTTP ${status}）。`,
} as const;
