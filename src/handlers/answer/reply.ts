// What a question gets back: a card, or (for thanks and the like) a line of text.
import type { Card } from '../../../cards/elements';
import type { ExportFile } from './export';

/**
 * `more`: further cards of the same answer (a long analysis), sent after the first in order. `lists`: for 「填报」, the
 * round's list card each card (first, then more) is, so that once sent it is updated when the unit saves a project.
 */
export type Answer =
  | { card: Card; more?: Card[]; lists?: Array<{ periodId: number; unitId: number }> }
  /** `file`: 导出Excel, the whole list as a workbook, sent to the asker after the text. */
  | { text: string; file?: ExportFile };
