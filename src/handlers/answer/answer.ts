// A question in chat (or from `diaodu ask`) → an answer: who asks and may see what, what is asked, and the card.
import { randomUUID } from 'node:crypto';
import { renderHelpCard } from '../../../cards/answer/help';
import type { Answer } from './reply';
import type { Db } from '../../db/connect';
import { maySeeAnything, maySeeCity, maySeeProject } from '../../domain/question-access';
import { exportTexts, refusalTexts } from '../../../cards/answer/texts';
import { parseQuestion, type Intent } from '../../domain/question';
import type { Asker } from './asker';
import { type AnswerBook, openBook } from './book';
import { type AnalysisPublisher, answerPeriod } from './analysis';
import { answerBatches } from './batches';
import { answerEvaluation } from './evaluation';
import { answerList } from './list';
import { answerMetrics } from './metrics';
import { moreValue } from '../../../cards/answer/rows';
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

const listOptions = (o: AnswerOptions, nonce: string) => ({ from: o.from, question: o.question, nonce, export: o.export });

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
      // Past the first page, or as a file: the group's laggards, the list the summary card begins.
      if (o.from || o.export) return answerList(book, asker, 'lagging', intent.filter, listOptions(o, nonce));
      return answerSummary(book, asker, intent.filter, o.question ? moreValue(o.question, nonce) : null);
    case 'city':
      if (!maySeeCity(asker.visibility)) return { text: texts.noCityAccess };
      if (o.from || o.export) return answerList(book, asker, 'lagging', {}, listOptions(o, nonce));
      return { card: await renderCity(book, asker, null, o.question ? moreValue(o.question, nonce) : null) };
    case 'list':
      return answerList(book, asker, intent.list, intent.filter, { ...listOptions(o, nonce), lastWeek: intent.lastWeek === true });
    case 'problem':
      return answerProblem(book, asker, intent.id, nonce);
    case 'problems':
      return answerProblems(book, asker, intent, listOptions(o, nonce));
    case 'quarter_analysis':
    case 'year_assessment':
      return answerPeriod(book.db, book.now, asker, intent, o.publisher ?? null);
    case 'batches':
    case 'reserve':
    case 'reserve_short':
      return answerBatches(book, asker, intent, { from: o.from, question: o.question, nonce });
    case 'evaluation':
      return answerEvaluation(book, asker, intent);
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
  /** A list's page from this item on (更多). */
  from?: number;
  /** The whole list as an .xlsx (导出Excel, or a question starting or ending with 导出). */
  export?: boolean;
  /** The question as asked (set by answerQuestion): a list's buttons ask it again. */
  question?: string;
};

/** "导出滞后项目", "滞后项目导出Excel", "下载江北区红灯项目表格": the list asked for as a file. */
const EXPORT_WORD = /^(?:请|帮我)?(?:导出|下载)(?:excel|表格|清单)?|(?:导出|下载)(?:excel|表格|清单)?$|^excel$/iu;

/** The question without its 导出 word, and whether it had one. */
export function exportAsked(text: string): { text: string; export: boolean } {
  const t = text.trim();
  const rest = t.replace(EXPORT_WORD, '').trim();
  return rest === t ? { text: t, export: false } : { text: rest, export: true };
}

/** Kinds whose answer is a list that can be paged and exported. */
const LIST_KINDS = new Set<Intent['kind']>(['list', 'problems', 'summary', 'city']);

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
  const asked = exportAsked(text);
  if (asked.export && asked.text === '') return { text: exportTexts.what, intent: null };
  const intent = parseQuestion(asked.text, book.index);
  const wantFile = asked.export || o.export === true;
  if (wantFile && !LIST_KINDS.has(intent.kind)) return { text: exportTexts.notList, intent };
  return { ...withUnappliedNote(await byIntent(book, asker, intent, nonce, { ...o, export: wantFile, question: asked.text }), intent), intent };
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
