// Finding projects by what people type: code, exact name, fragment, scattered characters, a typo, pinyin initials.
import { type EntityType, type IndexedProject, type NameIndex, normalizeText } from './name-index';

/** How a project was found, from the surest to the loosest; `serial` is a bare number read as a code's serial (014). */
export type MatchVia = 'code' | 'serial' | 'exact' | 'fragment' | 'scattered' | 'typo' | 'pinyin';
/**
 * `sure`: the words name these projects beyond doubt (the name, a stretch of it, its initials, a code, one slip of a
 * long name); otherwise they are only alike (characters far apart, two slips, a short name one character off), and
 * the answer may offer them but never answer as if one of them were asked for.
 */
export type ProjectMatch = { ids: number[]; via: MatchVia; sure: boolean };

/**
 * A project code in a question: LJ2026-014, lj2026014, 2026-014, 2026014. Without a prefix or a separator the
 * number after the year must have three digits, so that "2026年" or an amount is not taken for a code; nor is a
 * date ("2026-10月").
 */
const CODE_RE = /(?<![a-z0-9])(?:([a-z]{1,6})[-_ ]?)?(20\d{2})([-_ ]?)(\d{1,4})(?![0-9年月日])/iu;

export function findCode(text: string, index: NameIndex): { query: string; ids: number[] } | null {
  const t = text.normalize('NFKC');
  const m = CODE_RE.exec(t);
  if (!m) return null;
  const [whole, prefix, year, sep, seq] = m;
  if (!prefix && !sep && (seq ?? '').length < 3) return null;
  const ids = index.projects
    .filter((p) => {
      const c = p.parsedCode;
      if (!c) return normalizeText(p.code) === normalizeText(whole);
      return c.year === Number(year) && c.seq === Number(seq) && (!prefix || c.prefix === prefix.toLowerCase());
    })
    .map((p) => p.id);
  return { query: whole.trim(), ids };
}

/** The shortest stretch of `s` that holds the characters of `q` in order, or null ("污水厂" in "污水处理厂" → 5). */
export function scatteredSpan(q: string, s: string): number | null {
  const qs = [...q];
  const ss = [...s];
  let best: number | null = null;
  for (let start = 0; start < ss.length; start++) {
    if (ss[start] !== qs[0]) continue;
    let k = 1;
    let j = start + 1;
    for (; j < ss.length && k < qs.length; j++) if (ss[j] === qs[k]) k++;
    if (k === qs.length) best = Math.min(best ?? Infinity, j - start);
  }
  return best;
}

/** The fewest edits turning `q` into some stretch of `s` (Sellers), stopping early once above `max`. */
export function fragmentDistance(q: string, s: string, max = Infinity): number {
  const qs = [...q];
  const ss = [...s];
  let prev = new Array<number>(ss.length + 1).fill(0);
  for (let i = 1; i <= qs.length; i++) {
    const cur = new Array<number>(ss.length + 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= ss.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (qs[i - 1] === ss[j - 1] ? 0 : 1);
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, sub);
      rowMin = Math.min(rowMin, cur[j] ?? 0);
    }
    if (rowMin > max) return rowMin;
    prev = cur;
  }
  return Math.min(...prev.slice(1), qs.length);
}

/** Whether the initials `q` ("azfeq") read a stretch of the name, any reading of a polyphone counting. */
export function initialsMatch(q: string, initials: readonly string[][]): boolean {
  const qs = [...q];
  for (let start = 0; start + qs.length <= initials.length; start++) {
    let k = 0;
    while (k < qs.length && initials[start + k]?.includes(qs[k]!)) k++;
    if (k === qs.length) return true;
  }
  return false;
}

/**
 * How many of the characters of `qs` (counted with repeats) occur anywhere in `s`. Each that does not costs an edit
 * at least, so a name where fewer than length − k occur is more than k edits away, and one where not all occur
 * cannot hold them in order or as a stretch: most names are passed over without the costlier comparisons.
 */
function present(qs: readonly string[], s: string): number {
  let n = 0;
  for (const c of qs) if (s.includes(c)) n++;
  return n;
}

/** For the whole register (not a county's few hundred), which names hold each character, built once per index. */
const CHAR_INDEX_FROM = 2000;
const charIndexes = new WeakMap<readonly IndexedProject[], Map<string, number[]>>();

function charIndexOf(ps: readonly IndexedProject[]): Map<string, number[]> {
  let got = charIndexes.get(ps);
  if (!got) {
    got = new Map();
    ps.forEach((p, i) => {
      for (const c of new Set(p.key)) {
        const list = got!.get(c);
        if (list) list.push(i);
        else got!.set(c, [i]);
      }
    });
    charIndexes.set(ps, got);
  }
  return got;
}

/** `present(qs, p.key)` for every one of `ps`, in order. */
function presentCounts(qs: readonly string[], ps: readonly IndexedProject[]): ArrayLike<number> {
  if (ps.length < CHAR_INDEX_FROM) return ps.map((p) => present(qs, p.key));
  const counts = new Int32Array(ps.length);
  const times = new Map<string, number>();
  for (const c of qs) times.set(c, (times.get(c) ?? 0) + 1);
  const index = charIndexOf(ps);
  for (const [c, k] of times) for (const i of index.get(c) ?? []) counts[i]! += k;
  return counts;
}

/** One character wrong in four or more, two in eight or more; shorter fragments must be right. */
export function typoAllowance(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

/** A slip is sure only in a fragment this long, and only one. */
export const SURE_TYPO_LENGTH = 6;
/** Scattered characters are sure only with at most this many characters of the name left out between them. */
export const SURE_SCATTER_GAP = 2;

/** Numbers and ordinals tell 一期 from 二期 and 3号 from 5号: a slip that changes one is no slip. */
const NUMERALS = /[0-9一二三四五六七八九十百零〇两]/gu;
const numeralsKept = (q: string, key: string) => (q.match(NUMERALS) ?? []).every((c) => key.includes(c));

const PINYIN_RE = /^[a-z]{2,16}$/;

/** Projects among `candidates` that the normalised fragment `q` names, at the surest level that finds any. */
export function matchProjects(q: string, candidates: readonly IndexedProject[]): ProjectMatch | null {
  if (q.length === 0) return null;
  const ids = (ps: IndexedProject[]) => ps.map((p) => p.id);
  const qs = [...q];
  const len = qs.length;
  const allowed = typoAllowance(len);
  // Only names holding all of q's characters can match exactly, as a stretch or scattered; a typo may miss `allowed`.
  const counts = presentCounts(qs, candidates);
  const near = candidates.filter((_, i) => counts[i]! >= len - allowed);
  const whole = allowed === 0 ? near : candidates.filter((_, i) => counts[i] === len);
  const exact = whole.filter((p) => p.key === q);
  if (exact.length) return { ids: ids(exact), via: 'exact', sure: true };
  if (PINYIN_RE.test(q)) {
    const read = candidates.filter((p) => initialsMatch(q, p.initials));
    return read.length ? { ids: ids(read), via: 'pinyin', sure: true } : null;
  }
  const fragment = whole.filter((p) => p.key.includes(q));
  if (fragment.length) return { ids: ids(fragment), via: 'fragment', sure: true };
  let loose: ProjectMatch | null = null;
  if (len >= 3) {
    // Characters left out in between ("污水厂"), but not spread over the whole name; sure only when few are left out.
    const spans = whole
      .map((p) => ({ p, span: scatteredSpan(q, p.key) }))
      .filter((x): x is { p: IndexedProject; span: number } => x.span !== null && x.span <= 2 * len + 1)
      .sort((a, b) => a.span - b.span);
    const tight = spans.filter((x) => x.span - len <= SURE_SCATTER_GAP && numeralsKept(q, x.p.key));
    if (tight.length) return { ids: ids(tight.map((x) => x.p)), via: 'scattered', sure: true };
    if (spans.length) loose = { ids: ids(spans.map((x) => x.p)), via: 'scattered', sure: false };
  }
  if (allowed > 0) {
    // Names up to two edits off are scored even where one is allowed: a slip is sure only with no rival that close
    // (人民医院城老院区 is one edit from 人民医院城东院区 but two from 人民医院老城院区, its own name swapped).
    const reach = Math.max(allowed, 2);
    const pool = allowed >= reach ? near : candidates.filter((_, i) => counts[i]! >= len - reach);
    const scored = pool.map((p) => ({ p, d: fragmentDistance(q, p.key, reach) })).filter((x) => x.d <= reach);
    const hits = scored.filter((x) => x.d <= allowed);
    if (hits.length) {
      const best = Math.min(...hits.map((x) => x.d));
      const around = scored.filter((x) => x.d <= best + 1).sort((a, b) => a.d - b.d);
      const [only] = around;
      const sure = best === 1 && len >= SURE_TYPO_LENGTH && around.length === 1 && only !== undefined && numeralsKept(q, only.p.key);
      if (sure) return { ids: [only.p.id], via: 'typo', sure };
      if (!loose) return { ids: ids(around.map((x) => x.p)), via: 'typo', sure: false };
    }
  }
  return loose;
}

/**
 * A bare number naming a project by its code's serial: 「014」「14号项目」「第14个」「14号」. Several registers (prefixes,
 * years) may share it; a number that is none of the codes' serials names nothing (null).
 */
const SERIAL_RE = /^(?:第)?0*(\d{1,4})(?:号|个)?(?:项目)?$/u;

/**
 * A code's serial: 「014」「14号」「第14个项目」. Sure only when written as a serial is (zero-padded to three digits, or
 * with 号 or 项目); a bare 「3」 or 「第3个」 may as well answer something else (a ranking just shown), so it is offered.
 */
export function findSerial(text: string, index: NameIndex, said = text): { query: string; ids: number[]; sure: boolean } | null {
  const m = SERIAL_RE.exec(text);
  if (!m) return null;
  const serial = Number(m[1]);
  if (serial === 0) return null;
  const ids = index.projects.filter((p) => p.parsedCode?.seq === serial).map((p) => p.id);
  // `said`: the question as typed (its 项目 may have been dropped from `text` with the other filler words).
  const sure = /^0\d{2,3}$/u.test(text) || /号|项目/u.test(said);
  return ids.length ? { query: text, ids, sure } : null;
}

export type Suggestion = { type: 'project' | EntityType; id: number; name: string };

function bigrams(s: string): string[] {
  const cs = [...s];
  return cs.slice(0, -1).map((c, i) => c + (cs[i + 1] ?? ''));
}

/** How alike a fragment and a name are, 0–1: the share of the fragment's character pairs in the name, or 1 − typos/length. */
export function likeness(q: string, name: string): number {
  const pairs = bigrams(q);
  const shared = pairs.length ? pairs.filter((b) => name.includes(b)).length / pairs.length : 0;
  const len = [...q].length;
  const d = fragmentDistance(q, name, Math.max(1, Math.floor(len / 2)));
  return Math.max(shared, len >= 3 ? 1 - d / len : 0);
}

/**
 * Whether a name holding `n` of the fragment's characters may be alike enough to be worth scoring: its pairs in the
 * name are at most n − 1, and from three characters it is at least length − n edits away. A distance cut short by
 * likeness's bound always scores below 0.5, so this holds for thresholds from 0.5 up.
 */
function mayBeAlike(n: number, len: number, pairs: number, threshold: number): boolean {
  if (threshold < 0.5) return true;
  return (len >= 3 && n / len >= threshold) || (pairs > 0 && (n - 1) / pairs >= threshold);
}

/** The names nearest a fragment that matched nothing (at most `n`), or [] when nothing is even close. */
export function closestNames(q: string, index: NameIndex, n = 5, threshold = 0.5): Suggestion[] {
  const qs = [...q];
  if (qs.length < 2) return [];
  const pairs = qs.length - 1;
  const scored: Array<Suggestion & { score: number }> = [];
  for (const [type, names] of Object.entries(index.names) as Array<[EntityType, Map<number, string>]>) {
    for (const [id, name] of names) scored.push({ type, id, name, score: likeness(q, normalizeText(name)) });
  }
  const counts = presentCounts(qs, index.projects);
  index.projects.forEach((p, i) => {
    if (mayBeAlike(counts[i]!, qs.length, pairs, threshold)) scored.push({ type: 'project', id: p.id, name: p.name, score: likeness(q, p.key) });
  });
  return scored
    .filter((s) => s.score >= threshold)
    .sort((a, b) => b.score - a.score || [...a.name].length - [...b.name].length || a.id - b.id)
    .slice(0, n)
    .map(({ type, id, name }) => ({ type, id, name }));
}
