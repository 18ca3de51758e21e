// The problem categories of a weekly report (domain.md §7), in their order, with stable ids for forms and storage.

export const PROBLEM_CATEGORIES = [
  { id: 'land', label: '用地', examples: '用地指标、征地拆迁、林地' },
  { id: 'approval', label: '审批手续', examples: '立项、规划、施工许可、环评、能评' },
  { id: 'funding', label: '资金', examples: '资金缺口、拨付慢、专项债' },
  { id: 'external', label: '外部条件', examples: '管线迁改、水电路' },
  { id: 'policy', label: '政策制约', examples: '' },
  { id: 'weather', label: '天气季节', examples: '' },
  { id: 'enterprise', label: '企业自身', examples: '' },
  { id: 'statistics', label: '统计入库', examples: '' },
] as const;

export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];
export type ProblemCategoryId = ProblemCategory['id'];

const BY_ID = new Map<string, ProblemCategory>(PROBLEM_CATEGORIES.map((c) => [c.id, c]));

export function isProblemCategoryId(id: string): id is ProblemCategoryId {
  return BY_ID.has(id);
}

/** The category's name as people read it (用地, 资金…); null for an id that is not a category. */
export function problemCategoryLabel(id: string): string | null {
  return BY_ID.get(id)?.label ?? null;
}

/** Known ids without duplicates, in the order of §7 (so the same choice is always stored the same way). */
export function sortProblemCategoryIds(ids: readonly string[]): ProblemCategoryId[] {
  return PROBLEM_CATEGORIES.filter((c) => ids.includes(c.id)).map((c) => c.id);
}
