// 年末数: the first round of a new plan year asks the old year's projects for their 12月底 cumulative figure, on one
// card per unit (cards/round/year-end.ts). A figure is saved as the project's report in that round, the round that
// asked for December's end figure, so the December bulletin and the 年考核 read it like any other month-end figure.
import { randomUUID } from 'node:crypto';
import { renderYearEndCard, yearEndField } from '../../../cards/round/year-end';
import type { AppContext } from '../../context';
import type { Db } from '../../db/connect';
import { saveReport } from '../../db/reports';
import { getPeriod, lastReport, type Period, reportedInPeriod, roundProjects, type RoundProject, yearEndAsked } from '../../db/rounds';
import { loadSettings } from '../../db/settings';
import { addDays } from '../../domain/calendar';
import { lateWindow } from '../../domain/late-window';
import { formatWan, parseFormAmountWan, yuanToWanText } from '../../domain/money';
import type { CardAction } from '../../feishu/envelope';
import { actorFor, mayReportFor } from '../../people/access';
import { type CardActionHandler, type CardReply, type CardScope, toast } from '../../scope';
import { isoWeekOf } from './plan';
import { deadlineText, weekText } from './texts';

const nonce = () => randomUUID().slice(0, 8);
const EXPIRED: CardReply = { toast: toast('warning', '该卡片已失效，请使用最新的年末数填报卡片。') };
const NOT_YOURS: CardReply = { toast: toast('error', '您不是该单位的填报人，不能填报其项目的年末数；如有疑问请联系重点项目办。') };

/** The old year's projects of a unit, for a period that asks for that year's December (empty otherwise). */
export async function yearEndProjects(db: Db, period: Period, unitId?: number): Promise<RoundProject[]> {
  const year = yearEndAsked(period);
  return year === null ? [] : roundProjects(db, year, unitId);
}

export async function buildYearEndCard(
  db: Db,
  period: Period,
  unitId: number,
  page: number,
  now: Date,
  o: { notice?: string; errors?: Record<number, string>; typed?: Record<number, string> } = {},
) {
  const year = yearEndAsked(period);
  const projects = await yearEndProjects(db, period, unitId);
  const reported = await reportedInPeriod(db, period.id);
  const rows = [];
  for (const p of projects) {
    const own = reported.has(p.projectId) ? await lastReport(db, p.projectId, period.weekStart) : null;
    const last = await lastReport(db, p.projectId, addDays(period.weekStart, -1));
    rows.push({
      projectId: p.projectId,
      code: p.code,
      name: p.name,
      given: own && own.periodId === period.id ? yuanToWanText(own.ytdYuan) : null,
      lastHint: last ? `${weekText(isoWeekOf(last.weekStart), last.weekStart)}填报 ${formatWan(last.ytdYuan)}` : null,
    });
  }
  return renderYearEndCard({
    periodId: period.id,
    unitId,
    unitName: projects[0]?.unitName ?? '',
    year: year ?? 0,
    deadlineText: deadlineText(new Date(period.deadlineAt)),
    rows,
    page,
    late: now.toISOString() > period.deadlineAt,
    nonce: nonce(),
    ...o,
  });
}

function idsOf(a: CardAction): { periodId: number; unitId: number; page: number } | null {
  const v = (a.action.value ?? {}) as Record<string, unknown>;
  const num = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) ? x : typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : null);
  const periodId = num(v.periodId);
  const unitId = num(v.unitId);
  return periodId === null || unitId === null ? null : { periodId, unitId, page: num(v.page) ?? 0 };
}

async function contextOf(ctx: AppContext, a: CardAction) {
  const ids = idsOf(a);
  if (!ids) return null;
  const period = await getPeriod(ctx.db, ids.periodId);
  if (!period || yearEndAsked(period) === null) return null;
  return { ids, period, actor: await actorFor(ctx.db, a.operator.open_id) };
}

/** The figure typed for one project, checked against the project's total and its figures reported during the year. */
async function checkFigure(db: Db, period: Period, p: RoundProject, typed: string): Promise<{ ok: true; yuan: number } | { ok: false; error: string }> {
  const r = parseFormAmountWan(typed);
  if (!r.ok) return { ok: false, error: r.reason };
  if (r.yuan < 0) return { ok: false, error: '年末数不能为负数' };
  if (r.yuan + p.priorCompletedYuan > p.totalInvestmentYuan) {
    return {
      ok: false,
      error: `${formatWan(r.yuan)}加上截至上年底累计完成投资${formatWan(p.priorCompletedYuan)}，超过项目总投资${formatWan(p.totalInvestmentYuan)}，请核对（单位为万元）`,
    };
  }
  const last = await lastReport(db, p.projectId, addDays(period.weekStart, -1));
  if (last && r.yuan < last.ytdYuan) {
    const week = weekText(isoWeekOf(last.weekStart), last.weekStart);
    return { ok: false, error: `低于${week}已填报的年度累计完成投资${formatWan(last.ytdYuan)}；年末数不应小于年内已填报的累计数，如需核减请联系重点项目办` };
  }
  return { ok: true, yuan: r.yuan };
}

const showCard: CardActionHandler = async ({ ctx }, a) => {
  const c = await contextOf(ctx, a);
  if (!c) return EXPIRED;
  if (!mayReportFor(c.actor, c.ids.unitId)) return NOT_YOURS;
  return { card: await buildYearEndCard(ctx.db, c.period, c.ids.unitId, c.ids.page, ctx.clock.now()) };
};

const submit: CardActionHandler = async (scope: CardScope, a) => {
  const { ctx } = scope;
  const c = await contextOf(ctx, a);
  if (!c) return EXPIRED;
  if (!mayReportFor(c.actor, c.ids.unitId)) return NOT_YOURS;
  const now = ctx.clock.now();
  const window = lateWindow(c.period, (await loadSettings(ctx.db)).settings['round.lateDays'], now);
  if (window.closed) {
    const text = `年末数填报已于${deadlineText(window.until)}结束，该卡片不再接受填报；如需更正，请联系重点项目办。`;
    return { toast: toast('warning', text), card: await buildYearEndCard(ctx.db, c.period, c.ids.unitId, c.ids.page, now, { notice: text }) };
  }
  const form = a.action.form_value ?? {};
  const projects = await yearEndProjects(ctx.db, c.period, c.ids.unitId);
  const reported = await reportedInPeriod(ctx.db, c.period.id);
  const typed: Record<number, string> = {};
  const errors: Record<number, string> = {};
  const figures: Array<{ p: RoundProject; yuan: number }> = [];
  for (const p of projects) {
    const raw = form[yearEndField(p.projectId)];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    typed[p.projectId] = raw;
    const checked = await checkFigure(ctx.db, c.period, p, raw);
    if (!checked.ok) errors[p.projectId] = checked.error;
    else figures.push({ p, yuan: checked.yuan });
  }
  const errorCount = Object.keys(errors).length;
  if (errorCount > 0) {
    // Nothing is saved while any figure is wrong: the card comes back with what was typed and what to correct.
    const card = await buildYearEndCard(ctx.db, c.period, c.ids.unitId, c.ids.page, now, { errors, typed });
    const first = projects.find((p) => errors[p.projectId]);
    return { toast: toast('error', `${errorCount}个项目的年末数需要修改：${first?.name ?? ''}${errors[first?.projectId ?? -1] ?? ''}`), card };
  }
  if (figures.length === 0) return { toast: toast('warning', '请至少填写一个项目的年末数（单位：万元）。') };
  const late = now.toISOString() > c.period.deadlineAt;
  let saved = 0;
  await scope.transaction(async (s) => {
    for (const { p, yuan } of figures) {
      const own = reported.has(p.projectId) ? await lastReport(s.tx, p.projectId, c.period.weekStart) : null;
      if (own && own.periodId === c.period.id && own.ytdYuan === yuan) continue; // unchanged: no new revision
      const last = await lastReport(s.tx, p.projectId, addDays(c.period.weekStart, -1));
      const r = await saveReport(s.tx, p.projectId, c.period.id, {
        ytdYuan: yuan,
        monthEndYuan: yuan,
        // The year is over: status and 形象进度 stand as last reported.
        progressText: last?.progressText ?? '年末数填报',
        status: last?.status ?? 'building',
        problemCategories: [],
        problemText: null,
        coordination: null,
        nextPlan: null,
        correctionReason: null,
        noChange: false,
        late,
        submittedBy: c.actor.personId,
        submittedAt: now,
        clickedAt: scope.clickedAt,
      });
      if (!r.stale) saved += 1;
    }
  });
  const notice = saved > 0 ? `已保存${saved}个项目的年末数${late ? '（记为补报）' : ''}。` : '所填年末数与已保存的相同，未作改动。';
  return {
    toast: toast('success', notice),
    card: await buildYearEndCard(ctx.db, c.period, c.ids.unitId, c.ids.page, now, { notice }),
  };
};

export const yearEndActions: Record<string, CardActionHandler> = {
  yearend_list: showCard,
  yearend_submit: submit,
};
