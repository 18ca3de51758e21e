// Is a reported problem one the ledger already holds? Reporters reword the same problem from week to week
// ("征地拆迁尚有3户未签约" → "征地拆迁尚有2户未签约，正在做工作"): compare the wording, the category, and which item last
// week's report was linked to, and suggest that item when they agree enough.

/** What counts in a comparison: characters other than spaces, punctuation and digits (counts change week to week). */
function normalise(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\d]/gu, '');
}

function bigrams(s: string): Map<string, number> {
  const chars = [...s];
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(chars[0] ?? '', 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = `${chars[i]}${chars[i + 1]}`;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice's coefficient over character pairs: 1 for the same words, 0 for nothing in common. */
export function textSimilarity(a: string, b: string): number {
  const x = bigrams(normalise(a));
  const y = bigrams(normalise(b));
  let total = 0;
  let shared = 0;
  for (const n of x.values()) total += n;
  for (const n of y.values()) total += n;
  if (total === 0) return 0;
  for (const [g, n] of x) shared += Math.min(n, y.get(g) ?? 0);
  return (2 * shared) / total;
}

export type Candidate = {
  id: number;
  category: string;
  /** The item's description and 需协调事项, and what earlier reports linked to it said. */
  texts: string[];
  /** Last week's report of the project was linked to this item. */
  linkedLastTime: boolean;
};

export type Reported = { categories: readonly string[]; texts: string[] };

/** How sure the suggestion must be; the form shows it preselected, and an unanswered form links to it. */
export const SUGGEST_THRESHOLD = 0.5;

export function matchScore(r: Reported, c: Candidate): number {
  let best = 0;
  for (const a of r.texts) for (const b of c.texts) best = Math.max(best, textSimilarity(a, b));
  const sameCategory = c.category !== '' && r.categories.includes(c.category) ? 0.15 : 0;
  const lastTime = c.linkedLastTime ? 0.25 : 0;
  return best + sameCategory + lastTime;
}

/**
 * The open item this report most likely repeats, or null when none is close enough (then it is a new problem). The
 * same words as an item's (figures aside) settle it; otherwise the closest wording, helped by the category and by
 * which item last week's report was linked to.
 */
export function suggestProblem(r: Reported, candidates: readonly Candidate[]): number | null {
  if (r.texts.length === 0) return null;
  const said = new Set(r.texts.map(normalise));
  const same = candidates.filter((c) => c.texts.some((t) => said.has(normalise(t))));
  let best: { id: number; score: number } | null = null;
  for (const c of same.length ? same : candidates) {
    const score = matchScore(r, c);
    if (score >= SUGGEST_THRESHOLD && (!best || score > best.score)) best = { id: c.id, score };
  }
  return best?.id ?? null;
}
