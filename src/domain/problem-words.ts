// The words of a question about the problem ledger (问题台账): that it is about problems at all, which ones (逾期,
// 已销号, 待梳理…), of which category (用地, 资金…, and 环评 within 审批手续), and one item by its number ("问题12").
// All in normalised form (see normalizeText): no spaces or punctuation.
import type { ProblemCategoryId } from './problem-categories';
import type { ProblemStatus } from './problem-lifecycle';
import { takeWords } from './question-words';

/** open: not yet 销号 (待协调); overdue: 逾期 and being worked; escalated: 上升协调; closed: 已销号; or one status. */
export type ProblemState = 'open' | 'overdue' | 'escalated' | 'closed' | Exclude<ProblemStatus, '已销号'>;

export type ProblemQuery = {
  state: ProblemState;
  category: ProblemCategoryId | null;
  /** A narrower word within the category (环评 within 审批手续): items whose text holds it or one of its spellings. */
  keyword: { label: string; spellings: string[] } | null;
};

/** Words that make the question one about the ledger, longest first; 需协调事项 is what reporters call it. */
const PROBLEM_WORDS = [
  '待协调问题',
  '需协调问题',
  '需协调事项',
  '待协调事项',
  '待解决的问题',
  '待解决问题',
  '问题清单',
  '问题台账',
  '存在问题',
  '协调事项',
  '待协调',
  '需协调',
  '要协调',
  '问题',
];

const STATE_WORDS: ReadonlyArray<[ProblemState, readonly string[]]> = [
  ['overdue', ['逾期未办结', '逾期未销号', '超期未办结', '超过期限', '逾期', '超期', '过期', '超时']],
  ['escalated', ['上升协调', '升级协调', '上升到领导']],
  ['closed', ['已经销号', '已销号', '已办结', '已解决', '销号了', '办结了', '解决了']],
  ['待梳理', ['待梳理', '未交办', '没有交办', '没交办', '还没交办']],
  ['申请销号', ['申请销号', '待销号', '待确认销号']],
  ['已交办', ['已交办']],
  ['办理中', ['办理中', '正在办理', '在办']],
];

const CATEGORY_WORDS: ReadonlyArray<[ProblemCategoryId, readonly string[]]> = [
  ['land', ['用地指标', '征地拆迁', '用地', '土地', '征地', '拆迁', '征拆', '林地']],
  ['approval', ['审批手续', '环境影响评价', '施工许可', '规划许可', '审批', '手续', '立项', '环评', '能评']],
  ['funding', ['资金缺口', '专项债', '资金', '融资', '拨付']],
  ['external', ['外部条件', '管线迁改', '水电路', '管线', '迁改']],
  ['policy', ['政策制约', '政策']],
  ['weather', ['天气季节', '天气', '季节', '雨季', '汛期']],
  ['enterprise', ['企业自身']],
  ['statistics', ['统计入库', '入库']],
];

/** Words that name part of a category, kept as a text filter: the mayor's 环评 is an 审批手续 problem about 环评. */
const KEYWORDS: ReadonlyArray<{ word: string; label: string; spellings: string[] }> = [
  { word: '环境影响评价', label: '环评', spellings: ['环评', '环境影响评价', '环境影响'] },
  { word: '环评', label: '环评', spellings: ['环评', '环境影响评价', '环境影响'] },
  { word: '能评', label: '能评', spellings: ['能评', '节能评估', '节能审查'] },
  { word: '林地', label: '林地', spellings: ['林地'] },
  { word: '专项债', label: '专项债', spellings: ['专项债'] },
];

/** "问题12", "问题编号12", "12号问题", "编号12": one item. */
const ITEM_RE = /^(?:问题编号|问题|编号)(\d{1,9})号?(?:问题)?$|^(\d{1,9})号问题$/u;

export function problemNumber(t: string): number | null {
  const m = ITEM_RE.exec(t);
  const n = m ? Number(m[1] ?? m[2]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export type ProblemWords = {
  query: ProblemQuery;
  /** The question without its ledger, state and category words. */
  rest: string;
  /** The same with the category words left in ("企业自身" might be part of a name). */
  restWithCategory: string;
};

/** The ledger words of a question; null when it is not about the ledger. */
export function takeProblemWords(t: string): ProblemWords | null {
  const problem = takeWords(t, PROBLEM_WORDS);
  if (!problem.found) return null;
  let rest = problem.rest;
  let state: ProblemState = 'open';
  for (const [s, words] of STATE_WORDS) {
    const taken = takeWords(rest, words);
    if (taken.found) {
      state = s;
      rest = taken.rest;
      break;
    }
  }
  const restWithCategory = rest;
  const keyword = KEYWORDS.find((k) => rest.includes(k.word)) ?? null;
  let category: ProblemCategoryId | null = null;
  for (const [id, words] of CATEGORY_WORDS) {
    const taken = takeWords(rest, words);
    if (taken.found) {
      category = id;
      rest = taken.rest;
      break;
    }
  }
  return { query: { state, category, keyword: keyword && { label: keyword.label, spellings: keyword.spellings } }, rest, restWithCategory };
}
