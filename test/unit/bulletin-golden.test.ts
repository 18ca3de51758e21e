// Snapshots published before the bulletin carried its 期号, 发文单位 and 落款 (snapshot version 1) re-render byte for
// byte: the text and every card of two v1 snapshots, rendered by the program of that time, are kept under
// test/fixtures/golden/ and the current renderer must give exactly them. October is a real composition of the
// hand-worked plan year (test/fixtures/bulletin-world.ts); "long" has 300 laggards, so its cards run over several.
// The card files were regenerated once when the cards took their phone layout (issue 18: at most three narrow columns,
// the wider tables as one item a block); every figure of the earlier cards is in them, only the layout changed. The
// text files were not touched.
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

  it('gives the text it gave when it was published', () => {
    expect(bulletinText(b)).toBe(read(`${name}-v1.text.txt`));
  });

  it('gives the cards it gave when it was published, byte for byte', () => {
    expect(`${JSON.stringify(renderBulletinCards(b), null, 1)}\n`).toBe(read(`${name}-v1.cards.json`));
    expect(`${JSON.stringify(renderBulletinCards(b, { draft: true }), null, 1)}\n`).toBe(read(`${name}-v1.draft-cards.json`));
  });
});
