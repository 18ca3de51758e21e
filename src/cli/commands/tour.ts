// `diaodu tour open|close|show|post`: 观摩 from the terminal — open with projects (by code or county) and judges, close
// and send the ranking for approval, show every score with who and when.
import { bulletinDocx } from '../../bulletin/render/docx';
import { bulletinWorkbook } from '../../bulletin/render/xlsx';
import { composeBulletin } from '../../bulletin/compose/compose';
import { createBulletinService } from '../../bulletin/publish/publish';
import type { AppContext } from '../../context';
import { engineOf } from '../../db/engine';
import { getTour, tourScores } from '../../db/tours';
import { formatBeijing } from '../../domain/calendar-dates';
import { closeTourAndSubmit, openTour } from '../../handlers/tours/open';
import { tourSubmittedText } from '../../handlers/tours/texts';
import { createLogger } from '../../log';
import { tourResultOf } from '../../tours/results';
import { countyLines, projectLines, rankingTexts } from '../../../cards/tours/ranking';
import type { Command, CommandContext } from '../command';

const list = (v: string | boolean | undefined) =>
  typeof v === 'string'
    ? v
        .split(/[,，、\s]+/)
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : [];

async function appOf(ctx: CommandContext): Promise<AppContext> {
  const { db } = await ctx.openDb();
  return { config: ctx.config, db, engine: engineOf(db), clock: ctx.clock, log: createLogger(() => {}) };
}

const service = () => createBulletinService({ compose: composeBulletin, workbook: bulletinWorkbook, document: (b, o) => bulletinDocx(b, undefined, o) });

function tourIdArg(ctx: CommandContext, v: string | undefined): number | null {
  if (v && /^\d+$/.test(v)) return Number(v);
  ctx.io.err('请给出观摩编号（diaodu tour open 时显示），如 diaodu tour close 1');
  return null;
}

export const tourOpenCommand: Command = {
  name: 'tour open',
  writes: true,
  summary: '开启一次观摩：观摩项目（编号或县区）和评委，每位评委每个项目收到一张评分卡片',
  help: `用法：diaodu tour open --name 名称 --date 2026-11-20 (--projects 编号,编号… | --counties 县区,县区…) --judges 手机号或姓名,…

开启观摩并向评委发送评分卡片（每位评委每个观摩项目一张，由运行中的服务发出）。评分项及满分取设置 tours.criteria，
开启时随本次观摩保存。评委在观摩结束（diaodu tour close）前可修改评分，各评委看不到他人的评分。
  --name      观摩名称
  --date      观摩日期
  --projects  观摩项目的项目编号（逗号分隔）
  --counties  观摩县区（该年度项目库中这些县区的全部项目）
  --judges    评委的手机号或姓名（与项目库一致，逗号分隔）
示例：diaodu tour open --name 2026年四季度观摩 --date 2026-11-20 --counties 江北区,江南区 --judges 13900010001,13900010002`,
  options: { name: { type: 'string' }, date: { type: 'string' }, projects: { type: 'string' }, counties: { type: 'string' }, judges: { type: 'string' } },
  async run(ctx, { values }) {
    const codes = list(values.projects);
    const counties = list(values.counties);
    if (typeof values.name !== 'string' || typeof values.date !== 'string' || (codes.length === 0) === (counties.length === 0) || !values.judges) {
      ctx.io.err(`须给出 --name、--date、--judges，以及 --projects 或 --counties 之一。\n\n${tourOpenCommand.help}`);
      return 2;
    }
    const app = await appOf(ctx);
    const o = await openTour(app, {
      name: values.name,
      date: values.date.trim(),
      ...(codes.length ? { codes } : { counties }),
      judges: list(values.judges),
      source: null,
      openedBy: null,
    });
    if (!o.ok) {
      ctx.io.err(o.reason);
      return 1;
    }
    ctx.io.out(
      `已开启观摩（编号 ${o.tourId}）：${o.projects} 个项目，评委 ${o.judges.length} 人（${o.judges.join('、')}），排入发送队列评分卡片 ${o.cards} 张。`,
    );
    if (o.unresolved.length) ctx.io.out(`以下评委没有飞书账号或已离职，未发送：${o.unresolved.join('、')}`);
    return 0;
  },
};

export const tourCloseCommand: Command = {
  name: 'tour close',
  writes: true,
  summary: '结束观摩评分，计算项目和县区得分，把评分排名送管理员审定',
  help: `用法：diaodu tour close 编号

结束评分（此后评委提交的评分一律拒绝），按各评委最后一次提交计算项目得分（评委5人及以上去掉一个最高分和一个最低分后平均）
和县区得分（本县区观摩项目得分的平均分），把评分排名送管理员审定；审定发布后发到通报群。
示例：diaodu tour close 1`,
  async run(ctx, { positionals }) {
    const id = tourIdArg(ctx, positionals[0]);
    if (id === null) return 2;
    const app = await appOf(ctx);
    const o = await closeTourAndSubmit(app, service(), id, null);
    if (!o.ok) {
      ctx.io.err(o.reason);
      return 1;
    }
    ctx.io.out(`${o.closedNow ? '已结束' : '此前已结束'}观摩 ${id} 的评分。${tourSubmittedText(o.submitted)}`);
    return 0;
  },
};

export const tourPostCommand: Command = {
  name: 'tour post',
  writes: true,
  summary: '把已结束观摩的评分排名重新送管理员审定（如退回后）',
  help: `用法：diaodu tour post 编号

按现有评分重新编制已结束观摩的评分排名并送管理员审定，原待审定稿作废。
示例：diaodu tour post 1`,
  async run(ctx, { positionals }) {
    const id = tourIdArg(ctx, positionals[0]);
    if (id === null) return 2;
    const app = await appOf(ctx);
    const o = await service().submitDraft(app, `tour-${id}`, { kind: 'tour' });
    ctx.io.out(tourSubmittedText(o));
    return o.kind === 'empty' ? 1 : 0;
  },
};

export const tourShowCommand: Command = {
  name: 'tour show',
  summary: '查看一次观摩：项目和县区得分排名，及每位评委的每次评分（谁、何时）',
  help: `用法：diaodu tour show 编号 [--format text|json]

结束后显示项目和县区的得分与排名；无论是否结束，都列出每位评委每次提交的评分（修改前后都保留）。
  --format  json 时输出 {"tour", "result", "scores"}
示例：diaodu tour show 1 --format json`,
  options: { format: { type: 'string' } },
  async run(ctx, { values, positionals }) {
    const id = tourIdArg(ctx, positionals[0]);
    if (id === null) return 2;
    const { db } = await ctx.openDb();
    const tour = await getTour(db, id);
    if (!tour) {
      ctx.io.err(`没有编号为 ${id} 的观摩。`);
      return 1;
    }
    const result = await tourResultOf(db, id);
    const scores = await tourScores(db, id);
    if (values.format === 'json') {
      const out = scores.map((s) => ({ code: s.code, judge: s.judge, scores: s.tenths.map((t) => t / 10), total: s.totalTenths / 10, at: s.recordedAt }));
      ctx.io.out(JSON.stringify({ tour, result, scores: out }, null, 2));
      return 0;
    }
    ctx.io.out(
      `观摩 ${id}：${tour.name}（${tour.date}），${tour.status === 'closed' ? `已于${formatBeijing(new Date(tour.closedAt ?? ''), { year: true })}结束评分` : '评分中'}`,
    );
    if (result) {
      ctx.io.out(rankingTexts.rule(result.criteria));
      ctx.io.out('项目排名：');
      for (const l of projectLines(result)) ctx.io.out(`  ${l}`);
      ctx.io.out('县区排名：');
      for (const l of countyLines(result)) ctx.io.out(`  ${l}`);
    }
    ctx.io.out(`评分记录（${scores.length} 条，修改前后都保留）：`);
    for (const s of scores) {
      const parts = tour.criteria.map((c, i) => `${c.name}${(s.tenths[i] ?? 0) / 10}`).join('、');
      ctx.io.out(`  ${s.code} ${s.judge} ${formatBeijing(new Date(s.recordedAt), { year: true })}：${parts}，合计${s.totalTenths / 10}分`);
    }
    return 0;
  },
};
