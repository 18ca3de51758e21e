// `diaodu batches list [--month 2026-06]` and `diaodu reserve list [--county …] [--stage …]`: 四个一批 and the 储备库
// from the terminal, in the words of the bulletin, with every enterprise and reserve project listed. `batches remove`
// and `reserve remove`: an entry imported by mistake taken out again, so that it no longer counts.
import { stageText } from '../../handlers/batches/view';
import { fourBatchesLines, reserveCountyLine, reserveLines } from '../../../cards/batches/lines';
import { fourBatchesOf, reserveOf } from '../../batches/figures';
import { cardEvents, enterprisesOf, removeEnterprise } from '../../db/batches';
import { counties as listCounties } from '../../db/people';
import { removeReserve, reserveCardEvents, reserveProjects } from '../../db/reserve';
import { shanghaiDay } from '../../domain/calendar';
import { formatYi } from '../../domain/money';
import { isReserveStage, RESERVE_STAGES } from '../../domain/reserve';
import type { Command } from '../command';

/** The last month that has ended, as 'YYYY-MM' (Beijing). */
function lastMonth(now: Date): string {
  const [y, m] = shanghaiDay(now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export const batchesListCommand: Command = {
  name: 'batches list',
  summary: '四个一批：签约、开工、投产、达效企业数，转化率与目标，分县区，及每家企业的进展',
  help: `用法：diaodu batches list [--month 2026-06] [--county 县区]

列出计划年度的四个一批（招商项目）：截至该月底签约、开工、投产、达效企业数，转化率（投产达效÷签约）与该月目标，
亿元以上企业，分县区转化率与目标之差（个百分点），以及每家企业所达阶段和日期。默认为上一个已结束的月份。
  --month   月份，如 2026-06
  --county  只列该县区的企业
示例：diaodu batches list --month 2026-06`,
  options: { month: { type: 'string' }, county: { type: 'string' } },
  async run(ctx, { values }) {
    const month = typeof values.month === 'string' ? values.month.trim() : lastMonth(ctx.clock.now());
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
      ctx.io.err(`--month 应为 2026-06 这样的年月（收到“${month}”）`);
      return 2;
    }
    const [year, m] = month.split('-').map(Number) as [number, number];
    const { db } = await ctx.openDb();
    const fb = await fourBatchesOf(db, year, m);
    if (!fb) {
      ctx.io.out(`${year} 年度还没有招商项目（项目库的“招商项目”工作表未导入）。`);
      return 0;
    }
    let countyId: number | undefined;
    if (typeof values.county === 'string') {
      const hit = (await listCounties(db)).find((c) => c.name === values.county || c.name.startsWith(String(values.county)));
      if (!hit) {
        ctx.io.err(`没有名为“${values.county}”的县区`);
        return 1;
      }
      countyId = hit.id;
    }
    ctx.io.out(`${year}年四个一批（${month}）`);
    for (const line of fourBatchesLines(fb, m)) ctx.io.out(line);
    ctx.io.out('企业进展：');
    for (const e of await enterprisesOf(db, year, countyId === undefined ? {} : { countyId })) {
      ctx.io.out(`  ${e.code} ${e.name}（${e.countyName} · ${e.unitName} · 计划投资${formatYi(e.plannedYuan)} · ${e.signedOn}签约）：${stageText(e)}`);
    }
    return 0;
  },
};

export const reserveListCommand: Command = {
  name: 'reserve list',
  summary: '储备库：储备项目及阶段，分县区储备与本年度计划投资之比，储备不足的县区',
  help: `用法：diaodu reserve list [--county 县区] [--stage 阶段] [--year 2026]

列出重大项目储备库：在库项目数和总投资（分谋划、前期、具备开工条件），产业类占比，分县区前期及具备开工条件
项目总投资与本年度计划投资之比（低于设置 reserve.ratioThreshold 为储备不足），以及每个储备项目；已列入重点项目的注明年度和项目编号。
  --county  只列该县区的储备项目
  --stage   只列该阶段：${RESERVE_STAGES.join('、')}
  --year    与哪一年度的计划投资相比（默认今年）
示例：diaodu reserve list --county 江北区 --stage 前期`,
  options: { county: { type: 'string' }, stage: { type: 'string' }, year: { type: 'string' } },
  async run(ctx, { values }) {
    const stage = typeof values.stage === 'string' ? values.stage.trim() : null;
    if (stage !== null && !isReserveStage(stage)) {
      ctx.io.err(`阶段“${stage}”无效，可用：${RESERVE_STAGES.join('、')}`);
      return 2;
    }
    const year = typeof values.year === 'string' ? Number(values.year) : Number(shanghaiDay(ctx.clock.now()).slice(0, 4));
    const { db } = await ctx.openDb();
    let county: { id: number; name: string } | undefined;
    if (typeof values.county === 'string') {
      const all = await listCounties(db);
      const hit = all.find((c) => c.name === values.county) ?? all.find((c) => c.name.startsWith(String(values.county)));
      if (!hit) {
        ctx.io.err(`没有名为“${values.county}”的县区；可用：${all.map((c) => c.name).join('、')}`);
        return 1;
      }
      county = hit;
    }
    const countyId = county?.id;
    const summary = await reserveOf(db, year);
    if (!summary) {
      ctx.io.out('储备库中还没有项目（项目库的“储备项目”工作表未导入）。');
      return 0;
    }
    // One county asked for: its own line, not the whole city's summary.
    if (county) {
      const row = summary.counties.find((c) => c.name === county.name);
      ctx.io.out(`${county.name}重大项目储备（与${year}年度计划投资相比）`);
      ctx.io.out(row ? reserveCountyLine(row) : `${county.name}暂无在库储备项目。`);
    } else {
      ctx.io.out(`重大项目储备库（与${year}年度计划投资相比）`);
      for (const line of reserveLines(summary)) ctx.io.out(line);
    }
    const list = (await reserveProjects(db, countyId === undefined ? {} : { countyId })).filter((r) => stage === null || r.stage === stage);
    ctx.io.out(`储备项目${stage ? `（${stage}）` : ''}：${list.length} 个`);
    for (const r of list) {
      const promoted = r.promotedTo ? `；已列入${r.promotedTo.planYear}年度重点项目 ${r.promotedTo.code} ${r.promotedTo.name}` : '';
      ctx.io.out(
        `  ${r.code} ${r.name}（${r.countyName} · ${r.categoryName} · 总投资${formatYi(r.totalYuan)} · ${r.stage} · 计划${r.startYear ?? '—'}年开工 · ${r.unitName}）${promoted}`,
      );
    }
    return 0;
  },
};

const yearOf = (ctx: Parameters<Command['run']>[0], v: string | boolean | undefined): number | null => {
  if (v === undefined) return Number(shanghaiDay(ctx.clock.now()).slice(0, 4));
  const text = String(v).trim();
  if (!/^\d{4}$/.test(text)) {
    ctx.io.err(`--year 应为四位年份，例如 --year 2026（收到“${text}”）`);
    return null;
  }
  return Number(text);
};

const REIMPORT_NOTE = '如项目库文件中仍有这一行，再次导入时会重新加入，请同时从文件中删去。';

export const batchesRemoveCommand: Command = {
  name: 'batches remove',
  writes: true,
  summary: '删除误导入的招商项目（企业）及其进展记录，不再计入四个一批',
  help: `用法：diaodu batches remove 编号 [--year 2026] [--force]

删除计划年度中误导入的一家招商项目（企业）及其全部进展记录，此后不再计入签约数和转化率。
填报人已在卡片上登记过进展的企业，须加 --force 才删除（登记记录一并删除）。删除在一个事务中完成。
  --year   计划年度（默认今年）
  --force  该企业已有填报人登记的进展时仍然删除
示例：diaodu batches remove ZS-07 --year 2026`,
  options: { year: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    if (positionals.length !== 1 || !positionals[0]?.trim()) {
      ctx.io.err('用法：diaodu batches remove 编号 [--year 2026] [--force]');
      return 2;
    }
    const code = positionals[0].trim();
    const year = yearOf(ctx, values.year);
    if (year === null) return 2;
    const { db } = await ctx.openDb();
    const e = (await enterprisesOf(db, year)).find((x) => x.code === code);
    if (!e) {
      ctx.io.err(`${year}年度没有编号为“${code}”的招商项目，未作改动。`);
      return 1;
    }
    // The check and the removal in one transaction: progress recorded in between is not removed without --force.
    const outcome = await db.transaction().execute(async (tx) => {
      const recorded = await cardEvents(tx, e.id);
      if (recorded.length > 0 && values.force !== true) return { refused: true as const, recorded };
      return { refused: false as const, removed: await removeEnterprise(tx, e.id) };
    });
    if (outcome.refused) {
      const { recorded } = outcome;
      ctx.io.err(
        `${e.code} ${e.name}已有填报人登记的进展${recorded.length}条（${recorded.map((r) => `${r.stage}${r.date}`).join('、')}），未作改动。` +
          '确属误导入需要删除的，请加 --force（登记记录一并删除）。',
      );
      return 1;
    }
    const { removed } = outcome;
    ctx.io.out(
      `已删除${year}年度招商项目：${e.code} ${e.name}（${e.countyName} · ${e.unitName} · 计划投资${formatYi(e.plannedYuan)} · ${e.signedOn}签约 · ${stageText(e)}），` +
        `进展记录${removed}条一并删除。${REIMPORT_NOTE}`,
    );
    return 0;
  },
};

export const reserveRemoveCommand: Command = {
  name: 'reserve remove',
  writes: true,
  summary: '删除误导入的储备项目及其阶段记录，不再计入储备库',
  help: `用法：diaodu reserve remove 储备编号 [--force]

删除储备库中误导入的一个储备项目及其全部阶段记录，此后不再计入储备库和各县区的储备比例。
填报人已作过季度确认的，或已列入重点项目（项目库“项目”表填了该储备编号）的，须加 --force 才删除；
已列入的重点项目本身不受影响。删除在一个事务中完成。
  --force  有季度确认记录或已列入重点项目时仍然删除
示例：diaodu reserve remove CB-06`,
  options: { force: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    if (positionals.length !== 1 || !positionals[0]?.trim()) {
      ctx.io.err('用法：diaodu reserve remove 储备编号 [--force]');
      return 2;
    }
    const code = positionals[0].trim();
    const { db } = await ctx.openDb();
    const r = (await reserveProjects(db)).find((x) => x.code === code);
    if (!r) {
      ctx.io.err(`储备库中没有储备编号为“${code}”的项目，未作改动。`);
      return 1;
    }
    // The check and the removal in one transaction: a confirmation recorded in between is not removed without --force.
    const outcome = await db.transaction().execute(async (tx) => {
      const confirmed = await reserveCardEvents(tx, r.id);
      const why = [
        ...(confirmed > 0 ? [`已有填报人的季度确认记录${confirmed}条`] : []),
        ...(r.promotedTo ? [`已列入${r.promotedTo.planYear}年度重点项目 ${r.promotedTo.code} ${r.promotedTo.name}`] : []),
      ];
      if (why.length > 0 && values.force !== true) return { refused: true as const, why };
      return { refused: false as const, removed: await removeReserve(tx, r.id) };
    });
    if (outcome.refused) {
      ctx.io.err(`${r.code} ${r.name}${outcome.why.join('，')}，未作改动。确属误导入需要删除的，请加 --force。`);
      return 1;
    }
    const { removed } = outcome;
    ctx.io.out(
      `已删除储备项目：${r.code} ${r.name}（${r.countyName} · ${r.categoryName} · 总投资${formatYi(r.totalYuan)} · ${r.stage} · ${r.unitName}），` +
        `阶段记录${removed}条一并删除。${REIMPORT_NOTE}`,
    );
    return 0;
  },
};
