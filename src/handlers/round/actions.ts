// Card actions of the weekly round: open a project's form, submit it, 本周无变化, back to the list (with paging).
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context';
import { getPeriod, getRoundProject, lastReport, nextReport, type Period, weeklyMonthEnd } from '../../db/rounds';
import { loadSettings } from '../../db/settings';
import { lateWindow } from '../../domain/late-window';
import { type ReportFields, saveReport } from '../../db/reports';
import { parseReportForm } from '../../domain/report-form';
import type { CardAction } from '../../feishu/envelope';
import { type CardReply, type CardScope, toast } from '../../scope';
import { actorFor, mayReportFor } from '../../people/access';
import type { CardActionHandler } from '../../scope';
import { intakeReportProblem, parseProblemChoice } from '../problem/intake';
import { noteCardView, queueListUpdates } from './list-copies';
import { isoWeekOf } from './plan';
import { deadlineText, weekText } from './texts';
import { buildFormCard, buildListCard, buildSavedCard, FIELD_LABELS, formNodes } from './view';
import { NODE_FIELD_PREFIX } from '../../../cards/round/form';
import { markNodeDone } from '../../db/nodes';
import { shanghaiDay } from '../../domain/calendar';
import { parseNodeFields } from '../../domain/nodes';

/**
 * Every card the bot answers with carries a fresh nonce in its buttons: a double click on one rendered card is the
 * same click (and is recognised as such), while going list → form → list → form again is not.
 */
const nonce = () => randomUUID().slice(0, 8);

type Ids = { periodId: number; projectId: number | null; unitId: number | null; page: number };

function idsOf(a: CardAction): Ids | null {
  const v = (a.action.value ?? {}) as Record<string, unknown>;
  const num = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) ? x : typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : null);
  const periodId = num(v.periodId);
  if (periodId === null) return null;
  return { periodId, projectId: num(v.projectId), unitId: num(v.unitId), page: num(v.page) ?? 0 };
}

const EXPIRED: CardReply = { toast: toast('warning', '该卡片已失效，请使用最新的调度卡片。') };
/** An earlier click arriving after a later one was saved (see saveReport): it does not overwrite what stands. */
const STALE = '已有更晚提交的填报，本次较早的提交未保存。卡片显示的是现在保存的内容。';
const NOT_YOURS: CardReply = { toast: toast('error', '您不是该项目责任单位的填报人，不能填报此项目；如有疑问请联系重点项目办。') };

const weekOf = (period: Period) => weekText(isoWeekOf(period.weekStart), period.weekStart);

/**
 * A form, submit or 本周无变化 click on the card of a round whose late window has passed (round.lateDays after its
 * deadline): refused, and the card turns into the unit's list saying so. Before, an old card took reports for ever:
 * a W47 card changed in March of the next year was saved as W47's 补报.
 */
async function closedRound(ctx: AppContext, a: CardAction, period: Period, unitId: number, page: number): Promise<CardReply | null> {
  const now = ctx.clock.now();
  const window = lateWindow(period, (await loadSettings(ctx.db)).settings['round.lateDays'], now);
  if (!window.closed) return null;
  const text = `${weekOf(period)}调度已于${deadlineText(window.until)}结束补报，该卡片不再接受填报。请在最新一期调度卡片中填报；如需更正该周数据，请联系重点项目办。`;
  await noteCardView(ctx.db, a, 'list', now);
  return { toast: toast('warning', text), card: await buildListCard(ctx.db, period, unitId, page, now, { notice: text, nonce: nonce() }) };
}

async function context(ctx: AppContext, a: CardAction) {
  const ids = idsOf(a);
  if (!ids) return null;
  const period = await getPeriod(ctx.db, ids.periodId);
  if (!period) return null;
  const actor = await actorFor(ctx.db, a.operator.open_id);
  return { ids, period, actor };
}

const showForm: CardActionHandler = async ({ ctx }, a) => {
  const c = await context(ctx, a);
  if (!c || c.ids.projectId === null) return EXPIRED;
  const project = await getRoundProject(ctx.db, c.ids.projectId);
  if (!project) return EXPIRED;
  if (!mayReportFor(c.actor, project.unitId)) return NOT_YOURS;
  const closed = await closedRound(ctx, a, c.period, project.unitId, c.ids.page);
  if (closed) return closed;
  const card = await buildFormCard(ctx.db, c.period, project, c.ids.page, ctx.clock.now(), undefined, nonce());
  await noteCardView(ctx.db, a, 'form', ctx.clock.now());
  return { card };
};

const showList: CardActionHandler = async ({ ctx }, a) => {
  const c = await context(ctx, a);
  if (!c) return EXPIRED;
  let unitId = c.ids.unitId;
  if (unitId === null && c.ids.projectId !== null) unitId = (await getRoundProject(ctx.db, c.ids.projectId))?.unitId ?? null;
  if (unitId === null) return EXPIRED;
  if (!mayReportFor(c.actor, unitId)) return NOT_YOURS;
  const card = await buildListCard(ctx.db, c.period, unitId, c.ids.page, ctx.clock.now(), { nonce: nonce() });
  await noteCardView(ctx.db, a, 'list', ctx.clock.now(), { periodId: c.period.id, unitId });
  return { card };
};

function submitWith(mode: 'form' | 'no_change'): CardActionHandler {
  return async (scope: CardScope, a) => {
    const { ctx } = scope;
    const c = await context(ctx, a);
    if (!c || c.ids.projectId === null) return EXPIRED;
    const project = await getRoundProject(ctx.db, c.ids.projectId);
    if (!project) return EXPIRED;
    if (!mayReportFor(c.actor, project.unitId)) return NOT_YOURS;
    const closed = await closedRound(ctx, a, c.period, project.unitId, c.ids.page);
    if (closed) return closed;
    const now = ctx.clock.now();
    // Validation compares with the last report of an earlier week (this week's own earlier revisions are corrections),
    // and, for a late report of an earlier week, with the first later week already reported: comparing only with the
    // weeks before let a W47 figure above W48's pass, and the running total then fell at W48 with no reason asked.
    const previousWeek = await lastReport(ctx.db, project.projectId, dayBefore(c.period.weekStart));
    const later = await nextReport(ctx.db, project.projectId, c.period.weekStart);
    const laterReport = later && { ytdYuan: later.ytdYuan, weekLabel: weekText(isoWeekOf(later.weekStart), later.weekStart) };
    let values: Omit<ReportFields, 'noChange' | 'late'>;
    if (mode === 'no_change') {
      if (!previousWeek) return { toast: toast('warning', '该项目还没有以往的填报记录，请填写本周进展。') };
      if (weeklyMonthEnd(c.period)) return { toast: toast('warning', '本周需填报上月底累计完成投资，请在表单中填写。') };
      if (laterReport && previousWeek.ytdYuan > laterReport.ytdYuan) {
        return {
          toast: toast('warning', `上次填报的累计完成投资高于其后${laterReport.weekLabel}已填报的数，不能按无变化补报，请在表单中填写并说明核减原因。`),
        };
      }
      values = { ...previousWeek, monthEndYuan: null, correctionReason: null };
    } else {
      const parsed = parseReportForm(a.action.form_value ?? {}, {
        lastYtdYuan: previousWeek?.ytdYuan ?? null,
        laterReport,
        totalInvestmentYuan: project.totalInvestmentYuan,
        priorCompletedYuan: project.priorCompletedYuan,
        annualPlanYuan: project.annualPlanYuan,
        askMonthEnd: weeklyMonthEnd(c.period),
        planYear: project.planYear,
        today: shanghaiDay(now),
      });
      if (!parsed.ok) {
        const [field, message] = Object.entries(parsed.errors)[0] ?? ['', '填报内容有误'];
        const label = FIELD_LABELS[field as keyof typeof FIELD_LABELS] ?? '';
        const card = await buildFormCard(ctx.db, c.period, project, c.ids.page, now, { typed: a.action.form_value ?? {}, errors: parsed.errors }, nonce());
        // The messages mostly name their field already ("年度累计完成投资：金额不能为负数", "请选择项目状态"): prefixing the
        // label again made toasts like "「年度累计完成投资」：年度累计完成投资：…". Name the field once.
        const text = String(message);
        return { toast: toast('error', label && !text.includes(label) ? `「${label}」：${text}` : text), card };
      }
      values = parsed.value;
    }
    // Nodes the form showed, marked done with their date: checked before anything is saved, saved with the report.
    let nodesDone: Array<{ id: number; date: string; name: string }> = [];
    if (mode === 'form') {
      const shown = await formNodes(ctx.db, project, c.period.planYear, now, (await loadSettings(ctx.db)).settings['nodes.upcomingDays']);
      const picked = parseNodeFields(a.action.form_value ?? {}, NODE_FIELD_PREFIX, new Set(shown.map((n) => n.id)), shanghaiDay(now), c.period.planYear);
      if (picked.errors.size > 0) {
        const card = await buildFormCard(
          ctx.db,
          c.period,
          project,
          c.ids.page,
          now,
          { typed: a.action.form_value ?? {}, errors: {}, nodeErrors: picked.errors },
          nonce(),
        );
        const [id, why] = [...picked.errors][0]!;
        const name = shown.find((n) => n.id === id)?.name ?? '';
        return { toast: toast('error', `节点“${name}”：${why}`), card };
      }
      nodesDone = picked.done.map((d) => ({ ...d, name: shown.find((n) => n.id === d.id)?.name ?? '' }));
    }
    const late = now.toISOString() > c.period.deadlineAt;
    // The report and what its problem becomes in the 问题台账 commit together; a stale submission changes neither.
    const choice = mode === 'form' ? parseProblemChoice(a.action.form_value?.problem_link) : null;
    const saved = await scope.transaction(async (s) => {
      const report = await saveReport(s.tx, project.projectId, c.period.id, {
        ...values,
        noChange: mode === 'no_change',
        late,
        submittedBy: c.actor.personId,
        submittedAt: now,
        clickedAt: scope.clickedAt,
      });
      if (report.stale) return { ...report, ledger: undefined };
      for (const d of nodesDone) await markNodeDone(s.tx, d.id, d.date, c.actor.personId, now);
      const { problemCategories, problemText, coordination } = values;
      const ledger = await intakeReportProblem(s, report, {
        projectId: project.projectId,
        weekStart: c.period.weekStart,
        submittedBy: c.actor.personId,
        values: { problemCategories, problemText, coordination },
        choice,
      });
      await noteCardView(s.tx, a, 'saved', now);
      // Every other copy of the unit's list card of the week (a colleague's, or the saver's own elsewhere) shows it.
      await queueListUpdates(s, c.period, project.unitId, a.context?.open_message_id ?? null, `${project.projectId}:${report.revision}`);
      return { ...report, ledger };
    });
    const card = await buildSavedCard(ctx.db, c.period, project, c.ids.page, now, saved.revision, nonce(), saved.ledger);
    if (saved.stale) return { toast: toast('warning', `${project.name}：${STALE}`), card };
    const what = saved.revision > 1 ? `已更新（第${saved.revision - 1}次修改）` : '已保存';
    const nodeNote = nodesDone.length ? `；已登记节点完成：${nodesDone.map((d) => `${d.name}（${d.date}）`).join('、')}` : '';
    return { toast: toast('success', `${project.name}：${what}${late ? '，已记为补报' : ''}${nodeNote}`), card };
  };
}

function dayBefore(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

export const roundActions: Record<string, CardActionHandler> = {
  round_form: showForm,
  round_list: showList,
  round_submit: submitWith('form'),
  round_no_change: submitWith('no_change'),
};
