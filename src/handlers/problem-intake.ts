// A saved weekly report's problem, into the ledger in the report's own transaction; a new item is put before the
// administrators at once, and the reporter is told on the saved card what became of it.
import { shortWeek } from '../../cards/answer-common';
import type { ReportFields, SavedReport } from '../db/reports';
import { type IntakeOutcome, recordReportedProblem } from '../db/problem-intake';
import type { HandlerScope } from '../scope';
import { ledgerSend, tellRaised } from './problem-notify';
import { isoWeekOf } from './round-plan';
import { weekText } from './round-texts';

export type ProblemChoice = number | 'new' | null;

/** What the form's problem_link select sent: 'p12' is item 12, 'new' a new problem; anything else is no answer. */
export function parseProblemChoice(v: unknown): ProblemChoice {
  if (v === 'new') return 'new';
  const m = typeof v === 'string' ? /^p(\d+)$/.exec(v) : null;
  return m ? Number(m[1]) : null;
}

export async function intakeReportProblem(
  s: HandlerScope,
  saved: SavedReport,
  r: {
    projectId: number;
    weekStart: string;
    submittedBy: number | null;
    values: Pick<ReportFields, 'problemCategories' | 'problemText' | 'coordination'>;
    choice: ProblemChoice;
  },
): Promise<IntakeOutcome> {
  const outcome = await recordReportedProblem(s.tx, {
    projectId: r.projectId,
    reportId: saved.reportId,
    revisionId: saved.revisionId,
    weekStart: r.weekStart,
    submittedBy: r.submittedBy,
    at: s.now.toISOString(),
    categories: r.values.problemCategories,
    problemText: r.values.problemText,
    coordination: r.values.coordination,
    choice: r.choice,
  });
  if (outcome.kind === 'created') await tellRaised(s.tx, ledgerSend(s), outcome.problemId, shortWeek(weekText(isoWeekOf(r.weekStart), r.weekStart)), s.now);
  return outcome;
}
