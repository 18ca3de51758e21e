// Questions about figures over a period, rankings, the monthly bulletin and a week's reporting, in the words leaders
// type: "本月完成率", "10月完成投资多少", "截至10月底完成率", "一季度完成投资", "前三季度", "全市完成投资多少亿",
// "江北区完成投资多少万", "完成率最低的5个项目", "投资最多的项目", "县区排名", "单位排名", "月通报", "10月月通报",
// "上周报送情况". Text comes normalised (normalizeText: NFKC, no spaces or punctuation, lower case). The words that are
// not about the period, measure or ranking are handed to `structure` (the question parser's reading of counties, units,
// categories, leaders, "mine" and the city); anything it cannot place means the question is not one of these (it may
// name a project: "安置房二期完成率"), and null is returned.

/** The group a figure is about, as the question parser's Filter (the same shape; empty = the whole city). */
export type MetricFilter = { county?: number; category?: number; unit?: number; leader?: number; mine?: true };

/**
 * The period of a figure. `latest`: the latest figures (今年, 截至目前, no period named). `month`: that month's end
 * (`rel` when named relative to today: 本月, 上月). `quarter`: that quarter's end, cumulative from January (前三季度 too);
 * `half` for 上半年. Years are null when not named (the plan year meant is the answer's to decide).
 */
export type MetricPeriod =
  | { kind: 'latest' }
  | { kind: 'month'; year: number | null; month: number | null; rel: 'this' | 'last' | null }
  | { kind: 'quarter'; year: number | null; quarter: 1 | 2 | 3 | 4 | null; rel: 'this' | 'last' | null; cumulativeWord: boolean }
  /** 去年: the year before this one, answered at its December end when the answers still hold that year. */
  | { kind: 'last_year' };

/** What is asked of a group: its amount (in 亿元 or 万元, as asked) or its rate. */
export type MetricMeasure = 'amount' | 'rate';
export type MoneyUnit = 'yi' | 'wan';

export type RankSubject = 'project' | 'county' | 'unit';
/** By completion rate, by 年度计划投资, or by 年度累计完成投资. */
export type RankBy = 'rate' | 'plan' | 'done';

export type MetricsIntent =
  | { kind: 'metric'; measure: MetricMeasure; unit: MoneyUnit; period: MetricPeriod; filter: MetricFilter }
  | { kind: 'ranking'; subject: RankSubject; by: RankBy; order: 'asc' | 'desc'; n: number | null; period: MetricPeriod; filter: MetricFilter }
  /** 月通报: the latest published (month null), or a month's; `full`: 全文 (every card). */
  | { kind: 'month_bulletin'; year: number | null; month: number | null; rel: 'last' | null; full: boolean }
  /** 报送情况 of this week or the last, of a group. */
  | { kind: 'week_reporting'; week: 'this' | 'last'; filter: MetricFilter };

export type Structure = (rest: string) => { filter: MetricFilter; rest: string; cityWord: boolean; list: string | null };

/** 一 … 十二 (and 两), or digits, as a number; null otherwise. */
export function chineseNumber(s: string): number | null {
  if (/^\d+$/u.test(s)) return Number(s);
  const d: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/u.exec(s);
  if (m) return (m[1] ? (d[m[1]] ?? 0) : 1) * 10 + (m[2] ? (d[m[2]] ?? 0) : 0);
  return s.length === 1 && d[s] !== undefined ? d[s] : null;
}

const NUM = '(\\d{1,2}|十[一二]?|[一二三四五六七八九])';
const YEAR = '(?:(20\\d\\d)年度?|(今年|本年度?|当年))?';

/** A period inside the text: what it is and the text with it taken out. */
type Took = { period: MetricPeriod; rest: string };

const PERIODS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => MetricPeriod | null]> = [
  // 前三季度, 1-3季度, 一至三季度: cumulative to the quarter's end.
  [new RegExp(`${YEAR}(?:截至|截止|到)?(?:前|[1一](?:至|到)|1(?=[2-4]季度))${NUM}(?:个)?季度(?:末|底)?(?:累计)?`, 'u'), (m) => quarter(m[1], m[3], true)],
  // 上半年 = the second quarter's end; 全年 and 年底 are not answered as a period (the year is not over until it is).
  [new RegExp(`${YEAR}上半年(?:度)?(?:累计)?`, 'u'), (m) => quarter(m[1], '2', true)],
  [/(?:上一?个?季度|上季度?)(?:末|底)?/u, () => ({ kind: 'quarter', year: null, quarter: null, rel: 'last', cumulativeWord: false })],
  [/(?:本季度?|这个?季度|当季度?)(?:末|底)?/u, () => ({ kind: 'quarter', year: null, quarter: null, rel: 'this', cumulativeWord: false })],
  [new RegExp(`${YEAR}(?:截至|截止|到)?第?${NUM}季度(?:末|底)?(?:累计)?`, 'u'), (m) => quarter(m[1], m[3], false)],
  [new RegExp(`${YEAR}(?:截至|截止|到)?q([1-4])`, 'u'), (m) => quarter(m[1], m[3], false)],
  // 1-10月, 1至10月, 前10个月, 截至10月底, 十月份, 2026年10月.
  [new RegExp(`${YEAR}(?:截至|截止|到)?(?:[1一](?:至|到)|1(?=1[0-2]月|[3-9]月)|前)?${NUM}(?:个)?月(?:份)?(?:底|末)?(?:累计)?`, 'u'), (m) => month(m[1], m[3])],
  [/(?:截至|截止|到)?(?:本月|这个月|当月|本月份)(?:底|末)?/u, () => ({ kind: 'month', year: null, month: null, rel: 'this' })],
  [/(?:截至|截止|到)?(?:上个?月|上一个?月|上月份)(?:底|末)?/u, () => ({ kind: 'month', year: null, month: null, rel: 'last' })],
  [/(?:截至|截止|到)?(?:去年|上一?年度?)(?:底|末|全年)?(?:累计)?/u, () => ({ kind: 'last_year' })],
  // 今年, 年初以来, 截至目前: the latest figures.
  [/(?:截至|截止|到)?(?:今年以来|年初以来|今年|本年度?|当年|目前为止|目前|现在|当前|至今)(?:以来|为止)?(?:累计)?/u, () => ({ kind: 'latest' })],
];

function quarter(year: string | undefined, n: string | undefined, cumulativeWord: boolean): MetricPeriod | null {
  const q = n === undefined ? null : chineseNumber(n);
  if (q === null || q < 1 || q > 4) return null;
  return { kind: 'quarter', year: year ? Number(year) : null, quarter: q as 1 | 2 | 3 | 4, rel: null, cumulativeWord };
}

function month(year: string | undefined, n: string | undefined): MetricPeriod | null {
  const m = n === undefined ? null : chineseNumber(n);
  if (m === null || m < 1 || m > 12) return null;
  return { kind: 'month', year: year ? Number(year) : null, month: m, rel: null };
}

/** The first period word in the text (in the order above), taken out; the latest figures when none. */
export function takePeriod(text: string): Took {
  for (const [re, make] of PERIODS) {
    const m = re.exec(text);
    if (!m || m[0] === '') continue;
    const period = make(m);
    if (!period) continue;
    return { period, rest: text.slice(0, m.index) + text.slice(m.index + m[0].length) };
  }
  return { period: { kind: 'latest' }, rest: text };
}

/** Removes the first matching pattern; whether one matched. */
function cut(text: string, re: RegExp): { hit: RegExpExecArray | null; rest: string } {
  const m = re.exec(text);
  return m ? { hit: m, rest: text.slice(0, m.index) + text.slice(m.index + m[0].length) } : { hit: null, rest: text };
}

/** Words that say nothing once the measure and period are out: polite words, 项目, question words. */
const FILLER =
  /请问|麻烦|帮我|给我|查一下|查查|看一下|看看|一下|告诉我|我想知道|是多少|有多少|为多少|多少|几何|怎么样|如何|情况|怎样|咋样|重点项目|的项目|项目|总共|一共|合计|总计|总体|整体|共|达到|了|的|吗|呢|啊|呀|吧|是|有|为|目前|现在|当前|累计|全部|所有|各/gu;

const clean = (s: string) => s.replace(FILLER, '');

// ─── 月通报 ───────────────────────────────────────────────────────────────────────────────────────────────────────

const BULLETIN_RE = new RegExp(
  `^(?:请问|麻烦|帮我|给我|发一下|发|看看|看一下|查看|我要看|我想看|来一份)*(?:(最新|最近|最近一期|最新一期|上一期|上一?个?月|上月)的?)?${YEAR}(?:${NUM}月份?)?的?(?:重点项目)?(?:月度?通报|月报|通报)(全文|原文|完整版|详细)?(?:情况|内容)?(?:吗|呢|吧)?$`,
  'u',
);

function parseBulletin(t: string): MetricsIntent | null {
  const m = BULLETIN_RE.exec(t);
  if (!m) return null;
  const word = m[1] ?? '';
  const n = m[4] === undefined ? null : chineseNumber(m[4]);
  if (n !== null && (n < 1 || n > 12)) return null;
  return {
    kind: 'month_bulletin',
    year: m[2] ? Number(m[2]) : null,
    month: n,
    rel: n === null && /上/u.test(word) ? 'last' : null,
    full: m[5] !== undefined,
  };
}

// ─── 报送情况 ─────────────────────────────────────────────────────────────────────────────────────────────────────

const WEEK_RE = /(上一?个?周|上礼拜|上星期|本周|这周|这一周|本星期|这个?礼拜|本礼拜)?的?(?:各单位)?(?:周?报送|填报|上报|报数)(?:情况|率|进度|统计)/u;

function parseWeekReporting(t: string, structure: Structure): MetricsIntent | null {
  if (/未|没/u.test(t)) return null;
  const { hit, rest } = cut(t, WEEK_RE);
  if (!hit) return null;
  const s = structure(rest);
  if (clean(s.rest) !== '' || s.list !== null) return null;
  return { kind: 'week_reporting', week: /上/u.test(hit[1] ?? '') ? 'last' : 'this', filter: s.filter };
}

// ─── Rankings ─────────────────────────────────────────────────────────────────────────────────────────────────────

const SUBJECT_RE: ReadonlyArray<[RankSubject, RegExp]> = [
  ['county', /各?(?:县市区|县区市|区县市|县区|区县|县市|县\(市、区\)|县市区|各县|各区)/u],
  ['unit', /各?(?:责任单位|牵头单位|部门|单位)/u],
];

/** (前|后|倒数)N(个|名|位|项): the number asked for, and which end. */
const COUNT_RE =
  /(前|后|倒数第?|末)?(\d{1,3}|[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])(?:个|名|位|项|家)|(前|后|倒数第?|末)(\d{1,3}|[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])(?!月|季)/u;
const TOP_RE = /top(\d{1,3})/u;

const ORDER_WORDS: ReadonlyArray<['asc' | 'desc', RegExp]> = [
  ['asc', /最低|最差|最慢|最少|最小|垫底|靠后|倒数|末尾|后\d|后[一二两三四五六七八九十]|末位/u],
  ['desc', /最高|最好|最快|最多|最大|领先|靠前|前\d|前[一二两三四五六七八九十]|top/u],
];

function parseRanking(t: string, period: MetricPeriod, structure: Structure): MetricsIntent | null {
  const ordered = ORDER_WORDS.find(([, re]) => re.test(t));
  const ranked = /排名|排行|排序|名次|榜/u.test(t);
  if (!ordered && !ranked) return null;
  let rest = t;
  let subject: RankSubject = 'project';
  for (const [s, re] of SUBJECT_RE) {
    const c = cut(rest, re);
    if (c.hit) {
      subject = s;
      rest = c.rest;
      break;
    }
  }
  // What it is ranked by: 完成投资最多 (the amount completed), 投资最多 / 计划投资 / 体量 (the annual plan), else the rate.
  let by: RankBy = 'rate';
  const done = cut(rest, /(?:年度)?(?:累计)?完成(?:投资)?(?:额|金额)?(?=最|排|前|后|倒|多|少|top|$)|完成额|完成金额|投资完成额/u);
  const rate = cut(rest, /(?:投资)?完成率|完成比例|完成进度|进度/u);
  const plan = cut(rest, /(?:年度)?计划投资(?:额)?|投资计划|投资规模|投资额|体量|投资(?=最|排|前|后|倒|多|少|大|小|top)/u);
  if (rate.hit) {
    by = 'rate';
    rest = rate.rest;
  } else if (done.hit) {
    by = 'done';
    rest = done.rest;
  } else if (plan.hit) {
    by = 'plan';
    rest = plan.rest;
  }
  const top = TOP_RE.exec(rest);
  const count = top ? null : COUNT_RE.exec(rest);
  const n = top ? Number(top[1]) : count ? chineseNumber(count[2] ?? count[4] ?? '') : null;
  if (top) rest = rest.replace(top[0], '');
  else if (count) rest = rest.replace(count[0], '');
  const lowWord = /最低|最差|最慢|最少|最小|垫底|靠后|倒数|末尾|末位/u.test(t) || /^(后|倒数第?|末)$/u.test(count?.[1] ?? count?.[3] ?? '');
  const order: 'asc' | 'desc' = lowWord ? 'asc' : 'desc';
  rest = rest.replace(
    /最低|最差|最慢|最少|最小|垫底|靠后|倒数|末尾|末位|最高|最好|最快|最多|最大|领先|靠前|排名|排行榜?|排序|名次|榜单?|top|情况|前|后|第|较/gu,
    '',
  );
  const s = structure(rest);
  if (clean(s.rest) !== '' || s.list !== null) return null;
  return { kind: 'ranking', subject, by, order, n: n !== null && n > 0 ? Math.min(n, 50) : null, period, filter: s.filter };
}

// ─── Figures ──────────────────────────────────────────────────────────────────────────────────────────────────────

const RATE_RE = /(?:投资)?完成率|完成比例|完成百分比|完成了?百分之多少|完成了?几成|完成进度|完成了?多少比例/u;
const AMOUNT_RE =
  /(?:年度)?(?:累计)?完成(?:了)?(?:的)?(?:投资(?:额|金额)?(?:多少)?|多少投资|多少|额|金额)(?:亿元?|万元?)?|投资完成额|投(?:资)?了多少|干了多少|(?:多少|几)(?:亿元?|万元?)/u;

/**
 * "一季度完成情况", "10月份完成得怎么样": with a period named, how it went there is its figures; without one ("江北区完成
 * 情况") it stays a summary.
 */
const HOW_RE = /完成情况|投资情况|完成得?怎么样|完成得?如何|完成得?咋样/u;

function parseFigure(t: string, period: MetricPeriod, structure: Structure): MetricsIntent | null {
  const unit: MoneyUnit = /万/u.test(t) && !/亿/u.test(t) ? 'wan' : 'yi';
  const r = cut(t, RATE_RE);
  const how = !r.hit && period.kind !== 'latest' ? cut(t, HOW_RE) : { hit: null, rest: t };
  const a = r.hit ? cut(r.rest, AMOUNT_RE) : how.hit ? how : cut(t, AMOUNT_RE);
  if (!r.hit && !a.hit) return null;
  const measure: MetricMeasure = r.hit ? 'rate' : 'amount';
  const s = structure(a.rest.replace(/亿元?|万元?|多少|投资/gu, ''));
  if (clean(s.rest) !== '' || s.list !== null) return null;
  return { kind: 'metric', measure, unit, period, filter: s.filter };
}

/**
 * A question about figures, rankings, the bulletin or a week's reporting; null for anything else (so that the
 * question parser goes on: a project, a list, a summary).
 */
export function parseMetricsQuestion(t: string, structure: Structure): MetricsIntent | null {
  const bulletin = parseBulletin(t);
  if (bulletin) return bulletin;
  const week = parseWeekReporting(t, structure);
  if (week) return week;
  const { period, rest } = takePeriod(t);
  return parseRanking(rest, period, structure) ?? parseFigure(rest, period, structure);
}

// ─── Which period is meant ────────────────────────────────────────────────────────────────────────────────────────

/**
 * The period a question means at `today` (Beijing), for the plan year the answers are about. `latest`: the latest
 * figures (with `notStarted` saying what was asked when that period is still running: 本月, 四季度). `month_end`:
 * a month that has ended, with the quarter when a quarter was asked (its increment is from the quarter before's end).
 * `future`: not yet come. `other_year`: a year whose figures these answers do not hold.
 */
export type ResolvedMetricPeriod =
  | { kind: 'latest'; running: { what: string } | null }
  | { kind: 'month_end'; year: number; month: number; quarter: { q: 1 | 2 | 3 | 4; cumulativeWord: boolean } | null }
  | { kind: 'future'; what: string }
  | { kind: 'other_year'; year: number };

const QUARTER_NAMES = ['一季度', '二季度', '三季度', '四季度'] as const;
export const quarterName = (q: 1 | 2 | 3 | 4) => QUARTER_NAMES[q - 1] as string;

export function resolveMetricPeriod(p: MetricPeriod, today: { year: number; month: number }, planYear: number): ResolvedMetricPeriod {
  if (p.kind === 'latest') return { kind: 'latest', running: null };
  if (p.kind === 'last_year') {
    const year = today.year - 1;
    return year === planYear ? { kind: 'month_end', year, month: 12, quarter: null } : { kind: 'other_year', year };
  }
  const ym = (y: number, m: number) => y * 12 + m;
  const now = ym(today.year, today.month);
  if (p.kind === 'month') {
    let year = p.year ?? planYear;
    let month = p.month ?? today.month;
    if (p.rel === 'this') year = today.year;
    if (p.rel === 'last') {
      year = today.month === 1 ? today.year - 1 : today.year;
      month = today.month === 1 ? 12 : today.month - 1;
    }
    if (year !== planYear) return { kind: 'other_year', year };
    const what = p.rel === 'this' ? `本月（${month}月）` : `${month}月`;
    if (ym(year, month) === now) return { kind: 'latest', running: { what } };
    if (ym(year, month) > now) return { kind: 'future', what: `${year}年${month}月` };
    return { kind: 'month_end', year, month, quarter: null };
  }
  const thisQuarter = (Math.floor((today.month - 1) / 3) + 1) as 1 | 2 | 3 | 4;
  let year = p.year ?? planYear;
  let q = p.quarter ?? thisQuarter;
  if (p.rel === 'this') year = today.year;
  if (p.rel === 'last') {
    year = thisQuarter === 1 ? today.year - 1 : today.year;
    q = thisQuarter === 1 ? 4 : ((thisQuarter - 1) as 1 | 2 | 3);
  }
  if (year !== planYear) return { kind: 'other_year', year };
  const what = p.cumulativeWord ? (q === 2 ? '上半年' : `前${'一二三四'[q - 1]}季度`) : quarterName(q);
  const end = ym(year, q * 3);
  if (end >= now && ym(year, q * 3 - 2) <= now) return { kind: 'latest', running: { what: p.rel === 'this' ? `本季度（${what}）` : what } };
  if (end >= now) return { kind: 'future', what: `${year}年${what}` };
  return { kind: 'month_end', year, month: q * 3, quarter: { q, cumulativeWord: p.cumulativeWord } };
}
