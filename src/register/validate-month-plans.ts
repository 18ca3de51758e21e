// Checks the optional 月度计划 sheet: one row per project of the 项目 sheet with its planned cumulative investment at
// each month end (1月 … 12月, 万元). A project's own 序时 is read from it, so the curve must be a plan of its annual
// figure: never negative, never decreasing, and reaching exactly the 年度计划投资 in December.
import { formatWanExact, parseAmountWan } from '../domain/money';
import { parseCode } from './cells';
import type { Problem } from './problems';
import { type ColumnSpec, type Table, rowReader } from './table';
import type { MonthPlanIn } from './types';

export const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

export const MONTH_PLAN_COLUMNS: ColumnSpec[] = [
  { key: 'code', heading: '项目编号' },
  ...MONTHS.map((m) => ({ key: `m${m}`, heading: `${m}月`, aliases: [`${m}月累计`, `${m}月底`] })),
];

const wan = (yuan: number) => `${formatWanExact(yuan)}万元`;

/**
 * `codes` are the 项目编号 of this file's 项目 sheet (null when it could not be read); `annual` the 年度计划投资 (元) of
 * its valid rows, against which December is checked (a project whose row has a mistake is reported there only).
 */
export function validateMonthPlans(
  table: Table,
  codes: ReadonlySet<string> | null,
  annual: ReadonlyMap<string, number>,
): { plans: MonthPlanIn[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const plans: MonthPlanIn[] = [];
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const before = problems.length;
    const f = rowReader(table, r, problems);
    const code = f.field('code', parseCode, true);
    if (code && codes !== null && !codes.has(code)) f.fail('code', '「项目」工作表中没有这个项目编号');
    if (code) {
      const first = seen.get(code);
      if (first !== undefined) f.fail('code', `项目编号与第${first}行重复，每个项目只填一行月度计划`);
      else seen.set(code, r.row);
    }
    const cumulative: number[] = [];
    let prev: number | null = null;
    for (const m of MONTHS) {
      const v = f.field(`m${m}`, parseAmountWan, true);
      if (v == null) {
        prev = null;
        continue;
      }
      if (v < 0) f.fail(`m${m}`, '累计计划投资不能为负数（单位为万元）');
      else if (prev !== null && v < prev) f.fail(`m${m}`, `月末累计计划投资不能少于上月的${wan(prev)}（各月填截至月底的累计数，不是当月数）`);
      cumulative.push(v);
      prev = v;
    }
    const plan = code ? annual.get(code) : undefined;
    const december = cumulative.length === 12 ? cumulative[11] : undefined;
    if (plan !== undefined && december !== undefined && december !== plan) {
      f.fail('m12', `12月累计计划投资应等于「项目」工作表中的年度计划投资${wan(plan)}，这里是${wan(december)}`);
    }
    if (problems.length > before) continue;
    plans.push({ row: r.row, code: code!, cumulativeYuan: cumulative });
  }
  return { plans, problems };
}
