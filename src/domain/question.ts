// A question typed in chat → what is asked (an intent) and about what (projects, a county, a unit, a leader, a list).
import { type Alias, type EntityType, type NameIndex, normalizeText } from './name-index';
import { closestNames, findCode, findSerial, matchProjects, type MatchVia, type ProjectMatch, type Suggestion } from './name-index-match';
import { type BatchIntent, parseBatchQuestion } from './question-batches';
import { chartQuestionRest } from './question-chart';
import { type EvaluationQuestion, evaluationRest, parseEvaluationQuestion } from './question-evaluation';
import { type MetricsIntent, parseMetricsQuestion } from './question-metrics';
import { type NodeIntent, parseNodeQuestion } from './question-nodes';
import { problemNumber, type ProblemQuery, type ProblemWords, takeProblemWords } from './problem-words';
import { type PeriodQuestion, parsePeriodQuestion } from './question-period';
import { parseReportRequest, type ReportIntent } from './question-report';
import { takeTitle } from './question-titles';
import {
  CITY_WORDS,
  GREETING_RE,
  HELP_RE,
  type ListKind,
  MINE_COUNTY_WORDS,
  MINE_UNIT_WORDS,
  MINE_WORDS,
  stripSurplus,
  takeList,
  takeWords,
  THANKS_RE,
  unappliedPeriods,
} from './question-words';

export type { ListKind } from './question-words';
export type { MatchVia, Suggestion } from './name-index-match';
export type { ProblemQuery } from './problem-words';

/**
 * Which projects a summary or list covers; empty means the whole city. `mine` is the asker's own (包联, or their unit);
 * with `ownUnit` ("我们单位的项目") only their unit's, with `ownCounty` ("我们县的项目") only a county viewer's county. `leaders`: several leaders at once (those holding a title, 副市长).
 */
export type Filter = { county?: number; category?: number; unit?: number; leader?: number; leaders?: number[]; mine?: true; ownUnit?: true; ownCounty?: true };

/** A word of the question the answer does not apply ("10月": answers are as of the latest week), to be said so. */
export type Unapplied = { word: string; why: string };

export type Intent =
  | { kind: 'help' }
  | { kind: 'thanks' }
  | { kind: 'unknown'; text: string }
  /** One project surely named (see ProjectMatch.sure): its card. */
  | { kind: 'project'; projectId: number; via: MatchVia; unapplied?: Unapplied[] }
  /** Several projects surely named by the same words: which one? */
  | { kind: 'pick'; projectIds: number[]; query: string; via: MatchVia; unapplied?: Unapplied[] }
  /**
   * Projects only alike to the words (a slip, characters far apart or in another order): offered as "您要找的是不是：",
   * never answered as one of them. `outside`: the group the question named has none; these are from elsewhere.
   */
  | { kind: 'maybe'; projectIds: number[]; query: string; via: MatchVia; outside?: Filter }
  | { kind: 'not_found'; query: string; closest: Suggestion[]; outside?: Filter }
  | { kind: 'summary'; filter: Filter; unapplied?: Unapplied[] }
  | { kind: 'city'; unapplied?: Unapplied[] }
  /** `lastWeek`: 本周未报送 of the week before ("上周哪些没报"); other lists are as of the latest week. */
  | { kind: 'list'; list: ListKind; filter: Filter; unapplied?: Unapplied[]; lastWeek?: true }
  /** A title no leader of the register holds ("张副市长" with no 副市长 called 张): said, with who holds it. */
  | { kind: 'no_leader'; title: string; surname: string | null; holders: number[] }
  /** One item of the 问题台账 by its number. */
  | { kind: 'problem'; id: number }
  /** Items of the 问题台账: of a group (filter), or of the projects named (projectIds, with the words that named them). */
  | { kind: 'problems'; filter: Filter; projects: { ids: number[]; query: string } | null; query: ProblemQuery }
  /** 季分析 ("三季度分析") or 年考核 ("年度考核排名"). */
  | PeriodQuestion
  /** 节点控制: 逾期节点, 本月到期节点 (src/domain/question-nodes.ts), and one project's nodes ("XX项目节点"). */
  | (Exclude<NodeIntent, { kind: 'nodes_of' }> & { unapplied?: Unapplied[] })
  | { kind: 'project_nodes'; projectId: number }
  /** 挂图作战 of a group's red projects: 「江北区挂图」「全市红灯项目图」 (src/domain/question-chart.ts); empty filter = the city. */
  | { kind: 'red_chart'; filter: Filter }
  /** 四个一批 and the 储备库 (src/domain/question-batches.ts). */
  | (BatchIntent & { unapplied?: Unapplied[] })
  /** 半年综合评价排序 (src/domain/question-evaluation.ts). */
  | EvaluationQuestion
  /** 「填报」「补报」: the reporter's own list card (src/domain/question-report.ts). */
  | ReportIntent
  /** Figures of a period, rankings, 月通报, 报送情况 (src/domain/question-metrics.ts). */
  | MetricsIntent;

type Mentions = { filter: Filter; rest: string };

const FILTER_KEY: Record<EntityType, 'county' | 'category' | 'unit' | 'leader'> = { county: 'county', category: 'category', unit: 'unit', leader: 'leader' };

/** Strong names anywhere in the text, longest first, each kind once; what is left around them is the rest. */
function takeMentions(text: string, aliases: readonly Alias[]): Mentions {
  const filter: Filter = {};
  let rest = text;
  for (const a of aliases) {
    if (!a.strong || !rest.includes(a.text)) continue;
    const key = FILTER_KEY[a.type];
    if (filter[key] === undefined) filter[key] = a.id;
    rest = rest.split(a.text).join(' ');
  }
  return { filter, rest: rest.replace(/ /g, '') };
}

/** A rest that is nothing but a weak name (江北, 产业, 金市长). */
function weakMention(rest: string, aliases: readonly Alias[]): Alias | null {
  return aliases.find((a) => !a.strong && a.text === rest) ?? null;
}

/** 市交通局 for 市交通运输局, 市发改委 for 市发展改革委: a unit's characters in order, when the rest ends like a unit. */
function looseUnit(rest: string, index: NameIndex): number | null {
  if (!/(局|委|办|集团|公司|政府|管委会|中心)$/u.test(rest) || [...rest].length < 3) return null;
  const hits = [...index.names.unit].filter(([, name]) => {
    const key = normalizeText(name);
    let k = 0;
    for (const c of key) if (c === [...rest][k]) k++;
    return k === [...rest].length;
  });
  return hits.length === 1 ? (hits[0]?.[0] ?? null) : null;
}

const isEmpty = (f: Filter) => Object.keys(f).length === 0;

function inFilter(index: NameIndex, f: Filter) {
  return index.projects.filter(
    (p) =>
      (f.county === undefined || p.countyId === f.county) &&
      (f.category === undefined || p.categoryId === f.category) &&
      (f.unit === undefined || p.unitId === f.unit) &&
      (f.leader === undefined || p.leaderId === f.leader) &&
      (f.leaders === undefined || (p.leaderId !== null && f.leaders.includes(p.leaderId))),
  );
}

/** A match as an answer: a card only for one project surely named; several surely named to pick from; else "您要找的是不是". */
function projectIntent(m: ProjectMatch, query: string): Intent {
  const [first] = m.ids;
  if (!m.sure) return { kind: 'maybe', projectIds: m.ids, query, via: m.via };
  return m.ids.length === 1 && first !== undefined ? { kind: 'project', projectId: first, via: m.via } : { kind: 'pick', projectIds: m.ids, query, via: m.via };
}

/** The closest project names to a fragment that matched nothing surely, as projects only. */
function closestProjects(q: string, index: NameIndex, ids?: ReadonlySet<number>): number[] {
  return closestNames(q, index, 12)
    .filter((s) => s.type === 'project' && !ids?.has(s.id))
    .map((s) => s.id)
    .slice(0, 5);
}

/**
 * Projects named by the rest: among those of the named county/unit/… first. With the names put back, a project whose
 * own name holds them (江北区梅林…安置房二期) is surely meant. Otherwise the group has none: the answer says so and
 * offers the nearest names elsewhere, never a project outside the group as if it were asked for.
 */
function searchProjects(rest: string, whole: string, filter: Filter, index: NameIndex): Intent | null {
  if (rest && !isEmpty(filter)) {
    const group = inFilter(index, filter);
    const within = matchProjects(rest, group);
    if (within) return projectIntent(within, rest);
    // The qualifier as written in the name itself, not one character off it (江北区体育中心 is not 江南区体育中心).
    const named = rest !== whole ? matchProjects(whole, index.projects) : null;
    if (named?.sure && (named.via === 'exact' || named.via === 'fragment')) return projectIntent(named, whole);
    const inGroup = new Set(group.map((p) => p.id));
    const elsewhere = matchProjects(rest, index.projects);
    const ids = elsewhere ? elsewhere.ids.filter((id) => !inGroup.has(id)) : closestProjects(rest, index, inGroup);
    if (ids.length) return { kind: 'maybe', projectIds: ids, query: rest, via: elsewhere?.via ?? 'typo', outside: filter };
    return [...rest].length > 4 ? { kind: 'not_found', query: rest, closest: [], outside: filter } : null;
  }
  const all = matchProjects(whole, index.projects) ?? (rest && rest !== whole ? matchProjects(rest, index.projects) : null);
  if (all?.sure) return projectIntent(all, whole);
  // 江北安置房二期: a county's short name before a name narrows it as the full name would.
  const county = index.aliases.find((a) => !a.strong && a.type === 'county' && rest.startsWith(a.text) && rest.length - a.text.length >= 2);
  if (county) {
    const narrowed = searchProjects(rest.slice(county.text.length), rest.slice(county.text.length), { county: county.id }, index);
    if (narrowed?.kind === 'project' || narrowed?.kind === 'pick') return narrowed;
  }
  return all ? projectIntent(all, whole) : null;
}

/**
 * The words of a question that are not a project: a list, "mine", the city, names of counties and the like (strong
 * anywhere, weak or loose only as all that is left). `rest` is what remains; `whole` the same with the names kept.
 */
function takeStructure(t: string, index: NameIndex) {
  const { list, rest: afterList } = takeList(t);
  const ownCounty = takeWords(afterList, MINE_COUNTY_WORDS);
  const ownUnit = takeWords(ownCounty.rest, MINE_UNIT_WORDS);
  const mine = takeWords(ownUnit.rest, MINE_WORDS);
  const city = takeWords(mine.rest, CITY_WORDS);
  const mentions = takeMentions(city.rest, index.aliases);
  const titled = mentions.filter.leader === undefined ? takeTitle(mentions.rest, index) : null;
  const filter: Filter = {
    ...mentions.filter,
    ...(ownCounty.found
      ? { mine: true as const, ownCounty: true as const }
      : ownUnit.found
        ? { mine: true as const, ownUnit: true as const }
        : mine.found
          ? { mine: true as const }
          : {}),
    ...(titled?.leaders.length === 1 ? { leader: titled.leaders[0] } : titled?.leaders.length ? { leaders: titled.leaders } : {}),
  };
  let rest = stripSurplus(titled ? titled.rest : mentions.rest);
  const weak = rest ? weakMention(rest, index.aliases) : null;
  const unit = rest && !weak && filter.unit === undefined ? looseUnit(rest, index) : null;
  if (weak && filter[FILTER_KEY[weak.type]] === undefined) {
    filter[FILTER_KEY[weak.type]] = weak.id;
    rest = '';
  } else if (unit !== null) {
    filter.unit = unit;
    rest = '';
  }
  const missing = titled && titled.leaders.length === 0 ? { title: titled.title, surname: titled.surname, holders: titled.holders } : null;
  const { mine: _m, ownUnit: _o, ownCounty: _c, ...within } = filter;
  return { list, filter, cityWord: city.found !== null, rest, whole: stripSurplus(city.rest), within, missing };
}

/**
 * A question about the ledger: "逾期问题", "用地问题", "江北区待协调问题", "安置房二期的问题", "LJ2026-014的问题". The
 * rest, once the ledger's words are out, is read like any question (a county, a unit, "mine", a project); a category
 * word that turns out to be part of a project's name is put back.
 */
function problemsIntent(raw: string, w: ProblemWords, index: NameIndex): Intent {
  const code = findCode(raw, index);
  if (code?.ids.length) return { kind: 'problems', filter: {}, projects: { ids: code.ids, query: code.query }, query: w.query };
  const { filter, rest, whole, within } = takeStructure(w.rest, index);
  if (!rest) return { kind: 'problems', filter, projects: null, query: w.query };
  for (const [r, wh, query] of [
    [rest, whole, w.query],
    [stripSurplus(w.restWithCategory), stripSurplus(w.restWithCategory), { ...w.query, category: null, keyword: null }],
  ] as const) {
    const found = searchProjects(r, wh, within, index);
    if (found?.kind === 'project') return { kind: 'problems', filter: {}, projects: { ids: [found.projectId], query: r }, query };
    if (found?.kind === 'pick') return { kind: 'problems', filter: {}, projects: { ids: found.projectIds, query: found.query }, query };
    // Only alike: offered, not taken for the project asked about.
    if (found?.kind === 'maybe') return found;
  }
  if ([...rest].length <= 4) return { kind: 'problems', filter, projects: null, query: w.query };
  const closest = closestNames(rest, index);
  return closest.length ? { kind: 'not_found', query: rest, closest } : { kind: 'problems', filter, projects: null, query: w.query };
}

const COUNTY_ONLY_WHY = '此类回答只能按县区筛选，以下未按此条件筛选。';

/**
 * A unit, category or leader named in a question answered by county only (节点, 四个一批, 储备库), and "我包联的":
 * said not applied rather than dropped.
 */
function countyOnly(t: string, index: NameIndex): Unapplied[] {
  const { filter } = takeMentions(t, index.aliases);
  const out: Unapplied[] = [];
  for (const type of ['unit', 'category', 'leader'] as const) {
    const id = filter[type];
    if (id !== undefined) out.push({ word: index.names[type].get(id) ?? '', why: COUNTY_ONLY_WHY });
  }
  const mine = takeWords(t, [...MINE_COUNTY_WORDS, ...MINE_UNIT_WORDS, ...MINE_WORDS]).found;
  if (mine) out.push({ word: mine, why: COUNTY_ONLY_WHY });
  return out;
}

/** The words not applied, on the kinds answered with figures for a group or a project. */
function withUnapplied(i: Intent, unapplied: Unapplied[]): Intent {
  if (unapplied.length === 0) return i;
  switch (i.kind) {
    case 'project':
    case 'pick':
    case 'summary':
    case 'city':
    case 'list':
    case 'nodes_overdue':
    case 'nodes_month':
    case 'batches':
    case 'reserve':
    case 'reserve_short':
      return { ...i, unapplied };
    default:
      return i;
  }
}

/** 上周, as the week whose 未报送 is asked. */
const LAST_WEEK_RE = /上一?个?周|上礼拜|上星期/u;

/** How many projects, how much planned: "一共有多少个重点项目", "年度计划投资多少", "江北区有几个项目". */
const SIZE_RE =
  /(?:年度)?计划(?:总)?投资(?:额|总额)?(?:是|有)?(?:多少亿元?|多少万元?|多少)|(?:一共|总共|共)?有?(?:多少|几)个(?:重点)?项目|项目(?:一共|总共)?有?(?:多少|几)个/u;

/** A size question is the summary of the group it names (its count and annual plan lead the card); null otherwise. */
function sizeQuestion(t: string, index: NameIndex): Intent | null {
  const m = SIZE_RE.exec(t);
  if (!m) return null;
  const s = takeStructure(t.slice(0, m.index) + t.slice(m.index + m[0].length), index);
  if (s.rest !== '' || s.list !== null) return null;
  return isEmpty(s.filter) ? { kind: 'city' } : { kind: 'summary', filter: s.filter };
}

/**
 * "市教育局综合评价", "青河县上半年综合评价": the county or unit named, read as any question's names are (full names and
 * strong aliases anywhere, a short name or 市交通局 for 市交通运输局 as all that is left). No name: the whole ranking.
 * Words naming no county or unit are said so with the nearest county and unit names, never answered with the whole
 * ranking as if it were asked for; a category or leader is said not ranked (the ranking is of counties and units).
 */
function evaluationOf(q: EvaluationQuestion, t: string, index: NameIndex): Intent {
  const s = takeStructure(evaluationRest(t), index);
  const { county, unit, category, leader, leaders } = s.filter;
  // As in any question: a few words the parser does not know next to a name ("请查一下") do not stop the answer.
  const named = county !== undefined || unit !== undefined || category !== undefined || leader !== undefined || leaders !== undefined;
  if (named && [...s.rest].length <= 4) s.rest = '';
  const nameOf = (type: 'county' | 'unit' | 'category' | 'leader', id: number | undefined) => (id === undefined ? [] : [index.names[type].get(id) ?? '']);
  const query = [...nameOf('county', county), ...nameOf('unit', unit), ...nameOf('category', category), ...nameOf('leader', leader)].join('、');
  if (s.rest === '' && (category !== undefined || leader !== undefined || leaders !== undefined || s.missing))
    return {
      ...q,
      unmatched: { query: [...nameOf('category', category), ...nameOf('leader', leader)].join('、') || s.missing?.title || '', near: [], why: 'not_ranked' },
    };
  if (s.rest === '' && county !== undefined && unit !== undefined) return { ...q, unmatched: { query, near: [], why: 'several' } };
  if (s.rest === '' && county !== undefined) return { ...q, subject: { type: 'county', id: county } };
  if (s.rest === '' && unit !== undefined) return { ...q, subject: { type: 'unit', id: unit } };
  if (s.rest === '') return q;
  const near = closestNames(s.rest, index, 50)
    .filter((x) => x.type === 'county' || x.type === 'unit')
    .slice(0, 5)
    .map((x) => x.name);
  // A word or two the parser does not know ("综合评价表") with no name like it: the whole ranking, as before.
  if (near.length === 0 && [...s.rest].length <= 2 && query === '') return q;
  return { ...q, unmatched: { query: s.rest, near } };
}

export function parseQuestion(text: string, index: NameIndex): Intent {
  const raw = text.normalize('NFKC').trim();
  const t = normalizeText(raw);
  if (t === '' || HELP_RE.test(t) || GREETING_RE.test(t)) return { kind: 'help' };
  if (THANKS_RE.test(t)) return { kind: 'thanks' };
  const report = parseReportRequest(t);
  if (report) return report;
  const period = parsePeriodQuestion(t);
  if (period) return period;
  const evaluation = parseEvaluationQuestion(t);
  if (evaluation) return evaluationOf(evaluation, t, index);
  const batch = parseBatchQuestion(t, index);
  if (batch) return withUnapplied(batch, countyOnly(t, index));
  const chart = chartQuestionRest(raw, t);
  if (chart !== null) {
    // "江北区挂图": the words before the chart words say whose; a project's name gets its own card (it has its chart).
    const inner: Intent = chart === '' ? { kind: 'city' } : parseQuestion(chart, index);
    if (inner.kind === 'city' || inner.kind === 'help') return { kind: 'red_chart', filter: {} };
    if (inner.kind === 'summary' || inner.kind === 'list') return { kind: 'red_chart', filter: inner.filter };
    return inner;
  }
  const node = parseNodeQuestion(t, index);
  if (node && node.kind !== 'nodes_of') return withUnapplied(node, countyOnly(t, index));
  if (node) {
    // "安置房二期节点", "LJ2026-014的节点": the words before 节点 name a project.
    const inner = parseQuestion(raw.replace(/(的)?(节点计划|节点|关键节点|里程碑)(情况|进展|完成情况)?[\s？?。!！]*$/u, ''), index);
    if (inner.kind === 'project') return { kind: 'project_nodes', projectId: inner.projectId };
    if (inner.kind === 'pick' || inner.kind === 'maybe' || inner.kind === 'not_found') return inner;
  }
  const item = problemNumber(t);
  if (item !== null) return { kind: 'problem', id: item };
  const ledger = takeProblemWords(t);
  if (ledger) return problemsIntent(raw, ledger, index);

  // A title no leader holds ("张副市长本月完成率"): said so, not answered for the whole city.
  const titled = takeStructure(t, index).missing;
  if (titled) return { kind: 'no_leader', ...titled };
  const metrics = parseMetricsQuestion(t, (s) => takeStructure(s, index));
  if (metrics) return metrics;
  const size = sizeQuestion(t, index);
  if (size) return size;
  const unapplied = unappliedPeriods(t);
  const noted = (i: Intent) => withUnapplied(i, unapplied);

  const code = findCode(raw, index);
  if (code)
    return code.ids.length
      ? noted(projectIntent({ ids: code.ids, via: 'code', sure: true }, code.query))
      : { kind: 'not_found', query: code.query, closest: [] };
  // 「014」「14号项目」「第14个」: a code's serial.
  const serial = findSerial(stripSurplus(t), index, t);
  if (serial) return projectIntent({ ids: serial.ids, via: 'serial', sure: serial.sure }, serial.query);

  // A project's full name (with 进展 and the like around it) is the project, even if it holds a county's name.
  const plain = stripSurplus(t);
  const exact = index.byKey.get(t) ?? index.byKey.get(plain);
  if (exact?.length) return noted(projectIntent({ ids: exact.map((p) => p.id), via: 'exact', sure: true }, plain));

  const { list, filter, cityWord, rest: left, whole, within, missing } = takeStructure(t, index);
  if (missing) return { kind: 'no_leader', ...missing };
  let rest = left;
  const structured = list !== null || !isEmpty(filter) || cityWord;
  if (rest) {
    const found = searchProjects(rest, whole, within, index);
    if (found) return noted(found);
    // Words the parser does not know next to a list or a name ("江北区最近咋样") do not stop the answer.
    if (structured && [...rest].length <= 4) rest = '';
  }
  if (!rest) {
    if (list === 'unreported' && LAST_WEEK_RE.test(t)) {
      const others = unapplied.filter((u) => !LAST_WEEK_RE.test(u.word));
      return withUnapplied({ kind: 'list', list, filter, lastWeek: true }, others);
    }
    if (list) return noted({ kind: 'list', list, filter });
    if (!isEmpty(filter)) return noted({ kind: 'summary', filter });
    if (cityWord) return noted({ kind: 'city' });
    return { kind: 'unknown', text: text.trim() };
  }
  const closest = closestNames(rest, index);
  return closest.length ? { kind: 'not_found', query: rest, closest } : { kind: 'unknown', text: text.trim() };
}
