// `diaodu bulletin --month 2026-10 | --quarter 2026-Q3 | --year 2026 [--format text|json]` and
// `diaodu export --month 2026-10 --out FILE.xlsx`: the monthly bulletin, the quarter's analysis, the year's ranking
// and the bulletin's 附表, printed or written without sending anything.
import { engineOf } from '../../db/engine';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bulletinCardsText } from '../../../cards/bulletin/cards';
import { bulletinMonthProblem, composeBulletin } from '../../bulletin/compose/compose';
import { monthOf, parseQuarter, parseYear } from '../../bulletin/month';
import { createBulletinService, submitOutcomeText } from '../../bulletin/publish/publish';
import { beijingDay } from '../../bulletin/compose/plan-version';
import { quarterAnalysis } from '../../bulletin/compose/quarter';
import { quarterText } from '../../bulletin/render/quarter-text';
import { monthBulletin } from '../../bulletin/compose/snapshot';
import { bulletinText } from '../../bulletin/render/text';
import { bulletinWorkbook } from '../../bulletin/render/xlsx';
import { bulletinDocx } from '../../bulletin/render/docx';
import { issueOf } from '../../bulletin/compose/issue';
import { issueShown } from '../../../cards/bulletin/format';
import { documentName } from '../../bulletin/publish/messages';
import { yearAssessment } from '../../bulletin/compose/year';
import { yearText } from '../../bulletin/render/year-text';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import { hasRegister } from '../../db/register';
import { loadSettings } from '../../db/settings';
import { lastCompletedMonth } from '../../domain/progress';
import { createLogger } from '../../log';
import type { Command, CommandContext } from '../command';

const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v.trim() : undefined);

/** The month asked for, or the last month that has ended. */
function monthArg(ctx: CommandContext, v: string | boolean | undefined): string {
  const last = lastCompletedMonth(ctx.clock.now());
  return str(v) ?? monthOf(last.year, last.month).key;
}

const noRegister = (year: number) => `${year}年度项目库尚未导入，无法编制。请先用 diaodu import 导入项目库。`;

function print(ctx: CommandContext, format: string, value: unknown, text: () => string): void {
  ctx.io.out(format === 'json' ? JSON.stringify(value, null, 2) : text());
}

/** The database and the time, once the month can be composed; otherwise the exit code after saying why. */
async function openForMonth(ctx: CommandContext, month: string): Promise<{ db: Db; now: Date } | number> {
  const { db } = await ctx.openDb();
  const now = ctx.clock.now();
  const problem = await bulletinMonthProblem(db, month, now);
  if (!problem) return { db, now };
  ctx.io.err(problem.message);
  return problem.kind === 'usage' ? 2 : 1;
}

async function runMonth(ctx: CommandContext, month: string, format: string, post: boolean): Promise<number> {
  const opened = await openForMonth(ctx, month);
  if (typeof opened === 'number') return opened;
  const { db, now } = opened;
  if (post) {
    // The same path as the monthly job: a fresh draft to the administrators (or straight to the groups when
    // bulletin.autoPublish is on), written to the outbox; the running service sends it.
    const app: AppContext = { config: ctx.config, db, engine: engineOf(db), clock: ctx.clock, log: createLogger(() => {}) };
    const outcome = await createBulletinService({
      compose: composeBulletin,
      workbook: bulletinWorkbook,
      document: (b, o) => bulletinDocx(b, undefined, o),
    }).submitDraft(app, month);
    const text = submitOutcomeText(month, outcome);
    if (outcome.kind === 'alreadyPublished' || outcome.kind === 'claimed') {
      ctx.io.err(text);
      return 1;
    }
    ctx.io.out(text);
    return 0;
  }
  const { settings } = await loadSettings(db);
  const { bulletin, published } = await monthBulletin(db, month, { settings, now });
  const note = published
    ? `（以下为已发布的月通报${published.decidedAt ? `，发布于${beijingDay(published.decidedAt)}` : ''}；发布后更正的数据在下一期通报中列出）`
    : '（以下为按当前数据编制的月通报，尚未发布）';
  print(
    ctx,
    format,
    bulletin,
    () => `${note}\n\n${format === 'card' ? bulletinCardsText(bulletin, { provisionalIssue: !published }) : bulletinText(bulletin, { draft: !published })}`,
  );
  return 0;
}

async function runQuarter(ctx: CommandContext, text: string, format: string): Promise<number> {
  const q = parseQuarter(text);
  if (!q) {
    ctx.io.err(`季度“${text}”无法识别，请写作 YYYY-Qn，如 2026-Q3。`);
    return 2;
  }
  const { db } = await ctx.openDb();
  if (!(await hasRegister(db, q.year))) {
    ctx.io.err(noRegister(q.year));
    return 1;
  }
  const { settings } = await loadSettings(db);
  const analysis = await quarterAnalysis(db, q, { settings, now: ctx.clock.now() });
  if (!analysis) {
    ctx.io.err(`${q.year}年第${q.quarter}季度还没有已结束的月份，暂无季度分析。`);
    return 1;
  }
  print(ctx, format, analysis, () => quarterText(analysis));
  return 0;
}

async function runYear(ctx: CommandContext, text: string, format: string): Promise<number> {
  const year = parseYear(text);
  if (year === null) {
    ctx.io.err(`年度“${text}”无法识别，请写作四位年份，如 2026。`);
    return 2;
  }
  const { db } = await ctx.openDb();
  if (!(await hasRegister(db, year))) {
    ctx.io.err(noRegister(year));
    return 1;
  }
  const { settings } = await loadSettings(db);
  const assessment = await yearAssessment(db, year, { settings, now: ctx.clock.now() });
  if (!assessment) {
    ctx.io.err(`${year}年还没有已结束的月份，暂无年度考核排名。`);
    return 1;
  }
  print(ctx, format, assessment, () => yearText(assessment));
  return 0;
}

export const bulletinCommand: Command = {
  name: 'bulletin',
  writes: (v) => v.post === true,
  summary: '编制月通报（--month），或季度分析（--quarter）、年度考核排名（--year），在终端显示',
  help: `用法：diaodu bulletin [--month 2026-10 | --quarter 2026-Q3 | --year 2026] [--format text|json|card]
      diaodu bulletin [--month 2026-10] --post

按项目库和周调度数据编制，在终端显示，不发送任何消息（--post 除外）：
  --month     月通报（月份 YYYY-MM；默认为上一个已结束的月份）。该月通报已发布的，显示发布时的内容；
              未发布的，按当前数据编制。月底数取该月结束后第一轮调度填报的“截至月底累计完成投资”，
              未填报的按月底前最近一次填报数计并注明
  --quarter   季度分析（YYYY-Qn）：全市、各县区、各类别逐月走势
  --year      年度考核排名（YYYY）：县区和责任单位的投资完成率排名及按时报送率
  --format    text（默认，通报文字）、json（全部数字，金额单位万元，百分数不取舍）或 card（月通报发到群里的
              卡片，以文字显示；仅 --month）
  --post      按当前数据重新编制该月月通报并送管理员审定（设置 bulletin.autoPublish 为 true 时直接发布到通报群），
              原待审定稿作废；消息由运行中的服务发出。已发布的月份不能再送审
示例：diaodu bulletin --month 2026-10
      diaodu bulletin --month 2026-10 --format json > 2026-10.json
      diaodu bulletin --month 2026-10 --post`,
  options: { month: { type: 'string' }, quarter: { type: 'string' }, year: { type: 'string' }, format: { type: 'string' }, post: { type: 'boolean' } },
  async run(ctx, { values }) {
    const format = str(values.format) ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'card') {
      ctx.io.err(`--format 只能是 text、json 或 card，收到“${format}”。\n\n${bulletinCommand.help}`);
      return 2;
    }
    const monthOnly = values.quarter !== undefined || values.year !== undefined;
    if (monthOnly && (format === 'card' || values.post)) {
      ctx.io.err(`--format card 和 --post 只用于月通报（--month）。\n\n${bulletinCommand.help}`);
      return 2;
    }
    const asked = (['month', 'quarter', 'year'] as const).filter((k) => values[k] !== undefined);
    if (asked.length > 1) {
      ctx.io.err(`--month、--quarter、--year 只能选一个。\n\n${bulletinCommand.help}`);
      return 2;
    }
    if (values.quarter !== undefined) return runQuarter(ctx, str(values.quarter) ?? '', format);
    if (values.year !== undefined) return runYear(ctx, str(values.year) ?? '', format);
    return runMonth(ctx, monthArg(ctx, values.month), format, values.post === true);
  },
};

export const exportCommand: Command = {
  name: 'export',
  summary: '把月通报的附表（全部项目明细）导出为 Excel 工作簿',
  help: `用法：diaodu export [--month 2026-10] --out 文件.xlsx [--force]
      diaodu export --docx [--month 2026-10] [--out 文件.docx] [--force]

导出该月月通报的附表：每个项目的年度计划、截至月底累计完成投资（万元）、完成率、与序时进度差（个百分点）、
预警灯、项目状态和形象进度，另附分县区完成情况（亿元）。已发布的月通报导出发布时的数据。
  --month   月份 YYYY-MM；默认为上一个已结束的月份
  --out     输出文件（.xlsx）
  --force   输出文件已存在时覆盖
  --docx    改为导出通报正文的 Word 文件（公文格式：红头、期号、各节、表格、落款）；不写 --out 时按通报标题命名
示例：diaodu export --month 2026-10 --out 2026年10月附表.xlsx
      diaodu export --docx --month 2026-10`,
  options: { month: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, docx: { type: 'boolean' } },
  async run(ctx, { values }) {
    if (values.docx) return exportDocx(ctx, values);
    const out = str(values.out);
    if (!out) {
      ctx.io.err(`请用 --out 指定输出文件。\n\n${exportCommand.help}`);
      return 2;
    }
    const target = resolve(out);
    if (existsSync(target) && !values.force) {
      ctx.io.err(`输出文件 ${target} 已存在；如要覆盖请加 --force。`);
      return 1;
    }
    const month = monthArg(ctx, values.month);
    const opened = await openForMonth(ctx, month);
    if (typeof opened === 'number') return opened;
    const { db, now } = opened;
    const { settings } = await loadSettings(db);
    const { bulletin, published } = await monthBulletin(db, month, { settings, now });
    writeFileSync(target, await bulletinWorkbook(bulletin));
    ctx.io.out(`已导出 ${month} 月通报附表（${bulletin.table.length}个项目，${published ? '已发布的通报' : '按当前数据编制'}）到 ${target}`);
    return 0;
  },
};

async function exportDocx(ctx: CommandContext, values: Record<string, string | boolean | undefined>): Promise<number> {
  const month = monthArg(ctx, values.month);
  const opened = await openForMonth(ctx, month);
  if (typeof opened === 'number') return opened;
  const { db, now } = opened;
  const { settings } = await loadSettings(db);
  const { bulletin, published } = await monthBulletin(db, month, { settings, now });
  // A month not published yet carries the number it would get now, marked 拟 as on the draft card; 发布 gives the final one.
  const draft = !published;
  const target = resolve(str(values.out) ?? documentName(bulletin, { draft }));
  if (existsSync(target) && !values.force) {
    ctx.io.err(`输出文件 ${target} 已存在；如要覆盖请加 --force。`);
    return 1;
  }
  // A month published before 期号 existed has none: the document is given the office and the number it would get now.
  writeFileSync(target, await bulletinDocx(bulletin, await issueOf(db, month, settings, now), { draft }));
  const issue = bulletin.issue && draft ? `，期号“${issueShown(bulletin.issue, true)}”在发布时确定` : '';
  ctx.io.out(`已导出 ${month} 月通报（Word 文件，${published ? '已发布的通报' : `按当前数据编制${issue}`}）到 ${target}`);
  return 0;
}
