// `diaodu nodes list [--overdue] [--county …] [--unit …] [--year …]`: the key nodes of the plan year's projects, with
// where each stands today (逾期 red, due within nodes.upcomingDays yellow, done on time or late).
import { nodeLine, nodeTexts } from '../../../cards/nodes/lines';
import { counties as listCounties, units as listUnits } from '../../db/people';
import { planYearFor } from '../../db/register';
import { shanghaiDay } from '../../domain/calendar';
import { byUrgency, nodeViews, upcomingDaysSetting } from '../../handlers/nodes/view';
import type { Command } from '../command';

export const nodesListCommand: Command = {
  name: 'nodes list',
  summary: '节点计划：各项目关键节点的计划完成日期与完成情况，逾期（红灯）和临近到期（黄灯）的节点',
  help: `用法：diaodu nodes list [--overdue] [--county 县区] [--unit 责任单位] [--year 2026]

列出计划年度各项目的关键节点（项目库“节点计划”工作表）：节点名称、类型、计划完成日期，以及截至今天的情况——
逾期未完成（红灯，注明逾期天数）、设置 nodes.upcomingDays（默认 14）天内到期（黄灯）、按期完成、逾期完成（注明晚几天）。
逾期的排在最前，其次临近到期的，其余按计划日期。
  --overdue  只列逾期未完成的节点
  --county   只列该县区项目的节点
  --unit     只列该责任单位项目的节点
  --year     计划年度（默认今年）
示例：diaodu nodes list --overdue --county 江北区`,
  options: { overdue: { type: 'boolean' }, county: { type: 'string' }, unit: { type: 'string' }, year: { type: 'string' } },
  async run(ctx, { values }) {
    const now = ctx.clock.now();
    const today = shanghaiDay(now);
    const { db } = await ctx.openDb();
    const asked = typeof values.year === 'string' ? Number(values.year) : Number(today.slice(0, 4));
    if (!Number.isInteger(asked) || asked < 2000 || asked > 2100) {
      ctx.io.err(`--year 应为四位年份，例如 --year 2026（收到“${values.year}”）`);
      return 2;
    }
    const year = typeof values.year === 'string' ? asked : ((await planYearFor(db, asked)) ?? asked);
    const filter: { countyId?: number; unitId?: number; undoneBefore?: string } = {};
    const scope: string[] = [];
    if (typeof values.county === 'string') {
      const all = await listCounties(db);
      const want = values.county.trim();
      const hit = all.find((c) => c.name === want) ?? all.find((c) => c.name.startsWith(want));
      if (!hit) {
        ctx.io.err(`没有名为“${want}”的县区；可用：${all.map((c) => c.name).join('、')}`);
        return 1;
      }
      filter.countyId = hit.id;
      scope.push(hit.name);
    }
    if (typeof values.unit === 'string') {
      const all = await listUnits(db);
      const want = values.unit.trim();
      const hits = all.filter((u) => u.name === want);
      const loose = hits.length ? hits : all.filter((u) => u.name.includes(want));
      if (loose.length !== 1) {
        ctx.io.err(loose.length === 0 ? `没有名为“${want}”的责任单位` : `“${want}”对应多个责任单位：${loose.map((u) => u.name).join('、')}，请写全称`);
        return 1;
      }
      filter.unitId = loose[0]!.id;
      scope.push(loose[0]!.name);
    }
    if (values.overdue === true) filter.undoneBefore = today;
    const days = await upcomingDaysSetting(db);
    const all = await nodeViews(db, year, {}, today, days);
    if (all.length === 0) {
      ctx.io.out(nodeTexts.noNodes(year));
      return 0;
    }
    const list = (await nodeViews(db, year, filter, today, days)).sort(byUrgency);
    const overdue = list.filter((n) => n.state.state === 'overdue').length;
    const upcoming = list.filter((n) => n.state.state === 'upcoming').length;
    const done = list.filter((n) => n.state.state === 'done').length;
    const what = `${scope.length ? `${scope.join(' · ')}` : '全市'}${values.overdue === true ? '逾期' : ''}节点`;
    ctx.io.out(`${year}年度${what}（截至${today}）：${list.length} 个`);
    if (values.overdue !== true) ctx.io.out(`其中逾期未完成 ${overdue} 个，${days}天内到期 ${upcoming} 个，已完成 ${done} 个`);
    for (const n of list) ctx.io.out(`  ${nodeLine(n)}`);
    if (list.length === 0) ctx.io.out(`  ${nodeTexts.none(values.overdue === true ? '逾期未完成的节点' : '节点')}`);
    return 0;
  },
};
