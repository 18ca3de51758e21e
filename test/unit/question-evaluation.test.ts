// 综合评价 asked in chat about one county or unit, against the sample register: the name read as any question's names
// are (full names, aliases, a short name or 市交通局 as all that is left), the half kept, and words naming no county or
// unit said so with the nearest names, never answered with the whole ranking.
import { beforeAll, describe, expect, it } from 'vitest';
import type { NameIndex } from '../../src/domain/name-index';
import { parseQuestion } from '../../src/domain/question';
import { sampleIndex } from '../helpers/question-index';

let index: NameIndex;
beforeAll(async () => {
  index = await sampleIndex();
});

const idOf = (type: 'county' | 'unit', name: string) => {
  const hit = [...index.names[type]].find(([, n]) => n === name);
  if (!hit) throw new Error(`no ${type} ${name} in the sample register`);
  return hit[0];
};
const ask = (text: string) => parseQuestion(text, index);
const about = (type: 'county' | 'unit', name: string, year: number | null = null, half: 1 | 2 | null = null) => ({
  kind: 'evaluation',
  year,
  half,
  subject: { type, id: idOf(type, name) },
});

describe('one county or unit named', () => {
  it('a unit by its full name, an alias, 市交通局 for 市交通运输局, with the half and the words of asking around it', () => {
    expect(ask('市教育局综合评价')).toEqual(about('unit', '市教育局'));
    expect(ask('教育局综合评价')).toEqual(about('unit', '市教育局'));
    expect(ask('市教育局的综合评价情况')).toEqual(about('unit', '市教育局'));
    expect(ask('2026年上半年市教育局综合评价排名')).toEqual(about('unit', '市教育局', 2026, 1));
    expect(ask('市教育局综合评价为什么排第几')).toEqual(about('unit', '市教育局'));
    expect(ask('请查看一下市教育局下半年综合评价得分')).toEqual(about('unit', '市教育局', null, 2));
    expect(ask('市交通局综合评价')).toEqual(about('unit', '市交通运输局'));
    expect(ask('青河县政府综合评价')).toEqual(about('unit', '青河县人民政府'));
    expect(ask('青河县人民政府上半年综合评价')).toEqual(about('unit', '青河县人民政府', null, 1));
  });

  it('a county by its full name or its short name alone', () => {
    expect(ask('青河县上半年综合评价')).toEqual(about('county', '青河县', null, 1));
    expect(ask('青河综合评价')).toEqual(about('county', '青河县'));
    expect(ask('2026年下半年江北区综合评价排序')).toEqual(about('county', '江北区', 2026, 2));
  });

  it('no name: the whole ranking, as before', () => {
    expect(ask('上半年综合评价')).toEqual({ kind: 'evaluation', year: null, half: 1 });
    expect(ask('2026年下半年综合评价排序')).toEqual({ kind: 'evaluation', year: 2026, half: 2 });
    expect(ask('综合评价')).toEqual({ kind: 'evaluation', year: null, half: null });
    expect(ask('综合评价排名情况')).toEqual({ kind: 'evaluation', year: null, half: null });
  });
});

describe('words that name no county or unit', () => {
  it('a slip is offered the nearest county and unit names, not answered with the whole ranking', () => {
    const slip = ask('市教肓局综合评价');
    expect(slip).toMatchObject({ kind: 'evaluation', unmatched: { query: '市教肓局' } });
    expect(slip.kind === 'evaluation' && slip.unmatched?.near[0]).toBe('市教育局');
    const county = ask('青和县上半年综合评价');
    expect(county).toMatchObject({ kind: 'evaluation', half: 1, unmatched: { query: '青和县' } });
    expect(county.kind === 'evaluation' && county.unmatched?.near).toContain('青河县');
  });

  it('a name like none of them is said unknown with no suggestion', () => {
    expect(ask('火星探测基地综合评价')).toEqual({ kind: 'evaluation', year: null, half: null, unmatched: { query: '火星探测基地', near: [] } });
  });

  it('a category or a leader is said not ranked; a county and a unit together are asked one at a time', () => {
    expect(ask('产业项目综合评价')).toMatchObject({ kind: 'evaluation', unmatched: { query: '产业项目', near: [], why: 'not_ranked' } });
    expect(ask('市教育局产业项目综合评价')).toMatchObject({ kind: 'evaluation', unmatched: { query: '产业项目', why: 'not_ranked' } });
    expect(ask('郭凤英综合评价')).toMatchObject({ kind: 'evaluation', unmatched: { query: '郭凤英', why: 'not_ranked' } });
    expect(ask('青河县市教育局综合评价')).toMatchObject({ kind: 'evaluation', unmatched: { query: '青河县、市教育局', why: 'several' } });
  });
});
