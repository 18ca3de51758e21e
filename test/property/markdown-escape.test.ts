// Names from the register and text from reports inside card markdown (issue 17): whatever a county, unit, person or
// reporter is called, escapeMd's output is shown as typed — it can never become an @mention (a group card would
// @everyone), a link, a colour or bold — in Feishu's markdown or in the sandbox console's renderer, and the terminal
// reads it back unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMd } from '../../cards/elements';
import { markdownToText } from '../../cards/text-render';
import { withoutControlChars } from '../../src/domain/plain-text';
// @ts-expect-error the console is plain browser JavaScript, without types
import { inline } from '../../console/markdown.js';

const RUNS = { numRuns: 3000 };
/** Pieces of Feishu card markdown, so that generated strings are mostly near-misses of real syntax. */
const PIECES = [
  '<at id=all></at>',
  '<at id="all">',
  '<at user_id="ou_1"></at>',
  '</at>',
  '<font color="red">',
  '</font>',
  '<text_tag color=red>',
  '<a href="https://x.cn">',
  '<link url="https://x.cn">',
  '[点此](https://x.cn)',
  'https://x.cn',
  '**',
  '*',
  '~~',
  '`',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '&',
  '&#60;',
  '&lt;',
  '\\',
  '#',
  '- ',
  '1. ',
  '\n',
  '\t',
  '\u0000',
  '\u0001',
  '\u0002',
  ':OK:',
  '青河县',
  '人民政府',
  ' ',
];
const mdish = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((a) => a.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** What the escaped text must never contain: the openings of a mention, a tag, a link or emphasis. */
const SYNTAX = /<|>|\]\(|\*\*|~~|`|:\/\/|\[|\]/;

describe('escapeMd', () => {
  it('leaves no markdown or Feishu tag syntax in its output', () => {
    fc.assert(
      fc.property(mdish, (s) => {
        expect(escapeMd(s)).not.toMatch(SYNTAX);
        // No control characters either: the console uses \u0001 and \u0002 as its own placeholders.
        expect(escapeMd(s)).toBe(withoutControlChars(escapeMd(s)));
      }),
      RUNS,
    );
  });

  it('reads back as typed (less control characters) in the terminal rendering', () => {
    fc.assert(
      fc.property(mdish, (s) => {
        expect(markdownToText(escapeMd(s))).toBe(withoutControlChars(s));
      }),
      RUNS,
    );
  });

  it('renders in the sandbox console as text: no mention, link, colour, emphasis or code', () => {
    fc.assert(
      fc.property(mdish, (s) => {
        const html = inline(escapeMd(s)) as string;
        expect(html).not.toMatch(/<a |class="at"|<span|<strong|<em|<del|<code/);
      }),
      RUNS,
    );
  });

  it('keeps a county named like a mention readable in the console', () => {
    expect(inline(`**县区：**${escapeMd('<at id=all></at>')}`)).toBe('<strong>县区：</strong>&#60;at id=all&#62;&#60;/at&#62;');
  });
});
