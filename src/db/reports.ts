// Saving a weekly report: the report row per project and week, and a new revision for every submission.
import type { Kysely } from 'kysely';
import { believableClickTime } from '../domain/click-time';
import type { Database } from './schema';

type Q = Kysely<Database>;

/** What a report says, as stored in a revision and read back. */
export type ReportFields = {
  ytdYuan: number;
  monthEndYuan: number | null;
  progressText: string;
  status: string;
  problemCategories: string[];
  problemText: string | null;
  coordination: string | null;
  nextPlan: string | null;
  correctionReason: string | null;
  /** 停工日期 as the reporter gave it, for a report of 停工 or 半停工 (kept in the revision's status_date). */
  stoppedSince?: string | null;
  noChange: boolean;
  late: boolean;
};

export type ReportInput = ReportFields & {
  submittedBy: number | null;
  submittedAt: Date;
  /** The click that submitted it, by Feishu's clock (kept in the revision's `changes`), when known. */
  clickedAt?: Date | null;
};

export type SavedReport = {
  reportId: number;
  /** The report_revisions row saved, or when `stale` the one that stands. */
  revisionId: number;
  /** The revision saved, or when `stale` the revision that stands. */
  revision: number;
  changed: string[];
  /** Not saved: the revision that stands was clicked later than this submission (it arrived out of order). */
  stale: boolean;
};

const COMPARED: Array<[keyof ReportInput, string]> = [
  ['ytdYuan', 'ytd_investment'],
  ['monthEndYuan', 'month_end_investment'],
  ['progressText', 'progress_text'],
  ['status', 'status'],
  ['problemCategories', 'problem_category'],
  ['problemText', 'problem_text'],
  ['coordination', 'coordination'],
  ['nextPlan', 'next_plan'],
  ['stoppedSince', 'stopped_since'],
];

/**
 * Stores a submission as the next revision of the project's report for the period; returns its number and what changed.
 *
 * The figures that stand are those of the latest click: a submission clicked before the revision that stands (two
 * devices, two reporters of a unit, a callback held up on the way) is not saved. The report's row is created and
 * locked first, so that two submissions of one project and week at the same moment are saved one after the other
 * (on PostgreSQL the second waits here; before, both read "no report yet" and the second failed on the unique key).
 */
export async function saveReport(tx: Q, projectId: number, periodId: number, input: ReportInput): Promise<SavedReport> {
  const at = input.submittedAt.toISOString();
  await tx
    .insertInto('reports')
    .values({ project_id: projectId, period_id: periodId, revision: 0, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['project_id', 'period_id']).doNothing())
    .execute();
  const locked = await tx
    .updateTable('reports')
    .set((eb) => ({ revision: eb.ref('revision') }))
    .where('project_id', '=', projectId)
    .where('period_id', '=', periodId)
    .returning(['id', 'revision'])
    .executeTakeFirstOrThrow();
  const reportId = locked.id;
  let previous: Record<string, unknown> | null = null;
  if (locked.revision > 0) {
    const prev = await tx
      .selectFrom('report_revisions')
      .selectAll()
      .where('report_id', '=', reportId)
      .where('revision', '=', locked.revision)
      .executeTakeFirstOrThrow();
    const stamped = (JSON.parse(prev.changes) as { clickedAt?: unknown }).clickedAt;
    // A click stored from the future before such stamps were capped (domain/click-time.ts) counts as when it was saved.
    const prevClick = typeof stamped === 'string' ? believableClickTime(new Date(stamped), new Date(prev.submitted_at)) : null;
    if (input.clickedAt && prevClick && input.clickedAt.getTime() < prevClick.getTime()) {
      return { reportId, revisionId: prev.id, revision: locked.revision, changed: [], stale: true };
    }
    previous = {
      ytdYuan: prev.ytd_investment_yuan,
      monthEndYuan: prev.month_end_investment_yuan,
      progressText: prev.progress_text,
      status: prev.status,
      problemCategories: JSON.parse(prev.problem_categories),
      problemText: prev.problem_text,
      coordination: prev.coordination,
      nextPlan: prev.next_plan,
      stoppedSince: prev.status_date,
    };
  }
  const revision = locked.revision + 1;
  await tx.updateTable('reports').set({ revision, updated_at: at }).where('id', '=', reportId).execute();
  const changed = previous
    ? COMPARED.filter(([k]) => JSON.stringify(previous[k] ?? null) !== JSON.stringify(input[k] ?? null)).map(([, name]) => name)
    : COMPARED.filter(([k]) => k !== 'stoppedSince' || input.stoppedSince).map(([, n]) => n); // a 停工日期 only when given
  const stored = await tx
    .insertInto('report_revisions')
    .values({
      report_id: reportId,
      revision,
      submitted_by: input.submittedBy,
      submitted_at: at,
      ytd_investment_yuan: input.ytdYuan,
      month_end_investment_yuan: input.monthEndYuan,
      progress_text: input.progressText,
      status: input.status,
      status_date: input.stoppedSince ?? null,
      problem_categories: JSON.stringify(input.problemCategories),
      problem_text: input.problemText,
      coordination: input.coordination,
      next_plan: input.nextPlan,
      correction_reason: input.correctionReason,
      no_change: input.noChange ? 1 : 0,
      late: input.late ? 1 : 0,
      changes: JSON.stringify({
        fields: changed,
        previousRevision: previous ? revision - 1 : null,
        ...(input.clickedAt ? { clickedAt: input.clickedAt.toISOString() } : {}),
      }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { reportId, revisionId: stored.id, revision, changed, stale: false };
}
