// The sample register as a question parser's name index, without a database: for the parser's unit and property tests.
import { buildNameIndex, type NameIndex } from '../../src/domain/name-index';
import { readSheets, SAMPLE } from '../fixtures/register-workbooks';

/** The sample register as an index, ids given in order of first appearance (projects by row). */
export async function sampleIndex(): Promise<NameIndex> {
  const s = await readSheets(SAMPLE);
  const P = (s.项目 ?? []).slice(1);
  const U = (s.单位 ?? []).slice(1);
  const L = (s.领导 ?? []).slice(1);
  const ids = (xs: string[]) => {
    const m = new Map<string, number>();
    for (const x of xs) if (!m.has(x)) m.set(x, m.size + 1);
    return m;
  };
  const counties = ids(P.map((r) => String(r[2])));
  const categories = ids(P.map((r) => String(r[3])));
  const units = ids(U.map((r) => String(r[0])));
  const leaders = ids(L.map((r) => String(r[0])));
  const get = (m: Map<string, number>, k: unknown) => m.get(String(k)) ?? -1;
  return buildNameIndex({
    projects: P.map((r, i) => ({
      id: i + 1,
      code: String(r[0]),
      name: String(r[1]),
      countyId: get(counties, r[2]),
      categoryId: get(categories, r[3]),
      unitId: get(units, r[6]),
      leaderId: leaders.get(String(r[7])) ?? null,
    })),
    counties: [...counties].map(([name, id]) => ({ id, name })),
    categories: [...categories].map(([name, id]) => ({ id, name })),
    units: [...units].map(([name, id]) => ({ id, name })),
    leaders: L.map((r) => ({ id: get(leaders, r[0]), name: String(r[0]), title: String(r[1]) })),
  });
}
