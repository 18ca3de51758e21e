// From the database to the round's cards: the list of a unit's projects, a project's form, the saved report.
import { NODE_FIELD_PREFIX, renderReportFormCard } from '../../../cards/round/form';
import { renderProjectListCard } from '../../../cards/round/list';
import { renderSavedCard } from '../../../cards/round/saved';
import { savedTexts } from '../../../cards/texts';
import type { Db } from '../../db/connect';
import { lastReport, type PeriodRow, reportedInPeriod, roundProjects, type RoundProject, startFacts, weeklyMonthEnd } from '../../db/rounds';
import { linkOfReport, openCandidates, reportedTexts } from '../../db/problem-intake';
import type { IntakeOutcome } from '../../db/problem-intake';
import { loadSettings } from '../../db/settings';
import { suggestProblem } from '../../domain/problem-match';
import { formTexts } from '../../../cards/texts';
import { FIELD_TITLES, type FieldName, type ReportValues, toReportStatus } from '../../domain/report-form';
import { lateWindow } from '../../domain/late-window';
import { lightSettingsOf } from '../../domain/lights';
import { yuanToWanText } from '../../domain/money';
import { lastCompletedMonth, progressSettingsOf, timeProgress } from '../../domain/time-progress';
import { categoryText } from '../problem/view';
import { nodeOnlyLine } from '../../../cards/nodes/lines';
import { listNodes } from '../../db/nodes';
import { addDays, shanghaiDay } from '../../domain/calendar';
import { nodeLight, nodeState } from '../../domain/nodes';
import { isoWeekOf } from './plan';
import { deadlineText, shortTimeText, weekText } from './texts';

type Period = NonNullable<PeriodRow>;

export const FIELD_LABELS = FIELD_TITLES;

const isLate = (period: Period, now: Date) => now.toISOString() > period.deadlineAt;

export async function buildListCard(db: Db, period: Period, unitId: number, page: number, now: Date, opts: { notice?: string; nonce?: string } = {}) {
  const projects = await roundProjects(db, period.planYear, unitId);
  const reported = await reportedInPeriod(db, period.id);
  const late = isLate(period, now);
  return renderProjectListCard({
    periodId: period.id,
    weekLabel: weekText(isoWeekOf(period.weekStart), period.weekStart),
    unitName: projects[0]?.unitName ?? '',
    deadlineText: deadlineText(new Date(period.deadlineAt)),
    rows: projects.map((p) => {
      const r = reported.get(p.projectId);
      if (r)
        return {
          projectId: p.projectId,
          code: p.code,
          name: p.name,
          state: 'done',
          filled: { by: r.byName, at: shortTimeText(new Date(r.submittedAt)), late: r.late },
        };
      return { projectId: p.projectId, code: p.code, name: p.name, state: late ? 'late' : 'todo' };
    }),
    page,
    unitId,
    ...(opts.notice ? { notice: opts.notice } : {}),
    ...(opts.nonce ? { nonce: opts.nonce } : {}),
  });
}

function prefillFrom(
  values: Omit<ReportValues, 'status' | 'correctionReason' | 'stoppedSince'> & { status: string; stoppedSince?: string | null },
): Partial<Record<FieldName, string | string[]>> {
  return {
    ytd_investment: yuanToWanText(values.ytdYuan),
    progress_text: values.progressText,
    status: values.status,
    problem_category: values.problemCategories,
    ...(values.problemText ? { problem_text: values.problemText } : {}),
    ...(values.coordination ? { coordination: values.coordination } : {}),
    ...(values.nextPlan ? { next_plan: values.nextPlan } : {}),
    // A stoppage going on keeps the day it began; a new one is dated afresh.
    ...(values.stoppedSince ? { stopped_since: values.stoppedSince } : {}),
  };
}

/**
 * The open item to preselect in the form: the one this week's report is already linked to, else the one the last
 * report's problem (which prefills the form) most likely is.
 */
async function suggestedLink(
  db: Db,
  projectId: number,
  periodId: number,
  last: NonNullable<Awaited<ReturnType<typeof lastReport>>>,
  open: Awaited<ReturnType<typeof openCandidates>>,
) {
  if (open.length === 0) return {};
  const own = await linkOfReport(db, projectId, periodId);
  const id = own !== null && open.some((p) => p.id === own) ? own : suggestProblem({ categories: last.problemCategories, texts: reportedTexts(last) }, open);
  return id === null ? {} : { problem_link: `p${id}` };
}

export async function buildFormCard(
  db: Db,
  period: Period,
  project: RoundProject,
  page: number,
  now: Date,
  retry?: { typed: Record<string, unknown>; errors: Partial<Record<FieldName, string>>; nodeErrors?: Map<number, string> },
  nonce?: string,
) {
  const last = await lastReport(db, project.projectId, period.weekStart);
  const open = await openCandidates(db, project.projectId, period.weekStart);
  const { settings } = await loadSettings(db);
  const window = lateWindow(period, settings['round.lateDays'], now);
  const nodes = await formNodes(db, project, period.planYear, now, settings['nodes.upcomingDays']);
  const week = weekText(isoWeekOf(period.weekStart), period.weekStart);
  const typed = retry
    ? (Object.fromEntries(Object.entries(retry.typed).filter(([, v]) => typeof v === 'string' || Array.isArray(v))) as Partial<
        Record<FieldName, string | string[]>
      >)
    : null;
  return renderReportFormCard({
    periodId: period.id,
    projectId: project.projectId,
    code: project.code,
    name: project.name,
    unitName: project.unitName,
    weekLabel: weekText(isoWeekOf(period.weekStart), period.weekStart),
    annualPlanYuan: project.annualPlanYuan,
    totalInvestmentYuan: project.totalInvestmentYuan,
    lastReport: last && {
      weekLabel: weekText(isoWeekOf(last.weekStart), last.weekStart),
      ytdYuan: last.ytdYuan,
      progressText: last.progressText,
      status: last.status,
      submittedByName: last.submittedBy,
      submittedAtText: deadlineText(new Date(last.submittedAt)),
    },
    prefill: typed ?? (last ? { ...prefillFrom(last), ...(await suggestedLink(db, project.projectId, period.id, last, open)) } : {}),
    askMonthEnd: weeklyMonthEnd(period),
    openProblems: open.map((p) => ({ id: p.id, category: categoryText(p.category), text: p.description, status: p.status })),
    ...(retry ? { errors: retry.errors } : {}),
    nodes: nodes.map((n) => {
      const typed = retry ? pickedDay(retry.typed[`${NODE_FIELD_PREFIX}${n.id}`]) : null;
      const error = retry?.nodeErrors?.get(n.id);
      return { ...n, ...(typed ? { typed } : {}), ...(error ? { error } : {}) };
    }),
    page,
    late: isLate(period, now),
    ...(window.pastWeek ? { lateNote: formTexts.pastLateNote(week, deadlineText(window.until)) } : {}),
    ...(nonce ? { nonce } : {}),
  });
}

/** The project's nodes not done that are overdue or due within `upcomingDays` of today: the ones the form shows. */
export async function formNodes(db: Db, project: Pick<RoundProject, 'projectId'>, planYear: number, now: Date, upcomingDays: number) {
  const today = shanghaiDay(now);
  const nodes = await listNodes(db, planYear, { projectId: project.projectId, undoneUntil: addDays(today, upcomingDays) });
  return nodes.map((n) => {
    const state = nodeState(n, today, upcomingDays);
    return { id: n.id, name: n.name, line: nodeOnlyLine({ ...n, state }), light: nodeLight(state) };
  });
}

const pickedDay = (v: unknown): string | null => {
  const m = typeof v === 'string' ? /^(\d{4}-\d{2}-\d{2})/.exec(v.trim()) : null;
  return m?.[1] ?? null;
};

const savedLedger = savedTexts.ledger;
const LEDGER_NOTE = (o: IntakeOutcome | undefined): string | null =>
  !o || o.kind === 'none' ? null : o.kind === 'linked' ? savedLedger.linked(o.problemId, o.times) : savedLedger[o.kind](o.problemId);

export async function buildSavedCard(
  db: Db,
  period: Period,
  project: RoundProject,
  page: number,
  now: Date,
  revision: number,
  nonce?: string,
  ledger?: IntakeOutcome,
) {
  const last = await lastReport(db, project.projectId, period.weekStart);
  if (!last) throw new Error('saved report not found');
  const facts = await startFacts(db, project.projectId);
  const { settings } = await loadSettings(db);
  // The weekly card measures against 序时 at the last completed month, as the bulletins do.
  const asOf = lastCompletedMonth(now);
  const [py, pm] = (facts.plannedStart ?? '').split('-').map(Number);
  return renderSavedCard({
    periodId: period.id,
    projectId: project.projectId,
    code: project.code,
    name: project.name,
    weekLabel: weekText(isoWeekOf(period.weekStart), period.weekStart),
    page,
    late: last.late,
    modification: revision - 1,
    values: { ...last, status: toReportStatus(last.status) ?? 'building', correctionReason: last.correctionReason, stoppedSince: last.stoppedSince ?? null },
    askMonthEnd: weeklyMonthEnd(period),
    annualPlanYuan: project.annualPlanYuan,
    nature: facts.nature,
    plannedStart: py && pm ? { year: py, month: pm } : null,
    asOf,
    timeProgress: timeProgress(asOf, progressSettingsOf(settings)),
    lights: lightSettingsOf(settings),
    noChange: last.noChange,
    ledgerNote: LEDGER_NOTE(ledger),
    ...(nonce ? { nonce } : {}),
  });
}
