// `diaodu calendar show|add|remove|rounds`: the working-day calendar, its corrections, and the weekly rounds it yields.
import type { Db } from '../../db/connect';
import { loadSettings, saveSetting } from '../../db/settings';
import {
  addDays,
  type CalendarCorrection,
  coverageWarning,
  createWorkCalendar,
  type DayInfo,
  dayNumber,
  daysBetween,
  dayInfo,
  formatBeijing,
  formatDay,
  holidayPeriods,
  parseIsoDate,
  type RoundSchedule,
  roundsBetween,
  roundTimesOf,
  shanghaiDay,
  WEEKDAY_NAMES,
  type WorkCalendar,
  workCalendarOf,
  yearCoverage,
} from '../../domain/calendar';
import { daysInMonth } from '../../domain/time-progress';
import { AUTO_SCHEDULE, monthAfter } from '../../domain/calendar-month-end';
import type { Settings } from '../../domain/settings';
import { cycleOf, heldTexts, pendingCollection } from '../../jobs/bulletin';
import { hasRegister } from '../../db/register';
import type { Command, CommandContext } from '../command';

const KIND_NAMES: Record<DayInfo['kind'], string> = { workday: '工作日', makeup: '调休上班', weekend: '休息日', holiday: '节假日' };
const TYPE_NAMES: Record<CalendarCorrection['type'], string> = { holiday: '休息日', workday: '上班日' };

async function loadCalendar(ctx: CommandContext, db: Db) {
  const { settings, invalid } = await loadSettings(db);
  for (const problem of invalid.filter((p) => p.includes('calendar.corrections') || p.includes('round.'))) {
    ctx.io.err(`注意：存储的设置无效，已按默认值处理：${problem}`);
  }
  return { settings, cal: workCalendarOf(settings) };
}

/** --year as a number, the current year in Beijing when absent, or null after saying what is wrong. */
function yearOption(ctx: CommandContext, raw: string | boolean | undefined): number | null {
  if (raw === undefined) return Number(shanghaiDay(ctx.clock.now()).slice(0, 4));
  if (typeof raw === 'string' && /^20\d\d$/.test(raw)) return Number(raw);
  ctx.io.err(`年份“${String(raw)}”有误：应为 2000—2099 的四位数，如 --year 2026`);
  return null;
}

function dateArg(ctx: CommandContext, raw: string | undefined, what: string): string | null {
  if (raw && parseIsoDate(raw)) return raw;
  ctx.io.err(raw ? `${what}“${raw}”不是真实存在的日期，请按 YYYY-MM-DD 填写，如 2026-10-09` : `请给出${what}（YYYY-MM-DD）`);
  return null;
}

const describe = (d: DayInfo) => `${KIND_NAMES[d.kind]}${d.name ? `（${d.name}）` : ''}${d.corrected ? '，管理员更正' : ''}`;

function periodLines(days: DayInfo[]): string[] {
  const lines = holidayPeriods(days).map((p) =>
    p.days === 1 ? `  ${p.names.join('、')}：${formatDay(p.from)}，共1天` : `  ${p.names.join('、')}：${formatDay(p.from)}至${formatDay(p.to)}，共${p.days}天`,
  );
  const makeup = days.filter((d) => d.kind === 'makeup').map((d) => `  ${formatDay(d.date)}${d.name ? `，${d.name}调休` : ''}`);
  return [`节假日：${lines.length ? '' : '无'}`, ...lines, `调休上班：${makeup.length ? '' : '无'}`, ...makeup];
}

function countLine(days: DayInfo[]): string {
  const working = days.filter((d) => d.working).length;
  const makeup = days.filter((d) => d.kind === 'makeup').length;
  const holiday = days.filter((d) => d.kind === 'holiday').length;
  return `工作日 ${working} 天（含调休上班 ${makeup} 天），节假日 ${holiday} 天，周末休息 ${days.filter((d) => d.kind === 'weekend').length} 天`;
}

/** A month grid: 休 a holiday, 班 a 调休 working day, * an administrator's correction. */
function monthGrid(days: DayInfo[]): string[] {
  const cell = (d: DayInfo) => {
    const mark = d.kind === 'holiday' ? '休' : d.kind === 'makeup' ? '班' : '  ';
    return `${String(Number(d.date.slice(8))).padStart(2)}${mark}${d.corrected ? '*' : ' '}`;
  };
  const rows: string[] = [
    WEEKDAY_NAMES.map((w) => `  ${w.slice(1)} `)
      .join(' ')
      .trimEnd(),
  ];
  let row: string[] = Array.from({ length: (days[0]?.weekday ?? 1) - 1 }, () => '     ');
  for (const d of days) {
    row.push(cell(d));
    if (d.weekday === 7) {
      rows.push(row.join(' ').trimEnd());
      row = [];
    }
  }
  if (row.length) rows.push(row.join(' ').trimEnd());
  return rows;
}

function coverageLine(year: number, cal: WorkCalendar): string {
  return yearCoverage(year, cal) === 'data' ? `${year}年法定节假日安排：已收录（${cal.data.source}）` : `注意：${coverageWarning(year, cal)}`;
}

export const calendarShowCommand: Command = {
  name: 'calendar show',
  summary: '查看某月或全年的工作日、节假日和调休',
  help: `用法：diaodu calendar show [--year 年份] [--month 月份]

给出 --month 时列出该月日历（休 = 节假日，班 = 调休上班，* = 管理员更正）；否则列出全年汇总。
同时说明该年的法定节假日安排是否已收录；未收录的年份只按周末休息计算。
示例：
  diaodu calendar show --year 2026 --month 10
  diaodu calendar show --year 2027`,
  options: { year: { type: 'string' }, month: { type: 'string' } },
  async run(ctx, { values }) {
    const year = yearOption(ctx, values.year);
    if (year === null) return 2;
    const month = values.month === undefined ? null : Number(values.month);
    if (month !== null && !(Number.isInteger(month) && month >= 1 && month <= 12)) {
      ctx.io.err(`月份“${String(values.month)}”有误：应为 1—12`);
      return 2;
    }
    const { db } = await ctx.openDb();
    const { cal } = await loadCalendar(ctx, db);
    const mm = String(month ?? 1).padStart(2, '0');
    const from = month === null ? `${year}-01-01` : `${year}-${mm}-01`;
    const to = month === null ? `${year}-12-31` : `${year}-${mm}-${daysInMonth(year, month)}`;
    const days = daysBetween(from, to, cal);
    const out = [month === null ? `${year}年日历` : `${year}年${month}月日历`, coverageLine(year, cal), countLine(days)];
    if (month !== null) out.push('', ...monthGrid(days));
    else {
      const perMonth = Array.from({ length: 12 }, (_, i) => `${i + 1}月 ${days.filter((d) => d.working && Number(d.date.slice(5, 7)) === i + 1).length}`);
      out.push(`各月工作日（天）：${perMonth.join('，')}`);
    }
    out.push('', ...periodLines(days));
    const corrections = cal.corrections.filter((c) => c.date >= from && c.date <= to);
    out.push(`管理员更正：${corrections.length ? '' : '无'}`);
    for (const c of corrections) out.push(`  ${formatDay(c.date)} ${TYPE_NAMES[c.type]}${c.name ? `（${c.name}）` : ''}`);
    ctx.io.out(out.join('\n'));
    return 0;
  },
};

async function saveCorrections(ctx: CommandContext, db: Db, next: CalendarCorrection[]): Promise<boolean> {
  const sorted = [...next].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const result = await saveSetting(db, 'calendar.corrections', sorted, 'cli', ctx.clock.now());
  if (!result.ok) ctx.io.err(result.error);
  return result.ok;
}

export const calendarAddCommand: Command = {
  name: 'calendar add',
  writes: true,
  summary: '补录或更正一天：holiday 放假 / workday 调休上班',
  help: `用法：diaodu calendar add 日期 holiday|workday [--name 节日名称]

holiday：该日放假休息；workday：该日上班（调休上班日）。管理员更正优先于法定节假日数据；
同一天已有更正时以新的为准。国务院办公厅公布下一年安排后，可用本命令先行补录。
示例：
  diaodu calendar add 2027-02-06 holiday --name 春节
  diaodu calendar add 2027-02-20 workday --name 春节`,
  options: { name: { type: 'string' } },
  async run(ctx, { values, positionals }) {
    const [rawDate, type, ...extra] = positionals;
    if (!rawDate || !type || extra.length > 0) {
      ctx.io.err('用法：diaodu calendar add 日期 holiday|workday [--name 节日名称]');
      return 2;
    }
    const date = dateArg(ctx, rawDate, '日期');
    if (!date) return 1;
    if (type !== 'holiday' && type !== 'workday') {
      ctx.io.err(`类型“${type}”有误：holiday 表示放假休息，workday 表示调休上班`);
      return 2;
    }
    const name = typeof values.name === 'string' && values.name.trim() ? values.name.trim() : undefined;
    const { db } = await ctx.openDb();
    const { cal } = await loadCalendar(ctx, db);
    const before = dayInfo(date, cal);
    const entry: CalendarCorrection = name ? { date, type, name } : { date, type };
    if (!(await saveCorrections(ctx, db, [...cal.corrections.filter((c) => c.date !== date), entry]))) return 1;
    ctx.io.out(`已更正：${formatDay(date, { year: true })} ${TYPE_NAMES[type]}${name ? `（${name}）` : ''}（原为${describe(before)}）`);
    if (before.working === (type === 'workday')) ctx.io.out('提示：该日原本即为此类，本条更正不改变日历，仅作记录。');
    return 0;
  },
};

export const calendarRemoveCommand: Command = {
  name: 'calendar remove',
  writes: true,
  summary: '删除一天的管理员更正，恢复法定节假日数据',
  help: `用法：diaodu calendar remove 日期

示例：diaodu calendar remove 2027-02-06`,
  async run(ctx, { positionals }) {
    if (positionals.length !== 1) {
      ctx.io.err('用法：diaodu calendar remove 日期');
      return 2;
    }
    const date = dateArg(ctx, positionals[0], '日期');
    if (!date) return 1;
    const { db } = await ctx.openDb();
    const { cal } = await loadCalendar(ctx, db);
    if (!cal.byDate.has(date)) {
      ctx.io.err(`${formatDay(date, { year: true })}没有管理员更正，无需删除`);
      return 1;
    }
    const rest = cal.corrections.filter((c) => c.date !== date);
    if (!(await saveCorrections(ctx, db, rest))) return 1;
    const after = dayInfo(date, createWorkCalendar(cal.data, rest));
    ctx.io.out(`已删除更正：${formatDay(date, { year: true })}，恢复为${describe(after)}`);
    return 0;
  },
};

function roundLines(r: RoundSchedule): string[] {
  if (r.skipped) return [`${r.week}  ${formatDay(r.weekStart)}起  不开展：${r.reason}`];
  return [
    `${r.week}  开始 ${formatBeijing(r.opensAt)}  提醒 ${formatBeijing(r.remindAt)}  截止 ${formatBeijing(r.deadlineAt)}`,
    ...r.moved.map((m) => `          调整：${m}`),
    ...r.warnings.filter((w) => w.startsWith('本轮')).map((w) => `          注意：${w}`),
  ];
}

const weekName = (label: string) => {
  const [y, w] = label.split('-W');
  return `${y}年第${Number(w)}周`;
};

/** For each month of the range: the round that asks its end figure, that round's deadline, and when the bulletin is composed. */
async function monthLines(db: Db, settings: Settings, range: { from: string; to: string; year: number | null }, now: Date): Promise<string[]> {
  const rule = settings['bulletin.schedule'] === AUTO_SCHEDULE ? '自动：月末数征集轮次截止后的第一个工作日 09:00' : `每月${settings['bulletin.schedule']}`;
  const out = [`各月月末数征集与月通报编制（bulletin.schedule：${rule}）`];
  const months: string[] = [];
  for (let m = (range.year === null ? range.from : `${range.year}-01-01`).slice(0, 7); m <= range.to.slice(0, 7); m = monthAfter(m)) months.push(m);
  for (const month of months) {
    const c = await cycleOf(db, month, settings);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const head = `${y}年${m}月`;
    if (!c.ask) {
      out.push(`${head}  ${c.warning ?? ''}`);
      continue;
    }
    // A round that did not take place (December before the new register): no date the bulletin would keep to.
    const pending = await pendingCollection(db, c, now);
    if (pending) {
      out.push(`${head}  ${pending}`);
      continue;
    }
    const yearEnd = m === 12 ? `（${y}年度项目以“年末数填报”卡片填报）` : '';
    out.push(
      `${head}  月末数：${weekName(c.ask.week)}${yearEnd}，${formatBeijing(c.ask.opensAt)}开始，${formatBeijing(c.ask.deadlineAt)}截止  编制月通报：${formatBeijing(c.composeAt, { year: c.composeAt.getUTCFullYear() !== y })}`,
    );
    if (c.warning) out.push(`          注意：${c.warning}`);
    const askYear = Number(shanghaiDay(c.ask.opensAt).slice(0, 4));
    if (m === 12 && !c.created && !(await hasRegister(db, askYear))) {
      out.push(`          注意：${heldTexts.registerDue(y, askYear, formatBeijing(c.ask.deadlineAt, { year: true }))}`);
    }
  }
  return out;
}

export const calendarRoundsCommand: Command = {
  name: 'calendar rounds',
  summary: '列出每周调度的开始、提醒、截止时间（含节假日顺延）',
  help: `用法：diaodu calendar rounds [--year 年份 | --from 日期 --to 日期]

按当前设置 round.open、round.remind、round.deadline（北京时间）列出每周调度：逢节假日顺延到下一个工作日，
整周无工作日的周不开展。--year 列出该计划年度的各轮（计划年度 = 开始日所在年份），缺省为今年；
--from/--to 列出这段日期所涉及的各周。
随后列出每个月的月末数在哪一轮征集、何时截止，以及月通报何时编制（设置 bulletin.schedule：默认“自动”，
即月末数征集轮次截止后的第一个工作日 09:00；12月的年末数在次年第一轮以“年末数填报”卡片征集，
次年度项目库晚于该轮截止导入的，改在导入后开展的第一轮征集，届时列出的是暂缓编制的说明而非日期）。
示例：
  diaodu calendar rounds --year 2026
  diaodu calendar rounds --from 2026-09-01 --to 2026-10-31`,
  options: { year: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  async run(ctx, { values }) {
    let range: { from: string; to: string; year: number | null };
    if (values.from !== undefined || values.to !== undefined) {
      if (values.year !== undefined || values.from === undefined || values.to === undefined) {
        ctx.io.err('--from 与 --to 须同时给出，且不能与 --year 同用');
        return 2;
      }
      const from = dateArg(ctx, String(values.from), '开始日期');
      const to = from && dateArg(ctx, String(values.to), '结束日期');
      if (!from || !to) return 2;
      if (dayNumber(to) < dayNumber(from) || dayNumber(to) - dayNumber(from) > 3 * 366) {
        ctx.io.err('日期范围有误：结束日期不能早于开始日期，范围不超过三年');
        return 2;
      }
      range = { from, to, year: null };
    } else {
      const year = yearOption(ctx, values.year);
      if (year === null) return 2;
      range = { from: addDays(`${year}-01-01`, -7), to: `${year}-12-31`, year };
    }
    const { db } = await ctx.openDb();
    const { settings, cal } = await loadCalendar(ctx, db);
    const times = roundTimesOf(settings);
    const rounds = roundsBetween(range.from, range.to, times, cal).filter((r) => range.year === null || r.planYear === range.year);
    for (const w of new Set(rounds.flatMap((r) => r.warnings.filter((x) => !x.startsWith('本轮'))))) ctx.io.err(`注意：${w}`);
    const title = range.year === null ? `${range.from} 至 ${range.to}` : `${range.year}年`;
    const out = [`${title}每周调度（北京时间；设置：开始 ${times.open}，提醒 ${times.remind}，截止 ${times.deadline}）`];
    for (const r of rounds) out.push(...roundLines(r));
    const skipped = rounds.filter((r) => r.skipped).length;
    const moved = rounds.filter((r) => !r.skipped && r.moved.length > 0).length;
    out.push(`共 ${rounds.length} 周：开展 ${rounds.length - skipped} 轮（其中节假日调整 ${moved} 轮），不开展 ${skipped} 周`);
    out.push('', ...(await monthLines(db, settings, range, ctx.clock.now())));
    ctx.io.out(out.join('\n'));
    return 0;
  },
};
