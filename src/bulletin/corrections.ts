// Corrections (domain.md §5): a published bulletin keeps its figures; when a report behind one of them is amended
// later, the next bulletin lists the change. Each change is listed once: a figure already corrected in a published
// bulletin is compared from its corrected value on. Only projects with a report changed since a month was composed
// are compared, so the snapshots (large at 10,000 projects) are read only when something did change.
import type { Db } from '../db/connect';
import { type BulletinProject, loadYearProjects, projectsChangedSince } from './data';
import { askingPeriod, monthEnds } from './month-end';
import { type BulletinMonth, monthOf } from './month';
import { type PublishedRef, publishedBetween } from './store';
import type { BulletinCorrection } from '../domain/bulletin';
import { wan } from './wan';
import { endsOf, type YearData } from './year-data';

/** The month-end figures now, 元, by project id, and the projects of that month's plan year. */
type Now = { projects: readonly BulletinProject[]; figures: ReadonlyMap<number, number | null> };

async function figuresNow(db: Db, data: YearData, k: BulletinMonth): Promise<Now> {
  if (k.year === data.year) {
    const ends = endsOf(data, k);
    return { projects: data.projects, figures: new Map([...ends].map(([id, e]) => [id, e.figureYuan])) };
  }
  // December of the year before, for a January bulletin: another plan year, so its own register.
  const projects = await loadYearProjects(db, k.year);
  const ends = await monthEnds(db, k.year, data.periods, k);
  return { projects, figures: new Map([...ends].map(([id, e]) => [id, e.figureYuan])) };
}

/** The figure of record of each code for a published month: its own table, then any correction published since. */
async function ofRecord(row: PublishedRef, later: readonly PublishedRef[]): Promise<Map<string, { name: string; wan: number | null }>> {
  const record = new Map((await row.load()).table.map((t) => [t.code, { name: t.name, wan: t.completedWan }]));
  for (const l of later) {
    for (const c of (await l.load()).corrections) {
      const r = record.get(c.code);
      if (c.month === row.month && r) r.wan = c.nowWan;
    }
  }
  return record;
}

/** What changed, since they were published, in the month-end figures of the published months before month m. */
export async function correctionsFor(db: Db, data: YearData, m: BulletinMonth): Promise<BulletinCorrection[]> {
  const published = await publishedBetween(db, m.month === 1 ? `${m.year - 1}-12` : `${m.year}-01`, m.key);
  const out: BulletinCorrection[] = [];
  for (const [i, row] of published.entries()) {
    const [y, mo] = row.month.split('-').map(Number) as [number, number];
    const k = monthOf(y, mo);
    const relevant = data.periods.filter((p) => p.opensAt < k.endsAt || p.id === askingPeriod(data.periods, k)?.id).map((p) => p.id);
    const changed = await projectsChangedSince(db, relevant, row.composedAt);
    if (changed.size === 0) continue;
    const now = await figuresNow(db, data, k);
    const record = await ofRecord(row, published.slice(i + 1));
    for (const p of now.projects) {
      const rec = record.get(p.code);
      const current = now.figures.get(p.id);
      if (!changed.has(p.id) || !rec || rec.wan === null || current === undefined || current === null || wan(current) === rec.wan) continue;
      out.push({ month: row.month, code: p.code, name: rec.name, publishedWan: rec.wan, nowWan: wan(current) });
    }
  }
  return out;
}
