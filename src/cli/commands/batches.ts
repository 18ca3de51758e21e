// `diaodu batches list [--month 2026-06]` and `diaodu reserve list [--county …] [--stage …]`: 四个一批 and the 储备库
// from the terminal, in the words of the bulletin, with every enterprise and reserve project listed.
import { stageText } from '../../handlers/batches/view';
import { fourBatchesLines, reserveLines } from '../../../cards/batches/lines';
import { fourBatchesOf, reserveOf } from '../../batches/figures';
import { enterprisesOf } from '../../db/batches';
import { counties as listCounties } from '../../db/people';
import { reserveProjects } from '../../db/reserve';
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
    let countyId: number | undefined;
    if (typeof values.county === 'string') {
      const all = await listCounties(db);
      const hit = all.find((c) => c.name === values.county) ?? all.find((c) => c.name.startsWith(String(values.county)));
      if (!hit) {
        ctx.io.err(`没有名为“${values.county}”的县区；可用：${all.map((c) => c.name).join('、')}`);
        return 1;
      }
      countyId = hit.id;
    }
    const summary = await reserveOf(db, year);
    if (!summary) {
      ctx.io.out('储备库中还没有项目（项目库的“储备项目”工作表未导入）。');
      return 0;
    }
    ctx.io.out(`重大项目储备库（与${year}年度计划投资相比）`);
    for (const line of reserveLines(summary)) ctx.io.out(line);
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
