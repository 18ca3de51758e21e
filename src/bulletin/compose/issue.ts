// 期号 and 落款 of a bulletin (snapshot version 2): the office and title of the settings, the number in its plan year
// and the day it is dated. The number is given at composition — the published bulletins of the plan year plus one,
// so a returned or replaced draft uses up no number — and stored in the snapshot with the date, so the approved draft
// is exactly what is published and a published month never changes when shown again.
import type { Db } from '../../db/connect';
import type { BulletinIssue } from '../../domain/bulletin';
import type { Settings } from '../../domain/settings';
import { publishedCountOfYear } from '../store';

/** 'YYYY-MM-DD' of an instant in Beijing time. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The issue of `month`'s bulletin if it were published at `at`. */
export async function issueOf(db: Db, month: string, settings: Settings, at: Date): Promise<BulletinIssue> {
  const year = Number(month.slice(0, 4));
  return {
    office: settings['bulletin.office'],
    title: settings['bulletin.title'],
    year,
    number: (await publishedCountOfYear(db, year, month)) + 1,
    date: beijingDate(at),
  };
}
