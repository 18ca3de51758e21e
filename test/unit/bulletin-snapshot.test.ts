// The stored bulletin snapshot (src/domain/bulletin-snapshot.ts): written as { version, bulletin }, read back only
// through the Bulletin schema, so an old or damaged snapshot is refused by name instead of pretending to be a Bulletin.
import { describe, expect, it } from 'vitest';
import { parseSnapshot, SNAPSHOT_VERSION, SnapshotError, serializeSnapshot } from '../../src/domain/bulletin-snapshot';
import { sampleBulletin } from '../fixtures/bulletin-sample';

describe('the bulletin snapshot', () => {
  it('round-trips the sample bulletin, and serialising what was read gives the same text byte for byte', () => {
    const b = sampleBulletin();
    const text = serializeSnapshot(b);
    // Without 期号 it is a bulletin of version 1 and is stored as one.
    expect(JSON.parse(text)).toEqual({ version: 1, bulletin: JSON.parse(JSON.stringify(b)) });
    const back = parseSnapshot(text);
    expect(back).toEqual(b);
    expect(serializeSnapshot(back)).toBe(text);
  });

  it('stores a bulletin with 期号 as version 2, with its 环比 and the week and day of each estimate, byte for byte', () => {
    const base = sampleBulletin();
    const b = {
      ...base,
      issue: { office: '市重点项目建设工作领导小组办公室', title: '全市重点项目建设情况通报', year: 2026, number: 10, date: '2026-11-10' },
      change: { previousMonth: '2026-09', completionRate: 70.5, gapPoints: -4.5, newLaggards: [{ code: 'JB-1', name: '甲项目', light: 'red' as const }] },
      table: base.table.map((r, i) => (i === 0 ? { ...r, estimated: true, estimatedFrom: { week: '2026-W43', date: '2026-10-22' } } : r)),
    };
    const text = serializeSnapshot(b);
    expect(JSON.parse(text).version).toBe(SNAPSHOT_VERSION);
    expect(SNAPSHOT_VERSION).toBe(2);
    const back = parseSnapshot(text);
    expect(back).toEqual(b);
    expect(serializeSnapshot(back)).toBe(text);
  });

  it('reads version 1 on purpose: fields of version 2 in it are dropped; a version 2 without 期号 is refused', () => {
    const b = sampleBulletin();
    const v1 = JSON.stringify({ version: 1, bulletin: { ...b, issue: { office: '某办', title: '通报', year: 2026, number: 1, date: '2026-11-10' } } });
    expect('issue' in parseSnapshot(v1)).toBe(false);
    expect(() => parseSnapshot(JSON.stringify({ version: 2, bulletin: b }))).toThrow('通报快照（第2版）不合格：缺少字段 issue');
  });

  it('keeps the optional fields absent when they were absent, and present when present', () => {
    const b = sampleBulletin();
    const { timeProgressBasis: _, countyOrder: __, ...bare } = b;
    const back = parseSnapshot(serializeSnapshot(bare));
    expect('timeProgressBasis' in back || 'countyOrder' in back).toBe(false);
    const full = parseSnapshot(serializeSnapshot({ ...b, countyOrder: 'lowest_first', timeProgressBasis: '按整月计算' }));
    expect([full.countyOrder, full.timeProgressBasis]).toEqual(['lowest_first', '按整月计算']);
  });

  it('reads a snapshot written before versions (the bare Bulletin) as version 1', () => {
    const b = sampleBulletin();
    const legacy = JSON.stringify(b);
    expect(parseSnapshot(legacy)).toEqual(b);
    // The CLI's --format json (indented) is the same bare form.
    expect(parseSnapshot(JSON.stringify(b, null, 2))).toEqual(b);
    // A legacy snapshot is checked like any version 1 snapshot.
    const { planVersion: _, ...old } = b;
    expect(() => parseSnapshot(JSON.stringify(old))).toThrow('通报快照（第1版）不合格：缺少字段 planVersion');
  });

  it('refuses a version it does not know, saying which', () => {
    const future = JSON.stringify({ version: 3, bulletin: sampleBulletin() });
    expect(() => parseSnapshot(future)).toThrow(SnapshotError);
    expect(() => parseSnapshot(future)).toThrow('通报快照的版本 3 无法识别：本程序只能读取第1、2版，请升级程序后再读取');
    expect(() => parseSnapshot(JSON.stringify({ version: 'v1', bulletin: sampleBulletin() }))).toThrow('通报快照的版本 "v1" 无法识别');
  });

  it('refuses a snapshot missing a required field, naming the field by its path', () => {
    const b = sampleBulletin();
    const { composedAt: _, ...noComposedAt } = b;
    expect(() => parseSnapshot(JSON.stringify({ version: 1, bulletin: noComposedAt }))).toThrow('通报快照（第1版）不合格：缺少字段 composedAt');

    const table = b.table.map((r, i) => (i === 2 ? { ...r, estimated: undefined } : r));
    expect(() => parseSnapshot(JSON.stringify({ version: 1, bulletin: { ...b, table } }))).toThrow('缺少字段 table[2].estimated');

    const { rounds: __, ...timeliness } = b.timeliness; // rounds came later: optional, so its absence is fine
    expect(parseSnapshot(JSON.stringify({ version: 1, bulletin: { ...b, timeliness } })).timeliness).toEqual(timeliness);

    expect(() => parseSnapshot(JSON.stringify({ version: 1 }))).toThrow('通报快照（第1版）缺少字段 bulletin');
  });

  it('refuses a field of the wrong kind, naming it', () => {
    const b = sampleBulletin();
    const counties = b.counties.map((c, i) => (i === 1 ? { ...c, completedWan: '106500' } : c));
    expect(() => parseSnapshot(JSON.stringify({ version: 1, bulletin: { ...b, counties } }))).toThrow(/字段 counties\[1\]\.completedWan 无效：/);
    const lagging = b.lagging.map((l, i) => (i === 0 ? { ...l, light: 'blue' } : l));
    expect(() => parseSnapshot(JSON.stringify({ version: 1, bulletin: { ...b, lagging } }))).toThrow(/字段 lagging\[0\]\.light 无效：/);
  });

  it('refuses what is not a snapshot at all', () => {
    expect(() => parseSnapshot('{"month":')).toThrow('通报快照不是有效的 JSON');
    expect(() => parseSnapshot('[]')).toThrow('通报快照不是 JSON 对象');
    expect(() => parseSnapshot('null')).toThrow('通报快照不是 JSON 对象');
  });

  it('drops a field the schema does not know, at every depth, on reading and on writing', () => {
    const b = sampleBulletin();
    const padded = {
      ...b,
      secretNote: '不应出现',
      starts: { ...b.starts, extra: 1 },
      table: b.table.map((r) => ({ ...r, internalId: 42 })),
    };
    const text = JSON.stringify({ version: 1, bulletin: padded });
    const back = parseSnapshot(text);
    expect(back).toEqual(b);
    expect('secretNote' in back).toBe(false);
    expect('extra' in back.starts).toBe(false);
    expect(back.table.every((r) => !('internalId' in r))).toBe(true);
    expect(parseSnapshot(JSON.stringify(padded))).toEqual(b); // a legacy snapshot too
    // Writing strips it as well, so a stored snapshot never carries it.
    expect(serializeSnapshot(padded as typeof b)).toBe(serializeSnapshot(b));
  });

  it('refuses to write a bulletin that could not be read back', () => {
    const b = sampleBulletin();
    expect(() => serializeSnapshot({ ...b, completedWan: Number.NaN })).toThrow('字段 completedWan 无效');
  });
});
