// 倒排工期 (domain.md §10): at a month end, the investment still needed each remaining month to finish the annual plan,
// and where the year ends at the pace of the last three months. Amounts in integer 元 in, 万元 out unrounded;
// percentages unrounded (rounded only when printed).

export type Pace = {
  /** (annual plan − completed) ÷ months left, 万元; 0 once the plan is met; null after December (no month left). */
  requiredMonthlyWan: number | null;
  /** completed + the average monthly investment of the last three months (fewer in 1–2月) × months left, 万元. */
  forecastYearEndWan: number;
  /** forecastYearEndWan ÷ annual plan × 100; null when the plan is 0. Can exceed 100. */
  forecastCompletionRate: number | null;
};

export type PaceInput = {
  /** The month end measured at, 1–12. */
  month: number;
  annualPlanYuan: number;
  /** Cumulative investment this year at the month end. */
  completedYuan: number;
  /** Cumulative investment this year at the end of month − min(3, month); 0 for the start of the year. */
  completedBackYuan: number;
};

const WAN = 10_000;

/** The number of months the recent pace is averaged over: three, or as many as have passed. */
export const paceWindow = (month: number) => Math.min(3, month);

export function paceOf(p: PaceInput): Pace {
  if (!Number.isInteger(p.month) || p.month < 1 || p.month > 12) throw new RangeError(`month 1–12: ${p.month}`);
  const left = 12 - p.month;
  const window = paceWindow(p.month);
  const monthly = (p.completedYuan - p.completedBackYuan) / window;
  const forecastYuan = p.completedYuan + monthly * left;
  return {
    requiredMonthlyWan: left === 0 ? null : Math.max(0, p.annualPlanYuan - p.completedYuan) / left / WAN,
    forecastYearEndWan: forecastYuan / WAN,
    forecastCompletionRate: p.annualPlanYuan > 0 ? (forecastYuan / p.annualPlanYuan) * 100 : null,
  };
}

/** The sum of several projects' inputs at the same month end (a county, the city). */
export function sumPace(month: number, parts: ReadonlyArray<Omit<PaceInput, 'month'>>): Pace {
  const sum = (k: keyof Omit<PaceInput, 'month'>) => parts.reduce((a, x) => a + x[k], 0);
  return paceOf({ month, annualPlanYuan: sum('annualPlanYuan'), completedYuan: sum('completedYuan'), completedBackYuan: sum('completedBackYuan') });
}

/** "要完成全年目标每月还需完成X亿元；按近三个月进度，预计全年完成X%". */
export function paceSentence(p: Pace, month: number, yi: (wan: number) => string, pct: (rate: number) => string): string {
  const need = p.requiredMonthlyWan === null ? '' : p.requiredMonthlyWan === 0 ? '已完成全年目标' : `要完成全年目标每月还需完成${yi(p.requiredMonthlyWan)}`;
  const basis = paceWindow(month) === 3 ? '按近三个月进度' : `按近${paceWindow(month)}个月进度`;
  const forecast = p.forecastCompletionRate === null ? '' : `${basis}，预计全年完成${pct(p.forecastCompletionRate)}`;
  return [need, forecast].filter((s) => s !== '').join('；');
}
