// The bulletin text's lists: corrections of published months, 问题协调情况 (§5.6) and 报送情况 (§5.7).
import { PROBLEM_CATEGORIES } from '../../domain/problem-categories';
import { formatPeriod, formatRate } from '../../domain/progress';
import type { Bulletin } from '../../domain/bulletin';
import { formatWan, wanToYuan } from '../../domain/money';
import { estimatedNames } from '../../../cards/bulletin/words';

const monthWords = (key: string) => {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return { title: `${y}年${m}月`, month: m };
};

/** 更正: figures of published bulletins that were amended afterwards, one sentence per month. */
export function corrections(b: Bulletin): string[] {
  const months = [...new Set(b.corrections.map((c) => c.month))];
  return months.map((key) => {
    const w = monthWords(key);
    const items = b.corrections
      .filter((c) => c.month === key)
      .map((c) => `${c.name}（${c.code}）截至${w.month}月底累计完成投资由${formatWan(wanToYuan(c.publishedWan))}更正为${formatWan(wanToYuan(c.nowWan))}`);
    return `更正：${w.title}通报发布后，填报单位更正了以下数据：${items.join('；')}。`;
  });
}

const STATUS_ORDER = ['待梳理', '已交办', '办理中', '申请销号', '已销号'];
const CATEGORY_ORDER = PROBLEM_CATEGORIES.map((c) => c.label);

/** A long list cut short for reading: the first `max`, then "等N个" (the 附表 and the JSON have them all). */
export function capped(items: readonly string[], max: number): string {
  return items.length <= max ? items.join('、') : `${items.slice(0, max).join('、')}等${items.length}个`;
}

function counted(counts: Record<string, number>, order: readonly string[] = []): string {
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.entries(counts)
    .sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `${k}${n}个`)
    .join('、');
}

export function problemsText(b: Bulletin): string[] {
  const [y, m] = b.month.split('-').map(Number) as [number, number];
  const p = b.problems;
  const total = Object.values(p.byStatus).reduce((s, n) => s + n, 0);
  if (total === 0) return [`截至${m}月底，本年度问题台账暂无记录。`];
  const lines = [
    `${formatPeriod({ year: y, month: m })}共收集问题${total}个，其中${counted(p.byCategory, CATEGORY_ORDER)}；${m}月新增${p.newThisMonth}个，办结${p.closedThisMonth}个。`,
    `目前${counted(p.byStatus, STATUS_ORDER)}，办结率${formatRate(p.closureRate)}。`,
  ];
  if (p.overdue.length === 0) return [...lines, '无逾期未办结问题。'];
  lines.push(`逾期未办结问题${p.overdue.length}个：`);
  p.overdue.forEach((o, i) => {
    lines.push(`${i + 1}. ${o.project}：${o.description}（${o.category}；牵头单位：${o.leadUnit ?? '未交办'}；办理时限：${o.deadline ?? '未定'}）`);
  });
  return lines;
}

export function reportingText(b: Bulletin): string[] {
  const m = Number(b.month.slice(5));
  const t = b.timeliness;
  const lines: string[] = [];
  if (t.rounds === 0) lines.push(`${m}月无已截止的周调度，不统计按时报送情况。`);
  else {
    const rounds = t.rounds === undefined ? '' : `${m}月共开展周调度${t.rounds}轮，`;
    lines.push(`${rounds}${t.totalUnits}个责任单位中，${t.onTimeUnits}个单位按时报送全部项目。`);
    if (t.lateUnits.length > 0) {
      const units = t.lateUnits.map(
        (u) => `${u.unit}（${[u.late > 0 ? `补报${u.late}次` : '', u.missed > 0 ? `未报送${u.missed}次` : ''].filter(Boolean).join('，')}）`,
      );
      lines.push(`未按时报送的单位：${units.join('、')}。`);
    }
  }
  const codes = b.unreported.reduce((s, u) => s + u.codes.length, 0);
  if (codes > 0) lines.push(`${m}月未填报的项目${codes}个：${b.unreported.map((u) => `${u.unit}：${capped(u.codes, 20)}`).join('；')}。`);
  else lines.push(`${m}月全部项目均已填报。`);
  if (b.estimated.length > 0 && b.issue) {
    const names = estimatedNames(b);
    lines.push(`以下${b.estimated.length}个项目未填报${m}月底累计完成投资，按${m}月底前最近一次填报数计：${capped(names, 30)}。`);
  } else if (b.estimated.length > 0)
    lines.push(`以下${b.estimated.length}个项目未填报${m}月底累计完成投资，按${m}月底前最近一次填报数计：${capped(b.estimated, 30)}。`);
  return lines;
}
