// What a question gets back: a card, or (for thanks and the like) a line of text.
import type { Card } from '../../cards/elements';

export type Answer = { card: Card } | { text: string };
