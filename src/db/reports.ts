// Saving a weekly report: the report row per project and week, and a new revision for every submission.
import type { Kysely } from 'kysely';
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
  noChange: boolean;
  late: boolean;
};

export type ReportInput = ReportFields & {
  submittedBy: number | null;
  submittedAt: Date;
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
];

export type SavedReport = { reportId: number; revisionId: number; revision: number; changed: string[] };

/** Stores a submission as the next revision of the project's report for the period; returns its number and what changed. */
export async function saveReport(tx: Q, projectId: number, periodId: number, input: ReportInput): Promise<SavedReport> {
  const at = input.submittedAt.toISOString();
  const existing = await tx.selectFrom('reports').select(['id', 'revision']).where('project_id', '=', projectId).where('period_id', '=', periodId).executeTakeFirst();
  let reportId: number;
  let revision: number;
  let previous: Record<string, unknown> | null = null;
  if (existing) {
    reportId = existing.id;
    revision = existing.revision + 1;
    const prev = await tx.selectFrom('report_revisions').selectAll().where('report_id', '=', existing.id).where('revision', '=', existing.revision).executeTakeFirstOrThrow();
    previous = {
      ytdYuan: prev.ytd_investment_yuan,
      monthEndYuan: prev.month_end_investment_yuan,
      progressText: prev.progress_text,
      status: prev.status,
      problemCategories: JSON.parse(prev.problem_categories),
      problemText: prev.problem_text,
      coordination: prev.coordination,
      nextPlan: prev.next_plan,
    };
    await tx.updateTable('reports').set({ revision, updated_at: at }).where('id', '=', existing.id).execute();
  } else {
    revision = 1;
    const row = await tx.insertInto('reports').values({ project_id: projectId, period_id: periodId, revision, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    reportId = row.id;
  }
  const changed = previous ? COMPARED.filter(([k]) => JSON.stringify(previous[k] ?? null) !== JSON.stringify(input[k] ?? null)).map(([, name]) => name) : COMPARED.map(([, n]) => n);
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
      status_date: null,
      problem_categories: JSON.stringify(input.problemCategories),
      problem_text: input.problemText,
      coordination: input.coordination,
      next_plan: input.nextPlan,
      correction_reason: input.correctionReason,
      no_change: input.noChange ? 1 : 0,
      late: input.late ? 1 : 0,
      changes: JSON.stringify({ fields: changed, previousRevision: previous ? revision - 1 : null }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { reportId, revisionId: stored.id, revision, changed };
}
