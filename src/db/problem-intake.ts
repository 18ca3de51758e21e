// From a weekly report to the ledger: a 存在问题 or 需协调事项 becomes an item (待梳理), and the same problem reported
// again in a later week is linked to the open item instead of making a second one — as the reporter said on the form,
// or, when the form did not ask, as the wording and last week's link suggest.
import type { Kysely } from 'kysely';
import { type Candidate, suggestProblem } from '../domain/problem-match';
import { addProblemEvent } from './problem-changes';
import type { Database } from './schema';

type Q = Kysely<Database>;

export type ReportedProblem = {
  projectId: number;
  reportId: number;
  revisionId: number;
  weekStart: string;
  submittedBy: number | null;
  at: string;
  categories: string[];
  problemText: string | null;
  coordination: string | null;
  /** The reporter's answer on the form: an open item's id, 'new', or null when the form did not ask or was left blank. */
  choice: number | 'new' | null;
};

export type IntakeOutcome =
  | { kind: 'none' }
  | { kind: 'created'; problemId: number }
  /** The item this week's report created earlier, reworded by a later revision of the same report. */
  | { kind: 'updated'; problemId: number }
  | { kind: 'linked'; problemId: number; times: number; by: 'reporter' | 'bot' }
  /** This week's report no longer raises the item it created, which nobody had acted on yet: it is taken back. */
  | { kind: 'withdrawn'; problemId: number };

export type OpenCandidate = Candidate & { description: string; coordination: string | null; status: string };

/** The project's items not yet closed, with what was reported of them, and which one last week's report was linked to. */
export async function openCandidates(db: Q, projectId: number, beforeWeek: string): Promise<OpenCandidate[]> {
  const items = await db
    .selectFrom('problems')
    .select(['id', 'category', 'description', 'coordination', 'status'])
    .where('project_id', '=', projectId)
    .where('status', '!=', '已销号')
    .orderBy('id')
    .execute();
  if (items.length === 0) return [];
  const links = await db
    .selectFrom('problem_reports')
    .select(['problem_id', 'problem_text', 'coordination', 'week_start'])
    .where(
      'problem_id',
      'in',
      items.map((i) => i.id),
    )
    .execute();
  const last = await db
    .selectFrom('problem_reports as l')
    .innerJoin('problems as x', 'x.id', 'l.problem_id')
    .select('l.problem_id')
    .where('x.project_id', '=', projectId)
    .where('l.week_start', '<', beforeWeek)
    .orderBy('l.week_start', 'desc')
    .limit(1)
    .executeTakeFirst();
  return items.map((i) => ({
    id: i.id,
    category: i.category,
    description: i.description,
    coordination: i.coordination,
    status: i.status,
    texts: [i.description, i.coordination, ...links.filter((l) => l.problem_id === i.id).flatMap((l) => [l.problem_text, l.coordination])].filter(
      (t): t is string => typeof t === 'string' && t !== '',
    ),
    linkedLastTime: last?.problem_id === i.id,
  }));
}

export function reportedTexts(r: { problemText: string | null; coordination: string | null }): string[] {
  return [r.problemText, r.coordination].filter((t): t is string => t !== null && t !== '');
}

/** Creates, links, rewords or takes back the item of one submitted report; call in the report's transaction. */
export async function recordReportedProblem(tx: Q, r: ReportedProblem): Promise<IntakeOutcome> {
  const link = await tx.selectFrom('problem_reports').selectAll().where('report_id', '=', r.reportId).executeTakeFirst();
  const linked = link ? await tx.selectFrom('problems').select(['id', 'status']).where('id', '=', link.problem_id).executeTakeFirst() : undefined;
  const draft = link && linked && link.linked_by === 'created' && linked.status === '待梳理' && !(await touched(tx, linked.id)) ? linked.id : null;
  if (reportedTexts(r).length === 0) {
    if (draft !== null) {
      await withdraw(tx, draft);
      return { kind: 'withdrawn', problemId: draft };
    }
    if (link) await tx.deleteFrom('problem_reports').where('id', '=', link.id).execute();
    return { kind: 'none' };
  }
  const candidates = (await openCandidates(tx, r.projectId, r.weekStart)).filter((c) => c.id !== draft);
  let target: number | 'new';
  let by: 'reporter' | 'bot' = 'reporter';
  if (typeof r.choice === 'number' && candidates.some((c) => c.id === r.choice)) target = r.choice;
  else if (r.choice === 'new') target = 'new';
  else {
    by = 'bot';
    const kept = linked && draft === null && linked.status !== '已销号' ? linked.id : null;
    target = kept ?? suggestProblem({ categories: r.categories, texts: reportedTexts(r) }, candidates) ?? 'new';
  }
  if (target === 'new') {
    if (draft !== null) {
      await reviseDraft(tx, draft, r);
      return { kind: 'updated', problemId: draft };
    }
    if (link) await tx.deleteFrom('problem_reports').where('id', '=', link.id).execute();
    return { kind: 'created', problemId: await createItem(tx, r) };
  }
  if (link && link.problem_id === target) {
    await tx.updateTable('problem_reports').set(linkTexts(r)).where('id', '=', link.id).execute();
  } else {
    if (draft !== null) await withdraw(tx, draft);
    else if (link) await tx.deleteFrom('problem_reports').where('id', '=', link.id).execute();
    await insertLink(tx, target, r, by);
    await addProblemEvent(tx, {
      problemId: target,
      actorId: r.submittedBy,
      at: r.at,
      action: 'reported',
      fromStatus: null,
      toStatus: null,
      note: reportedTexts(r).join('；'),
    });
    await tx.updateTable('problems').set({ updated_at: r.at }).where('id', '=', target).execute();
  }
  const times = await tx
    .selectFrom('problem_reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('problem_id', '=', target)
    .executeTakeFirstOrThrow();
  return { kind: 'linked', problemId: target, times: Number(times.n), by };
}

const linkTexts = (r: ReportedProblem) => ({
  report_revision_id: r.revisionId,
  problem_text: r.problemText,
  coordination: r.coordination,
  categories: JSON.stringify(r.categories),
});

async function insertLink(tx: Q, problemId: number, r: ReportedProblem, by: 'created' | 'reporter' | 'bot'): Promise<void> {
  await tx
    .insertInto('problem_reports')
    .values({ problem_id: problemId, report_id: r.reportId, week_start: r.weekStart, linked_by: by, linked_at: r.at, ...linkTexts(r) })
    .execute();
}

/** An item's fields from a report: the problem is the description, the 需协调事项 its ask (or, alone, the description). */
function itemFields(r: ReportedProblem) {
  return {
    category: r.categories[0] ?? '',
    description: r.problemText ?? r.coordination ?? '',
    coordination: r.problemText !== null ? r.coordination : null,
    is_coordination: r.coordination !== null ? 1 : 0,
  };
}

async function createItem(tx: Q, r: ReportedProblem): Promise<number> {
  const row = await tx
    .insertInto('problems')
    .values({
      project_id: r.projectId,
      ...itemFields(r),
      status: '待梳理',
      raised_by: r.submittedBy,
      raised_at: r.at,
      report_revision_id: r.revisionId,
      lead_unit_id: null,
      helper_unit_ids: null,
      deadline: null,
      closed_at: null,
      updated_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertLink(tx, row.id, r, 'created');
  await addProblemEvent(tx, { problemId: row.id, actorId: r.submittedBy, at: r.at, action: 'raised', fromStatus: null, toStatus: '待梳理', note: null });
  return row.id;
}

async function reviseDraft(tx: Q, id: number, r: ReportedProblem): Promise<void> {
  await tx
    .updateTable('problems')
    .set({ ...itemFields(r), report_revision_id: r.revisionId, updated_at: r.at })
    .where('id', '=', id)
    .execute();
  await tx.updateTable('problem_reports').set(linkTexts(r)).where('report_id', '=', r.reportId).execute();
  await addProblemEvent(tx, {
    problemId: id,
    actorId: r.submittedBy,
    at: r.at,
    action: 'revised',
    fromStatus: null,
    toStatus: null,
    note: reportedTexts(r).join('；'),
  });
}

/** Anyone but the reporter has done something with the item (交办, a note, a later week's report…). */
async function touched(tx: Q, id: number): Promise<boolean> {
  const other = await tx
    .selectFrom('problem_events')
    .select('id')
    .where('problem_id', '=', id)
    .where('action', 'not in', ['raised', 'revised'])
    .limit(1)
    .executeTakeFirst();
  return other !== undefined;
}

async function withdraw(tx: Q, id: number): Promise<void> {
  await tx.deleteFrom('problem_reports').where('problem_id', '=', id).execute();
  await tx.deleteFrom('problem_events').where('problem_id', '=', id).execute();
  await tx.deleteFrom('problems').where('id', '=', id).execute();
}

/** The item a project's report of one week raised or was linked to, if any. */
export async function linkOfReport(db: Q, projectId: number, periodId: number): Promise<number | null> {
  const row = await db
    .selectFrom('problem_reports as l')
    .innerJoin('reports as r', 'r.id', 'l.report_id')
    .select('l.problem_id')
    .where('r.project_id', '=', projectId)
    .where('r.period_id', '=', periodId)
    .executeTakeFirst();
  return row?.problem_id ?? null;
}
