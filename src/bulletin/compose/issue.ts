// 期号 and 落款 of a bulletin (snapshot version 2): the office and title of the settings, the number in its plan year
// and the day it is dated.
//
// The number is given at 发布, not at composition: a draft carries the number it would get if published then, marked
// 拟 on its preview, and the publishing transaction gives the final one — the monthly bulletins of the plan year
// published before it, plus one — with the day of publication. So the numbers of a year are unique and follow the
// order of publication even when an earlier month's draft is still awaiting approval (October published after
// November is 第2期, November 第1期), a returned or replaced draft uses up no number, and 季度分析, 年度考核排名 and
// 观摩评分排名 take none. The published snapshot stores the final issue, so a published month never changes when shown
// again. Two instances publishing at once are serialised: PostgreSQL by an advisory lock held to the end of the
// transaction, SQLite by its single writer (the count is read after the row's own UPDATE).
import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { engineOf } from '../../db/engine';
import type { Bulletin, BulletinIssue } from '../../domain/bulletin';
import type { Settings } from '../../domain/settings';
import { publishedCountOfYear } from '../store';

/** pg_advisory_xact_lock key serialising the numbering of published bulletins ("issue"). */
const ISSUE_LOCK_KEY = 0x6973737565;

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

/**
 * Takes the numbering lock for the rest of the transaction (PostgreSQL; SQLite has one writer). Called first in a
 * transaction that publishes a monthly bulletin, before it reads how many are published.
 */
export async function lockIssueNumbers(tx: Db): Promise<void> {
  if (engineOf(tx).name === 'postgres') await sql`select pg_advisory_xact_lock(${ISSUE_LOCK_KEY})`.execute(tx);
}

/**
 * The bulletin as published at `at`: the number and date of its 期号 given now (office and title as approved). A
 * bulletin without 期号 (version 1) is returned as it is.
 */
export async function issuedAt(db: Db, b: Bulletin, at: Date): Promise<Bulletin> {
  if (!b.issue) return b;
  const number = (await publishedCountOfYear(db, b.issue.year, b.month)) + 1;
  return { ...b, issue: { ...b.issue, number, date: beijingDate(at) } };
}

/** Whether two bulletins carry the same 期号 and date (then what was built for one serves the other). */
export function sameIssue(a: Bulletin, b: Bulletin): boolean {
  return a.issue?.number === b.issue?.number && a.issue?.date === b.issue?.date && a.issue?.year === b.issue?.year;
}
