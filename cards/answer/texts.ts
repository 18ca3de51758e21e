// The Chinese wording of the answers to questions in chat, in one place so the 重点项目办 can review it.
import type { ListKind } from '../../src/domain/question';
import { formatRate } from '../../src/domain/format';
import { rateOf } from '../../src/domain/rates';

/** A count's share, exact and rounded for display: 开工率, 竣工率. */
const pct = (part: number, whole: number) => formatRate(rateOf(part, whole));

export const NO_DATA = '暂无填报';

/** Whose projects a summary or list is about, as its title reads: 江北区 · 基础设施类 · 市水利局负责的 · 金俊杰同志包联的. */
export const groupLabels = {
  city: '全市',
  category: (name: string) => `${name.replace(/项目$/u, '')}类`,
  unit: (name: string) => `${name}负责的`,
  leader: (name: string) => `${name}同志包联的`,
  mineLeader: '您包联的',
  mineUnit: (names: string) => `本单位（${names}）`,
  mineCounty: (names: string) => `本县区（${names}）`,
};

export const commonTexts = {
  noMonthEnded: (year: number) => `${year}年尚无已结束的月份`,
  figure: (label: string, value: string) => `**${label}：**${value}`,
  askedAt: (at: string) => `查询时间：${at}`,
  basis: (asOf: string, basis: string) => `完成率＝年度累计完成投资÷年度计划投资；序时进度${asOf}，${basis}。`,
  restricted: '全市汇总数据含全部项目；下列项目清单仅列出您有权查看的项目（本单位或本县区）。',
  restrictedList: '仅列出您有权查看的项目（本单位或本县区）。',
};

export const projectTexts = {
  subtitle: (code: string, county: string, category: string, level: string) => `项目编号 ${code} · ${county} · ${category} · ${level}`,
  summary: (name: string, rate: string) => `${name}：年度投资完成率 ${rate}`,
  latest: '最新填报',
  late: '（补报）',
  noChange: '（本周无变化）',
  annualPlan: '年度计划投资',
  ytd: '年度累计完成投资',
  /** The amount with its source: "78,400.00万元（第48周 市住建局 张三 第2次修改）". */
  ytdValue: (amount: string, source: string) => `${amount}（${source}）`,
  rate: '年度投资完成率',
  timeProgress: '序时进度',
  timeProgressValue: (tp: string, asOf: string, source?: string) => `${tp}（${asOf}${source ? `，${source}` : ''}）`,
  /** The notation's 序时 sentence for a project on its own 月度计划. */
  ownBasis: (asOf: string, source: string) => `完成率＝年度累计完成投资÷年度计划投资；${source}：序时进度${asOf}＝月末累计计划投资÷年度计划投资。`,
  gap: '与序时进度比较',
  light: '预警',
  status: '项目状态',
  nature: '建设性质',
  cumulative: '开工以来累计完成投资',
  cumulativeValue: (amount: string, rate: string) => `${amount}，占总投资的${rate}`,
  noPlan: '未下达年度计划投资，不计算完成率和预警',
  lateStart: (monthsLate: number) => (monthsLate > 0 ? `逾期${monthsLate}个月未开工` : '未按计划开工'),
  progress: (text: string, week: string) => `形象进度（${week}填报）：${text}`,
  problemsHead: '**存在问题及需协调事项**',
  ledgerProblem: (category: string, text: string, status: string, deadline: string | null, overdue: boolean) =>
    `【${category}】${text}（${status}${deadline ? `，办理期限${deadline}` : ''}${overdue ? '，已逾期' : ''}）`,
  reportedProblem: (week: string, cats: string, text: string) => `${week}填报存在问题${cats ? `（${cats}）` : ''}：${text}`,
  reportedCoordination: (week: string, text: string) => `${week}填报需协调事项：${text}`,
  noProblems: '问题台账中暂无未销号问题，最近一次填报未提出存在问题或需协调事项。',
  people: (unit: string, leader: string | null, county: string) => `**责任单位：**${unit}　**包联领导：**${leader ?? '未明确'}　**所属县区：**${county}`,
  trendHead: '**近四周填报情况**',
  trendColumns: { week: '周次', ytd: '年度累计(万元)', delta: '新增(万元)' },
  building: '在建',
  trendRate: (rate: string) => `完成率${rate}`,
  notReported: '未报送',
};

export const summaryTexts = {
  title: (label: string) => `${label}重点项目进展`,
  /** "数据截至11月12日（第46周） · 序时进度截至10月底": the figures are each project's latest report as of that day. */
  subtitle: (day: string, week: string, asOf: string) => `数据截至${day}（${week}） · 序时进度${asOf}`,
  summary: (label: string, rate: string) => `${label}重点项目：年度投资完成率 ${rate}`,
  overview: (label: string, count: number, plan: string) => `${label}重点项目共${count}个，年度计划投资${plan}。`,
  /** After asOfTexts.freshness ("本周（第49周）已填报2个，其余118个按最近一次填报（第45周至第48周）计算"). */
  completion: (freshness: string, done: string, rate: string, gap: string, tp: string, asOf: string) =>
    `${freshness}。累计完成投资${done}，占年度计划的${rate}，${gap}（序时进度${tp}，${asOf}）。`,
  noneReported: (tp: string, asOf: string) => `各项目均暂无填报，不计算完成率（序时进度${tp}，${asOf}）。`,
  unreported: (n: number) => `另有${n}个项目暂无填报，其完成投资未计入。`,
  lights: (red: number, yellow: number, green: number, lagging: number, stopped: number, half: number) =>
    `**预警：**红灯${red}个、黄灯${yellow}个、绿灯${green}个；未达序时进度${lagging}个；停工${stopped}个、半停工${half}个。`,
  laggardsHead: (n: number, shown: number) => `**未达序时进度项目**（共${n}个${n > shown ? `，列出滞后最多的${shown}个` : ''}，按滞后程度排列）`,
  allHead: (n: number) => `**项目情况**（共${n}个，滞后的在前）`,
  noLaggards: '暂无未达序时进度的项目。',
  restrictedPrefix: '您可查看的',
  noVisibleLaggards: '您可查看的项目中暂无未达序时进度的项目。',
  countiesHead: '**分县区完成情况**（按完成率从低到高排列；累计完成按各项目最近一次填报计算，“有填报”含此前周次的填报）',
  columns: {
    name: '项目名称',
    rate: '完成率',
    gap: '与序时差（个百分点）',
    light: '预警',
    week: '最新填报',
    county: '县区',
    count: '项目数',
    reported: '有填报',
    done: '累计完成（亿元）',
    countyGap: '与序时差(百分点)',
  },
  /** Under a county's name in the county table: its counts and 累计完成. */
  countyFacts: (count: number, reported: number, doneYi: string) => `${count}个项目，有填报${reported}个，完成${doneYi}亿元`,
  countyNone: (count: number) => `${count}个项目，均暂无填报`,
  empty: (label: string) => `${label}暂无重点项目。`,
};

export const listTitles: Record<ListKind, string> = {
  lagging: '未达序时进度项目',
  red: '红灯项目',
  yellow: '黄灯项目',
  unreported: '未报送项目',
  stopped: '停工、半停工项目',
  new_start: '新开工项目',
  not_started: '尚未开工的新开工项目',
  completed: '已竣工项目',
  completion_planned: '计划竣工项目',
};

/** The 新开工 / 竣工 / 计划竣工 lists (src/handlers/answer/list-stages.ts). */
export const stageTexts = {
  basis: (label: string, week: string, total: number) => `截至${week}，${label}重点项目${total}个；`,
  starts: (n: number, started: number, notStarted: number, unreported: number) =>
    `其中建设性质为新开工的${n}个，据最新填报已开工${started}个${n ? `，开工率${pct(started, n)}` : ''}；未开工${notStarted}个${unreported ? `、尚未填报${unreported}个` : ''}。`,
  completions: (n: number, finished: number, unreported: number) =>
    `其中建设性质为竣工（计划今年竣工）的${n}个，据最新填报已竣工或投产${finished}个${n ? `，竣工率${pct(finished, n)}` : ''}${unreported ? `；尚未填报${unreported}个` : ''}。`,
  finished: (n: number, planned: number, plannedDone: number) =>
    `其中最新填报项目状态为竣工或投产的${n}个；建设性质为竣工（计划今年竣工）的${planned}个，已竣工或投产${plannedDone}个${planned ? `，竣工率${pct(plannedDone, planned)}` : ''}。`,
  /** The 新开工 projects not reported started: 未开工, or not reported at all. */
  notStarted: (n: number, all: number, unreported: number) =>
    `其中建设性质为新开工的${all}个，据最新填报尚未开工${n}个${unreported ? `（含尚未填报${unreported}个）` : ''}。`,
  unreported: '未填报',
  statusColumn: '最新项目状态',
  plannedStart: '计划开工',
  plannedEnd: '计划竣工',
};

export const listTexts = {
  title: (label: string, list: ListKind) => `${label}${listTitles[list]}`,
  subtitle: (day: string, week: string, asOf: string) => `数据截至${day}（${week}） · 序时进度${asOf}`,
  /** Before asOfTexts.freshness: "全市重点项目120个，本周（第49周）已填报2个，其余118个按最近一次填报（…）计算；". */
  basis: (label: string, total: number, freshness: string) => `${label}重点项目${total}个，${freshness}；`,
  count: (n: number, what: string) => `其中${what}${n}个。`,
  measure: (tp: string, asOf: string) => `完成率与序时进度${tp}（${asOf}）比较。`,
  cut: (n: number, shown: number) => `共${n}条，仅列出前${shown}条。`,
  /** A page of a longer list: "共45个，显示第1—20个。" */
  page: (total: number, first: number, last: number, unit: string) => `共${total}${unit}，显示第${first}—${last}个。`,
  continued: '（续）',
  /** 更多 clicked by someone who may see fewer items than the list held (or after the list shrank). */
  noMore: (n: number) => `这份清单中您可查看的共${n}个，已全部列出，没有更多了。`,
  more: '更多',
  empty: (what: string) => `暂无${what}。`,
  unreportedWeek: (week: string, deadline: string, passed: boolean) => `${week}周调度，截止时间${deadline}${passed ? '' : '（尚未截止）'}。`,
  noRoundThisWeek: (week: string) => `本周（${week}）未开展周调度，以下为最近一次调度的情况。`,
  noRoundLastWeek: (week: string) => `上周（${week}）未开展周调度，以下为此前最近一次调度的情况。`,
  noRounds: '尚未开展周调度，暂无报送记录。',
  unreportedCount: (n: number, total: number, units: number) => `应报${total}个项目，未报送${n}个，涉及${units}个责任单位。`,
  columns: {
    name: '项目名称',
    county: '县区',
    rate: '完成率',
    gap: '与序时差（个百分点）',
    light: '预警',
    unit: '责任单位',
    status: '项目状态',
    since: '填报周次',
    stoppedSince: '停工起始与持续',
    projects: '未报送项目',
    count: '个数',
  },
};

/** 导出Excel: what the asker is told beside the file. */
export const exportTexts = {
  sent: (title: string, rows: number) => `${title}共${rows}行，已生成Excel文件，随后发送给您。`,
  toast: '已生成Excel文件，将发送到您与调度助手的单聊',
  moreSent: (first: number) => `已发送第${first}个起的下一页，请在您与调度助手的单聊中查看`,
  notList: '这个问题的回答不是清单，没有可导出的Excel。可发送如“导出滞后项目”“导出江北区红灯项目”“导出本周未报送”。',
  what: '请说明要导出的清单，如“导出滞后项目”“导出江北区红灯项目”“导出本周未报送”“导出待协调问题”。',
};

export const pickTexts = {
  title: '请选择要查询的项目',
  subtitle: (query: string, n: number) => `“${query}”对应${n}个项目`,
  summary: (query: string) => `“${query}”对应多个项目，请选择`,
  more: (n: number, shown: number) => `共${n}个项目符合，以下列出前${shown}个；可加上县区或更多关键词缩小范围。`,
  hint: '点击项目名称查看其最新进展。',
  notFoundTitle: '未找到相关项目',
  notFoundSummary: (query: string) => `未找到“${query}”`,
  notFound: (query: string) => `未找到名称或编号与“${query}”相符的项目。`,
  closest: '您是否要查询：',
  closestEntity: (name: string, what: string) => `${name}（${what}，可发送“${name}进度”）`,
  entityWords: { county: '县区', category: '项目类别', unit: '责任单位', leader: '包联领导' } as const,
  noClosest: '请核对项目名称，或发送“帮助”查看提问示例。',
  maybeTitle: '请确认要查询的项目',
  maybeSubtitle: (query: string) => `“${query}”没有完全相符的项目`,
  maybeSummary: (query: string) => `“${query}”没有完全相符的项目，请确认`,
  notSure: (query: string) => `没有名称或编号与“${query}”完全相符的项目。`,
  noneWithin: (label: string, query: string) => `${label}没有名称含“${query}”的项目。`,
  maybe: '您要找的是不是：',
  maybeOutside: (what: string) => `您要找的是不是以下${what}的项目：`,
  noLeader: (surname: string | null, title: string, holders: string) =>
    `没有${surname ? `姓${surname}的` : ''}${title}包联项目。${holders ? `项目库中的${title}：${holders}。` : ''}可发送“姓名+包联的项目”查询。`,
  unapplied: (word: string, why: string) => `未按“${word}”筛选：${why}`,
};

export const helpTexts = {
  title: '调度助手可以回答的问题',
  summary: '调度助手：可查询重点项目进展',
  notUnderstood: (text: string) => `未能理解“${text}”。`,
  intro: '直接发送问题即可（在群聊中请先 @调度助手）。所有数据均来自各责任单位的周调度填报，并注明截至的周次和日期。',
  sections: [
    ['查询单个项目', '项目名称或其中几个字、项目编号或序号、名称拼音首字母，如：安置房二期现在进展怎么样了？／LJ2026-014／014／污水厂／azfeq'],
    ['县区、类别、单位、领导汇总', '如：江北区进度／产业项目进展／市交通运输局的项目／我包联的项目／我们单位的项目／金俊杰包联的项目／市长包联的项目'],
    ['清单', '如：滞后项目／红灯项目／江北区滞后项目／本周未报送／停工项目／新开工项目／计划竣工项目'],
    ['问题台账', '如：待协调问题／逾期问题／用地问题／江北区的问题／安置房二期的问题；“问题12”查看该问题并办理'],
    ['全市情况', '如：全市进度／总体情况'],
    ['挂图作战', '红灯项目的完成率与序时进度对照图，如：江北区挂图／全市红灯项目图'],
  ] as const,
  access: '权限说明：包联领导和重点项目办可查询全部项目；填报人可查询本单位项目和全市汇总；县区查看人可查询本县区项目。',
};

export const refusalTexts = {
  projectTitle: '暂无权限查看该项目',
  project: (name: string, unit: string) =>
    `“${name}”由${unit}负责，您暂无权限查看其详细情况。您可查询本单位（本县区）的项目和全市汇总数据；如需查看，请联系重点项目办。`,
  projects: (query: string, n: number) =>
    `“${query}”对应的${n}个项目均不属于您可查看的范围，您暂无权限查看其详细情况。您可查询本单位（本县区）的项目和全市汇总数据；如需查看，请联系重点项目办。`,
  cityFollows: '以下为全市汇总：',
  group: (label: string) => `您暂无权限查看${label}的汇总数据。您可查询本单位（本县区）的项目和全市汇总数据；如需查看，请联系重点项目办。`,
  notLeader: '您未登记为包联领导，也未登记为填报人，暂无“您的项目”。可发送项目名称、县区或“全市进度”查询。',
  noUnit: '您未登记为任何责任单位的填报人、负责人或查看人员，暂无“本单位项目”。可发送单位名称（如“市水利局的项目”）、县区或“全市进度”查询。',
  noCounty: '您未登记为任何县区的查看人员，暂无“本县区项目”。可发送县区名称（如“江北区进度”）或“全市进度”查询。',
};
