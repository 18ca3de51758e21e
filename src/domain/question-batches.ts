// Questions about 四个一批 and the 储备库: "转化率", "江北区四个一批", "储备项目", "储备不足的县区".
import type { NameIndex } from './name-index';

export type BatchIntent = { kind: 'batches'; county: number | null } | { kind: 'reserve'; county: number | null } | { kind: 'reserve_short' };

const BATCH_WORDS = /转化率|四个一批|招商项目|签约企业/u;
const SHORT_WORDS = /储备不足|储备偏少|储备少/u;
const RESERVE_WORDS = /储备(项目|库)?/u;

/** A county named anywhere in the text (its full name or a strong alias). */
function countyIn(t: string, index: NameIndex): number | null {
  const hit = index.aliases.filter((a) => a.type === 'county' && t.includes(a.text)).sort((a, b) => b.text.length - a.text.length)[0];
  return hit?.id ?? null;
}

/** `t` is the normalised question text; null when it is not about these lists. */
export function parseBatchQuestion(t: string, index: NameIndex): BatchIntent | null {
  if (SHORT_WORDS.test(t)) return { kind: 'reserve_short' };
  if (BATCH_WORDS.test(t)) return { kind: 'batches', county: countyIn(t, index) };
  if (RESERVE_WORDS.test(t) && !/问题/u.test(t)) return { kind: 'reserve', county: countyIn(t, index) };
  return null;
}
