// Corrections (domain.md §5): a published bulletin keeps its figures; when a report behind one of them is amended
// later, the next bulletin lists the change. Each change is listed once: a figure already corrected in a published
// bulletin is compared from its corrected value on.
import type { Db } from '../db/connect';
import { loadPeriods, loadYearProjects } from './data';
import { monthEnds } from './month-end';
import { type BulletinMonth, monthOf } from './month';
import { type PublishedRow, publishedBetween } from './store';
import type { BulletinCorrection } from './types';
import { wan } from './wan';
import { endsOf, type YearData } from './year-data';

/** Code → month-end figure, 万元, as the data gives it now (absent or null: no figure). */
type Figures = Map<string, number | null>;

const wanOrNull = (yuan: number | null | undefined): number | null => (yuan === undefined || yuan === null ? null : wan(yuan));

function figuresFrom(data: YearData, k: BulletinMonth): Figures {
  const ends = endsOf(data, k);
  return new Map(data.projects.map((p) => [p.code, wanOrNull(ends.get(p.id)?.figureYuan)]));
}

/** December of the year before, for a January bulletin: another plan year, so its own register. */
async function lastDecember(db: Db, year: number): Promise<Figures> {
  const [projects, periods] = await Promise.all([loadYearProjects(db, year - 1), loadPeriods(db)]);
  const ends = await monthEnds(db, year - 1, periods, monthOf(year - 1, 12));
  return new Map(projects.map((p) => [p.code, wanOrNull(ends.get(p.id)?.figureYuan)]));
}

/** The figure of record of each code for a published month: its own table, then any correction published since. */
function ofRecord(row: PublishedRow, later: readonly PublishedRow[]): Map<string, { name: string; wan: number | null }> {
  const record = new Map(row.bulletin.table.map((t) => [t.code, { name: t.name, wan: t.completedWan }]));
  for (const l of later) {
    for (const c of l.bulletin.corrections) {
      const r = record.get(c.code);
      if (c.month === row.month && r) r.wan = c.nowWan;
    }
  }
  return record;
}

/** What changed, since they were published, in the month-end figures of the published months before month m. */
export async function correctionsFor(db: Db, data: YearData, m: BulletinMonth): Promise<BulletinCorrection[]> {
  const from = m.month === 1 ? `${m.year - 1}-12` : `${m.year}-01`;
  const published = await publishedBetween(db, from, m.key);
  const out: BulletinCorrection[] = [];
  for (const [i, row] of published.entries()) {
    const [y, mo] = row.month.split('-').map(Number) as [number, number];
    const now = y === m.year ? figuresFrom(data, monthOf(y, mo)) : await lastDecember(db, m.year);
    for (const [code, rec] of ofRecord(row, published.slice(i + 1))) {
      const current = now.get(code);
      if (rec.wan === null || current === undefined || current === null || current === rec.wan) continue;
      out.push({ month: row.month, code, name: rec.name, publishedWan: rec.wan, nowWan: current });
    }
  }
  return out;
}
