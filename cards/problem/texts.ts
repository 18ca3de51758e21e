// The Chinese wording of the problem ledger (问题台账): item cards, lists, notices and refusals, in one place for review.

export const STATUS_COLOR = { 待梳理: 'neutral', 已交办: 'blue', 办理中: 'wathet', 申请销号: 'orange', 已销号: 'green' } as const;

export const problemTexts = {
  title: (project: string) => project,
  subtitle: (id: number, category: string, status: string) => `问题编号 ${id} · ${category} · ${status}`,
  summary: (id: number, project: string, status: string) => `问题编号 ${id}（${project}）：${status}`,
  overdueTag: '逾期',
  escalatedTag: (level: number) => (level >= 2 ? '上升协调' : '已督办'),
  description: (text: string) => `**问题描述：**${text}`,
  coordination: (text: string) => `**需协调事项：**${text}`,
  project: (name: string, code: string, county: string, unit: string, leader: string | null) =>
    `**所属项目：**${name}（${code} · ${county} · 责任单位${unit} · 包联领导${leader ?? '未明确'}）`,
  raised: (by: string | null, at: string, weeks: string[]) =>
    `**提出：**${by ? `${by}于` : ''}${at}填报${weeks.length > 1 ? `；已在${weeks.join('、')}共${weeks.length}次填报` : ''}`,
  assignment: (lead: string, helpers: string[], deadline: string, due: string | null) =>
    `**牵头单位：**${lead}${helpers.length ? `　**配合单位：**${helpers.join('、')}` : ''}\n**办理期限：**${deadline}${due ? `（${due}）` : ''}`,
  notAssigned: '尚未交办。',
  closedAt: (at: string) => `**销号时间：**${at}`,
  due: { left: (n: number) => `剩余${n}个工作日`, today: '今日到期', over: (n: number) => `已逾期${n}个工作日`, overNoWork: '已过期限' },
  historyHead: '**办理记录**',
  historyMore: (n: number) => `（另有较早记录${n}条，可用 diaodu problems show 查看全部）`,
  system: '调度助手',
  refresh: '刷新',
  queriedAt: (at: string) => `查询时间：${at}`,
  waitingDecision: '已申请销号，等待重点项目办确认。',
  closedNote: '该问题已销号。',
  noActions: '您可查看该问题的办理情况；交办、销号由重点项目办办理，办理进展由牵头单位报送。',
};

/** What each event says in the history, by its action code. */
export const eventTexts: Record<string, (e: { note: string | null; from: string | null; unit: string | null; deadline: string | null }) => string> = {
  raised: () => '在周调度中填报提出',
  reported: (e) => `再次填报该问题${e.note ? `：${e.note}` : ''}`,
  revised: (e) => `修改了本周填报的问题${e.note ? `：${e.note}` : ''}`,
  assign: (e) =>
    `${e.from === '待梳理' ? '交办' : '调整交办'}：${e.unit ?? ''}牵头办理${e.deadline ? `，办理期限${e.deadline}` : ''}${e.note ? `。交办意见：${e.note}` : ''}`,
  progress: (e) => `报送办理进展：${e.note ?? ''}`,
  assist: (e) => `报送配合进展：${e.note ?? ''}`,
  instruct: (e) => `批示：${e.note ?? ''}`,
  remark: (e) => `备注：${e.note ?? ''}`,
  apply: (e) => `申请销号：${e.note ?? ''}`,
  close: (e) => `确认销号${e.note ? `：${e.note}` : ''}`,
  return: (e) => `退回重办，理由：${e.note ?? ''}`,
  dismiss: (e) => `直接销号，理由：${e.note ?? ''}`,
  overdue: (e) => `超过办理期限${e.deadline ? `（${e.deadline}）` : ''}，标记为逾期`,
  escalate: (e) => e.note ?? '督办',
};

export const formTexts = {
  category: '**问题类别**',
  categoryPlaceholder: '请选择问题类别',
  lead: '**牵头单位**',
  leadPlaceholder: '请选择牵头单位',
  helpers: '**配合单位**（可多选，可不选）',
  helpersPlaceholder: '配合单位（可不选）',
  helpersOmitted: '单位较多，卡片中未列配合单位；如需配合单位，请在交办意见中写明。',
  deadline: (n: number, date: string) => `**办理期限**（默认自今日起${n}个工作日，即${date}；节假日不计）`,
  deadlinePlaceholder: '请选择办理期限',
  assignNote: '交办意见；直接销号时填写理由',
  assignNotePlaceholder: '如：请于期限内完成用地报批，每周报送进展',
  assign: '交办',
  reassign: '调整交办',
  dismiss: '直接销号',
  dismissConfirm: { title: '直接销号', text: '该问题将不经牵头单位申请直接销号，请确认已在意见栏写明理由。' },
  workNote: '办理进展或办理结果',
  workNotePlaceholder: '写明已做的工作和结果；申请销号时写明问题如何解决',
  progress: '报送进展',
  apply: '申请销号',
  applyConfirm: { title: '申请销号', text: '确认该问题已经解决，申请重点项目办销号？' },
  helpNote: '配合工作进展',
  assist: '报送配合进展',
  instructNote: '批示意见',
  instruct: '批示',
  decideNote: '意见（退回时必填）',
  close: '确认销号',
  closeConfirm: { title: '确认销号', text: '确认该问题已经解决并销号？' },
  return: '退回',
};

export const refusalTexts = {
  notAdmin: '只有重点项目办（管理员）可以交办、销号或退回问题。',
  notWorker: '您不是该问题牵头单位或配合单位的人员，不能报送办理进展；如有疑问请联系重点项目办。',
  notLead: '只有牵头单位可以申请销号；如有疑问请联系重点项目办。',
  notViewer: '您暂无权限查看该问题。',
  gone: '该问题已撤回或不存在。',
  stale: (status: string) => `该问题当前为“${status}”，此操作已不适用，卡片已更新为最新情况。`,
  noteNeeded: {
    note: '请填写办理进展或意见后再提交。',
    apply: '申请销号须写明问题如何解决。',
    return: '退回须写明理由。',
    dismiss: '直接销号须写明理由。',
  } as Record<string, string>,
  noLead: '请选择牵头单位。',
  badDeadline: '请选择办理期限。',
  pastDeadline: '办理期限不能早于今天。',
  badCategory: '请选择问题类别。',
};

export const doneTexts = {
  assign: (unit: string) => `已交办${unit}牵头办理`,
  reassign: (unit: string) => `已调整为${unit}牵头办理`,
  note: '已报送',
  instruct: '批示已记录',
  remark: '备注已记录',
  apply: '已申请销号，等待重点项目办确认',
  close: '已销号',
  return: '已退回牵头单位重办',
  dismiss: '已销号',
};

/** Messages the ledger sends. */
export const noticeTexts = {
  raised: (by: string | null, week: string) => `新问题待梳理：${by ? `${by}在` : ''}${week}填报提出，请交办牵头单位或直接销号。`,
  assigned: (lead: string, deadline: string) => `重点项目办已交办：请${lead}牵头，于${deadline}前办理，在本卡片中报送进展；解决后申请销号。`,
  helping: (lead: string, deadline: string) => `重点项目办已交办：${lead}牵头，请贵单位配合办理（期限${deadline}），可在本卡片中报送配合进展。`,
  applied: (lead: string, by: string | null) => `${lead}${by ? `（${by}）` : ''}申请销号，请确认销号或退回。`,
  returned: (reason: string) => `重点项目办退回重办，理由：${reason}`,
  escalateHead: (deadline: string, days: string) => `【督办】该问题已超过办理期限${deadline}${days}，请督促牵头单位抓紧办理。`,
  escalateLeader: (deadline: string, days: string, head: string) =>
    `【上升协调】该问题已超过办理期限${deadline}${days}，已向牵头单位负责人${head}督办仍未办结，请您协调解决。`,
  toRaiser: {
    assign: (id: number, project: string, lead: string, deadline: string) =>
      `您单位填报的${project}问题（编号${id}）已交办${lead}牵头办理，办理期限${deadline}。`,
    close: (id: number, project: string) => `${project}问题（编号${id}）已销号。`,
    dismiss: (id: number, project: string, reason: string) => `${project}问题（编号${id}）已由重点项目办销号，理由：${reason}。`,
  },
  closedToLead: (id: number, project: string) => `${project}问题（编号${id}）重点项目办已确认销号，感谢办理。`,
  escalationEvent: (level: number, who: string) => (level >= 2 ? `上升协调：已报送包联领导${who}` : `督办：已提醒牵头单位负责人${who}`),
  nobodyToTell: (level: number) => (level >= 2 ? '包联领导未明确或未匹配飞书账号' : '牵头单位负责人未登记或未匹配飞书账号'),
  escalationToAdmins: (id: number, project: string, level: number, why: string) =>
    `问题编号${id}（${project}）已逾期，应${level >= 2 ? '上升协调至包联领导' : '督办牵头单位负责人'}，但${why}，请重点项目办跟进。`,
};
