// Honest matching against the sample register: a project card only for a project surely named; names only alike are
// offered ("maybe"), a county or unit asked with a name narrows it or is said to have none; leaders by title, "我们单位",
// a code's serial, the 新开工/竣工 lists, and periods the answers do not apply.
import { beforeAll, describe, expect, it } from 'vitest';
import type { NameIndex } from '../../src/domain/name-index';
import { type Intent, parseQuestion } from '../../src/domain/question';
import { sampleLookup } from '../fixtures/sample-lookup';
import { sampleIndex } from '../helpers/question-index';

const S = await sampleLookup();
let index: NameIndex;
beforeAll(async () => {
  index = await sampleIndex();
});

const codeOf = (id: number) => index.byId.get(id)?.code ?? `#${id}`;
const nameId = (type: 'county' | 'unit' | 'leader', name: string) => [...index.names[type]].find(([, n]) => n === name)![0];
const ask = (q: string): Intent => parseQuestion(q, index);
const codesOf = (i: Intent) => ('projectIds' in i ? i.projectIds.map(codeOf).sort() : 'projectId' in i ? [codeOf(i.projectId)] : []);

describe('a project card only for a project surely named', () => {
  // [question, the one project it surely names]
  const SURE: Array<[string, string]> = [
    ['LJ2026-014', 'LJ2026-014'],
    ['lj2026-014的进展', 'LJ2026-014'],
    [S.byCode('LJ2026-030').name, 'LJ2026-030'],
    [`${S.byCode('LJ2026-030').name}进展怎么样`, 'LJ2026-030'],
    ['宏达新能源', S.codesContaining('宏达新能源')[0]!],
    ['hdxny', S.codesContaining('宏达新能源')[0]!],
    ['云台县污水厂', S.codesContaining('污水处理厂', '云台县')[0]!],
    // one slip in six or more characters
    ['东阳县西园湿地公圆', S.project('东阳县西园湿地公园').code],
    ['金桥生物医要', S.codesContaining('金桥生物医药')[0]!],
    ['石门县河西实验学校新建公程', S.project('石门县河西实验学校新建工程').code],
    // a code's serial
    ['014', 'LJ2026-014'],
    ['14号项目', 'LJ2026-014'],
    ['第14个项目', 'LJ2026-014'],
    ['第014号项目进展', 'LJ2026-014'],
    ['99号', 'LJ2026-099'],
    // a figure word the card answers anyway, and 什么 (「…现在什么进度」)
    [`${S.byCode('LJ2026-030').name}完成率`, 'LJ2026-030'],
    [`${S.byCode('LJ2026-030').name}完成投资多少`, 'LJ2026-030'],
    [`${S.byCode('LJ2026-030').name}现在什么进度`, 'LJ2026-030'],
  ];
  it.each(SURE)('%s → its card', (q, code) => {
    const i = ask(q);
    expect(i.kind, q).toBe('project');
    expect(codesOf(i)).toEqual([code]);
  });

  // Names only alike: never a card, always offered as choices (or nothing found).
  const NEAR: Array<[string, string[]]> = [
    // one character off a short fragment: 临江 is not 滨江
    ['临江大道', S.codesContaining('滨江大道')],
    ['滨江大到', S.codesContaining('滨江大道')],
    // a numeral changed: 三期 is not 二期
    ['东阳县安置房三期', S.codesContaining('安置房二期', '东阳县')],
    ['东关棚户区改造安置房三期', S.codesContaining('东关棚户区改造安置房二期')],
    // characters in another order, two slips
    ['宏达新能源池电生产基地', S.codesContaining('宏达新能源电池生产基地')],
    ['金桥物生医药生产基地', S.codesContaining('金桥生物医药生产基地')],
    // characters far apart (东 of 东阳县, then 府路), as 东环路 for 东阳县环城北路
    ['东府路', S.codesContaining('东阳县学府路')],
    ['东环路', []],
  ];
  it.each(NEAR)('%s → offered, never a card', (q, codes) => {
    const i = ask(q);
    expect(['maybe', 'not_found', 'unknown'], `${q}: ${JSON.stringify(i)}`).toContain(i.kind);
    if (codes.length) {
      expect(i.kind).toBe('maybe');
      expect(codesOf(i)).toEqual(expect.arrayContaining(codes));
    }
  });

  // A bare small number or 「第3个」 may answer a ranking just shown: the project is offered, not asserted.
  it.each(['14', '第14个', '3'])('%s → the serial offered, not asserted', (q) => {
    const i = ask(q);
    expect(i.kind, JSON.stringify(i)).toBe('maybe');
    expect(codesOf(i)).toEqual([`LJ2026-${q.replace(/\D/gu, '').padStart(3, '0')}`]);
  });

  // A title no leader holds is said so, whatever is asked of it (not answered for the whole city).
  it.each(['张副市长本月完成率', '张副市长的项目完成率最低的5个', '张副市长上周报送情况', '张副市长一共有多少个项目'])('%s → no such leader', (q) => {
    expect(ask(q).kind).toBe('no_leader');
  });

  it('says how a project was found, a serial among the ways', () => {
    const i = ask('014');
    expect(i).toMatchObject({ kind: 'project', via: 'serial' });
  });

  it('a serial that several codes share is a pick, one that none has is no project', () => {
    const i = ask('第1000号');
    expect(i.kind).not.toBe('project');
  });
});

describe('every qualifier narrows the answer or is said', () => {
  it('江北区安置房二期 is the 江北区 project only', () => {
    const i = ask('江北区安置房二期');
    expect(codesOf(i)).toEqual(S.codesContaining('安置房二期', '江北区'));
    expect(i.kind).toBe('project');
  });

  it('a county’s short name before a name narrows it too (江北安置房二期)', () => {
    const i = ask('江北安置房二期');
    expect(i.kind).toBe('project');
    expect(codesOf(i)).toEqual(S.codesContaining('安置房二期', '江北区'));
  });

  it('a county without the name: none of its projects, the others offered as from elsewhere', () => {
    const county = S.projects.map((p) => p.county).find((c) => !S.codesContaining('体育中心', c).length && c !== '市直')!;
    const i = ask(`${county}体育中心`);
    expect(i).toMatchObject({ kind: 'maybe', query: '体育中心', outside: { county: nameId('county', county) } });
    expect(codesOf(i)).toEqual([...S.codesContaining('体育中心')].sort());
  });

  it('a county one character off another county in a name is not that other county (江北区体育中心 ≠ 江南区体育中心)', () => {
    const i = ask('江北区体育中心');
    expect(i.kind).not.toBe('project');
  });

  it('a unit asked with a name narrows it', () => {
    const p = S.projects.find((x) => x.name.includes('污水处理厂'))!;
    const others = S.projects.filter((x) => x.name.includes('污水处理厂') && x.unit !== p.unit);
    expect(others.length).toBeGreaterThan(0);
    const i = ask(`${p.unit}的污水处理厂`);
    const mine = S.projects.filter((x) => x.name.includes('污水处理厂') && x.unit === p.unit).map((x) => x.code);
    expect(codesOf(i)).toEqual(mine.sort());
  });

  it('a month or 上周 asked with a list or a county is said not applied; 本周 and 今年 are what answers are', () => {
    expect(ask('10月红灯项目')).toMatchObject({ kind: 'list', list: 'red', unapplied: [{ word: '10月' }] });
    expect(ask('截至10月底江北区进度')).toMatchObject({ kind: 'summary', unapplied: [{ word: '截至10月底' }] });
    expect(ask('上周滞后项目')).toMatchObject({ kind: 'list', list: 'lagging', unapplied: [{ word: '上周' }] });
    expect(ask('本周红灯项目')).not.toHaveProperty('unapplied');
    expect(ask('今年江北区进度')).not.toHaveProperty('unapplied');
    expect(ask('LJ2026-014 10月进展')).toMatchObject({ kind: 'project', unapplied: [{ word: '10月' }] });
  });

  it('a unit or 我包联的 with a question answered by county only is said not applied; the county is applied', () => {
    expect(ask('市水利局逾期节点')).toMatchObject({ kind: 'nodes_overdue', county: null, unapplied: [{ word: '市水利局' }] });
    expect(ask('我包联的逾期节点')).toMatchObject({ kind: 'nodes_overdue', unapplied: [{ word: '我包联的' }] });
    const jb = ask('江北区逾期节点');
    expect(jb).toMatchObject({ kind: 'nodes_overdue', county: nameId('county', '江北区') });
    expect(jb).not.toHaveProperty('unapplied');
  });
});

describe('leaders by title', () => {
  const holders = (title: string) => S.leaders.filter((l) => l.title === title).map((l) => nameId('leader', l.name));

  it('a title one leader holds is that leader', () => {
    expect(ask('市长包联的项目')).toEqual({ kind: 'summary', filter: { leader: nameId('leader', S.leaderTitled('市长').name) } });
    expect(ask('常务副市长联系的项目')).toEqual({ kind: 'summary', filter: { leader: nameId('leader', S.leaderTitled('常务副市长').name) } });
    expect(ask('人大副主任包联的项目')).toEqual({ kind: 'summary', filter: { leader: nameId('leader', S.leaderTitled('市人大常委会副主任').name) } });
    expect(ask('市长包联的红灯项目')).toEqual({ kind: 'list', list: 'red', filter: { leader: nameId('leader', S.leaderTitled('市长').name) } });
  });

  it('a title several hold is all of them, by name', () => {
    expect(holders('副市长').length).toBeGreaterThan(1);
    expect(ask('副市长的项目')).toEqual({ kind: 'summary', filter: { leaders: holders('副市长') } });
    expect(ask('市委常委包联的滞后项目')).toEqual({ kind: 'list', list: 'lagging', filter: { leaders: holders('市委常委') } });
  });

  it('a surname no holder of the title has is said so, with who holds it', () => {
    const taken = new Set(S.leaders.map((l) => [...l.name][0]));
    const surname = [...'张李刘杨黄周吴徐孙胡朱高林何'].find((c) => !taken.has(c))!;
    expect(ask(`${surname}副市长的项目`)).toEqual({ kind: 'no_leader', title: '副市长', surname, holders: holders('副市长') });
  });

  it('a title inside a project’s name is part of the name (城市长廊 holds 市长)', async () => {
    const { buildNameIndex } = await import('../../src/domain/name-index');
    const small = buildNameIndex({
      projects: [{ id: 1, code: 'LJ2026-001', name: '城市长廊改造工程', countyId: 1, categoryId: 1, unitId: 1, leaderId: 1 }],
      counties: [{ id: 1, name: '江北区' }],
      categories: [{ id: 1, name: '城市更新' }],
      units: [{ id: 1, name: '市住房城乡建设局' }],
      leaders: [{ id: 1, name: '郭凤英', title: '市长' }],
    });
    expect(parseQuestion('城市长廊改造进展', small)).toMatchObject({ kind: 'project', projectId: 1 });
    expect(parseQuestion('市长包联的项目', small)).toEqual({ kind: 'summary', filter: { leader: 1 } });
  });

  it('a surname with the title is that leader', () => {
    const deputy = S.leaders.find((l) => l.title === '副市长')!;
    const i = ask(`${[...deputy.name][0]}副市长的项目`);
    expect(i).toEqual({ kind: 'summary', filter: { leader: nameId('leader', deputy.name) } });
  });
});

describe('the asker’s own unit, lists by stage', () => {
  it.each([
    ['我们单位的项目', { kind: 'summary', filter: { mine: true, ownUnit: true } }],
    ['我单位', { kind: 'summary', filter: { mine: true, ownUnit: true } }],
    ['本单位的滞后项目', { kind: 'list', list: 'lagging', filter: { mine: true, ownUnit: true } }],
    ['我的项目', { kind: 'summary', filter: { mine: true } }],
    ['新开工项目', { kind: 'list', list: 'new_start', filter: {} }],
    ['今年新开工的项目有哪些', { kind: 'list', list: 'new_start', filter: {} }],
    ['竣工项目', { kind: 'list', list: 'completed', filter: {} }],
    ['已竣工的', { kind: 'list', list: 'completed', filter: {} }],
    ['计划竣工项目', { kind: 'list', list: 'completion_planned', filter: {} }],
    ['今年竣工的有哪些', { kind: 'list', list: 'completion_planned', filter: {} }],
  ] as Array<[string, Intent]>)('%s', (q, want) => {
    expect(ask(q)).toEqual(want);
  });

  it('a county with a stage list narrows it', () => {
    expect(ask('江北区新开工项目')).toEqual({ kind: 'list', list: 'new_start', filter: { county: nameId('county', '江北区') } });
  });
});
