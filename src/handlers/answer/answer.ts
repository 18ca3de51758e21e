// A question in chat (or from `diaodu ask`) → an answer: who asks and may see what, what is asked, and the card.
import { randomUUID } from 'node:crypto';
import { renderHelpCard } from '../../../cards/answer/help';
import type { Answer } from './reply';
import type { Db } from '../../db/connect';
import { maySeeAnything, maySeeCity, maySeeProject } from '../../domain/question-access';
import { refusalTexts } from '../../../cards/answer/texts';
import { parseQuestion, type Intent } from '../../domain/question';
import type { Asker } from './asker';
import { type AnswerBook, openBook } from './book';
import { type AnalysisPublisher, answerPeriod } from './analysis';
import { answerBatches } from './batches';
import { answerEvaluation } from './evaluation';
import { answerList } from './list';
import { answerMetrics } from './metrics';
import { answerNodes } from './nodes';
import { answerProblem, answerProblems } from './problems';
import { answerMaybe, answerNotFound, answerPick, answerProject } from './project';
import { answerRedChart } from './red-chart';
import { noLeaderText, withUnappliedNote } from './unapplied';
import { answerReport } from './report';
import { answerSummary, renderCity } from './summary';
import { texts } from '../texts';

export type { Answer };

/** A fresh nonce for each card with buttons, so clicks on one rendered card are told apart from another's. */
export const newNonce = () => randomUUID().slice(0, 8);

async function byIntent(book: AnswerBook, asker: Asker, intent: Intent, nonce: string, o: AnswerOptions): Promise<Answer> {
  switch (intent.kind) {
    case 'help':
      return { card: renderHelpCard() };
    case 'thanks':
      return { text: texts.thanks };
    case 'unknown':
      return { card: renderHelpCard({ notUnderstood: intent.text }) };
    case 'project':
      return answerProject(book, asker, intent.projectId);
    case 'pick':
      return answerPick(book, asker, intent.projectIds, intent.query, nonce);
    case 'maybe':
      return answerMaybe(book, asker, intent, nonce);
    case 'not_found':
      return { card: answerNotFound(book, asker, intent.query, intent.closest, nonce, intent.outside) };
    case 'no_leader':
      return { text: noLeaderText(book, intent) };
    case 'summary':
      return answerSummary(book, asker, intent.filter);
    case 'city':
      return maySeeCity(asker.visibility) ? { card: await renderCity(book, asker) } : { text: texts.noCityAccess };
    case 'list':
      return answerList(book, asker, intent.list, intent.filter);
    case 'problem':
      return answerProblem(book, asker, intent.id, nonce);
    case 'problems':
      return answerProblems(book, asker, intent);
    case 'quarter_analysis':
    case 'year_assessment':
      return answerPeriod(book.db, book.now, asker, intent, o.publisher ?? null);
    case 'batches':
    case 'reserve':
    case 'reserve_short':
      return answerBatches(book, asker, intent);
    case 'evaluation':
      return answerEvaluation(book.db, book.now, asker, intent);
    case 'report':
      return answerReport(book.db, book.now, asker, intent.late, nonce);
    case 'metric':
    case 'ranking':
    case 'month_bulletin':
    case 'week_reporting':
      return answerMetrics(book, asker, intent);
    case 'nodes_overdue':
    case 'nodes_month':
    case 'project_nodes':
      return answerNodes(book, asker, intent);
    case 'red_chart':
      return answerRedChart(book, asker, intent.filter);
  }
}

export type AnswerOptions = {
  /** Where an administrator's "三季度分析" can be sent for approval (the bot in chat); without it they get the cards. */
  publisher?: AnalysisPublisher | null;
};

/** The parsed intent too, for logs and the command line. */
export async function answerQuestion(
  db: Db,
  now: Date,
  asker: Asker,
  text: string,
  nonce: string = newNonce(),
  o: AnswerOptions = {},
): Promise<Answer & { intent: Intent | null }> {
  if (asker.resigned) return { text: texts.resigned, intent: null };
  if (!asker.registered) return { text: texts.notRegistered, intent: null };
  if (!maySeeAnything(asker.visibility)) return { text: texts.noAccess, intent: null };
  const book = await openBook(db, now);
  if (!book) return { text: texts.noRegister, intent: null };
  const intent = parseQuestion(text, book.index);
  return { ...withUnappliedNote(await byIntent(book, asker, intent, nonce, o), intent), intent };
}

/**
 * Whether an answer shows no project data at all (help, thanks, not understood, a refusal before anything was
 * read): only such answers may stay in a group chat; see on-message.
 */
export function answerShowsNoData(intent: Intent | null): boolean {
  return intent === null || intent.kind === 'help' || intent.kind === 'thanks' || intent.kind === 'unknown';
}

/**
 * The status card of one project for a click on a pick list, checked against what the clicker may see. Anything but
 * the card is a refusal (text): a project the clicker may not see gets no card, not even the city totals that a
 * question about it gets, so that the click is answered with an error rather than "sent".
 */
export async function answerProjectClick(db: Db, now: Date, asker: Asker, projectId: number): Promise<Answer> {
  if (asker.resigned) return { text: texts.resigned };
  if (!asker.registered) return { text: texts.notRegistered };
  const book = await openBook(db, now);
  if (!book) return { text: texts.noRegister };
  const p = book.projectById.get(projectId);
  if (p && !maySeeProject(asker.visibility, p)) return { text: refusalTexts.project(p.name, p.unitName) };
  return answerProject(book, asker, projectId);
}
