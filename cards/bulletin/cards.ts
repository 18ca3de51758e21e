// The monthly bulletin as Card JSON 2.0: its sections' blocks packed, in order, into as few cards as Feishu's limits
// allow (at most 5 tables, 30 KB and 200 components a card), each card headed "第i/n张" when there are several.
import type { Bulletin } from '../../src/domain/bulletin';
import { asOfText, issueShown, periodText } from './format';
import { type Block, bulletinBlocks, headline } from './sections';
import { bulletinTexts as T } from './texts';
import { card, type Card, type CardElement, text } from '../elements';
import { CARD_MAX_TABLES } from '../limits';
import { renderCardText } from '../text-render';

/** Room under the 30 KB limit for the header and serialisation differences. */
const BYTE_BUDGET = 28 * 1024;
const COMPONENT_BUDGET = 180;

export type BulletinCardOptions = {
  /** The preview sent to administrators for approval: tagged 待审定, with a line saying it is not yet published. */
  draft?: boolean;
  /** A month not published yet shown outside approval (`diaodu bulletin --format card`): only the 期号 marked 拟. */
  provisionalIssue?: boolean;
};

export function bulletinTitle(b: Bulletin): string {
  return b.issue ? `${periodText(b)}${b.issue.title}` : T.title(periodText(b));
}

function build(b: Bulletin, elements: CardElement[], part: number, parts: number, o: BulletinCardOptions): Card {
  return card({
    title: bulletinTitle(b),
    subtitle: b.issue
      ? T.subtitleIssued(issueShown(b.issue, o.draft || o.provisionalIssue), b.issue.office, asOfText(b), part, parts)
      : T.subtitle(asOfText(b), part, parts),
    template: 'blue',
    tags: o.draft ? [{ text: T.draftTag, color: 'orange' }] : [],
    summary: headline(b),
    elements,
  });
}

function measure(elements: CardElement[]): { tables: number; components: number } {
  let tables = 0;
  let components = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.tag === 'string' && o.tag !== 'plain_text' && o.tag !== 'lark_md') components += 1;
    if (o.tag === 'table') tables += 1;
    for (const [k, child] of Object.entries(o)) if (k !== 'chart_spec' && k !== 'rows') walk(child);
  };
  walk(elements);
  return { tables, components };
}

/** Greedy, in reading order: a block goes on the current card if the card stays within every limit, else on a new one. */
function pack(b: Bulletin, blocks: Block[], o: BulletinCardOptions): CardElement[][] {
  const pages: CardElement[][] = [[]];
  for (const block of blocks) {
    const current = pages[pages.length - 1] as CardElement[];
    const tried = [...current, ...block.elements];
    const m = measure(tried);
    // Measured with the longest header it could get ("第99/99张"), so numbering the parts later cannot tip it over.
    const bytes = Buffer.byteLength(JSON.stringify(build(b, tried, 99, 99, o)), 'utf8');
    if (current.length === 0 || (m.tables <= CARD_MAX_TABLES && m.components <= COMPONENT_BUDGET && bytes <= BYTE_BUDGET)) current.push(...block.elements);
    else pages.push([...block.elements]);
  }
  return pages;
}

/** The bulletin as cards, in the order they are to be sent. */
export function renderBulletinCards(b: Bulletin, o: BulletinCardOptions = {}): Card[] {
  const blocks = bulletinBlocks(b);
  if (o.draft) {
    blocks.unshift({
      elements: [text(T.draftNotice, 'grey', 'notation'), ...(b.issue ? [text(T.draftIssueNotice, 'grey', 'notation')] : [])],
    });
  }
  const pages = pack(b, blocks, o);
  return pages.map((elements, i) => build(b, elements, i + 1, pages.length, o));
}

/** The cards as readable text, for `diaodu bulletin --format card` and logs. */
export function bulletinCardsText(b: Bulletin, o: BulletinCardOptions = {}): string {
  return renderBulletinCards(b, o).map(renderCardText).join('\n\n');
}
