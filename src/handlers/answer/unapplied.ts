// What a question asked that its answer does not apply, said at the top of the answer ("未按“10月”筛选：…"), and
// a title no leader holds.
import { pickTexts } from '../../../cards/answer/texts';
import { text as textElement } from '../../../cards/elements';
import type { Intent, Unapplied } from '../../domain/question';
import type { AnswerBook } from './book';
import type { Answer } from './reply';

export function unappliedLines(u: readonly Unapplied[]): string {
  return u.map((x) => pickTexts.unapplied(x.word, x.why)).join('\n');
}

/** The answer with a line for each word it did not apply: first in a card, before the text of a text answer. */
export function withUnappliedNote(answer: Answer, intent: Intent): Answer {
  const u = 'unapplied' in intent ? intent.unapplied : undefined;
  if (!u?.length) return answer;
  const note = unappliedLines(u);
  if ('text' in answer) return { ...answer, text: `${note}\n${answer.text}` }; // an export keeps its file
  const card = { ...answer.card, body: { elements: [textElement(note, 'grey'), ...answer.card.body.elements] } };
  return { ...answer, card };
}

export function noLeaderText(book: AnswerBook, intent: Extract<Intent, { kind: 'no_leader' }>): string {
  const holders = intent.holders.map((id) => book.index.names.leader.get(id) ?? '').filter(Boolean);
  return pickTexts.noLeader(intent.surname, intent.title, holders.join('、'));
}
