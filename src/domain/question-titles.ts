// Leaders named by their title alone: 「市长包联的项目」「常务副市长联系的项目」「张副市长的项目」.
import { type NameIndex, normalizeText, spokenTitle } from './name-index';

export type TitleMention = {
  /** The title as typed (副市长). */
  title: string;
  /** The surname typed before it (张), when there was one. */
  surname: string | null;
  /** The leaders meant: every holder of the title, or those of them with the surname; none when no holder has it. */
  leaders: number[];
  /** Every holder of the title. */
  holders: number[];
  /** The text without the title (and surname). */
  rest: string;
};

const HAN = /^\p{Script=Han}$/u;

/** Each title as people say it (the register's 职务, and 副主任 for 市人大常委会副主任) → its holders. */
function titleWords(index: NameIndex): Array<[string, number[]]> {
  const holders = new Map<string, number[]>();
  for (const [id, title] of index.leaderTitles) {
    for (const w of new Set([normalizeText(title), normalizeText(spokenTitle(title))])) {
      if ([...w].length >= 2) holders.set(w, [...(holders.get(w) ?? []), id]);
    }
  }
  return [...holders].sort((a, b) => b[0].length - a[0].length);
}

/**
 * The longest title in `text` held by a leader of the register, with a surname before it when the character before
 * it is one (张副市长: the text before the title is that one character, or some leader's name begins with it).
 */
export function takeTitle(text: string, index: NameIndex): TitleMention | null {
  for (const [word, holders] of titleWords(index)) {
    const at = text.indexOf(word);
    if (at < 0) continue;
    // 城市长廊 holds 市长: a title read with its neighbours inside a project's name is part of that name.
    const around = text.slice(Math.max(0, at - 1), at + word.length + 1);
    if (around.length > word.length && index.projects.some((p) => p.key.includes(around))) continue;
    const before = [...text.slice(0, at)];
    const last = before[before.length - 1] ?? '';
    const surnames = new Set(holders.map((id) => [...(index.names.leader.get(id) ?? '')][0]));
    const isSurname = HAN.test(last) && (before.length === 1 || surnames.has(last));
    const surname = isSurname ? last : null;
    // 白市长 for 副市长白某 as people say it: with a surname, any title holding the word will do.
    const titled = surname ? [...index.leaderTitles].filter(([, t]) => normalizeText(t).includes(word)).map(([id]) => id) : holders;
    const leaders = surname ? titled.filter((id) => (index.names.leader.get(id) ?? '').startsWith(surname)) : holders;
    const start = surname ? at - surname.length : at;
    return { title: word, surname, leaders, holders, rest: text.slice(0, start) + text.slice(at + word.length) };
  }
  return null;
}
