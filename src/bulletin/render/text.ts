// The bulletin as text, in the sections and order of domain.md §5 and the words of §4.2 and §9. Renders only what is
// in the Bulletin, so a published snapshot prints the same text whenever it is printed.
import {
  finishRate,
  formatAsOf,
  formatCountRate,
  formatGap,
  formatGapPoints,
  formatLight,
  formatOwnTimeProgress,
  formatPeriod,
  formatRate,
  formatTimeProgress,
  hasStarted,
  startRate,
  TIME_PROGRESS_SOURCE_TEXT,
  toPercent,
  type ProgressBasis,
  type ProgressRule,
} from '../../domain/progress';
import { batchParagraphs } from '../../../cards/batches/lines';
import { chineseDate, issueShown, periodText } from '../../../cards/bulletin/format';
import { bulletinTexts } from '../../../cards/bulletin/texts';
import { changeLines, estimatedNames } from '../../../cards/bulletin/words';
import { overdueNodesSentence, paceWords, stoppedSentence } from '../../../cards/bulletin/pace-words';
import { capped, corrections, problemsText, reportingText } from './text-lists';
import type { Bulletin, BulletinGroupRow, BulletinLaggingRow } from '../../domain/bulletin';
import { formatYi, formatYiNumber, wanToYuan } from '../../domain/money';
import { statsSections } from './stats-text';

export const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

function monthParts(b: Bulletin) {
  const [y, m, d] = b.asOf.split('-').map(Number) as [number, number, number];
  return { year: y, month: m, day: d, cutoff: { year: y, month: m, half: 'full' as const } };
}

/** 序时进度 as printed: "83.33%"; a day-based figure names its basis ("12.05%（按天数计算）"). */
export function timeProgressWords(percent: number, rule: string, basis: string | undefined): string {
  return formatTimeProgress({ percent: toPercent(percent), rule: rule as ProgressRule, basis: (basis ?? '') as ProgressBasis });
}

/** 序时进度 with its basis: "83.33%（按整月计算）". */
export function timeProgressText(b: Bulletin): string {
  const text = timeProgressWords(b.timeProgress, b.timeProgressRule, b.timeProgressBasis);
  return b.timeProgressBasis && b.timeProgressRule !== 'days' ? `${text}（${b.timeProgressBasis}）` : text;
}

/** "累计完成投资X亿元，占年度计划的Y%，低于序时进度Z个百分点" — or, without a plan, no rate at all. */
function completion(plan: number, completed: number, rate: number | null, gap: number | null): string {
  const done = `累计完成投资${formatYi(wanToYuan(completed))}`;
  if (rate === null) return `${done}（年度计划投资为${formatYi(wanToYuan(plan))}，不计算完成率）`;
  return `${done}，占年度计划的${formatRate(rate)}，${formatGap(gap)}`;
}

function summary(b: Bulletin): string[] {
  const { month, cutoff } = monthParts(b);
  const lines = [`${formatAsOf(cutoff)}，全市${b.projects}个重点项目${completion(b.annualPlanWan, b.completedWan, b.completionRate, b.gapPoints)}。`];
  const monthNew = b.counties.reduce((s, c) => s + wanToYuan(c.monthNewWan), 0);
  const starts = startRate(
    b.table.map((r) => ({ nature: r.nature, started: hasStarted(r.status) })),
    'new_starts',
  );
  const more = [`年度计划投资${formatYi(wanToYuan(b.annualPlanWan))}，${month}月完成投资${formatYi(monthNew)}`];
  more.push(b.plannedStarts > 0 ? formatCountRate(starts) : '本年度无计划新开工项目');
  lines.push(`${more.join('；')}。`);
  const none = b.table.filter((r) => r.completedWan === null).length;
  const notes: string[] = [];
  if (b.estimated.length > 0) notes.push(`${b.estimated.length}个项目未填报${month}月底数，按${month}月底前最近一次填报数计入（附表中标注“估”）`);
  if (none > 0) notes.push(`${none}个项目尚无填报数据，未计入累计完成投资`);
  if (notes.length > 0) lines.push(`其中，${notes.join('；')}。`);
  return [...lines, ...corrections(b)];
}

/** Version 2: the plan before the completion, 环比, and the estimated projects by name and unit with their 估 mark. */
function summaryV2(b: Bulletin): string[] {
  const { month, cutoff } = monthParts(b);
  const plan = `全市重点项目${b.projects}个，年度计划投资${formatYi(wanToYuan(b.annualPlanWan))}`;
  const done = `${formatPeriod(cutoff)}完成投资${formatYi(wanToYuan(b.completedWan))}`;
  const rate =
    b.completionRate === null ? '（未下达年度计划投资，不计算完成率）' : `，完成年度计划的${formatRate(b.completionRate)}，${formatGap(b.gapPoints)}`;
  const lines = [`${plan}；${done}${rate}。`];
  const monthNew = b.counties.reduce((s, c) => s + wanToYuan(c.monthNewWan), 0);
  const starts = startRate(
    b.table.map((r) => ({ nature: r.nature, started: hasStarted(r.status) })),
    'new_starts',
  );
  lines.push(`其中${month}月完成投资${formatYi(monthNew)}；${b.plannedStarts > 0 ? formatCountRate(starts) : '本年度无计划新开工项目'}。`);
  const pace = paceWords(b, month);
  if (pace) lines.push(`${pace}。`);
  lines.push(...changeLines(b));
  const none = b.table.filter((r) => r.completedWan === null).length;
  const estimated = b.table.filter((r) => r.estimated);
  if (estimated.length > 0) {
    const names = estimatedNames(b);
    lines.push(`${estimated.length}个项目未填报${month}月底数，按${month}月底前最近一次填报数计入，标注“估”：${capped(names, 30)}。`);
  }
  if (none > 0) lines.push(`${none}个项目尚无填报数据，未计入累计完成投资。`);
  return [...lines, ...corrections(b)];
}

function groupLine(r: BulletinGroupRow): string {
  return `${r.name}：${r.projects}个项目，年度计划${formatYi(wanToYuan(r.annualPlanWan))}，${completion(r.annualPlanWan, r.completedWan, r.completionRate, r.gapPoints).replace(/^累计完成投资/, '累计完成')}。`;
}

function groups(b: Bulletin): string[] {
  const out = ['（一）分级别'];
  out.push(...(b.levels.length > 0 ? b.levels.map(groupLine) : ['暂无数据。']));
  out.push('（二）分类别');
  out.push(...(b.categories.length > 0 ? b.categories.map(groupLine) : ['暂无数据。']));
  return out;
}

function counties(b: Bulletin): string[] {
  if (b.counties.length === 0) return ['暂无数据。'];
  const order = b.countyOrder === 'lowest_first' ? '按完成率由低到高排列' : '按完成率由高到低排列';
  const head = '县区 | 项目个数 | 年度计划(亿元) | 累计完成(亿元) | 完成率 | 与序时进度差(个百分点) | 本月新增(亿元) | 排名';
  const rows = b.counties.map((c) =>
    [
      c.name,
      String(c.projects),
      formatYiNumber(wanToYuan(c.annualPlanWan)),
      formatYiNumber(wanToYuan(c.completedWan)),
      formatRate(c.completionRate),
      formatGapPoints(c.gapPoints),
      formatYiNumber(wanToYuan(c.monthNewWan)),
      String(c.rank),
    ].join(' | '),
  );
  const { month } = monthParts(b);
  const paces = b.counties.flatMap((c) => {
    const words = paceWords(c, month);
    return words ? [`${c.name}：${words}。`] : [];
  });
  return [`（${order}，排名以完成率最高者为第1名）`, head, ...rows, ...paces];
}

function starts(b: Bulletin): string[] {
  const s = b.starts;
  const startRow =
    b.plannedStarts > 0
      ? `${formatCountRate(
          startRate(
            b.table.map((r) => ({ nature: r.nature, started: hasStarted(r.status) })),
            'new_starts',
          ),
        )}；其中提前开工${s.early}个，按计划开工${s.onTime}个，未按计划开工${s.late}个。`
      : '本年度无计划新开工项目。';
  const finish =
    s.plannedCompletions > 0 || s.completed > 0
      ? `${formatCountRate(finishRate(s.completed, s.plannedCompletions))}；已投产${s.inProduction}个。`
      : '本年度无计划竣工项目，暂无竣工、投产项目。';
  const stopped = (status: string) => b.table.filter((r) => r.status === status).map((r) => `${r.name}（${r.county}）`);
  const [halt, half] = [stopped('停工'), stopped('半停工')];
  const parts = [
    halt.length > 0 ? `停工项目${halt.length}个：${capped(halt, 30)}` : '',
    half.length > 0 ? `半停工项目${half.length}个：${capped(half, 30)}` : '',
  ].filter(Boolean);
  const nodeLines = [stoppedSentence(b.stopped), overdueNodesSentence(b.overdueNodes)].filter((l) => l !== null);
  return [startRow, finish, parts.length > 0 ? `${parts.join('；')}。` : '本期无停工、半停工项目。', ...nodeLines, ...batchParagraphs(b)];
}

/** Version 2: red and yellow projects are 进度滞后, named as officials do; green ones below 序时 only 未达序时进度. */
function laggingV2(b: Bulletin): string[] {
  if (b.lagging.length === 0) return ['本期全部项目均达到序时进度。'];
  const behind = b.lagging.filter((x) => x.light !== 'green');
  const green = b.lagging.length - behind.length;
  const red = behind.filter((x) => x.light === 'red').length;
  const head: string[] = [];
  if (behind.length > 0) {
    const names = behind.slice(0, 3).map((x) => x.name);
    const named = behind.length > 1 ? `${names.join('、')}等${behind.length}个项目` : (names[0] ?? '');
    head.push(`${named}进度滞后（红灯${red}个、黄灯${behind.length - red}个）。`);
  }
  if (green > 0) head.push(`另有${green}个项目未达序时进度，低于序时不足预警线（绿灯）。`);
  const rows = b.lagging.map((x, i) => {
    const figures = x.completionRate === null ? '' : `完成率${formatRate(x.completionRate)}，${formatGap(x.gapPoints)}${ownCurve(x)}；`;
    const reasons = x.light === 'green' ? x.reasons.map((r) => (r === '投资滞后' ? '未达序时进度' : '未按计划开工')) : x.reasons;
    const since = x.runSince?.firstData ? `自${x.runSince.month}月有数据以来` : '';
    const run = x.monthsLagging > 0 ? `；${since}连续${x.monthsLagging}个月未达序时进度` : '';
    return `${i + 1}. ${x.name}——${x.county}，责任单位：${x.unit}，包联领导：${x.leader ?? '—'}；${figures}${formatLight(x.light)}；${reasons.join('、')}${run}。`;
  });
  return [...head, '按预警程度排列：', ...rows];
}

/** For a project on its own 月度计划, which 序时 its gap was measured against; nothing for the city-wide rule (the headline's). */
function ownCurve(x: BulletinLaggingRow): string {
  return x.timeProgressSource === 'own' && x.timeProgress !== undefined ? `（${TIME_PROGRESS_SOURCE_TEXT.own}，${formatOwnTimeProgress(x.timeProgress)}）` : '';
}

function lagging(b: Bulletin): string[] {
  if (b.lagging.length === 0) return ['本期无未达序时进度项目。'];
  const n = (l: string) => b.lagging.filter((x) => x.light === l).length;
  const head = `共${b.lagging.length}个项目未达序时进度或未按计划开工（红灯${n('red')}个、黄灯${n('yellow')}个、绿灯${n('green')}个），按预警程度排列：`;
  const rows = b.lagging.map((x, i) => {
    const figures = x.completionRate === null ? '' : `完成率${formatRate(x.completionRate)}，${formatGap(x.gapPoints)}${ownCurve(x)}；`;
    const run = x.monthsLagging > 0 ? `；连续${x.monthsLagging}个月未达序时进度` : '';
    return `${i + 1}. ${x.name}（${x.code}）——${x.county}，责任单位：${x.unit}，包联领导：${x.leader ?? '—'}；${figures}${formatLight(x.light)}；${x.reasons.join('、')}${run}。`;
  });
  return [head, ...rows];
}

/**
 * The whole bulletin as text: title, the nine sections of domain.md §5 in order. `draft` (a month not published yet)
 * marks the 期号 拟, as the draft card does.
 */
export function bulletinText(b: Bulletin, o: { draft?: boolean } = {}): string {
  if (b.issue) return bulletinTextV2(b, b.issue, o.draft === true);
  const { year, month, day } = monthParts(b);
  const sections: Array<[string, string[]]> = [
    ['本期综述', summary(b)],
    ['分级别、分类别完成情况', groups(b)],
    ['分县区完成情况', counties(b)],
    ['开工、竣工、投产情况', starts(b)],
    ['未达序时进度项目清单', lagging(b)],
    ['问题协调情况', problemsText(b)],
    ['报送情况', reportingText(b)],
    ['下步工作要求', [b.requirements]],
    ['附表', [`附表：${year}年${month}月重点项目建设情况明细表（共${b.table.length}个项目），另附电子表格。`]],
  ];
  // The same title as the cards and the approval card ("2026年1–10月…"): the figures are the year's to date.
  const head = [bulletinTexts.title(periodText(b)), `（数据截至${year}年${month}月${day}日；序时进度${timeProgressText(b)}；计划口径：${b.planVersion}）`];
  const body = sections.map(([title, lines], i) => [`${NUMERALS[i]}、${title}`, ...lines].join('\n'));
  return [head.join('\n'), ...body].join('\n\n');
}

/**
 * Version 2 (a bulletin with 期号): the office's heading (发文单位, title, 期号), the nine sections, and the 落款 —
 * the office and the date in Chinese.
 */
/** The nine sections of an issued bulletin, each a heading ("本期综述") and its paragraphs; the .docx uses them too. */
export function issuedSections(b: Bulletin): Array<[string, string[]]> {
  const { year, month } = monthParts(b);
  return [
    ['本期综述', summaryV2(b)],
    ['分级别、分类别完成情况', groups(b)],
    ['分县区完成情况', counties(b)],
    ['开工、竣工、投产情况', starts(b)],
    ['未达序时进度项目清单', laggingV2(b)],
    ['问题协调情况', problemsText(b)],
    ['报送情况', reportingText(b)],
    ...statsSections(b),
    ['下步工作要求', [b.requirements]],
    ['附表', [`附表：${year}年${month}月重点项目建设情况明细表（共${b.table.length}个项目），另附电子表格。`]],
  ];
}

/** "（2026年1–10月；数据截至…；序时进度…；计划口径：…）" */
export function issuedBasis(b: Bulletin): string {
  const { year, month, day } = monthParts(b);
  return `（${periodText(b)}；数据截至${year}年${month}月${day}日；序时进度${timeProgressText(b)}；计划口径：${b.planVersion}）`;
}

function bulletinTextV2(b: Bulletin, issue: NonNullable<Bulletin['issue']>, draft: boolean): string {
  const sections = issuedSections(b);
  const head = [issue.office, issue.title, issueShown(issue, draft), issuedBasis(b)];
  const body = sections.map(([title, lines], i) => [`${NUMERALS[i]}、${title}`, ...lines].join('\n'));
  return [head.join('\n'), ...body, [issue.office, chineseDate(issue.date)].join('\n')].join('\n\n');
}
