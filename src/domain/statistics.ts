// 统计监测 (domain.md §10): the statistics office's monthly figures held against what units report. Three kinds of
// flag, each traceable to its two figures: a reported cumulative that differs from the statistical one by more than the
// threshold, a project that has started (and is large enough to be counted) but is not 入库, and a 入库 project the
// register does not have. Amounts are integer 元 in, 万元 out; the percentage is kept unrounded.
import { z } from 'zod';
import { compare, decimalRatio, ratio, roundToString } from './exact';
import { formatWan, wanToYuanChecked, yuanToWan } from './money';

export const STATS_KINDS = ['difference', 'not_in_library', 'not_in_register'] as const;
export type StatsKind = (typeof STATS_KINDS)[number];

/** The kinds as the bulletin, the command line and the cards name them. */
export const STATS_KIND_TEXT: Record<StatsKind, string> = {
  difference: '调度数与统计数差异较大',
  not_in_library: '已开工未入库',
  not_in_register: '已入库但不在项目库',
};

/** 500 万元: the statistics office counts (入库/纳统) projects of this planned total or more (domain.md §10). */
export const LIBRARY_MIN_YUAN = 5_000_000;

/** What the comparison needs of a register project at the month end. */
export type StatsProjectFact = {
  code: string;
  name: string;
  totalInvestmentYuan: number;
  /** The month-end cumulative completed investment of the year as reported (the bulletin's figure); null: never reported. */
  reportedYuan: number | null;
  started: boolean;
};

/** One line of the statistics office's sheet. */
export type StatsFigure = { code: string; name: string | null; statsYuan: number | null; inLibrary: boolean };

/** One flag as the bulletin keeps it (its optional `statsMismatches`) and JSON shows it. */
export const statsMismatchSchema = z.object({
  code: z.string(),
  name: z.string(),
  reportedWan: z.number().nullable(),
  statsWan: z.number().nullable(),
  /** (reported − statistical) ÷ statistical × 100, unrounded; positive when units report more. Null when not comparable. */
  diffPercent: z.number().nullable(),
  kind: z.enum(STATS_KINDS),
});
export type StatsMismatch = z.infer<typeof statsMismatchSchema>;

/** Whether |reported − stats| is more than `thresholdPercent` % of stats (exact; a statistical 0 against any figure is more). */
export function differsBeyond(reportedYuan: number, statsYuan: number, thresholdPercent: number): boolean {
  const gap = Math.abs(reportedYuan - statsYuan);
  if (statsYuan === 0) return gap > 0;
  // gap × 100 > threshold × stats, compared as fractions so that exactly 10 % is not "more than 10 %".
  const t = decimalRatio(thresholdPercent);
  return compare(ratio(BigInt(gap) * 100n), ratio(t.num * BigInt(statsYuan), t.den)) > 0;
}

const KIND_ORDER = new Map(STATS_KINDS.map((k, i) => [k, i]));

/**
 * Every flag of a month, in the order a reader acts on them: differences (largest first, a statistical 0 before all),
 * then started projects not 入库 (register order), then 入库 projects the register lacks (sheet code order).
 * A project never reported is not compared: the bulletin lists it as unreported already.
 */
export function statsMismatches(projects: readonly StatsProjectFact[], figures: readonly StatsFigure[], thresholdPercent: number): StatsMismatch[] {
  const byCode = new Map(figures.map((f) => [f.code, f]));
  const inRegister = new Set(projects.map((p) => p.code));
  const out: StatsMismatch[] = [];
  for (const p of projects) {
    const f = byCode.get(p.code);
    const reportedWan = p.reportedYuan === null ? null : yuanToWan(p.reportedYuan);
    if (f?.inLibrary && f.statsYuan !== null && p.reportedYuan !== null && differsBeyond(p.reportedYuan, f.statsYuan, thresholdPercent)) {
      out.push({
        code: p.code,
        name: p.name,
        reportedWan,
        statsWan: yuanToWan(f.statsYuan),
        diffPercent: f.statsYuan === 0 ? null : ((p.reportedYuan - f.statsYuan) / f.statsYuan) * 100,
        kind: 'difference',
      });
    }
    if (p.started && p.totalInvestmentYuan >= LIBRARY_MIN_YUAN && !f?.inLibrary) {
      out.push({
        code: p.code,
        name: p.name,
        reportedWan,
        statsWan: f?.statsYuan == null ? null : yuanToWan(f.statsYuan),
        diffPercent: null,
        kind: 'not_in_library',
      });
    }
  }
  const missing = figures
    .filter((f) => f.inLibrary && !inRegister.has(f.code))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map(
      (f): StatsMismatch => ({
        code: f.code,
        name: f.name ?? '（统计表未填项目名称）',
        reportedWan: null,
        statsWan: f.statsYuan === null ? null : yuanToWan(f.statsYuan),
        diffPercent: null,
        kind: 'not_in_register',
      }),
    );
  const magnitude = (m: StatsMismatch) => (m.diffPercent === null ? Number.POSITIVE_INFINITY : Math.abs(m.diffPercent));
  const ordered = out
    .map((m, i) => ({ m, i }))
    .sort(
      (a, b) =>
        (KIND_ORDER.get(a.m.kind) ?? 0) - (KIND_ORDER.get(b.m.kind) ?? 0) || (a.m.kind === 'difference' ? magnitude(b.m) - magnitude(a.m) : 0) || a.i - b.i,
    )
    .map((x) => x.m);
  return [...ordered, ...missing];
}

/**
 * How the reported figure stands against the statistical one: "调度数较统计数高25.0%" / "…低12.5%"; when the statistical
 * figure is 0 there is nothing to divide by, and it says so.
 */
export function diffText(m: StatsMismatch): string {
  if (m.diffPercent === null) return m.kind === 'difference' ? '统计数为0，无法按比例计算差异' : '';
  return `调度数较统计数${m.diffPercent >= 0 ? '高' : '低'}${roundToString(Math.abs(m.diffPercent), 1)}%`;
}

/** One line per flag, the same words in the bulletin, the command line and the cards. */
export function mismatchLine(m: StatsMismatch): string {
  const wan = (x: number) => formatWan(wanToYuanChecked(x));
  const reported = m.reportedWan === null ? '未填报' : wan(m.reportedWan);
  const stats = m.statsWan === null ? '无' : wan(m.statsWan);
  switch (m.kind) {
    case 'difference':
      return `${m.code} ${m.name}：调度累计完成${reported}，统计${stats}，${diffText(m)}`;
    case 'not_in_library':
      return `${m.code} ${m.name}：已开工（调度累计完成${reported}），统计部门未入库`;
    case 'not_in_register':
      return `${m.code} ${m.name}：统计部门已入库（统计完成${stats}），项目库中没有该项目`;
  }
}
