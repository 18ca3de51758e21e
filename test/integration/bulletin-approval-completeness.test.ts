// The approval card's line on month-end figures (issue 16, item 1): how many projects gave their month-end figure,
// the units that did not, and — below the setting bulletin.monthEndComplete, while the draft awaits approval — the
// 催报 button naming them. The card as approval gives it (approvalCardOf: the setting read from the database).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalCardOf } from '../../src/bulletin/publish/messages';
import type { BulletinRow } from '../../src/bulletin/publish/store';
import { serializeSnapshot } from '../../src/domain/bulletin-snapshot';
import type { Bulletin } from '../../src/domain/bulletin';
import { saveSetting } from '../../src/db/settings';
import { sampleBulletin } from '../fixtures/bulletin-sample';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';
import { cardButtons, cardText } from '../helpers/round';

const UNITS = ['市交通运输局', '市住建局', '江北区发改局', '青河县发改局'];

/** Ten projects; the first `missing` of them lack their month-end figure (estimated, or no figure at all). */
function bulletinWith(missing: number): Bulletin {
  const b = sampleBulletin();
  const table = b.table.slice(0, 10).map((r, i) => ({
    ...r,
    unit: UNITS[i % UNITS.length]!,
    estimated: i < missing && i % 2 === 0,
    completedWan: i < missing && i % 2 === 1 ? null : (r.completedWan ?? 100),
  }));
  return { ...b, table };
}

const rowOf = (b: Bulletin, status: BulletinRow['status'] = 'draft'): BulletinRow => ({
  id: 41,
  month: b.month,
  kind: 'month',
  status,
  snapshot: serializeSnapshot(b),
  composed_at: '2026-11-09T01:00:00.000Z',
  decided_by: null,
  decided_by_name: status === 'draft' ? null : '金俊杰',
  decided_at: status === 'draft' ? null : '2026-11-09T02:00:00.000Z',
  note: null,
});

describe.each(engines)('the month-end line of the approval card on %s', (engine) => {
  let t: TestDatabase;
  const groups = [{ chatId: 'oc_1', name: '重点项目调度群' }];
  const urge = (card: unknown) => cardButtons(card).filter((x) => x.value.kind === 'bulletin_urge');

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect((await saveSetting(t.db, 'bulletin.monthEndComplete', 80, 'test', new Date('2026-11-01T00:00:00Z'))).ok).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('every figure given: "均已填报", no units named, no 催报', async () => {
    const card = await approvalCardOf(t.db, rowOf(bulletinWith(0)), groups);
    expect(cardText(card)).toContain('月末数：10个项目均已填报月底累计完成投资。');
    expect(cardText(card)).not.toContain('未填报月末数的单位');
    expect(urge(card)).toEqual([]);
  });

  it('90% given with the threshold at 80%: the line and the unit, but no 催报', async () => {
    const card = await approvalCardOf(t.db, rowOf(bulletinWith(1)), groups);
    expect(cardText(card)).toContain('月末数：10个项目中9个已填报月底累计完成投资（90%），1个未填报。');
    expect(cardText(card)).toContain('未填报月末数的单位：市交通运输局（1个）。');
    expect(urge(card)).toEqual([]);
  });

  it('70% given: the units missing are named and 催报 is offered, below 80%', async () => {
    const card = await approvalCardOf(t.db, rowOf(bulletinWith(3)), groups);
    const text = cardText(card);
    expect(text).toContain('月末数：10个项目中7个已填报月底累计完成投资（70%），3个未填报。');
    expect(text).toContain('未填报月末数的单位：市交通运输局（1个）、市住建局（1个）、江北区发改局（1个）。');
    expect(text).toContain('月末数填报完整度低于80%（bulletin.monthEndComplete），建议先催报');
    expect(urge(card)).toHaveLength(1);
    expect(urge(card)[0]!.value).toEqual({ kind: 'bulletin_urge', bulletinId: 41 });
  });

  it('once published, the line stays but 催报 is no longer offered', async () => {
    const card = await approvalCardOf(t.db, rowOf(bulletinWith(3), 'published'), groups);
    expect(cardText(card)).toContain('10个项目中7个已填报');
    expect(urge(card)).toEqual([]);
  });

  it('with the threshold at the default 100%, 90% given offers 催报', async () => {
    expect((await saveSetting(t.db, 'bulletin.monthEndComplete', 100, 'test', new Date('2026-11-02T00:00:00Z'))).ok).toBe(true);
    expect(urge(await approvalCardOf(t.db, rowOf(bulletinWith(1)), groups))).toHaveLength(1);
  });
});
