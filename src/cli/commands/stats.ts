// `diaodu stats import FILE.xlsx --month 2026-10` and `diaodu stats show [--month 2026-10]`: the statistics office's
// monthly figures held against the reports (统计监测). The import is checked whole and written in one transaction or
// not at all; the flags are printed, and each responsible unit is sent a card asking for an explanation.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AppContext } from '../../context';
import { engineOf } from '../../db/engine';
import { hasRegister } from '../../db/register';
import { latestStatsImport, replaceStatsFigures, statsExplanationsOf } from '../../db/statistics';
import { loadSettings } from '../../db/settings';
import { shanghaiDay } from '../../domain/calendar';
import { formatBeijing } from '../../domain/calendar-dates';
import { mismatchLine, STATS_KIND_TEXT, STATS_KINDS, type StatsMismatch } from '../../domain/statistics';
import { sendExplainCards } from '../../handlers/statistics/steps';
import { createLogger } from '../../log';
import { parseMonth } from '../../bulletin/month';
import { formatProblem } from '../../register/problems';
import { type MonthStats, monthStats, statsMonthProblem } from '../../statistics/figures';
import { readStatsFile } from '../../statistics/sheet';
import type { CliIO, Command } from '../command';

function lastMonth(now: Date): string {
  const [y, m] = shanghaiDay(now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function formatOf(v: string | boolean | undefined): 'text' | 'json' | null {
  if (v === undefined) return 'text';
  return v === 'text' || v === 'json' ? v : null;
}

/** The flags grouped by kind, one line each with the responsible unit. */
function printMismatches(io: CliIO, month: string, threshold: number, stats: MonthStats): void {
  const m = parseMonth(month)!;
  const count = (k: StatsMismatch['kind']) => stats.mismatches.filter((x) => x.kind === k).length;
  io.out(
    `统计监测（截至${m.month}月底，差异阈值 ${threshold}%）：调度数与统计数差异较大 ${count('difference')} 个，已开工未入库 ${count('not_in_library')} 个，已入库但不在项目库 ${count('not_in_register')} 个。`,
  );
  for (const kind of STATS_KINDS) {
    const list = stats.mismatches.filter((x) => x.kind === kind);
    if (list.length === 0) continue;
    io.out(`${STATS_KIND_TEXT[kind]}：`);
    for (const x of list) {
      const p = stats.projects.get(x.code);
      io.out(`  ${mismatchLine(x)}${p && kind !== 'not_in_register' ? `（${p.unit}）` : ''}`);
    }
  }
}

function appContext(ctx: Parameters<Command['run']>[0], db: AppContext['db']): AppContext {
  return { config: ctx.config, db, engine: engineOf(db), clock: ctx.clock, log: createLogger(() => {}) };
}

export const statsImportCommand: Command = {
  name: 'stats import',
  writes: true,
  summary: '导入统计部门的月度统计数据，与调度填报核对，列出差异并请责任单位说明',
  help: `用法：diaodu stats import 文件.xlsx --month 2026-10 [--format text|json]

导入统计部门某月的重点项目统计数据。工作表第一行为表头（工作表名称不限）：
  项目编号  统计完成投资(万元)  是否入库（是/否）  [项目名称]
已入库的项目须填写统计完成投资（本年累计，万元）；“项目名称”可选，项目库中没有的项目据此列出。
先校验每一行，有任何问题都逐条列出（工作表、行号、列名、值、原因）并退出，不写入任何数据；
校验通过后在一个事务中替换该月的统计数据（再次导入同月即以新文件为准，每次导入都有记录）。

然后与该月月末调度数（与月通报相同）核对，列出：
  调度数与统计数差异较大  两者之差超过统计数的 stats.diffPercent（默认 10%）
  已开工未入库            已开工、总投资500万元及以上，统计部门未入库
  已入库但不在项目库      统计部门已入库，项目库中没有该编号
并向有前两类项目的责任单位的填报人各发一张说明卡片（每月每人一张，再次导入不重发），由运行中的服务发出。
  --month   统计数据所属月份（已结束的月份），如 2026-10
  --format  json 时输出 {"month", "statsMismatches": [{code, name, reportedWan, statsWan, diffPercent, kind}]}
示例：diaodu stats import 10月统计数据.xlsx --month 2026-10`,
  options: { month: { type: 'string' }, format: { type: 'string' } },
  async run(ctx, { values, positionals }) {
    const path = positionals[0];
    const format = formatOf(values.format);
    if (!path || typeof values.month !== 'string' || format === null) {
      ctx.io.err('用法：diaodu stats import 文件.xlsx --month 2026-10 [--format text|json]');
      return 2;
    }
    const problem = statsMonthProblem(values.month, ctx.clock.now());
    if (problem) {
      ctx.io.err(problem);
      return parseMonth(values.month) ? 1 : 2;
    }
    const month = parseMonth(values.month)!.key;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      ctx.io.err(code === 'ENOENT' ? `找不到文件：${path}` : `无法读取 ${path}：${(err as Error).message}`);
      return 1;
    }
    const fileName = basename(path);
    const read = await readStatsFile(bytes, fileName);
    if (!read.ok) {
      ctx.io.err(`统计数据文件有 ${read.problems.length} 处问题，未写入任何数据。请改正后重新导入：`);
      for (const p of read.problems) ctx.io.err(formatProblem(p));
      return 1;
    }
    const { db } = await ctx.openDb();
    if (!(await hasRegister(db, Number(month.slice(0, 4))))) {
      ctx.io.err(`${month.slice(0, 4)}年度项目库尚未导入，无法与统计数据核对。请先用 diaodu import 导入项目库。`);
      return 1;
    }
    const app = appContext(ctx, db);
    const figures = read.value;
    await app.engine.retry(() => db.transaction().execute((tx) => replaceStatsFigures(tx, month, fileName, figures, ctx.clock.now())));
    const stats = (await monthStats(db, month))!;
    const sent = await sendExplainCards(app, month, stats);
    if (format === 'json') {
      ctx.io.out(JSON.stringify({ month, statsMismatches: stats.mismatches }, null, 2));
      return 0;
    }
    const inLibrary = figures.filter((f) => f.inLibrary).length;
    const m = parseMonth(month)!;
    ctx.io.out(
      `已导入${m.year}年${m.month}月统计数据（${fileName}）：${figures.length} 个项目，其中入库 ${inLibrary} 个、未入库 ${figures.length - inLibrary} 个。`,
    );
    const { settings } = await loadSettings(db);
    printMismatches(ctx.io, month, settings['stats.diffPercent'], stats);
    if (sent.units > 0) {
      ctx.io.out(
        `说明卡片：${sent.units} 个责任单位，新排入发送队列 ${sent.queued} 张${sent.before ? `，${sent.before} 张此前已发（每月每人一张）` : ''}；由运行中的服务发出。`,
      );
    }
    if (sent.unresolved.length) ctx.io.out(`以下填报人没有飞书账号或已离职，未发送：${sent.unresolved.join('、')}`);
    return 0;
  },
};

export const statsShowCommand: Command = {
  name: 'stats show',
  summary: '查看某月统计监测的差异和各责任单位的说明',
  help: `用法：diaodu stats show [--month 2026-10] [--format text|json]

列出某月（默认上一个已结束的月份）导入的统计数据与调度数核对的结果，以及责任单位提交的说明（谁、何时）。
  --month   月份，如 2026-10
  --format  json 时输出 {"month", "statsMismatches": [...], "explanations": [...]}
示例：diaodu stats show --month 2026-10`,
  options: { month: { type: 'string' }, format: { type: 'string' } },
  async run(ctx, { values }) {
    const format = formatOf(values.format);
    const m = parseMonth(typeof values.month === 'string' ? values.month : lastMonth(ctx.clock.now()));
    if (!m || format === null) {
      ctx.io.err('用法：diaodu stats show [--month 2026-10] [--format text|json]');
      return 2;
    }
    const { db } = await ctx.openDb();
    const imported = await latestStatsImport(db, m.key);
    const stats = imported ? await monthStats(db, m.key) : null;
    if (!imported || !stats) {
      ctx.io.out(`${m.year}年${m.month}月尚未导入统计数据（diaodu stats import 文件.xlsx --month ${m.key}）。`);
      return 0;
    }
    const explanations = await statsExplanationsOf(db, m.key);
    if (format === 'json') {
      const out = explanations.map((e) => ({ code: e.code, kind: e.kind, text: e.text, by: e.personName, at: e.recordedAt }));
      ctx.io.out(JSON.stringify({ month: m.key, statsMismatches: stats.mismatches, explanations: out }, null, 2));
      return 0;
    }
    const { settings } = await loadSettings(db);
    ctx.io.out(
      `${m.year}年${m.month}月统计数据：${imported.fileName}，${imported.rows} 个项目，${formatBeijing(new Date(imported.importedAt), { year: true })}导入。`,
    );
    printMismatches(ctx.io, m.key, settings['stats.diffPercent'], stats);
    ctx.io.out(explanations.length ? `责任单位说明（${explanations.length} 条）：` : '责任单位尚未提交说明。');
    for (const e of explanations) {
      ctx.io.out(`  ${e.code}（${STATS_KIND_TEXT[e.kind]}）${e.personName ?? '—'} ${formatBeijing(new Date(e.recordedAt), { year: true })}：${e.text}`);
    }
    return 0;
  },
};
