// Operational settings kept in the database: each key's zod schema, default and description in one table.
import { z } from 'zod';
import { criteriaSchema, DEFAULT_CRITERIA } from './tours';
import { DEFAULT_WEIGHTS, weightsSchema } from './evaluation';

const zhCN = z.locales.zhCN();

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'] as const;
const weekTime = z
  .string()
  .trim()
  .regex(/^(周|星期)[一二三四五六日天] ?([01]\d|2[0-3]):[0-5]\d$/, '格式应为“周一 09:00”（星期几 + 24 小时制时刻）')
  .transform((s) =>
    s
      .replace('星期', '周')
      .replace('天', '日')
      .replace(/^(周.) ?/, '$1 '),
  );

const percent = z.number().min(0).max(100);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, '不是真实存在的日期');

export const settingDefinitions = {
  'round.open': { schema: weekTime, default: '周一 09:00', description: '每周调度开始（发送填报卡片）的时间' },
  'round.remind': { schema: weekTime, default: '周四 15:00', description: '提醒未报送单位的时间' },
  'round.deadline': { schema: weekTime, default: '周五 18:00', description: '报送截止时间（截止后向单位负责人督办）' },
  'round.lateDays': {
    schema: z.number().int().min(0).max(60),
    default: 7,
    description: '截止后仍可补报的天数：超过该周截止时间这么多天后，该周的卡片不再接受填报（默认 7 天，约到下一周截止）',
  },
  'progress.rule': {
    schema: z.enum(['months', 'half_months', 'curve', 'days']),
    default: 'months',
    description: '序时进度算法：months 按整月（默认，n/12）、half_months 按半月、curve 按上级下达的月度目标、days 按天数',
  },
  'progress.curve': {
    schema: z
      .array(percent)
      .length(12, '应为 12 个月的累计目标百分数')
      .refine((a) => a.every((v, i) => i === 0 || v >= (a[i - 1] ?? 0)), '累计目标应逐月不减')
      .nullable(),
    default: null,
    description: '按月累计目标（百分数，12 个），progress.rule 为 curve 时使用',
  },
  'lights.rule': {
    schema: z.enum(['points', 'ratio', 'ratio_below']),
    default: 'points',
    description: '预警灯规则：points 低于序时的百分点、ratio 占序时的比例、ratio_below 低于序时的比例',
  },
  'lights.points': {
    schema: z
      .object({ yellow: percent, red: percent })
      .strict()
      .refine((v) => v.red >= v.yellow, 'red 应不小于 yellow'),
    default: { yellow: 10, red: 30 },
    description: 'points 规则：低于序时 yellow～red 个百分点（含）为黄灯，超过 red 为红灯',
  },
  'lights.ratio': {
    schema: z
      .object({ yellow: percent, red: percent })
      .strict()
      .refine((v) => v.red <= v.yellow, 'red 应不大于 yellow'),
    default: { yellow: 80, red: 60 },
    description: 'ratio 规则：完成率低于序时的 yellow% 为黄灯，低于 red% 为红灯',
  },
  'lights.ratioBelow': {
    schema: z.object({ red: percent }).strict(),
    default: { red: 50 },
    description: 'ratio_below 规则：低于序时不超过 red% 为黄灯，超过为红灯',
  },
  'lights.lateStartRedMonths': {
    schema: z.number().int().min(1).max(12),
    default: 3,
    description: '新开工项目逾期未开工满几个月亮红灯（逾期当月起为黄灯）',
  },
  'calendar.corrections': {
    schema: z.array(z.object({ date: isoDate, type: z.enum(['holiday', 'workday']), name: z.string().max(40).optional() }).strict()),
    default: [],
    description: '节假日更正：holiday 休息日、workday 调休上班日，补充或更正日历数据',
  },
  'bulletin.schedule': {
    schema: z
      .string()
      .trim()
      .transform((v) => (v.toLowerCase() === 'auto' ? '自动' : v))
      .pipe(
        z
          .string()
          .regex(
            /^(自动|([1-9]|1\d|2[0-8])日 ([01]\d|2[0-3]):[0-5]\d)$/,
            '格式应为“自动”（月末数截止后的第一个工作日 09:00），或“5日 09:00”（每月几日 + 时刻，1–28 日）',
          ),
      ),
    default: '自动',
    description:
      '月通报定时编制时间：自动（默认，月末数征集轮次截止后的第一个工作日 09:00，见 diaodu calendar rounds），或固定的“5日 09:00”（早于月末数截止则按估算数编制）',
  },
  'bulletin.monthEndComplete': {
    schema: z.number().min(0, '应在 0 到 100 之间').max(100, '应在 0 到 100 之间'),
    default: 100,
    description:
      '月末数填报完整度阈值（百分数）：编制时已填报月末数的项目占比低于此值，审定卡片列出未填报单位并提供“催报”按钮（默认 100，即有一个未填报就提示）',
  },
  // Which groups receive the bulletin is not a setting: an administrator says so in the group (@调度助手 设为通报群),
  // and it is kept with the group in the chats table — one place, and a group the bot has left is left out.
  'bulletin.autoPublish': {
    schema: z.boolean(),
    default: false,
    description: '月通报编制后直接发布到通报群，不经管理员审定（默认 false：先发给管理员审定，点“发布”后才发出）',
  },
  'bulletin.requirements': {
    schema: z.string().trim().min(1, '下步工作要求不能为空').max(2000, '下步工作要求不能超过2000字'),
    default:
      '各县区、各责任单位要对照年度计划和序时进度，倒排工期、挂图作战：未达序时进度的项目要逐一分析原因，制定赶超措施；' +
      '未按计划开工的项目要加快办理前期手续，尽早开工建设；停工、半停工项目要尽快复工；需协调事项要按交办时限办结销号；' +
      '各单位要按时、准确报送周调度数据，确保数据真实。',
    description: '月通报“下步工作要求”一节的文字',
  },
  'bulletin.office': {
    schema: z.string().trim().min(2, '发文单位至少2个字').max(40, '发文单位不能超过40字'),
    default: '市重点项目建设工作领导小组办公室',
    description: '月通报的发文单位（通报的红头、落款和 Word 文件上的单位名称）',
  },
  'bulletin.title': {
    schema: z.string().trim().min(2, '通报标题至少2个字').max(40, '通报标题不能超过40字'),
    default: '全市重点项目建设情况通报',
    description: '月通报的标题（红头下方的文件名称）；期号按年度自动编排',
  },
  'bulletin.countyOrder': {
    schema: z.enum(['highest_first', 'lowest_first']),
    default: 'highest_first',
    description: '月通报分县区表的排列：highest_first 按完成率由高到低（默认），lowest_first 由低到高（滞后县区在前）；排名均以完成率最高为第1名',
  },
  'feishu.sendLimits': {
    schema: z
      .object({
        perSecond: z.number().int().min(1).max(50),
        perMinute: z.number().int().min(1).max(1000),
        perReceiverPerSecond: z.number().int().min(1).max(5),
      })
      .strict(),
    default: { perSecond: 50, perMinute: 1000, perReceiverPerSecond: 5 },
    description: '发送频率上限（每个实例）：每秒、每分钟、每个用户或群每秒；多实例部署时按实例数分摊飞书的应用上限（50/秒、1000/分钟）',
  },
  'problems.deadlineWorkdays': {
    schema: z.number().int().min(1).max(250),
    default: 10,
    description: '问题交办时默认的办理期限：自交办之日起的工作日数（按工作日历，节假日不计）',
  },
  'problems.escalateAfterWorkdays': {
    schema: z.number().int().min(1).max(60),
    default: 3,
    description: '逾期问题向牵头单位负责人督办后仍未办结，再过几个工作日上升协调至项目包联领导',
  },
  'problems.checkTime': {
    schema: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '格式应为“09:00”（24 小时制时刻）'),
    default: '09:00',
    description: '每天检查问题办理期限的时间：逾期的标记逾期，工作日按级督办（每个问题每天至多一次）',
  },
  'problems.weeklyList': {
    schema: weekTime,
    default: '周五 18:30',
    description: '每周向管理员发送问题台账周报（本周新增、办理中、本周销号）的时间，遇节假日顺延至下一个工作日',
  },
  'batches.cards': {
    schema: z.boolean(),
    default: true,
    description:
      '是否发送四个一批和储备项目卡片：每月第一个工作日 09:00 向有未达效签约企业的责任单位填报人发上月进展登记卡片，1、4、7、10 月另发上季度储备项目确认卡片（默认 true）',
  },
  'batches.targets': {
    schema: z
      .array(z.object({ month: z.number().int().min(1, '月份应在 1 到 12 之间').max(12, '月份应在 1 到 12 之间'), percent }).strict())
      .min(1, '至少要有一个目标点')
      .max(12)
      .refine((a) => a.every((p, i) => i === 0 || p.month > (a[i - 1]?.month ?? 0)), '目标点应按月份从小到大排列，且每月至多一个')
      .refine((a) => a.every((p, i) => i === 0 || p.percent >= (a[i - 1]?.percent ?? 0)), '转化率目标应逐点不减'),
    default: [
      { month: 6, percent: 50 },
      { month: 12, percent: 80 },
    ],
    description:
      '四个一批转化率目标（投产达效企业占签约企业的百分数）：到某月底应达到的目标点，其间按月序时（自年初 0 起直线递增），最后一点之后保持不变；默认 6月底 50%、12月底 80%',
  },
  'reserve.ratioThreshold': {
    schema: z.number().gt(0, '应大于 0').max(100, '不应超过 100'),
    default: 1,
    description:
      '储备不足的判定：县区处于前期、具备开工条件阶段的储备项目总投资与本县区本年度计划投资之比低于此值即为储备不足（默认 1.0，即储备不少于一年的计划投资）',
  },
  'stats.diffPercent': {
    schema: z.number().gt(0, '应大于 0').max(100, '不应超过 100'),
    default: 10,
    description: '统计监测：项目调度填报的本年累计完成投资与统计部门的统计完成投资相差超过统计数的这一百分比（默认 10，即 10%）即列为差异，请责任单位说明原因',
  },
  'tours.criteria': {
    schema: criteriaSchema,
    default: DEFAULT_CRITERIA,
    description: '观摩评分项及各项满分（分，整数），开启观摩时取用并随该次观摩保存；默认 形象进度30、投资强度30、质量安全20、亮点特色20，合计100分',
  },
  'evaluation.weights': {
    schema: weightsSchema,
    default: DEFAULT_WEIGHTS,
    description:
      '半年综合评价各项权重（和为 100）：completion 投资完成率与序时比、starts 新开工率、timeliness 按时报送率、problems 问题办结率、nodes 节点按期完成率、tour 观摩得分、batches 四个一批转化率与目标比',
  },
  'stoppage.escalateAfterWeeks': {
    schema: z.number().int().min(1).max(52),
    default: 4,
    description: '长时间停工的判定：项目连续填报停工或半停工满几周（自第一次填报停工的那一周起算），即向项目包联领导报告一次，并列入月通报（默认 4 周）',
  },
  'nodes.escalate': {
    schema: z.boolean(),
    default: true,
    description:
      '是否督办逾期节点和报告长时间停工：工作日向责任单位负责人、再向包联领导发逾期节点消息，停工满设定周数向包联领导报告一次（默认 true；设为 false 时只在表单、问答、命令行和月通报中显示）',
  },
  'nodes.upcomingDays': {
    schema: z.number().int().min(1).max(60),
    default: 14,
    description: '节点临近的天数：计划完成日期在今后这些天之内（含当天）且尚未完成的节点亮黄灯，并列入周调度填报表单（默认 14 天）',
  },
  'nodes.escalateAfterWorkdays': {
    schema: z.number().int().min(1).max(60),
    default: 3,
    description: '逾期节点向责任单位负责人督办后仍未完成，再过几个工作日上升至项目包联领导（默认 3 个工作日）',
  },
  'nodes.checkTime': {
    schema: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '应为 HH:MM，如 09:00'),
    default: '09:30',
    description: '每天检查逾期节点的时间（只在工作日督办，每个节点每天至多一条消息）',
  },
  admins: {
    schema: z.array(
      z
        .string()
        .trim()
        .refine((s) => /^(\+\d{1,4})?1\d{10}$/.test(s) || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s) || /^ou_[\w-]+$/.test(s), '应为手机号、邮箱或 open_id'),
    ),
    default: [],
    description: '管理员（重点项目办）：手机号、邮箱或 open_id',
  },
} as const;

export type SettingKey = keyof typeof settingDefinitions;
export type Settings = { [K in SettingKey]: z.output<(typeof settingDefinitions)[K]['schema']> };

export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];

/** Every setting at its default, a fresh copy each call (a caller changing it must not change the defaults). */
export function settingDefaults(): Settings {
  const out: Record<string, unknown> = {};
  for (const key of settingKeys) out[key] = structuredClone(settingDefinitions[key].default);
  return out as Settings;
}

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingDefinitions, key);
}

export type SettingResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates one value for one key; messages are Chinese and name the key. */
export function validateSetting(key: SettingKey, value: unknown): SettingResult<unknown> {
  // zod's own messages (wrong type, out of range, unknown option) are English unless given a locale per parse;
  // the messages written into the schemas above still take precedence.
  const parsed = settingDefinitions[key].schema.safeParse(value, { error: zhCN.localeError });
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message)).join('；');
    return { ok: false, error: `${key} 的值无效：${msg}` };
  }
  return { ok: true, value: parsed.data };
}

/** Checks that hold across keys (a rule naming data that another key must supply). */
export function checkSettingsTogether(s: Settings): string | null {
  if (s['progress.rule'] === 'curve' && !s['progress.curve']) {
    return 'progress.rule 为 curve 时须先设置 progress.curve（12 个月的累计目标百分数）';
  }
  return null;
}

export function weekdayNumber(weekTimeValue: string): number {
  return WEEKDAYS.indexOf(weekTimeValue.charAt(1) as (typeof WEEKDAYS)[number]) + 1;
}
