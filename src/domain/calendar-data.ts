// The State Council's holiday and 调休 schedules, 2004 on, as the chinese-days package publishes them, in our shape.
import schedule from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import pkg from 'chinese-days/package.json' with { type: 'json' };
import type { CalendarData } from './calendar-days';

// JSON import attributes keep domain/ free of Node built-ins (no createRequire). The bundle keeps them only when
// esbuild targets a Node that has them (package.json's build: node20.19); with plain `node20` esbuild drops the
// attribute and Node 20 refuses the import (ERR_IMPORT_ATTRIBUTE_MISSING).
const raw = schedule as RawSchedule;

// The package's JSON maps 'YYYY-MM-DD' to "English name,中文名,days"; its code is not used, only this data file, which
// its README offers for exactly this (and its maintainers regenerate from each 国务院办公厅 notice). Each year's source
// notice is cited in the package's src/holidays/generate.ts, e.g. 2026: 国办发明电〔2025〕7号.
type RawSchedule = { holidays: Record<string, string>; workdays: Record<string, string> };

// The notices say 清明节、端午节、中秋节; the package shortens them.
const OFFICIAL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

function nameOf(value: string): string {
  const zh = value.split(',')[1]?.trim() || value;
  return OFFICIAL_NAMES[zh] ?? zh;
}

/**
 * Converts the package's JSON. A year counts as covered when its 春节 is there: every annual notice has one, while a
 * day of a year can appear without that year's notice (2022-12-31 belongs to the notice for 2023's 元旦).
 */
export function calendarDataFrom(schedule: RawSchedule, source: string): CalendarData {
  const holidays: Record<string, string> = {};
  const workdays: Record<string, string> = {};
  const years = new Set<number>();
  for (const [date, value] of Object.entries(schedule.holidays)) {
    holidays[date] = nameOf(value);
    if (holidays[date] === '春节') years.add(Number(date.slice(0, 4)));
  }
  for (const [date, value] of Object.entries(schedule.workdays)) workdays[date] = nameOf(value);
  return { holidays, workdays, years: [...years].sort((a, b) => a - b), source };
}

export const officialCalendarData: CalendarData = calendarDataFrom(
  raw as RawSchedule,
  `chinese-days ${pkg.version}，据国务院办公厅历年部分节假日安排的通知整理`,
);
