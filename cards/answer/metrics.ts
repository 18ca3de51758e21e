// Answers about figures over a period, rankings, the monthly bulletin's summary and a week's reporting: a few sentences
// and then one item a row (no wide tables: every row reads at phone width), with where the figures come from.
import { card, escapeMd, hr, markdown, text, type Card, type CardElement, type HeaderTemplate } from '../elements';

/** One row of a ranking or list: a name on its own line, then its figures (plain words, already worded). */
export type MetricItem = { name: string; detail: string };

export type MetricVM = {
  title: string;
  subtitle?: string;
  summary: string;
  template?: HeaderTemplate;
  /** Grey, above everything: what was not answered as asked (本月 not yet over, only what the asker may see). */
  notice?: string | null;
  /** The answer itself: the first sentence carries the figure asked, in bold where `lead` is given. */
  lead?: string | null;
  lines: string[];
  /** Heading of the rows, and the rows (numbered when `numbered`). */
  head?: string | null;
  items?: MetricItem[];
  numbered?: boolean;
  /** Shown instead of the rows when there are none. */
  empty?: string | null;
  /** Grey lines at the foot: the source, the as-of, how figures are computed, when asked. */
  footer: string[];
};

/** Rows a card shows at most; the answer says when more were asked than shown. */
export const METRIC_MAX_ITEMS = 50;

const BYTE_BUDGET = 28 * 1024;

function rows(vm: MetricVM, max: number): CardElement[] {
  const all = vm.items ?? [];
  const items = all.slice(0, max);
  const out: CardElement[] = [];
  if (vm.head) out.push(markdown(`**${escapeMd(vm.head)}**`));
  if (items.length === 0) {
    if (vm.empty) out.push(text(vm.empty, 'grey'));
    return out;
  }
  // Ten rows to an element: one name a row, its figures under it, and no element grows past a few KB.
  for (let i = 0; i < items.length; i += 10) {
    const chunk = items.slice(i, i + 10).map((it, j) => {
      const n = vm.numbered ? `${i + j + 1}&#46; ` : '';
      return `${n}**${escapeMd(it.name)}**\n${escapeMd(it.detail)}`;
    });
    out.push(markdown(chunk.join('\n')));
  }
  if (all.length > items.length) out.push(text(metricTexts.cut(all.length, items.length), 'grey', 'notation'));
  return out;
}

function build(vm: MetricVM, max: number): Card {
  const elements: CardElement[] = [];
  if (vm.notice) elements.push(text(vm.notice, 'grey'));
  if (vm.lead) elements.push(markdown(`**${escapeMd(vm.lead)}**`));
  if (vm.lines.length) elements.push(text(vm.lines.join('\n')));
  if (vm.items || vm.head) {
    elements.push(hr());
    elements.push(...rows(vm, max));
  }
  elements.push(hr(), text(vm.footer.filter(Boolean).join('\n'), 'grey', 'notation'));
  return card({ title: vm.title, subtitle: vm.subtitle, template: vm.template ?? 'blue', summary: vm.summary, elements });
}

/** The card, with fewer rows when all of them would near Feishu's 30 KB (it says how many are shown). */
export function renderMetricCard(vm: MetricVM): Card {
  let max = METRIC_MAX_ITEMS;
  let built = build(vm, max);
  while (Buffer.byteLength(JSON.stringify(built), 'utf8') > BYTE_BUDGET && max > 5) {
    max = Math.floor(max * 0.7);
    built = build(vm, max);
  }
  return built;
}

/** The words of these answers. */
export const metricTexts = {
  title: {
    amount: (label: string, period: string) => `${label}${period}完成投资`,
    rate: (label: string, period: string) => `${label}${period}投资完成率`,
    ranking: (what: string) => what,
    week: (label: string, week: string) => `${label}${week}报送情况`,
  },
  /** "江北区重点项目15个，年度计划投资12.34亿元。" */
  plan: (label: string, count: number, plan: string) => `${label}重点项目${count}个，年度计划投资${plan}。`,
  amountLead: (period: string, amount: string) => `${period}累计完成投资${amount}`,
  rateLead: (period: string, rate: string) => `${period}投资完成率${rate}`,
  completion: (period: string, amount: string, rate: string, tp: string, gap: string) =>
    `${period}累计完成投资${amount}，完成率${rate}，序时进度${tp}，${gap}。`,
  noFigures: (period: string) => `${period}暂无填报数据，无法统计完成投资。`,
  reported: (reported: number, unreported: number) =>
    unreported > 0 ? `其中${reported}个项目有填报数，另有${unreported}个项目暂无填报，其完成投资未计入。` : `${reported}个项目均有填报数。`,
  estimated: (n: number, month: number) => `其中${n}个项目未报${month}月底数，按其${month}月底前最近一次填报计（估）。`,
  increment: (what: string, amount: string, from: string) => `${what}新增完成投资${amount}（${from}）。`,
  noIncrement: (what: string, before: string) => `${what}新增完成投资无法准确计算：部分项目${before}无填报数。`,
  notEnded: (what: string, asOf: string) => `${what}尚未结束，以下为${asOf}的最新数据。`,
  source: {
    bulletin: (month: number, issue: string | null, date: string | null) =>
      `数据来源：据${month}月月通报${issue ? `（${issue}${date ? `，${date}发布` : ''}）` : ''}。`,
    monthEnd: (month: number) => `数据来源：据各项目${month}月底填报（${month}月月通报尚未发布，按月末数口径计算）。`,
    latest: (week: string) => `数据来源：据各项目最新填报（截至${week}）。`,
  },
  rankingNote: {
    rate: '按年度投资完成率排序；暂无填报的项目不参与排序。',
    plan: '按年度计划投资排序。',
    done: '按年度累计完成投资排序；暂无填报的项目不参与排序。',
    county: '按各县区重点项目合计完成率排序（合计累计完成投资÷合计年度计划投资）。',
    unit: '按各责任单位重点项目合计完成率排序（合计累计完成投资÷合计年度计划投资）。',
  },
  cut: (all: number, shown: number) => `共${all}个，卡片上列出前${shown}个。`,
  shown: (shown: number, of: number) => (shown < of ? `共${of}个，列出${shown}个。` : `共${of}个。`),
  noneRanked: '暂无可排序的项目（尚无填报）。',
  restricted: '以下仅含您可查看的项目（本单位或本县区）。',
  asked: (at: string) => `查询时间：${at}`,
  basis: (asOf: string, basis: string) => `完成率＝年度累计完成投资÷年度计划投资；序时进度${asOf}，${basis}。`,
};

/** The help card's lines for these questions. */
export const metricHelp: ReadonlyArray<readonly [string, string]> = [
  [
    '完成投资和完成率（可带时间、县区、单位）',
    '如：全市完成投资多少亿／江北区完成投资多少万／本月完成率／10月完成投资多少／截至10月底完成率／一季度完成投资／前三季度完成率',
  ],
  ['排名', '如：完成率最低的5个项目／完成率最高的10个／投资最多的项目／完成投资最多的项目／县区排名／单位排名'],
  ['月通报和报送情况', '如：月通报／10月月通报／10月月通报全文／上周报送情况／本周报送情况'],
];
