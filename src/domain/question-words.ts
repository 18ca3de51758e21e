// The words of a question that are not names: asking for help, lists, the whole city, "mine", and words around a name.
// All are in normalised form (see normalizeText): no spaces or punctuation, lower case.

import type { StageList } from './list-stages';

export type ListKind = 'lagging' | 'red' | 'yellow' | 'unreported' | 'stopped' | StageList;

const GREETINGS = '你好|您好|hi|hello|hey|哈喽|嗨|在吗|在不在|早上好|早|上午好|中午好|下午好|晚上好';
const HELP_WORDS =
  '帮助|求助|help|菜单|功能|功能列表|使用说明|使用帮助|说明|用法|怎么用|如何使用|怎么使用|怎么问|你能做什么|能做什么|你会什么|能问什么|可以问什么|都能问什么|能查什么|可以查什么';

/** Asking how to use the bot, also after a greeting or with a polite tail: 帮助一下, 你好怎么用, 请问能问什么呢. */
export const HELP_RE = new RegExp(`^(?:(?:${GREETINGS})(?:啊|呀)?)?(?:请问)?(?:${HELP_WORDS})(?:一下)?(?:吗|呢|呀|啊|吧)?$`, 'u');

export const GREETING_RE = new RegExp(`^(?:${GREETINGS})(?:啊|呀|呢)?$`, 'u');

export const THANKS_RE = /^(谢谢|多谢|感谢|谢了|辛苦了|好的|好|收到|知道了|明白|明白了|ok|okay|嗯|嗯嗯|👍)(你|您|啦|了)?$/u;

/** List words, longest first within each list; a question names at most one list (the first found in this order). */
export const LIST_WORDS: ReadonlyArray<[ListKind, readonly string[]]> = [
  [
    'unreported',
    [
      '本周未报送',
      '本周未填报',
      '本周没报',
      '逾期未报',
      '未按时报送',
      '没有报送',
      '没有填报',
      '未报送',
      '没报送',
      '未填报',
      '没填报',
      '未上报',
      '没上报',
      '未报',
      '没报',
    ],
  ],
  ['stopped', ['半停工', '停工', '停建', '停滞']],
  // 还没开工 before 新开工 ("新开工项目还没开工"); 已竣工/竣工了 before 计划竣工 ("今年竣工了哪些"), then 计划竣工 before
  // the words of 竣工 it holds ("计划竣工项目" holds "竣工项目").
  ['not_started', ['还没有开工', '还没开工', '尚未开工', '没有开工', '未开工', '没开工']],
  ['completed', ['今年已竣工', '今年竣工了', '年内竣工了', '已经竣工', '已竣工', '已完工', '竣工了']],
  ['completion_planned', ['今年计划竣工', '计划今年竣工', '年内计划竣工', '计划年内竣工', '计划竣工', '计划完工', '今年竣工', '年内竣工', '应竣工', '竣工率']],
  ['completed', ['竣工项目', '完工项目', '竣工的']],
  ['new_start', ['今年新开工', '年内新开工', '新开工项目', '新开工', '开工率']],
  ['red', ['亮红灯', '红灯', '红色预警']],
  ['yellow', ['亮黄灯', '黄灯', '黄色预警', '进度较慢', '较慢']],
  [
    'lagging',
    [
      '未达序时进度',
      '未达到序时进度',
      '低于序时进度',
      '落后于序时',
      '未达序时',
      '低于序时',
      '进度滞后',
      '滞后',
      '落后',
      '拖后腿',
      '进度慢',
      '比较慢',
      '慢的',
      '预警',
    ],
  ],
];

/** The whole city: 全市进度, 总体情况. */
export const CITY_WORDS = ['全市重点项目', '全市项目', '全市', '全部项目', '所有项目', '全部', '所有', '总体', '整体', '总的', '汇总', '总览', '概况', '大盘'];

/** The asker's own projects: a leader's 包联 projects, a reporter's unit's. */
export const MINE_WORDS = ['我包联的', '我包联', '我联系的', '我分管的', '我负责的', '我的'];

/** The asker's unit's projects only (a reporter's, unit head's or unit viewer's unit), never a leader's 包联 ones. */
/** A county viewer's own county: 我们县的项目, 本县区. */
export const MINE_COUNTY_WORDS = [
  '我们县区的',
  '我们县区',
  '本县区的',
  '本县区',
  '我们县的',
  '我们县',
  '我们区的',
  '我们区',
  '咱们县',
  '咱们区',
  '我县的',
  '我县',
  '我区的',
  '我区',
  '本县',
  '本区',
];

export const MINE_UNIT_WORDS = ['我们单位的', '我们单位', '我单位的', '我单位', '本单位的', '本单位', '咱们单位', '咱单位', '我们局', '我们委'];

/**
 * Words around a name that carry nothing for the answer, removed longest first anywhere in the question. Words that
 * real project names contain (工程, 还建, 派出所, 和 in unit names) are not among them; 项目 is, since a fragment without
 * it still matches a name ending in 项目.
 */
export const SURPLUS_WORDS = [
  '我想了解一下',
  '我想知道',
  '我想了解',
  '帮我查一下',
  '帮我看一下',
  '帮我查查',
  '帮我看看',
  '告诉我',
  '请问一下',
  '麻烦问一下',
  '怎么样了',
  '怎么样',
  '怎样了',
  '怎样',
  '咋样了',
  '咋样',
  '如何了',
  '如何',
  '怎么回事',
  '好不好',
  '顺不顺利',
  '顺利吗',
  '进展情况',
  '进度情况',
  '建设情况',
  '推进情况',
  '完成情况',
  '最新情况',
  '基本情况',
  '具体情况',
  '整体情况',
  '进展',
  '进度',
  '情况',
  '状况',
  '状态',
  '现状',
  '动态',
  '现在',
  '目前',
  '当前',
  '眼下',
  '最新',
  '最近',
  '近期',
  '本周',
  '这周',
  '这一周',
  '本月',
  '这个月',
  '今年',
  '本年度',
  '年度',
  '有哪些',
  '是哪些',
  '哪些',
  '哪几个',
  '哪个',
  '有多少个',
  '有多少',
  '多少个',
  '多少',
  '几个',
  '有没有',
  '有什么',
  '是什么',
  '什么',
  // What a project's card answers anyway: 「安置房二期完成率」「XX完成投资多少」 ask for the project.
  '投资完成率',
  '完成投资',
  '完成率',
  '累计完成',
  '累计投资',
  '完成了',
  '是否',
  '包联领导',
  '包联的',
  '包联',
  '联系的',
  '分管的',
  '负责的',
  '责任单位',
  '副市长',
  '市长',
  '常委',
  '副主任',
  '主任',
  '副主席',
  '主席',
  '书记',
  '同志',
  '领导',
  '请问',
  '麻烦',
  '帮我',
  '给我',
  '查一下',
  '查查',
  '查询',
  '查看',
  '看一下',
  '看看',
  '看下',
  '了解一下',
  '了解',
  '说说',
  '介绍一下',
  '一下',
  '重点项目',
  '的项目',
  '项目',
  '清单',
  '名单',
  '列表',
  '一览',
  '了',
  '的',
  '吗',
  '呢',
  '啊',
  '呀',
  '吧',
  '嘛',
].sort((a, b) => b.length - a.length);

/** Removes every occurrence of the words, longest first; returns the first word found (in the list's order) and the rest. */
export function takeWords(text: string, words: readonly string[]): { found: string | null; rest: string } {
  let rest = text;
  let found: string | null = null;
  for (const w of [...words].sort((a, b) => b.length - a.length)) {
    if (!rest.includes(w)) continue;
    found ??= w;
    rest = rest.split(w).join('');
  }
  return { found, rest };
}

export function takeList(text: string): { list: ListKind | null; rest: string } {
  for (const [list, words] of LIST_WORDS) {
    const t = takeWords(text, words);
    if (t.found) return { list, rest: t.rest };
  }
  return { list: null, rest: text };
}

/** Periods people add ("截至10月底", "2026年", "1至10月"): every answer states its own as-of, so they are dropped. */
const PERIOD_RE = /(截至|截止|到目前为止|到目前|至今)|(20\d{2}年?)?(\d{0,2}(至|到))?\d{1,2}月(底|份|末|上旬|中旬|下旬)?|20\d{2}年/gu;

/**
 * Periods the answers here do not apply: they are as of the latest week's reports, so "10月", "截至10月底", "上周" or
 * "一季度" is said to be not applied rather than silently dropped. (本周, 本月, 今年, 目前 are what the answers are.)
 */
const OTHER_PERIOD_RE =
  /(截至|截止|到)?(20\d{2}年?)?(\d{0,2}(至|到))?\d{1,2}月(底|份|末|上旬|中旬|下旬)?|上周|上一周|上个?月|去年|上年|[一二三四1-4]季度|上半年|下半年/gu;
const PERIOD_WHY = '以下为最新一周填报数据，未按所问时段计算。';

export function unappliedPeriods(text: string): Array<{ word: string; why: string }> {
  const words = [...new Set(text.match(OTHER_PERIOD_RE) ?? [])];
  return words.map((word) => ({ word, why: PERIOD_WHY }));
}

export function stripSurplus(text: string): string {
  return takeWords(text.replace(PERIOD_RE, ''), SURPLUS_WORDS).rest;
}
