// What an import did (or, on a dry run, would do): counted in one object, stored as JSON and printed in Chinese.
import { formatWanExact, formatYiNumber } from '../domain/money';
import type { SheetCounts } from './apply-batches';
import type { MonthPlanCounts } from './apply-month-plans';
import type { NodeCounts } from './apply-nodes';
import type { Register } from './types';

export type ImportSummary = {
  year: number;
  fileName: string;
  source: 'xlsx' | 'csv';
  dryRun: boolean;
  /** What the file holds; reporters and leaders are null for a CSV, which has no such sheets. */
  file: {
    projects: number;
    units: number;
    reporters: number | null;
    leaders: number | null;
    counties: number;
    categories: number;
    totalInvestmentYuan: number;
    annualPlanYuan: number;
  };
  projects: {
    added: number;
    updated: number;
    unchanged: number;
    /** Codes of projects that got a new plan version (a new project's first version is not counted). */
    planChanges: string[];
    restored: number;
    missing: Array<{ code: string; name: string }>;
    dropped: number;
  };
  people: { added: number; updated: number };
  /** keptForYearEnd: reporters of units no longer in the file, kept to give the year before its 12月底 figures. */
  roles: { added: number; removed: number; keptForYearEnd?: number };
  units: { added: number; updated: number };
  counties: { added: number };
  categories: { added: number };
  /** null when the file has no 招商项目 / 储备项目 sheet (older summaries have neither field). */
  enterprises?: SheetCounts | null;
  reserve?: SheetCounts | null;
  /** Reserve projects this import linked to a project of the year by its 储备编号. */
  reserveLinked?: number;
  /** What the 权限 sheet changed (people added for it, roles added and removed); null or absent without the sheet. */
  access?: { people: number; added: number; removed: number } | null;
  /** Absent when the file has no 节点计划 sheet. */
  nodes?: NodeCounts;
  /** Absent when the file has no 月度计划 sheet. */
  monthPlans?: MonthPlanCounts;
};

/** The counts of the file itself, before anything is compared with the database. */
export function describeFile(reg: Register): ImportSummary['file'] {
  const sum = (pick: (p: Register['projects'][number]) => number) => reg.projects.reduce((a, p) => a + pick(p), 0);
  return {
    projects: reg.projects.length,
    units: reg.units ? reg.units.length : new Set(reg.projects.map((p) => p.unit)).size,
    reporters: reg.units ? reg.units.reduce((a, u) => a + u.reporters.length, 0) : null,
    leaders: reg.leaders ? reg.leaders.length : null,
    counties: new Set(reg.projects.map((p) => p.county)).size,
    categories: new Set(reg.projects.map((p) => p.category)).size,
    totalInvestmentYuan: sum((p) => p.totalYuan),
    annualPlanYuan: sum((p) => p.annualYuan),
  };
}

/**
 * A warning when every 项目编号 names one year and it is not the plan year: importing next year's register in
 * December without --year would otherwise file it under the current year.
 */
export function yearHint(reg: Register, year: number): string | null {
  const years = new Set(reg.projects.map((p) => /(?:19|20)\d{2}/.exec(p.code)?.[0] ?? ''));
  const only = years.size === 1 ? [...years][0] : '';
  if (!only || Number(only) === year) return null;
  return `注意：项目编号中的年份都是 ${only}，而本次导入的计划年度是 ${year}。如要导入 ${only} 年度，请加 --year ${only}。`;
}

const list = (items: string[], max = 20) => (items.length > max ? `${items.slice(0, max).join('、')} 等` : items.join('、'));

export function formatSummary(s: ImportSummary): string {
  const f = s.file;
  const p = s.projects;
  const lines: string[] = [];
  if (s.dryRun) lines.push('【试运行 --dry-run】以下是导入将会产生的结果，数据库未作任何改动。');
  lines.push(`${s.dryRun ? '检查' : '已导入'} ${s.year} 年度项目库：${s.fileName}`);
  const people = f.reporters === null ? '' : `，填报人 ${f.reporters} 人，包联领导 ${f.leaders ?? 0} 人`;
  lines.push(`文件内容：项目 ${f.projects} 个，责任单位 ${f.units} 个${people}，县区 ${f.counties} 个，项目类别 ${f.categories} 个`);
  lines.push(
    `年度计划投资合计 ${formatWanExact(f.annualPlanYuan)} 万元（${formatYiNumber(f.annualPlanYuan)} 亿元），总投资合计 ${formatWanExact(f.totalInvestmentYuan)} 万元`,
  );
  lines.push(`项目：新增 ${p.added} 个，更新 ${p.updated} 个，未变 ${p.unchanged} 个；其中计划数变更 ${p.planChanges.length} 个`);
  if (p.planChanges.length > 0) lines.push(`  计划数变更的项目（已记为新版本，原版本保留）：${list(p.planChanges)}`);
  if (p.restored > 0) lines.push(`  其中 ${p.restored} 个此前已调出计划的项目重新列入`);
  if (s.source === 'csv') lines.push('人员与角色：CSV 只含项目表，未改动单位、人员和角色');
  else {
    lines.push(`人员：新增 ${s.people.added} 人，更新 ${s.people.updated} 人；角色：新增 ${s.roles.added} 个，移除 ${s.roles.removed} 个`);
    if (s.roles.keptForYearEnd) {
      lines.push(
        `  另有 ${s.roles.keptForYearEnd} 名填报人所在单位已不在本项目库中，暂保留其填报人角色，用于征集${s.year - 1}年度项目的${s.year - 1}年12月底数据`,
      );
    }
    lines.push(`单位：新增 ${s.units.added} 个，更换负责人 ${s.units.updated} 个`);
  }
  lines.push(`县区：新增 ${s.counties.added} 个；项目类别：新增 ${s.categories.added} 个`);
  const kept = (c: SheetCounts, what: string) =>
    c.kept.length > 0 ? [`  ${c.kept.length} 个${what}的进展与文件不同，以已登记的为准（文件只补充未登记的进展）：${list(c.kept)}`] : [];
  if (s.enterprises) {
    const e = s.enterprises;
    lines.push(`招商项目（四个一批）：新增 ${e.added} 个，更新 ${e.updated} 个，未变 ${e.unchanged} 个`, ...kept(e, '企业'));
  }
  if (s.reserve) {
    const r = s.reserve;
    lines.push(`储备项目：新增 ${r.added} 个，更新 ${r.updated} 个，未变 ${r.unchanged} 个`, ...kept(r, '储备项目'));
  }
  if (s.access) {
    const people = s.access.people ? `（新增人员 ${s.access.people} 人）` : '';
    lines.push(`权限（县区查看、单位查看、管理员）：新增 ${s.access.added} 个，移除 ${s.access.removed} 个${people}`);
  }
  if (s.reserveLinked) lines.push(`储备项目列入 ${s.year} 年度重点项目：${s.reserveLinked} 个（按“项目”表的储备编号关联）`);
  if (s.nodes) {
    const n = s.nodes;
    lines.push(`节点计划：新增 ${n.added} 个节点，更新 ${n.updated} 个，未变 ${n.unchanged} 个，删除 ${n.removed} 个（文件中已没有且未完成）`);
    if (n.kept.length > 0) lines.push(`  ${n.kept.length} 个节点已登记完成，以已登记的完成日期为准（文件中没有或日期不同）：${list(n.kept)}`);
  }
  if (s.monthPlans) {
    const m = s.monthPlans;
    lines.push(`月度计划：新增 ${m.added} 个项目，更新 ${m.updated} 个，未变 ${m.unchanged} 个，删除 ${m.removed} 个（文件中已没有，改按全市统一序时）`);
  }
  if (p.missing.length > 0) {
    const names = list(p.missing.map((m) => `${m.code} ${m.name}`));
    lines.push(
      p.dropped > 0
        ? `本次文件中没有的项目 ${p.missing.length} 个：${names}，已标记为调出计划（--drop-missing）`
        : `本次文件中没有的项目 ${p.missing.length} 个：${names}，未作改动（如确已调出计划，加 --drop-missing 重新导入）`,
    );
  }
  return lines.join('\n');
}
