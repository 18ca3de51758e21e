// The weekly digest's figures, after a round's deadline: n of m reported, the week's new investment, projects newly
// behind 序时 (lagging now, not at the previous round's deadline) and problems raised since the previous round.
import type { DigestVM } from '../../cards/bulletin-digest';
import type { Db } from '../db/connect';
import { latestReports } from '../db/queries-reports';
import { type PeriodRow, reportedInPeriod, roundProjects } from '../db/rounds';
import { addDays } from '../domain/calendar';
import { problemCategoryLabel } from '../domain/problem-categories';
import { formatRate, formatYi, rateOf } from '../domain/progress';
import { compareStanding, isLagging, lightOf } from '../domain/question-figures';
import { openBook } from './answer-book';
import { isoWeekOf } from './round-plan';
import { weekText } from './round-texts';

type Period = NonNullable<PeriodRow>;

/** 00:00 Beijing of a 'YYYY-MM-DD' day, as an ISO instant. */
const beijingMidnight = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();

async function newProblems(db: Db, fromIso: string, toIso: string): Promise<DigestVM['newProblems']> {
  const rows = await db
    .selectFrom('problems')
    .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('raised_at', '>', fromIso)
    .where('raised_at', '<=', toIso)
    .groupBy('category')
    .orderBy('category')
    .execute();
  // Stored as the category's id (land) or its name (用地): shown by name either way.
  const counts = new Map<string, number>();
  for (const r of rows) {
    const name = problemCategoryLabel(r.category) ?? r.category;
    counts.set(name, (counts.get(name) ?? 0) + Number(r.n));
  }
  const byCategory = [...counts].sort((a, b) => b[1] - a[1]);
  return { count: byCategory.reduce((s, [, n]) => s + n, 0), byCategory };
}

/** The digest of a round whose deadline has passed; `previous` is the round before it in the plan year, if any. */
export async function composeDigest(db: Db, period: Period, previous: Period | null): Promise<DigestVM | null> {
  const book = await openBook(db, new Date(period.deadline_at));
  if (!book) return null;
  const projects = await roundProjects(db, period.plan_year);
  const reportedIn = await reportedInPeriod(db, period.id);
  const reported = projects.filter((p) => reportedIn.has(p.projectId)).length;

  const now = await latestReports(db, book.planYear, period.week_start);
  const before = await latestReports(db, book.planYear, addDays(period.week_start, -7));
  let investedYuan = 0;
  let compared = 0;
  let firstReports = 0;
  for (const [projectId, r] of now) {
    if (r.periodId !== period.id) continue;
    const earlier = before.get(projectId);
    if (!earlier) firstReports += 1;
    else {
      investedYuan += r.ytdYuan - earlier.ytdYuan;
      compared += 1;
    }
  }

  let laggards: DigestVM['laggards'] = null;
  const previousBook = previous ? await openBook(db, new Date(previous.deadline_at)) : null;
  if (previousBook) {
    // Each round measured against 序时 at its own deadline: a project that fell behind when a month ended is new too.
    const fresh = book.register.projects
      .map((p) => ({ p, standing: book.standing(p, now.get(p.id) ?? null) }))
      .filter(({ p, standing }) => isLagging(standing) && !isLagging(previousBook.standing(p, before.get(p.id) ?? null)))
      .sort((a, b) => compareStanding(a.standing, b.standing));
    laggards = fresh.map(({ p, standing }) => ({ name: p.name, county: p.countyName, light: lightOf(standing) }));
  }

  const from = previous ? previous.deadline_at : beijingMidnight(period.week_start);
  return {
    weekLabel: weekText(isoWeekOf(period.week_start), period.week_start),
    reported,
    total: projects.length,
    rateText: formatRate(rateOf(reported, projects.length)),
    invested: compared > 0 ? formatYi(investedYuan) : null,
    firstReports,
    laggards,
    newProblems: await newProblems(db, from, period.deadline_at),
    asOfText: book.asOfText,
    timeProgressText: book.timeProgressText,
  };
}
