// The figures of 四个一批 and the 储备库 for a plan year and month: what the bulletin, the answers and the command line
// all show, computed in one place from the database and the settings.
import type { Kysely } from 'kysely';
import { enterprisesOf } from '../db/batches';
import { countyAnnualPlans, reserveProjects } from '../db/reserve';
import type { Database } from '../db/schema';
import { loadSettings } from '../db/settings';
import { type FourBatches, fourBatches } from '../domain/batches';
import { type ReserveSummary, reserveSummary } from '../domain/reserve';

type Q = Kysely<Database>;

/** 'YYYY-MM-DD' of the last day of a month. */
export function monthEndDay(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

/** 四个一批 of the plan year as of the end of `month`; null when the year has no 招商项目 at all. */
export async function fourBatchesOf(db: Q, planYear: number, month: number): Promise<FourBatches | null> {
  const list = await enterprisesOf(db, planYear);
  if (list.length === 0) return null;
  const { settings } = await loadSettings(db);
  return fourBatches(list, monthEndDay(planYear, month), month, settings['batches.targets']);
}

/** The reserve now, each county against its annual plan of `planYear`; null when the reserve is empty. */
export async function reserveOf(db: Q, planYear: number): Promise<ReserveSummary | null> {
  const list = await reserveProjects(db);
  if (list.length === 0) return null;
  const { settings } = await loadSettings(db);
  const facts = list.map((r) => ({
    countyName: r.countyName,
    categoryName: r.categoryName,
    totalYuan: r.totalYuan,
    stage: r.stage,
    promoted: r.promotedTo !== null,
  }));
  return reserveSummary(facts, await countyAnnualPlans(db, planYear), settings['reserve.ratioThreshold']);
}

/**
 * The bulletin's two optional sections for a month ('YYYY-MM' of the plan year): each field only when it has data,
 * so a city without these lists gets the bulletin it always had.
 */
export async function batchSections(db: Q, month: string): Promise<{ fourBatches?: FourBatches; reserve?: ReserveSummary }> {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const fb = await fourBatchesOf(db, year, m);
  const reserve = await reserveOf(db, year);
  return { ...(fb ? { fourBatches: fb } : {}), ...(reserve ? { reserve } : {}) };
}
