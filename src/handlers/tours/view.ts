// The view model of a judge's scoring card, read from the database: the judge's own latest score only.
import { renderScoreCard } from '../../../cards/tours/score';
import type { Db } from '../../db/connect';
import { type Tour, type TourProject, tourScores } from '../../db/tours';
import { formatBeijing } from '../../domain/calendar-dates';

export async function buildScoreCard(db: Db, tour: Tour, project: TourProject, personId: number, o: { notice?: string; nonce?: string } = {}) {
  const mine = (await tourScores(db, tour.id)).filter((s) => s.projectId === project.projectId && s.personId === personId).at(-1);
  return renderScoreCard({
    tourId: tour.id,
    tourName: tour.name,
    date: tour.date,
    project: { id: project.projectId, code: project.code, name: project.name, county: project.county },
    criteria: tour.criteria,
    saved: mine ? { tenths: mine.tenths, at: formatBeijing(new Date(mine.recordedAt), { year: true }) } : null,
    closed: tour.status === 'closed',
    ...o,
  });
}
