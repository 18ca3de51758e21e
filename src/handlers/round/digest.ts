// The weekly digest's figures, after a round's deadline: n of m reported, the week's new investment, projects newly
// behind 序时 (lagging now, not at the previous round's deadline) told apart by cause — this week's report, or 序时
// moving on — lights that got worse by the same causes, and problems raised since the previous round.
import type { DigestVM } from '../../../cards/round/digest';
import type { Db } from '../../db/connect';
import { problemsRaisedByCategory } from '../../db/problem-figures';
import { latestReports } from '../../db/latest-reports';
import { type PeriodRow, reportedInPeriod, roundProjects } from '../../db/rounds';
import { addDays } from '../../domain/calendar';
import { problemCategoryLabel } from '../../domain/problem-categories';
import { formatRate, type Light, rateOf } from '../../domain/progress';
import { compareStanding, isLagging, lightOf, type Standing } from '../../domain/standing';
import { openBook } from '../answer/book';
import { isoWeekOf } from './plan';
import { weekText } from './texts';
import { formatYi } from '../../domain/money';

type Period = NonNullable<PeriodRow>;

/** 00:00 Beijing of a 'YYYY-MM-DD' day, as an ISO instant. */
const beijingMidnight = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();

async function newProblems(db: Db, fromIso: string, toIso: string): Promise<DigestVM['newProblems']> {
  const rows = await problemsRaisedByCategory(db, fromIso, toIso);
  // Stored as the category's id (land) or its name (用地): shown by name either way.
  const counts = new Map<string, number>();
  for (const r of rows) {
    const name = problemCategoryLabel(r.category) ?? r.category;
    counts.set(name, (counts.get(name) ?? 0) + Number(r.n));
  }
  const byCategory = [...counts].sort((a, b) => b[1] - a[1]);
  return { count: byCategory.reduce((s, [, n]) => s + n, 0), byCategory };
}

type Changed = { name: string; county: string; light: Light | null; standing: Standing };
type LightChange = { name: string; from: Light; to: Light };

const SEVERITY: Record<Light, number> = { green: 0, yellow: 1, red: 2 };
/** A light worse than another (no light counts as none at all). */
const worse = (a: Light | null, b: Light | null) => a !== null && (b === null || SEVERITY[a] > SEVERITY[b]);

/** The digest of a round whose deadline has passed; `previous` is the round before it in the plan year, if any. */
export async function composeDigest(db: Db, period: Period, previous: Period | null): Promise<DigestVM | null> {
  const book = await openBook(db, new Date(period.deadlineAt));
  if (!book) return null;
  const projects = await roundProjects(db, period.planYear);
  const reportedIn = await reportedInPeriod(db, period.id);
  const reported = projects.filter((p) => reportedIn.has(p.projectId)).length;

  const now = await latestReports(db, book.planYear, period.weekStart);
  const before = await latestReports(db, book.planYear, addDays(period.weekStart, -7));
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
  let lights: DigestVM['lights'] = null;
  const previousBook = previous ? await openBook(db, new Date(previous.deadlineAt)) : null;
  if (previousBook) {
    // Each round measured against 序时 at its own deadline. What changed is told apart by asking what last week's
    // figures would say against this week's 序时: lagging (or a worse light) already there is 序时 moving on (the month
    // turned), whether or not the project reported this week; otherwise it is this week's report.
    const byReport: Changed[] = [];
    const byMeasure: Changed[] = [];
    const lightsByReport: LightChange[] = [];
    const lightsByMeasure: LightChange[] = [];
    for (const p of book.register.projects) {
      const figures = now.get(p.id) ?? null;
      const earlier = before.get(p.id) ?? null;
      const standing = book.standing(p, figures);
      const was = previousBook.standing(p, earlier);
      const wouldBe = book.standing(p, earlier);
      if (isLagging(standing) && !isLagging(was)) {
        const item = { name: p.name, county: p.countyName, light: lightOf(standing), standing };
        (isLagging(wouldBe) ? byMeasure : byReport).push(item);
      } else if (isLagging(standing) && isLagging(was) && worse(lightOf(standing), lightOf(was))) {
        const change = { name: p.name, from: lightOf(was)!, to: lightOf(standing)! };
        (worse(lightOf(wouldBe), lightOf(was)) ? lightsByMeasure : lightsByReport).push(change);
      }
    }
    const order = (a: Changed, b: Changed) => compareStanding(a.standing, b.standing);
    const strip = (xs: Changed[]) => xs.sort(order).map(({ name, county, light }) => ({ name, county, light }));
    const moved = {
      from: { text: previousBook.timeProgressText, asOf: previousBook.asOfText },
      to: { text: book.timeProgressText, asOf: book.asOfText },
      own: byMeasure.filter((x) => x.standing.reported && x.standing.timeProgress.source === 'own').length,
      lateStart: byMeasure.filter((x) => x.standing.reported && x.standing.assessment.lateStart !== null && !x.standing.assessment.belowTimeProgress).length,
    };
    laggards = { byReport: strip(byReport), byMeasure: strip(byMeasure), measure: moved };
    lights = { byReport: lightsByReport, byMeasure: lightsByMeasure };
  }

  const from = previous ? previous.deadlineAt : beijingMidnight(period.weekStart);
  return {
    weekLabel: weekText(isoWeekOf(period.weekStart), period.weekStart),
    reported,
    total: projects.length,
    rateText: formatRate(rateOf(reported, projects.length)),
    invested: compared > 0 ? formatYi(investedYuan) : null,
    firstReports,
    laggards,
    lights,
    newProblems: await newProblems(db, from, period.deadlineAt),
    asOfText: book.asOfText,
    timeProgressText: book.timeProgressText,
  };
}
