// What a question gets back: a card, or (for thanks and the like) a line of text.
import type { Card } from '../../../cards/elements';

/** `more`: further cards of the same answer (a long analysis), sent after the first in order. */
export type Answer = { card: Card; more?: Card[] } | { text: string };
