// The register's names prepared for questions: projects (name, code, pinyin initials), counties, categories, units, leaders.
import { pinyin, polyphonic } from 'pinyin-pro';

export type IndexProject = {
  id: number;
  code: string;
  name: string;
  countyId: number;
  categoryId: number;
  unitId: number;
  leaderId: number | null;
  nationalCode?: string | null;
};
export type Named = { id: number; name: string };
export type IndexLeader = Named & { title: string | null };

export type NameIndexInput = {
  projects: readonly IndexProject[];
  counties: readonly Named[];
  categories: readonly Named[];
  units: readonly Named[];
  leaders: readonly IndexLeader[];
};

export type EntityType = 'county' | 'category' | 'unit' | 'leader';

/**
 * A way of naming a county, category, unit or leader. A strong alias (the full name, 江北区政府, 交通运输局, 金市长)
 * counts wherever it appears in a question; a weak one (江北, 产业) only when it is all that is left of it, since
 * "产业" is also part of "产业园".
 */
export type Alias = { type: EntityType; id: number; text: string; strong: boolean };

export type ProjectCode = { prefix: string; year: number; seq: number };

export type IndexedProject = IndexProject & {
  /** The name as compared: see normalizeText. */
  key: string;
  /**
   * Per character of `key`, the initials it may be read with (all readings of a polyphone, lower case). Worked out
   * when first read: only questions typed as initials need them, and for 10,000 names they are most of the index's cost.
   */
  readonly initials: string[][];
  parsedCode: ProjectCode | null;
};

export type NameIndex = {
  projects: IndexedProject[];
  byId: Map<number, IndexedProject>;
  byKey: Map<string, IndexedProject[]>;
  /** Longest first, so that 江北区人民政府 is found before 江北区. */
  aliases: Alias[];
  names: Record<EntityType, Map<number, string>>;
  /** Each leader's 职务 as the register has it (市长, 常务副市长, 市人大常委会副主任), for "市长包联的项目". */
  leaderTitles: Map<number, string>;
};

/** What is compared: NFKC (full-width → half-width), lower case, and only letters and digits (no spaces, no brackets). */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** LJ2026-014, LJ2026014, 2026-14 → { prefix, year, seq }; null for a code of another shape. */
export function parseProjectCode(code: string): ProjectCode | null {
  const m = /^([a-z]*)[-_ ]?(\d{4})[-_ ]?(\d{1,6})$/i.exec(code.normalize('NFKC').trim());
  return m ? { prefix: (m[1] ?? '').toLowerCase(), year: Number(m[2]), seq: Number(m[3]) } : null;
}

const HAN = /\p{Script=Han}/u;

const firstLetters = (options: readonly string[]) => [...new Set(options.map((o) => o.toLowerCase()).filter((o) => /^[a-z]$/.test(o)))];

/**
 * A character's initials with a given reading in context first. The readings of a character do not depend on its
 * neighbours, so each (character, reading in context) is worked out once and its list shared by every name holding it:
 * 10,000 names are some 120,000 characters but a few hundred such pairs.
 */
const initialsOfChar = new Map<string, string[]>();
function charInitials(c: string, contextual: string): string[] {
  const k = `${c}${contextual}`;
  let got = initialsOfChar.get(k);
  if (got === undefined) {
    got = firstLetters([contextual, ...(polyphonic(c, { pattern: 'first', toneType: 'none', type: 'array' })[0] ?? [])]);
    initialsOfChar.set(k, got);
  }
  return got;
}

/** Each character's possible initials: the reading in context first, then the other readings of a polyphone. */
export function initialsOf(key: string): string[][] {
  const chars = [...key];
  const contextual = pinyin(key, { pattern: 'first', toneType: 'none', type: 'array' });
  const aligned = contextual.length === chars.length;
  return chars.map((c, i) => {
    if (!HAN.test(c)) return [c.toLowerCase()];
    return aligned ? charInitials(c, contextual[i] ?? '') : firstLetters(pinyin(c, { pattern: 'first', toneType: 'none', type: 'array', multiple: true }));
  });
}

function countyAliases(name: string): Array<[string, boolean]> {
  const out: Array<[string, boolean]> = [[name, true]];
  // 江北区 → 江北, 石门县 → 石门; not 临江新区 → 临江, which is usually the city itself.
  const m = /^(.{2,})(区|县)$/u.exec(name);
  if (m && !/新$/.test(m[1] ?? '')) out.push([m[1] ?? '', false]);
  return out;
}

function categoryAliases(name: string): Array<[string, boolean]> {
  const base = name.replace(/(项目|类)$/u, '');
  const out: Array<[string, boolean]> = [
    [name, true],
    [`${base}类项目`, true],
    [`${base}类`, true],
  ];
  if (base !== name && base.length >= 2) out.push([base, false]);
  return out;
}

function unitAliases(name: string): Array<[string, boolean]> {
  const out: Array<[string, boolean]> = [[name, true]];
  if (name.endsWith('人民政府')) out.push([`${name.slice(0, -4)}政府`, true]);
  const bare = name.replace(/^市/u, '');
  if (bare !== name && bare.length >= 3) out.push([bare, true]);
  return out;
}

/** 市人大常委会副主任 → 副主任, 市委常委 → 常委; but 市长 stays 市长. */
export function spokenTitle(title: string): string {
  const stripped = title.replace(/^(市委|市人大常委会|市政协|市)/u, '');
  return stripped.length >= 2 ? stripped : title;
}

/** A leader by surname and title: 金市长, 钟常务, 白副市长 (and, as people say it, 白市长). */
function leaderAliases(name: string, title: string | null): Array<[string, boolean]> {
  const out: Array<[string, boolean]> = [[name, true]];
  const surname = [...name][0] ?? '';
  if (!title || !surname) return out;
  const t = spokenTitle(title);
  // A deputy is addressed without 副 (白市长, 赵主任), a 常务副市长 also as 钟常务.
  const spoken = new Set([t, t.replace(/^常务/u, ''), t.replace(/^(常务)?副/u, '')]);
  if (t.startsWith('常务')) spoken.add('常务');
  for (const s of spoken) if (s.length >= 2) out.push([`${surname}${s}`, true]);
  return out;
}

function buildAliases(input: NameIndexInput): Alias[] {
  const raw: Alias[] = [];
  const add = (type: EntityType, id: number, list: Array<[string, boolean]>) => {
    for (const [text, strong] of list) {
      const key = normalizeText(text);
      if (key.length >= 2) raw.push({ type, id, text: key, strong });
    }
  };
  for (const c of input.counties) add('county', c.id, countyAliases(c.name));
  for (const c of input.categories) add('category', c.id, categoryAliases(c.name));
  for (const u of input.units) add('unit', u.id, unitAliases(u.name));
  for (const l of input.leaders) add('leader', l.id, leaderAliases(l.name, l.title));
  // An alias two things share (赵主任 for two leaders called 赵) names neither: it is dropped.
  const owners = new Map<string, Set<string>>();
  for (const a of raw) owners.set(a.text, (owners.get(a.text) ?? new Set()).add(`${a.type}:${a.id}`));
  const seen = new Set<string>();
  const out = raw.filter((a) => {
    if ((owners.get(a.text)?.size ?? 0) > 1 || seen.has(a.text)) return false;
    seen.add(a.text);
    return true;
  });
  return out.sort((a, b) => b.text.length - a.text.length || Number(b.strong) - Number(a.strong));
}

/** A project as the index holds it; the initials are worked out on first use (a getter on the class keeps objects fast). */
class IndexedName implements IndexedProject {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly countyId: number;
  readonly categoryId: number;
  readonly unitId: number;
  readonly leaderId: number | null;
  readonly nationalCode: string | null;
  readonly key: string;
  readonly parsedCode: ProjectCode | null;
  #initials: string[][] | null = null;

  constructor(p: IndexProject) {
    this.id = p.id;
    this.code = p.code;
    this.name = p.name;
    this.countyId = p.countyId;
    this.categoryId = p.categoryId;
    this.unitId = p.unitId;
    this.leaderId = p.leaderId;
    this.nationalCode = p.nationalCode ?? null;
    this.key = normalizeText(p.name);
    this.parsedCode = parseProjectCode(p.code);
  }

  get initials(): string[][] {
    this.#initials ??= initialsOf(this.key);
    return this.#initials;
  }
}

export function buildNameIndex(input: NameIndexInput): NameIndex {
  const projects = input.projects.map((p): IndexedProject => new IndexedName(p));
  const byKey = new Map<string, IndexedProject[]>();
  for (const p of projects) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
  const map = (xs: readonly Named[]) => new Map(xs.map((x) => [x.id, x.name]));
  return {
    projects,
    byId: new Map(projects.map((p) => [p.id, p])),
    byKey,
    aliases: buildAliases(input),
    names: { county: map(input.counties), category: map(input.categories), unit: map(input.units), leader: map(input.leaders) },
    leaderTitles: new Map(input.leaders.flatMap((l) => (l.title?.trim() ? [[l.id, l.title.trim()] as [number, string]] : []))),
  };
}
