// A question typed in chat → what is asked (an intent) and about what (projects, a county, a unit, a leader, a list).
import { type Alias, type EntityType, type NameIndex, normalizeText } from './name-index';
import { closestNames, findCode, matchProjects, type MatchVia, type Suggestion } from './name-index-match';
import { type BatchIntent, parseBatchQuestion } from './question-batches';
import { chartQuestionRest } from './question-chart';
import { type EvaluationQuestion, parseEvaluationQuestion } from './question-evaluation';
import { type MetricsIntent, parseMetricsQuestion } from './question-metrics';
import { type NodeIntent, parseNodeQuestion } from './question-nodes';
import { problemNumber, type ProblemQuery, type ProblemWords, takeProblemWords } from './problem-words';
import { type PeriodQuestion, parsePeriodQuestion } from './question-period';
import { parseReportRequest, type ReportIntent } from './question-report';
import { CITY_WORDS, GREETING_RE, HELP_RE, type ListKind, MINE_WORDS, stripSurplus, takeList, takeWords, THANKS_RE } from './question-words';

export type { ListKind } from './question-words';
export type { MatchVia, Suggestion } from './name-index-match';
export type { ProblemQuery } from './problem-words';

/** Which projects a summary or list covers; empty means the whole city. `mine` is the asker's own (包联, or their unit). */
export type Filter = { county?: number; category?: number; unit?: number; leader?: number; mine?: true };

export type Intent =
  | { kind: 'help' }
  | { kind: 'thanks' }
  | { kind: 'unknown'; text: string }
  | { kind: 'project'; projectId: number; via: MatchVia }
  | { kind: 'pick'; projectIds: number[]; query: string; via: MatchVia }
  | { kind: 'not_found'; query: string; closest: Suggestion[] }
  | { kind: 'summary'; filter: Filter }
  | { kind: 'city' }
  | { kind: 'list'; list: ListKind; filter: Filter }
  /** One item of the 问题台账 by its number. */
  | { kind: 'problem'; id: number }
  /** Items of the 问题台账: of a group (filter), or of the projects named (projectIds, with the words that named them). */
  | { kind: 'problems'; filter: Filter; projects: { ids: number[]; query: string } | null; query: ProblemQuery }
  /** 季分析 ("三季度分析") or 年考核 ("年度考核排名"). */
  | PeriodQuestion
  /** 节点控制: 逾期节点, 本月到期节点 (src/domain/question-nodes.ts), and one project's nodes ("XX项目节点"). */
  | Exclude<NodeIntent, { kind: 'nodes_of' }>
  | { kind: 'project_nodes'; projectId: number }
  /** 挂图作战 of a group's red projects: 「江北区挂图」「全市红灯项目图」 (src/domain/question-chart.ts); empty filter = the city. */
  | { kind: 'red_chart'; filter: Filter }
  /** 四个一批 and the 储备库 (src/domain/question-batches.ts). */
  | BatchIntent
  /** 半年综合评价排序 (src/domain/question-evaluation.ts). */
  | EvaluationQuestion
  /** 「填报」「补报」: the reporter's own list card (src/domain/question-report.ts). */
  | ReportIntent
  /** Figures of a period, rankings, 月通报, 报送情况 (src/domain/question-metrics.ts). */
  | MetricsIntent;

type Mentions = { filter: Filter; rest: string };

const FILTER_KEY: Record<EntityType, keyof Omit<Filter, 'mine'>> = { county: 'county', category: 'category', unit: 'unit', leader: 'leader' };

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
      (f.leader === undefined || p.leaderId === f.leader),
  );
}

function projectIntent(ids: number[], via: MatchVia, query: string): Intent {
  const [first] = ids;
  return ids.length === 1 && first !== undefined ? { kind: 'project', projectId: first, via } : { kind: 'pick', projectIds: ids, query, via };
}

/** Projects named by the rest: among those of the named county/unit/… first, then among all with the names put back. */
function searchProjects(rest: string, whole: string, filter: Filter, index: NameIndex): Intent | null {
  if (rest && !isEmpty(filter)) {
    const within = matchProjects(rest, inFilter(index, filter));
    if (within) return projectIntent(within.ids, within.via, rest);
  }
  const all = matchProjects(whole, index.projects) ?? (rest && rest !== whole ? matchProjects(rest, index.projects) : null);
  return all ? projectIntent(all.ids, all.via, whole) : null;
}

/**
 * The words of a question that are not a project: a list, "mine", the city, names of counties and the like (strong
 * anywhere, weak or loose only as all that is left). `rest` is what remains; `whole` the same with the names kept.
 */
function takeStructure(t: string, index: NameIndex) {
  const { list, rest: afterList } = takeList(t);
  const mine = takeWords(afterList, MINE_WORDS);
  const city = takeWords(mine.rest, CITY_WORDS);
  const mentions = takeMentions(city.rest, index.aliases);
  const filter: Filter = { ...mentions.filter, ...(mine.found ? { mine: true as const } : {}) };
  let rest = stripSurplus(mentions.rest);
  const weak = rest ? weakMention(rest, index.aliases) : null;
  const unit = rest && !weak && filter.unit === undefined ? looseUnit(rest, index) : null;
  if (weak && filter[FILTER_KEY[weak.type]] === undefined) {
    filter[FILTER_KEY[weak.type]] = weak.id;
    rest = '';
  } else if (unit !== null) {
    filter.unit = unit;
    rest = '';
  }
  return { list, filter, cityWord: city.found !== null, rest, whole: stripSurplus(city.rest), within: mentions.filter };
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
  }
  if ([...rest].length <= 4) return { kind: 'problems', filter, projects: null, query: w.query };
  const closest = closestNames(rest, index);
  return closest.length ? { kind: 'not_found', query: rest, closest } : { kind: 'problems', filter, projects: null, query: w.query };
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
  if (evaluation) return evaluation;
  const batch = parseBatchQuestion(t, index);
  if (batch) return batch;
  const chart = chartQuestionRest(raw, t);
  if (chart !== null) {
    // "江北区挂图": the words before the chart words say whose; a project's name gets its own card (it has its chart).
    const inner: Intent = chart === '' ? { kind: 'city' } : parseQuestion(chart, index);
    if (inner.kind === 'city' || inner.kind === 'help') return { kind: 'red_chart', filter: {} };
    if (inner.kind === 'summary' || inner.kind === 'list') return { kind: 'red_chart', filter: inner.filter };
    return inner;
  }
  const node = parseNodeQuestion(t, index);
  if (node && node.kind !== 'nodes_of') return node;
  if (node) {
    // "安置房二期节点", "LJ2026-014的节点": the words before 节点 name a project.
    const inner = parseQuestion(raw.replace(/(的)?(节点计划|节点|关键节点|里程碑)(情况|进展|完成情况)?[\s？?。!！]*$/u, ''), index);
    if (inner.kind === 'project') return { kind: 'project_nodes', projectId: inner.projectId };
    if (inner.kind === 'pick' || inner.kind === 'not_found') return inner;
  }
  const item = problemNumber(t);
  if (item !== null) return { kind: 'problem', id: item };
  const ledger = takeProblemWords(t);
  if (ledger) return problemsIntent(raw, ledger, index);

  const metrics = parseMetricsQuestion(t, (s) => takeStructure(s, index));
  if (metrics) return metrics;

  const code = findCode(raw, index);
  if (code) return code.ids.length ? projectIntent(code.ids, 'code', code.query) : { kind: 'not_found', query: code.query, closest: [] };

  // A project's full name (with 进展 and the like around it) is the project, even if it holds a county's name.
  const plain = stripSurplus(t);
  const exact = index.byKey.get(t) ?? index.byKey.get(plain);
  if (exact?.length)
    return projectIntent(
      exact.map((p) => p.id),
      'exact',
      plain,
    );

  const { list, filter, cityWord, rest: left, whole, within } = takeStructure(t, index);
  let rest = left;
  const structured = list !== null || !isEmpty(filter) || cityWord;
  if (rest) {
    const found = searchProjects(rest, whole, within, index);
    if (found) return found;
    // Words the parser does not know next to a list or a name ("江北区最近咋样") do not stop the answer.
    if (structured && [...rest].length <= 4) rest = '';
  }
  if (!rest) {
    if (list) return { kind: 'list', list, filter };
    if (!isEmpty(filter)) return { kind: 'summary', filter };
    if (cityWord) return { kind: 'city' };
    return { kind: 'unknown', text: text.trim() };
  }
  const closest = closestNames(rest, index);
  return closest.length ? { kind: 'not_found', query: rest, closest } : { kind: 'unknown', text: text.trim() };
}
