// Questions as leaders and reporters type them, against the sample register: what is asked, and about what.
import { beforeAll, describe, expect, it } from 'vitest';
import type { NameIndex } from '../../src/domain/name-index';
import { type Filter, type Intent, type ListKind, parseQuestion } from '../../src/domain/question';
import { sampleLookup } from '../fixtures/sample-lookup';
import { sampleIndex } from '../helpers/question-index';

type Names = { county?: string; category?: string; unit?: string; leader?: string; mine?: true };
type Want =
  | { kind: 'project'; code: string }
  | { kind: 'pick'; codes: string[] }
  | { kind: 'summary'; names: Names }
  | { kind: 'list'; list: ListKind; names: Names }
  | { kind: 'not_found'; first: string }
  | { kind: 'problems'; names: Names; codes: string[] | null; state: string; category: string | null; keyword: string | null }
  | { kind: 'problem'; id: number }
  | { kind: 'red_chart'; names: Names }
  | { kind: 'city' | 'help' | 'thanks' | 'unknown' };

// The projects, leaders and units the questions name, taken from the generated sample register: a question names a
// real project the way a user would shorten it, and the expected projects are those whose names hold the words.
const S = await sampleLookup();
const one = (codes: string[]) => {
  if (codes.length !== 1) throw new Error(`expected one project, found ${codes.join(', ') || 'none'}`);
  return codes[0] as string;
};
const many = (codes: string[]) => {
  if (codes.length < 2) throw new Error(`expected several projects, found ${codes.join(', ') || 'none'}`);
  return codes;
};

const project = (code: string): Want => ({ kind: 'project', code });
const named = (name: string): Want => project(S.project(name).code);
const pick = (codes: string[]): Want => ({ kind: 'pick', codes: many(codes) });
const summary = (names: Names): Want => ({ kind: 'summary', names });
const list = (l: ListKind, names: Names = {}): Want => ({ kind: 'list', list: l, names });
const notFound = (first: string): Want => ({ kind: 'not_found', first });
const problems = (names: Names, o: { codes?: string[]; state?: string; category?: string; keyword?: string } = {}): Want => ({
  kind: 'problems',
  names,
  codes: o.codes ?? null,
  state: o.state ?? 'open',
  category: o.category ?? null,
  keyword: o.keyword ?? null,
});
const chart = (names: Names = {}): Want => ({ kind: 'red_chart', names });
const city: Want = { kind: 'city' };
const help: Want = { kind: 'help' };
const unknown: Want = { kind: 'unknown' };

const RESETTLEMENT_II = S.codesContaining('安置房二期');
const WASTEWATER = S.codesContaining('污水处理厂');
/** 云台县's one wastewater plant, and its full name. */
const YUNTAI_WASTEWATER = one(S.codesContaining('污水处理厂', '云台县'));
const YUNTAI_WASTEWATER_NAME = S.byCode(YUNTAI_WASTEWATER).name;
/** A hospital campus that is a 市直 project's whole name and part of a county's project's name. */
const HOSPITAL = S.project('人民医院北站院区').code;
const HOSPITAL_YUNTAI = one(S.codesContaining('人民医院北站院区', '云台县'));
const HOSPITALS = S.codesContaining('人民医院北站院区');
const HONGDA_BATTERY = one(S.codesContaining('宏达新能源'));
/** Leaders as people name them: the mayor by surname and title, a 副主任 as 主任, another by full name. */
const MAYOR = S.leaderTitled('市长').name;
const DIRECTOR = S.leaderTitled('市人大常委会副主任').name;
const DEPUTY = S.leaders.find((l) => l.title === '市委常委')?.name ?? '';
const surname = (name: string) => [...name][0] ?? '';

const CASES: Array<[string, Want]> = [
  // fragments of names, with the words people put around them
  ['安置房二期现在进展怎么样了？', pick(RESETTLEMENT_II)],
  ['污水厂', pick(WASTEWATER)],
  ['云台县污水厂', project(YUNTAI_WASTEWATER)],
  ['人民医院北站院区', project(HOSPITAL)],
  ['云台县人民医院北站院区进展', project(HOSPITAL_YUNTAI)],
  ['宏达新能源', project(HONGDA_BATTERY)],
  ['金桥生物医药生产基地项目目前情况如何', named('金桥生物医药生产基地项目')],
  ['体育中心', pick(S.codesContaining('体育中心'))],
  ['西园历史街区保护更新', project(one(S.codesContaining('西园历史街区保护更新')))],
  ['天合新能源', project(one(S.codesContaining('天合新能源')))],
  ['东阳县安置房二期怎么样', project(one(S.codesContaining('安置房二期', '东阳县')))],
  ['梅林湿地', pick(S.codesContaining('梅林湿地'))],
  ['滨江大道', pick(S.codesContaining('滨江大道'))],
  ['帮我查一下东阳县新材料产业园', named('东阳县新材料产业园')],
  ['请问清水河流域生态修复工程最新进展', project(one(S.codesContaining('清水河流域生态修复工程')))],
  ['青河县西园棚户区改造安置房一期的情况', named('青河县西园棚户区改造安置房一期')],
  ['电子信息产业园三期', project(one(S.codesContaining('电子信息产业园三期')))],
  ['铁路棚户区改造安置房', project(one(S.codesContaining('铁路棚户区改造安置房')))],
  ['江海智能装备生产基地项目进度', named('江海智能装备生产基地项目')],
  ['石门县生活垃圾焚烧发电工程现在怎么样', named('石门县生活垃圾焚烧发电工程')],
  [`  ${YUNTAI_WASTEWATER_NAME}  `, project(YUNTAI_WASTEWATER)],
  // codes
  ['LJ2026-014', project('LJ2026-014')],
  ['lj2026014', project('LJ2026-014')],
  ['2026-014', project('LJ2026-014')],
  ['LJ2026-99', project('LJ2026-099')],
  ['LJ2026-014进展怎么样', project('LJ2026-014')],
  ['２０２６－０１４', project('LJ2026-014')],
  ['LJ2026-999', { kind: 'not_found', first: '' }],
  // pinyin initials
  ['azfeq', pick(RESETTLEMENT_II)],
  ['AZFEQ', pick(RESETTLEMENT_II)],
  ['rmyybzyq', pick(HOSPITALS)],
  ['hdxny', project(HONGDA_BATTERY)],
  ['cdwsclc', pick(S.codesContaining('城东污水处理厂'))],
  // one or two characters wrong
  ['东阳县西园湿地公圆', named('东阳县西园湿地公园')],
  ['宏达新能源电池生产基弟', project(HONGDA_BATTERY)],
  ['金桥生物医要', project(one(S.codesContaining('金桥生物医药')))],
  ['石门县河西实验学校新建公程', named('石门县河西实验学校新建工程')],
  ['高新区电子信息产业圆', named('高新区电子信息产业园三期')],
  // counties
  ['江北区进度', summary({ county: '江北区' })],
  ['江北进度', summary({ county: '江北区' })],
  ['石门县情况怎么样', summary({ county: '石门县' })],
  ['高新区的项目', summary({ county: '高新区' })],
  ['市直项目进展', summary({ county: '市直' })],
  ['临江新区重点项目情况', summary({ county: '临江新区' })],
  // categories
  ['产业项目进度', summary({ category: '产业项目' })],
  ['基础设施类项目', summary({ category: '基础设施' })],
  ['城市更新', summary({ category: '城市更新' })],
  ['江北区社会民生项目', summary({ county: '江北区', category: '社会民生' })],
  // units
  ['市交通运输局的项目', summary({ unit: '市交通运输局' })],
  ['交通运输局', summary({ unit: '市交通运输局' })],
  ['市交通局的项目', summary({ unit: '市交通运输局' })],
  ['市发改委项目进度', summary({ unit: '市发展改革委' })],
  ['江北区政府的项目', summary({ unit: '江北区人民政府' })],
  ['高新区管委会', summary({ unit: '高新区管委会' })],
  // leaders, and the asker's own
  [`${MAYOR}包联的项目`, summary({ leader: MAYOR })],
  [`${surname(MAYOR)}市长包联的项目`, summary({ leader: MAYOR })],
  [`${DEPUTY}同志联系的项目情况`, summary({ leader: DEPUTY })],
  [`${surname(DIRECTOR)}主任包联的项目`, summary({ leader: DIRECTOR })],
  ['我包联的项目', summary({ mine: true })],
  ['我的项目怎么样了', summary({ mine: true })],
  // lists
  ['滞后项目', list('lagging')],
  ['哪些项目滞后', list('lagging')],
  ['红灯项目', list('red')],
  ['江北区滞后项目', list('lagging', { county: '江北区' })],
  ['江北区哪些项目滞后？', list('lagging', { county: '江北区' })],
  ['本周未报送', list('unreported')],
  ['本周哪些单位没报', list('unreported')],
  ['停工项目', list('stopped')],
  ['有哪些半停工的', list('stopped')],
  ['黄灯项目', list('yellow')],
  ['我包联的滞后项目', list('lagging', { mine: true })],
  ['全市红灯项目', list('red')],
  [`${MAYOR}包联的红灯项目`, list('red', { leader: MAYOR })],
  ['江北区最近有没有停工的', list('stopped', { county: '江北区' })],
  // the problem ledger
  ['待协调问题', problems({})],
  ['市水利局的待协调问题', problems({ unit: '市水利局' })],
  ['需协调事项', problems({})],
  ['逾期问题', problems({}, { state: 'overdue' })],
  ['有哪些逾期的问题', problems({}, { state: 'overdue' })],
  [`${MAYOR}包联的逾期问题`, problems({ leader: MAYOR }, { state: 'overdue' })],
  ['上升协调的问题', problems({}, { state: 'escalated' })],
  ['已销号的问题', problems({}, { state: 'closed' })],
  ['待梳理问题', problems({}, { state: '待梳理' })],
  ['用地问题', problems({}, { category: 'land' })],
  ['资金问题有哪些', problems({}, { category: 'funding' })],
  ['环评问题', problems({}, { category: 'approval', keyword: '环评' })],
  ['江北区用地问题', problems({ county: '江北区' }, { category: 'land' })],
  ['我包联项目的问题', problems({ mine: true })],
  ['云台县污水厂的问题', problems({}, { codes: [YUNTAI_WASTEWATER] })],
  [`${YUNTAI_WASTEWATER_NAME}存在问题`, problems({}, { codes: [YUNTAI_WASTEWATER] })],
  ['LJ2026-014的问题', problems({}, { codes: ['LJ2026-014'] })],
  ['安置房二期有什么问题', problems({}, { codes: RESETTLEMENT_II })],
  ['问题12', { kind: 'problem', id: 12 }],
  ['12号问题', { kind: 'problem', id: 12 }],
  ['问题编号 3', { kind: 'problem', id: 3 }],
  // the whole city
  ['全市进度', city],
  ['总体情况', city],
  ['全市重点项目进展怎么样', city],
  ['2026-10月全市进度', city],
  ['截至10月底江北区进度', summary({ county: '江北区' })],
  ['1至10月红灯项目', list('red')],
  // help, thanks
  ['帮助', help],
  ['?', help],
  ['？？', help],
  ['你好', help],
  ['你能做什么', help],
  ['怎么用', help],
  ['帮助一下', help],
  ['你好，怎么用？', help],
  ['您好！请问能问什么呢', help],
  ['早上好', help],
  ['', help],
  ['谢谢', { kind: 'thanks' }],
  // nonsense, and names that are not there
  ['今天天气怎么样', unknown],
  ['晚上吃什么', unknown],
  ['asdfgh', unknown],
  ['12345', unknown],
  ['东关安置房三期', notFound(S.project('东关棚户区改造安置房二期').name)],
  // 江被区 is one character from both 江北区 and 江南区, which tie; 石们县 is one from 石门县 only
  ['石们县进度', notFound('石门县')],
  ['城南污水厂', notFound(S.project('城东污水处理厂及配套管网工程').name)],
  // 挂图作战 of a county's or the city's red projects; a project's own chart is on its card
  ['江北区挂图', chart({ county: '江北区' })],
  ['江北区的挂图作战情况？', chart({ county: '江北区' })],
  ['全市红灯项目图', chart()],
  ['挂图作战', chart()],
  ['红灯项目图表', chart()],
  ['石门县红灯项目图', chart({ county: '石门县' })],
  ['宏达新能源挂图', project(HONGDA_BATTERY)],
  ['江北区红灯项目', list('red', { county: '江北区' })],
];

describe('parseQuestion on the sample register', () => {
  let index: NameIndex;
  beforeAll(async () => {
    index = await sampleIndex();
  });

  const idOf = (type: 'county' | 'category' | 'unit' | 'leader', name: string) => {
    const found = [...index.names[type]].find(([, n]) => n === name);
    if (!found) throw new Error(`no ${type} ${name} in the sample`);
    return found[0];
  };
  const filterOf = (n: Names): Filter => {
    const f: Filter = {};
    if (n.county) f.county = idOf('county', n.county);
    if (n.category) f.category = idOf('category', n.category);
    if (n.unit) f.unit = idOf('unit', n.unit);
    if (n.leader) f.leader = idOf('leader', n.leader);
    if (n.mine) f.mine = true;
    return f;
  };
  const codeOf = (id: number) => index.byId.get(id)?.code ?? `#${id}`;

  /** The intent in the table's terms, so that a failure shows codes and names, not ids. */
  function describeIntent(i: Intent): unknown {
    switch (i.kind) {
      case 'project':
        return { kind: 'project', code: codeOf(i.projectId) };
      case 'pick':
        return { kind: 'pick', codes: i.projectIds.map(codeOf).sort() };
      case 'not_found':
        return { kind: 'not_found', first: i.closest[0]?.name ?? '' };
      case 'summary':
        return { kind: 'summary', filter: i.filter };
      case 'list':
        return { kind: 'list', list: i.list, filter: i.filter };
      case 'problems':
        return {
          kind: 'problems',
          filter: i.filter,
          codes: i.projects ? i.projects.ids.map(codeOf).sort() : null,
          state: i.query.state,
          category: i.query.category,
          keyword: i.query.keyword?.label ?? null,
        };
      case 'problem':
        return { kind: 'problem', id: i.id };
      case 'red_chart':
        return { kind: 'red_chart', filter: i.filter };
      default:
        return { kind: i.kind };
    }
  }

  function expected(w: Want): unknown {
    switch (w.kind) {
      case 'pick':
        return { kind: 'pick', codes: [...w.codes].sort() };
      case 'summary':
        return { kind: 'summary', filter: filterOf(w.names) };
      case 'list':
        return { kind: 'list', list: w.list, filter: filterOf(w.names) };
      case 'red_chart':
        return { kind: 'red_chart', filter: filterOf(w.names) };
      case 'problems':
        return { kind: 'problems', filter: filterOf(w.names), codes: w.codes && [...w.codes].sort(), state: w.state, category: w.category, keyword: w.keyword };
      default:
        return w;
    }
  }

  it('holds at least 60 questions', () => expect(CASES.length).toBeGreaterThanOrEqual(60));

  it.each(CASES)('%s', (question, want) => {
    expect(describeIntent(parseQuestion(question, index))).toEqual(expected(want));
  });

  it('says how a project was found', () => {
    const via = (q: string) => {
      const i = parseQuestion(q, index);
      return i.kind === 'project' || i.kind === 'pick' ? i.via : null;
    };
    expect([via('LJ2026-014'), via('人民医院北站院区'), via('宏达新能源'), via('污水厂'), via('东阳县西园湿地公圆'), via('azfeq')]).toEqual([
      'code',
      'exact',
      'fragment',
      'scattered',
      'typo',
      'pinyin',
    ]);
  });

  it('keeps the text of a question it did not understand, for the answer to quote', () => {
    expect(parseQuestion(' 今天天气怎么样？', index)).toEqual({ kind: 'unknown', text: '今天天气怎么样？' });
  });
});
