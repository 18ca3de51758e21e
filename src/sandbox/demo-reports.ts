// Plausible weekly reports for the sandbox, the same every time for the same project and date: cumulative investment
// that follows the year with each project's own pace, 形象进度 with quantities, the odd problem and missed week.
import { createHash } from 'node:crypto';
import { dayNumber } from '../domain/calendar';

export type DemoProject = {
  code: string;
  category: string;
  nature: string;
  annualPlanYuan: number;
  totalInvestmentYuan: number;
  priorCompletedYuan: number;
  plannedStart: string | null;
  plannedEnd: string | null;
};

export type DemoReport = {
  ytdYuan: number;
  progressText: string;
  status: 'not_started' | 'building' | 'stopped' | 'completed';
  problemCategories: string[];
  problemText: string | null;
  coordination: string | null;
  nextPlan: string | null;
  /** 停工日期 for a stopped project whose reporter gives one (about half of them); null otherwise. */
  stoppedSince: string | null;
};

/** A number in [0, 1) fixed by the project and what it is for. */
export function draw(code: string, what: string): number {
  return createHash('sha256').update(`${code}:${what}`).digest().readUInt32BE(0) / 2 ** 32;
}

const WAN = 10_000;

/** Share of the plan year elapsed on `date` (1 Jan counts one day). */
function yearShare(date: string, year: number): number {
  const first = dayNumber(`${year}-01-01`);
  const days = dayNumber(`${year + 1}-01-01`) - first;
  return Math.min(1, Math.max(0, (dayNumber(date) - first + 1) / days));
}

/**
 * How fast a project spends against its plan: about one in ten far behind (red light), one in five somewhat behind
 * (yellow), the rest on or ahead of the 序时 line.
 */
function pace(code: string): number {
  const u = draw(code, 'pace');
  const v = draw(code, 'pace2');
  if (u < 0.1) return 0.35 + v * 0.25;
  if (u < 0.3) return 0.68 + v * 0.18;
  return 0.92 + v * 0.28;
}

function started(p: DemoProject, date: string): boolean {
  if (p.nature === '前期') return false;
  return p.plannedStart === null || p.plannedStart <= date;
}

/** 年度累计完成投资 on `date`, in whole 元 of a tenth of a 万元, never above what the project has left to spend. */
export function demoYtdYuan(p: DemoProject, date: string, year: number): number {
  let share = yearShare(date, year);
  if (p.nature === '前期')
    share *= 0.8; // 前期 money: design, land, surveys
  else if (p.plannedStart && p.plannedStart > `${year}-01-01`) {
    // A project starting this year plans its year's investment from its start to the year end.
    const from = yearShare(p.plannedStart, year);
    share = started(p, date) && from < 1 ? (share - from) / (1 - from) : 0;
  }
  const raw = p.annualPlanYuan * Math.max(0, share) * pace(p.code);
  const room = Math.max(0, p.totalInvestmentYuan - p.priorCompletedYuan);
  return Math.min(room, Math.round(raw / (WAN / 10)) * (WAN / 10));
}

const PROBLEMS: Array<{ category: string; text: string; coordination: string }> = [
  { category: 'land', text: '项目二期用地尚有3.2亩征地拆迁未完成，影响场地平整。', coordination: '请属地政府加快征收补偿协议签订。' },
  { category: 'funding', text: '专项债资金到位2800万元，尚有资金缺口约4500万元。', coordination: '请财政部门协调下一批专项债额度。' },
  { category: 'approval', text: '施工许可证办理中，消防设计审查尚未通过。', coordination: '请住建部门提前介入指导审查。' },
  { category: 'external', text: '红线内10千伏电力线路迁改未完成，影响桩基施工。', coordination: '请供电公司明确迁改时间。' },
];

function progressText(p: DemoProject, ytd: number, date: string): string {
  const done = p.totalInvestmentYuan > 0 ? (p.priorCompletedYuan + ytd) / p.totalInvestmentYuan : 0;
  const pct = Math.max(1, Math.min(99, Math.round(done * 100)));
  if (p.nature === '前期')
    return `完成可行性研究报告编制，初步设计完成${Math.min(95, 40 + Math.round(yearShare(date, Number(date.slice(0, 4))) * 50))}%，正在办理用地预审。`;
  if (!started(p, date))
    return `完成施工图设计，场地平整完成${Math.round(30 + draw(p.code, 'site') * 50)}%，计划${p.plannedStart?.slice(5, 7).replace(/^0/, '') ?? ''}月开工。`;
  switch (p.category) {
    case '产业项目':
      return `主厂房钢结构安装完成${pct}%，设备基础施工完成${Math.min(99, pct + 8)}%。`;
    case '基础设施':
      return `路基工程完成${pct}%，桥梁桩基完成${Math.round(pct * 1.6)}根，累计完成总工程量的${pct}%。`;
    case '社会民生':
      return `主体结构施工至${Math.max(1, Math.round(pct / 5))}层，二次结构砌筑完成${Math.max(0, pct - 20)}%。`;
    case '生态环保':
      return `截污管网铺设完成${(pct * 0.42).toFixed(1)}公里，占设计长度的${pct}%。`;
    case '城市更新':
      return `完成${Math.round(pct * 0.6)}栋楼外立面改造，小区道路及管网改造完成${pct}%。`;
    default:
      return `累计完成总工程量的${pct}%。`;
  }
}

/** The report a project files for the week ending around `date`; null for a week it misses (about one in 25). */
export function demoReport(p: DemoProject, date: string, year: number): DemoReport | null {
  if (draw(p.code, `missed:${date}`) < 0.04) return null;
  const ytdYuan = demoYtdYuan(p, date, year);
  const stopped = draw(p.code, 'stopped') < 0.03 && started(p, date);
  const finished = p.nature === '竣工' && p.plannedEnd !== null && p.plannedEnd <= date;
  const status = !started(p, date) ? 'not_started' : stopped ? 'stopped' : finished ? 'completed' : 'building';
  const problem = stopped ? PROBLEMS[1]! : draw(p.code, 'problem') < 0.12 ? PROBLEMS[Math.floor(draw(p.code, 'which') * PROBLEMS.length)]! : null;
  return {
    ytdYuan,
    progressText: finished ? '主体工程已完工，正在组织竣工验收。' : progressText(p, ytdYuan, date),
    status,
    problemCategories: problem ? [problem.category] : [],
    problemText: problem?.text ?? null,
    coordination: problem?.coordination ?? null,
    nextPlan: status === 'building' ? '继续加快施工进度，确保完成月度投资计划。' : null,
    stoppedSince: status === 'stopped' ? demoStoppedSince(p, date, year) : null,
  };
}

/**
 * The 停工日期 half of the stopped projects' reporters give, the same every week: a day in January to September of the
 * plan year, not before the project's planned start nor after the report; null for the other half (the stoppage then
 * counts from the week it was first reported).
 */
function demoStoppedSince(p: DemoProject, date: string, year: number): string | null {
  if (draw(p.code, 'stop-dated') >= 0.5) return null;
  const month = 1 + Math.floor(draw(p.code, 'stop-month') * 9);
  const day = 1 + Math.floor(draw(p.code, 'stop-day') * 28);
  const since = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return since > date || (p.plannedStart !== null && since < p.plannedStart) ? null : since;
}
