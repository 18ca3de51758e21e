// The wording of the monthly bulletin's cards, its approval card and the weekly digest, in one place for the
// 重点项目办 to review. Figures arrive already formatted (cards/bulletin/format.ts).

export const bulletinTexts = {
  title: (period: string) => `${period}全市重点项目建设情况通报`,
  subtitle: (asOf: string, part: number, parts: number) => (parts > 1 ? `${asOf} · 第${part}/${parts}张` : asOf),
  draftTag: '待审定',
  draftNotice: '以下为待审定的月通报（尚未发布），内容与发布到群里的完全一致；请在最后一张审定卡片上点“发布”或“退回”。',
  /** A draft with 期号: the number shown is the one it would get now, marked 拟; 发布 gives the final number and date. */
  draftIssue: (issue: string) => `${issue}（拟）`,
  draftIssueNotice: '期号和落款日期在发布时确定：期号按本年度月通报的发布先后依次编排，落款为发布之日。',
  heads: {
    overview: '**一、本期综述**',
    chart: '各县区年度投资完成率与序时进度',
    groups: '**二、分级别、分类别完成情况**',
    levels: '分级别',
    categories: '分类别',
    counties: '**三、分县区完成情况**',
    starts: '**四、开工、竣工、投产情况**',
    lagging: '**五、未达序时进度项目清单**',
    problems: '**六、问题协调情况**',
    timeliness: '**七、报送情况**',
    corrections: '**上期数据更正**',
    requirements: '**八、下步工作要求**',
  },
  /** A continuation line is plain text (any version): the heading without its markdown, then （续）. */
  more: (head: string) => `${head.replace(/\*\*/g, '')}（续）`,
  subtitleIssued: (issue: string, office: string, asOf: string, part: number, parts: number) =>
    parts > 1 ? `${issue} · ${office} · ${asOf} · 第${part}/${parts}张` : `${issue} · ${office} · ${asOf}`,
  planFirst: (projects: number, plan: string, period: string, completed: string, rate: string | null, gap: string) =>
    rate === null
      ? `全市重点项目${projects}个，年度计划投资${plan}；${period}完成投资${completed}（未下达年度计划投资，不计算完成率）。`
      : `全市重点项目${projects}个，年度计划投资${plan}；${period}完成投资${completed}，完成年度计划的${rate}，${gap}。`,
  laggingBehind: (named: string, red: number, yellow: number) => `${named}进度滞后（红灯${red}个、黄灯${yellow}个）。`,
  laggingGreen: (n: number) => `另有${n}个项目未达序时进度，低于序时不足预警线（绿灯）。`,
  laggingNone: '全部项目均达到序时进度。',
  monthsSince: (n: number, since: number | null) => (since === null ? `${n}个月` : `自${since}月有数据以来${n}个月`),
  estimatedNamed: (n: number, parts: string) => `另有${n}个项目未填报月末数，按月末前最近一次填报数计算，标注“估”：${parts}。`,
  signature: (office: string, date: string) => `${office}\n${date}`,
  headline: (asOf: string, projects: number, completed: string, rate: string | null, gap: string) =>
    rate === null
      ? `${asOf}，全市${projects}个重点项目累计完成投资${completed}（未下达年度计划投资，不计算完成率）。`
      : `${asOf}，全市${projects}个重点项目累计完成投资${completed}，占年度计划的${rate}，${gap}。`,
  monthNew: (month: number, amount: string) => `其中${month}月新增完成投资${amount}。`,
  basis: (tp: string, plan: string) => `序时进度${tp}；完成率＝年度累计完成投资÷年度计划投资；计划口径：${plan}。`,
  columns: {
    name: '名称',
    projects: '项目个数',
    plan: '年度计划(亿元)',
    completed: '累计完成(亿元)',
    rate: '完成率',
    gap: '与序时差(个百分点)',
    /** The gap's heading in a narrow column (phone width): the answer cards' wording, which fits two lines at 30%. */
    gapNarrow: '与序时差(百分点)',
    monthNew: '本月新增(亿元)',
    rank: '排名',
    rankCounty: '排名 县区',
    county: '县区',
    project: '项目名称',
    unit: '责任单位',
    leader: '包联领导',
    light: '预警',
    reasons: '滞后原因',
    months: '连续滞后',
    monthsBelow: '连续未达序时',
    category: '类别',
    problem: '问题',
    leadUnit: '牵头单位',
    deadline: '办理时限',
    late: '补报(次)',
    missed: '未报(次)',
    month: '月份',
    published: '原通报',
    now: '更正后',
    diff: '增减',
  },
  rankOrder: '按年度投资完成率由高到低排名；完成率相同的并列。',
  /** Under a level's, category's or county's name (phone width): the figures that have no column of their own. */
  groupFacts: (projects: number, plan: string, completed: string, monthNew: string) =>
    `${projects}个项目，年度计划${plan}亿元，累计完成${completed}亿元，本月新增${monthNew}亿元`,
  laggingFigures: (rate: string, gap: string) => `完成率：${rate}　与序时差(个百分点)：${gap}`,
  correctionFigures: (month: string, published: string, now: string, diff: string) => `${month}：原通报${published}万元，更正后${now}万元，增减${diff}万元`,
  monthsLagging: (n: number) => `${n}个月`,
  startDetail: (early: number, onTime: number, late: number) => `其中提前开工${early}个、按计划开工${onTime}个，未按计划开工${late}个。`,
  production: (n: number) => `已投产${n}个。`,
  laggingCount: (n: number, red: number, yellow: number, green: number) =>
    n === 0
      ? '全部项目均达到序时进度。'
      : `未达序时进度项目${n}个，其中红灯${red}个、黄灯${yellow}个${green ? `、绿灯${green}个（低于序时不足预警线）` : ''}。`,
  laggingCut: (shown: number, total: number) => `表中列出最落后的${shown}个，其余${total - shown}个见附表。`,
  problemsLine: (total: number, fresh: number, closed: number, rate: string) =>
    `本年度收集问题${total}个，本月新增${fresh}个、销号${closed}个，办结率${rate}。`,
  problemsNone: '本年度尚未收集到问题。',
  byCategory: (parts: string) => `按类别：${parts}。`,
  byStatus: (parts: string) => `按办理状态：${parts}。`,
  overdue: (n: number) => (n === 0 ? '无逾期未办结问题。' : `逾期未办结问题${n}个：`),
  timelinessLine: (onTime: number, total: number) => `${total}个责任单位中，${onTime}个单位本月各轮均按时报送。`,
  timelinessLate: (n: number) => `未按时报送的单位${n}个：`,
  unreported: (parts: string) => `从未填报的项目：${parts}。`,
  estimated: (n: number) => `另有${n}个项目未填报月末数，按月末前最近一次填报数计算（附表中注明“推算”）。`,
  correctionsLine: '以下项目的以往月份数据在通报发布后有更正，以更正后数据为准：',
  table: (projects: number) => `附表：全市重点项目完成情况表（共${projects}个项目，Excel 文件）随本通报发送。`,
  footer: (composedAt: string) => `数据来源：各责任单位周调度填报；金额单位亿元。编制于${composedAt}。`,
  none: '无',
};

export const approvalTexts = {
  title: (bulletinTitle: string) => `审定：${bulletinTitle}`,
  subtitle: (composedAt: string) => `编制于${composedAt}`,
  summary: (bulletinTitle: string) => `待审定：${bulletinTitle}`,
  tag: { draft: '待审定', published: '已发布', returned: '已退回', superseded: '已作废' },
  parts: (cards: number, projects: number) => `通报共${cards}张卡片（见上），附表${projects}个项目（Excel 文件）。`,
  groups: (names: string[]) => `发布后将发送到${names.length}个通报群：${names.join('、')}。`,
  noGroups: '尚未设置通报群：请在要接收通报的群里 @调度助手 并发送“设为通报群”，再点“发布”。',
  publish: '发布',
  publishConfirm: (n: number) => ({ title: '发布月通报', text: `将把本期通报和附表发送到${n}个通报群，发布后不能撤回。确认发布？` }),
  reasonLabel: '退回原因',
  reasonPlaceholder: '请写明需要核实或修改的内容',
  return: '退回',
  redo: (month: string) => `退回后，核实修改数据可重新编制送审：diaodu bulletin --month ${month} --post`,
  /** 季分析 and 年考核 are composed on request in chat: asking again composes a new draft. */
  redoOf: (kind: 'month' | 'quarter' | 'year' | 'tour', key: string) => {
    if (kind === 'month') return approvalTexts.redo(key);
    if (kind === 'tour') return `退回后，核实评分可用 diaodu tour post ${key.replace(/^tour-/, '')} 重新送审。`;
    const [year, q] = key.split('-Q');
    const ask = kind === 'quarter' ? `${year}年${['', '一', '二', '三', '四'][Number(q)]}季度分析` : `${year}年度考核排名`;
    return `退回后，核实修改数据可在与调度助手的单聊中再次发送“${ask}”，重新编制送审。`;
  },
  analysisParts: (cards: number) => `共${cards}张卡片（见上）。`,
  publishConfirmOf: (kind: 'month' | 'quarter' | 'year' | 'tour', n: number) =>
    kind === 'month'
      ? approvalTexts.publishConfirm(n)
      : {
          title: kind === 'quarter' ? '发布季度分析' : kind === 'tour' ? '发布观摩评分排名' : '发布年度考核排名',
          text: `将发送到${n}个通报群，发布后不能撤回。确认发布？`,
        },
  published: (by: string | null, at: string) => (by ? `✅ 已由${by}于${at}发布。` : `✅ 已于${at}发布。`),
  /** Recorded with the bulletin when it is published, and shown on its approval card from then on. */
  sentTo: (names: string[], auto: boolean) => `${auto ? '按设置自动发布，' : ''}发送到${names.length}个通报群：${names.join('、')}。`,
  autoNotice: (title: string, names: string[]) => `【月通报】${title}已按设置（bulletin.autoPublish）自动发布到${names.length}个通报群：${names.join('、')}。`,
  returned: (by: string, at: string) => `已由${by}于${at}退回。`,
  reason: (text: string) => `退回原因：${text}`,
  superseded: '本稿已被重新编制的新稿替代，请审定新稿。',
  someone: '管理员',
  /** The 期号 line: while a draft, the number it would get now (拟); once published, the number it was given. */
  issueDraft: (issue: string) => `期号：${issue}（拟，发布时按本年度月通报的发布先后确定）。`,
  issueFinal: (issue: string) => `期号：${issue}。`,
  monthEnd: (given: number, total: number, share: string) => `月末数：${total}个项目中${given}个已填报月底累计完成投资（${share}），${total - given}个未填报。`,
  monthEndAll: (total: number) => `月末数：${total}个项目均已填报月底累计完成投资。`,
  missingUnits: (units: string) => `未填报月末数的单位：${units}。`,
  urge: '催报',
  urgeConfirm: (n: number) => ({ title: '催报月末数', text: `将向${n}个单位的填报人重发填报卡片，请其补报月末数。补报后可重新编制送审。确认催报？` }),
  urgeNote: (threshold: string) =>
    `月末数填报完整度低于${threshold}（bulletin.monthEndComplete），建议先催报，补报后重新编制（diaodu bulletin --month … --post）再发布。`,
};

export const digestTexts = {
  title: '重点项目周调度简报',
  summary: (week: string, n: number, m: number) => `${week}：已报送${n}/${m}个项目`,
  reported: (n: number, m: number, rate: string) => `**报送：**应报${m}个项目，已报${n}个，报送率${rate}。`,
  invested: (amount: string) => `**本周新增完成投资：**${amount}（各项目本周填报数与上次填报数之差）。`,
  investedNone: '**本周新增完成投资：**本周填报的项目均为首次填报，暂无可比较的数据。',
  investedNoReports: '**本周新增完成投资：**本周暂无项目填报。',
  firstReports: (n: number) => `另有${n}个项目本周首次填报，未计入本周新增。`,
  /** Projects that fell behind 序时 because of this week's report (their figures), not because 序时 moved on. */
  byReport: (n: number, anyReported: boolean) =>
    `**据本周填报转为未达序时进度：**${n === 0 ? (anyReported ? '无。' : '无（本周暂无项目填报）。') : `${n}个。`}`,
  /** Projects behind 序时 only because it moved on (the month turned): not slipped, whatever their report this week. */
  byMeasure: (n: number) => `**因序时进度调整转为未达序时进度：**${n}个。`,
  measureMoved: (from: string, fromAsOf: string, to: string, toAsOf: string, notes: string) =>
    `序时进度由${from}（${fromAsOf}）调至${to}（${toAsOf}），以下项目按最近一次填报未达新的序时进度${notes}：`,
  measureSame: (tp: string, asOf: string, notes: string) =>
    `序时进度${tp}（${asOf}）；以下项目的完成投资未因本周填报而下降，随时间推移转为未达序时进度${notes}：`,
  measureNotes: (own: number, lateStart: number) => {
    const parts = [own > 0 ? `${own}个按项目月度计划计算序时` : '', lateStart > 0 ? `${lateStart}个逾期未开工` : ''].filter(Boolean);
    return parts.length ? `（其中${parts.join('、')}）` : '';
  },
  /** Lights that got worse on projects already behind 序时, by cause. */
  lightsHead: '**预警灯加重：**',
  lightsByReport: (n: number, names: string) => `据本周填报${n}个（${names}）`,
  lightsByMeasure: (n: number, moves: string) => `因序时进度调整${n}个（${moves}）`,
  lightMove: (from: string, to: string) => `${from}转${to}`,
  noEarlierRound: '**未达序时进度项目变化：**本年度首轮调度，暂无上周数据可比较。',
  laggardsCut: (shown: number, total: number) => `仅列出${shown}个，共${total}个。`,
  problems: (n: number, parts: string) => (n === 0 ? '**新增问题：**无。' : `**新增问题：**${n}个（${parts}）。`),
  basis: (asOf: string, tp: string) => `序时进度${tp}（${asOf}）。完整数据见每月通报。`,
};
