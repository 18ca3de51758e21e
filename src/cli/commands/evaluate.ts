// `diaodu evaluate --half 2026-H1 [--format text|json]`: the half-year 综合评价排序 of counties and units, each part
// with its raw figure, its points and how one led to the other.
import { type EvaluationRow, halfTitle, parseHalf } from '../../domain/evaluation';
import { roundToString } from '../../domain/exact';
import { evaluationProblem, halfEvaluation } from '../../evaluation/figures';
import type { CliIO, Command } from '../command';

function printRows(io: CliIO, title: string, rows: EvaluationRow[]): void {
  io.out(`${title}：`);
  for (const r of rows) {
    io.out(`  ${r.rank}. ${r.name} ${roundToString(r.score, 2)}分`);
    for (const p of r.parts) {
      const pts = p.points === null ? '—' : roundToString(p.points, 2);
      io.out(`     ${p.name}：${pts}/${p.weight}分（${p.note}）`);
    }
  }
}

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: '半年（或全年）综合评价排序：县区和责任单位的综合得分与排名，每项的原始数据和得分',
  help: `用法：diaodu evaluate --half 2026-H1|2026-H2 [--format text|json]
      diaodu evaluate --year 2026 [--format text|json]

按设置 evaluation.weights 的权重，计算每个县区和责任单位的综合得分并排名。各项：
  投资完成率（与序时进度比）、新开工项目开工率、按时报送率、问题办结率、节点按期完成率、观摩得分、四个一批转化率（与目标比）
每项先得出得分率（0–100%），得分 = 权重 × 得分率；缺少某项数据的（如没有计划新开工项目）注明原因，不计入，
综合得分 = 各项得分之和 ÷ 有数据各项的权重之和 × 100。
  --half    半年：2026-H1 上半年（1–6月），2026-H2 下半年（7–12月）；须已结束
  --year    全年（1–12月），年度结束后；年度考核排名的“综合评价排序”一节即此结果
  --format  json 时输出 {"half", "asOf", "counties": [{name, score, rank, parts: [{name, raw, points, weight, note}]}], "units": […]}
示例：diaodu evaluate --half 2026-H1
      diaodu evaluate --year 2026`,
  options: { half: { type: 'string' }, year: { type: 'string' }, format: { type: 'string' } },
  async run(ctx, { values }) {
    const format = values.format ?? 'text';
    const period = typeof values.year === 'string' ? values.year : values.half;
    const oneOf = (typeof values.year === 'string') !== (typeof values.half === 'string');
    if (!oneOf || typeof period !== 'string' || (format !== 'text' && format !== 'json')) {
      ctx.io.err(evaluateCommand.help);
      return 2;
    }
    if (typeof values.year === 'string' && !/^20\d\d$/.test(values.year.trim())) {
      ctx.io.err(`年度“${values.year}”无法识别，请写作四位年份，如 --year 2026`);
      return 2;
    }
    const h = parseHalf(period);
    const { db } = await ctx.openDb();
    const problem = await evaluationProblem(db, period, ctx.clock.now());
    if (problem || !h) {
      ctx.io.err(problem ?? '');
      return h ? 1 : 2;
    }
    const e = await halfEvaluation(db, h.key, ctx.clock.now());
    if (format === 'json') {
      ctx.io.out(JSON.stringify(e, null, 2));
      return 0;
    }
    ctx.io.out(`${halfTitle(h)}重点项目综合评价排序（数据截至${e.asOf}）`);
    printRows(ctx.io, '县区', e.counties);
    printRows(ctx.io, '责任单位', e.units);
    return 0;
  },
};
