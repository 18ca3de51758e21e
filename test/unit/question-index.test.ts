// The matching under the questions: codes, scattered characters, typos, pinyin initials with polyphones, aliases.
import { describe, expect, it } from 'vitest';
import { buildNameIndex, initialsOf, normalizeText, parseProjectCode } from '../../src/domain/name-index';
import { fragmentDistance, initialsMatch, likeness, scatteredSpan, typoAllowance } from '../../src/domain/name-index-match';

describe('name matching', () => {
  it('normalises full-width characters, case, spaces and brackets away', () => {
    expect(normalizeText(' 云溪流域生态修复工程（江南区段） ')).toBe('云溪流域生态修复工程江南区段');
    expect(normalizeText('ＬＪ２０２６－０１４')).toBe('lj2026014');
  });

  it('reads project codes in the shapes people type them', () => {
    expect(parseProjectCode('LJ2026-014')).toEqual({ prefix: 'lj', year: 2026, seq: 14 });
    expect(parseProjectCode('2026014')).toEqual({ prefix: '', year: 2026, seq: 14 });
    expect(parseProjectCode('2203-330100-04-01-123456')).toBeNull();
  });

  it('finds characters left out in between, within a bounded stretch', () => {
    expect(scatteredSpan('污水厂', '城区污水处理厂及配套管网工程')).toBe(5);
    expect(scatteredSpan('污厂', '污水处理及配套管网工程')).toBeNull();
  });

  it('counts the edits from a fragment to the closest stretch of a name', () => {
    expect(fragmentDistance('安置房二期', '江南区老城棚户区改造安置房二期')).toBe(0);
    expect(fragmentDistance('安置房二其', '江南区老城棚户区改造安置房二期')).toBe(1);
    expect(fragmentDistance('火车站三期', '安置房二期', 1)).toBeGreaterThan(1);
    expect([typoAllowance(3), typoAllowance(4), typoAllowance(8)]).toEqual([0, 1, 2]);
  });

  it('reads pinyin initials, any reading of a polyphone counting', () => {
    const key = normalizeText('江南区老城棚户区改造安置房二期');
    expect(
      initialsOf(key)
        .map((s) => s[0])
        .join(''),
    ).toBe('jnqlcphqgzazfeq');
    expect(initialsMatch('azfeq', initialsOf(key))).toBe(true);
    // 重 is zhong in 重点 but chong in 重庆: both readings count.
    expect(initialsMatch('zd', initialsOf('重点工程'))).toBe(true);
    expect(initialsMatch('cq', initialsOf('重庆路改造'))).toBe(true);
    expect(initialsMatch('zq', initialsOf('重庆路改造'))).toBe(true);
  });

  it('rates how alike a name is, for the closest names', () => {
    expect(likeness('江被区', '江北区')).toBeCloseTo(2 / 3);
    expect(likeness('今天天气', '江北区城区污水处理厂')).toBeLessThan(0.5);
  });

  it('builds aliases: short county names are weak, leader titles and unit short forms strong, shared ones dropped', () => {
    const index = buildNameIndex({
      projects: [],
      counties: [
        { id: 1, name: '江北区' },
        { id: 2, name: '临江新区' },
      ],
      categories: [{ id: 1, name: '产业项目' }],
      units: [
        { id: 1, name: '江北区人民政府' },
        { id: 2, name: '市交通运输局' },
      ],
      leaders: [
        { id: 7, name: '赵欣怡', title: '副市长' },
        { id: 8, name: '赵学军', title: '市人大常委会副主任' },
        { id: 9, name: '赵明', title: '副市长' },
      ],
    });
    const alias = (text: string) => index.aliases.find((a) => a.text === text);
    expect(alias('江北')).toMatchObject({ type: 'county', id: 1, strong: false });
    expect(alias('临江')).toBeUndefined();
    expect(alias('产业')).toMatchObject({ type: 'category', strong: false });
    expect(alias('江北区政府')).toMatchObject({ type: 'unit', id: 1, strong: true });
    expect(alias('交通运输局')).toMatchObject({ type: 'unit', id: 2, strong: true });
    expect(alias('赵主任')).toMatchObject({ type: 'leader', id: 8, strong: true });
    expect(alias('赵市长')).toBeUndefined(); // two 赵 副市长: the title names neither
    expect(index.aliases.map((a) => a.text.length)).toEqual([...index.aliases.map((a) => a.text.length)].sort((a, b) => b - a));
  });
});
