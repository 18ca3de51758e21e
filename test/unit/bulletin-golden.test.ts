// Snapshots published before the bulletin carried its 期号, 发文单位 and 落款 (snapshot version 1), re-rendered today.
// October is a real composition of the hand-worked plan year (test/fixtures/bulletin-world.ts); "long" has 300
// laggards, so its cards run over several. What is kept under test/fixtures/golden/ and how strictly:
//
// - Byte for byte, never regenerated: the JSON (the bulletin in *-v1.snapshot.json, as `diaodu bulletin --format json`
//   prints it once the snapshot is read back) and the text (*-v1.text.txt). They are the record of what the office
//   issued: the text is what was signed and filed, the JSON the figures that later comparisons (环比, 更正) and any
//   export read, so a re-render must say exactly what was published, in the words of that time.
// - The current card layout: the cards (*-v1.cards.json, *-v1.draft-cards.json). A card is only how Feishu shows the
//   bulletin in a chat; it is re-rendered whenever it is sent again, and must then follow the card rules of the day.
//   These files pin that layout for v1 snapshots, so a change to it is seen and reviewed here, and their figures and
//   words are the text's. They were regenerated twice: when the cards took their phone layout (issue 18: at most three
//   narrow columns, the wider tables as one item a block), and when a continuation line stopped carrying markdown in a
//   plain_text element (issue 16: "long" read `**五、未达序时进度项目清单**（续）`, now `五、未达序时进度项目清单（续）`;
//   only long-v1's two card files changed). The snapshot and text files were never touched.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBulletinCards } from '../../cards/bulletin/cards';
import { bulletinText } from '../../src/bulletin/render/text';
import { parseSnapshot } from '../../src/domain/bulletin-snapshot';

const dir = join(import.meta.dirname, '../fixtures/golden');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

describe.each(['october', 'long'])('the v1 snapshot "%s" re-rendered', (name) => {
  const b = parseSnapshot(read(`${name}-v1.snapshot.json`));

  it('gives the JSON it was published with (what `diaodu bulletin --format json` prints), byte for byte', () => {
    const stored = (JSON.parse(read(`${name}-v1.snapshot.json`)) as { bulletin: unknown }).bulletin;
    expect(JSON.stringify(b, null, 2)).toBe(JSON.stringify(stored, null, 2));
  });

  it('gives the text it gave when it was published', () => {
    expect(bulletinText(b)).toBe(read(`${name}-v1.text.txt`));
  });

  it('gives the cards of the current layout, as pinned in the golden card files', () => {
    expect(`${JSON.stringify(renderBulletinCards(b), null, 1)}\n`).toBe(read(`${name}-v1.cards.json`));
    expect(`${JSON.stringify(renderBulletinCards(b, { draft: true }), null, 1)}\n`).toBe(read(`${name}-v1.draft-cards.json`));
  });
});
