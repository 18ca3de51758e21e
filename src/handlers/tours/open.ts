// Opening and closing a 观摩, the same from chat and from `diaodu tour open|close`. Opening checks everything first
// (projects by code or county, judges by mobile or name, a real date) and then, in one transaction, records the tour
// and queues one scoring card per judge and project — each under a key naming the tour, project and judge, so a
// restart or a repeated message sends none twice. Closing ends the scoring and sends the ranking for approval.
import type { AppContext } from '../../context';
import { loadSettings } from '../../db/settings';
import { closeTour, createTour, getTour, peopleByMobileOrName, projectsForTour, tourBySource, tourJudges, tourProjects } from '../../db/tours';
import { counties as listCounties } from '../../db/people';
import { isIsoDate } from '../../domain/calendar-dates';
import { enqueue } from '../../feishu/outbox';
import { tourKey } from '../../tours/results';
import { outsideQuietHours } from '../run-once';
import { buildScoreCard } from './view';
import type { BulletinService, SubmitOutcome, Writer } from '../../bulletin/publish/publish';

export type OpenTourInput = {
  name: string;
  date: string;
  /** Project codes, or county names (every project of the plan year in them); one of the two. */
  codes?: string[];
  counties?: string[];
  /** Judges by mobile or by name as in the register. */
  judges: string[];
  /** The chat message that asked, for opening once; null from the command line. */
  source: string | null;
  openedBy: number | null;
};

export type OpenTourOutcome =
  | { ok: true; tourId: number; again: boolean; projects: number; judges: string[]; cards: number; unresolved: string[] }
  | { ok: false; reason: string };

const refuse = (reason: string): OpenTourOutcome => ({ ok: false, reason });

export async function openTour(ctx: AppContext, input: OpenTourInput): Promise<OpenTourOutcome> {
  const name = input.name.trim();
  if (name === '') return refuse('请写明观摩的名称，如“2026年四季度重点项目观摩”。');
  if ([...name].length > 40) return refuse('观摩名称请控制在 40 个字以内。');
  if (!isIsoDate(input.date)) return refuse(`观摩日期“${input.date}”无效，请写作 2026-11-20。`);
  if (input.source) {
    const existing = await tourBySource(ctx.db, input.source);
    if (existing !== null) {
      const [projects, judges] = await Promise.all([tourProjects(ctx.db, existing), tourJudges(ctx.db, existing)]);
      return { ok: true, tourId: existing, again: true, projects: projects.length, judges: judges.map((j) => j.name), cards: 0, unresolved: [] };
    }
  }
  const year = Number(input.date.slice(0, 4));
  let projects: Array<{ id: number; code: string }>;
  if (input.codes?.length) {
    projects = await projectsForTour(ctx.db, year, { codes: input.codes });
    const missing = input.codes.filter((c) => !projects.some((p) => p.code === c));
    if (missing.length) return refuse(`${year}年度项目库中没有这些项目编号：${missing.join('、')}。`);
  } else if (input.counties?.length) {
    const known = new Set((await listCounties(ctx.db)).map((c) => c.name));
    const unknown = input.counties.filter((c) => !known.has(c));
    if (unknown.length) return refuse(`没有这些县区：${unknown.join('、')}；可用：${[...known].join('、')}。`);
    projects = await projectsForTour(ctx.db, year, { counties: input.counties });
    if (projects.length === 0) return refuse(`${input.counties.join('、')}在${year}年度项目库中没有项目。`);
  } else return refuse('请写明观摩的项目（项目编号）或县区。');
  const found = await peopleByMobileOrName(ctx.db, input.judges);
  const problems: string[] = [];
  const judgeIds: number[] = [];
  for (const [word, people] of found) {
    if (people.length === 0) problems.push(`项目库人员中没有“${word}”`);
    else if (people.length > 1) problems.push(`“${word}”有${people.length}人同名，请改用手机号`);
    else if (!judgeIds.includes(people[0]!.id)) judgeIds.push(people[0]!.id);
  }
  if (problems.length) return refuse(`评委有误：${problems.join('；')}。`);
  if (judgeIds.length === 0) return refuse('请写明评委（手机号或姓名）。');
  const { settings } = await loadSettings(ctx.db);
  const now = ctx.clock.now();
  const sendAt = outsideQuietHours(now);
  return ctx.engine.retry(() =>
    ctx.db.transaction().execute(async (tx): Promise<OpenTourOutcome> => {
      const tourId = await createTour(
        tx,
        {
          name,
          date: input.date,
          criteria: settings['tours.criteria'],
          source: input.source,
          openedBy: input.openedBy,
          projectIds: projects.map((p) => p.id),
          judgeIds,
        },
        now,
      );
      const tour = (await getTour(tx, tourId))!;
      const judges = await tourJudges(tx, tourId);
      let cards = 0;
      const unresolved: string[] = [];
      for (const j of judges) {
        if (!j.openId || j.resigned) {
          unresolved.push(j.name);
          continue;
        }
        for (const p of await tourProjects(tx, tourId)) {
          const content = await buildScoreCard(tx, tour, p, j.personId);
          const msg = { op: 'create' as const, receiveIdType: 'open_id' as const, receiveId: j.openId, msgType: 'interactive' as const, content };
          await enqueue(tx, msg, now, `tour:${tourId}:${p.projectId}:${j.personId}`, sendAt);
          cards += 1;
        }
      }
      return { ok: true, tourId, again: false, projects: projects.length, judges: judges.map((j) => j.name), cards, unresolved };
    }),
  );
}

export type CloseTourOutcome = { ok: true; closedNow: boolean; submitted: SubmitOutcome } | { ok: false; reason: string };

/** Closes the tour (once) and sends its ranking for approval through the bulletin's machinery. */
export async function closeTourAndSubmit(
  ctx: AppContext,
  service: BulletinService,
  tourId: number,
  closedBy: number | null,
  write?: Writer,
): Promise<CloseTourOutcome> {
  const tour = await getTour(ctx.db, tourId);
  if (!tour) return { ok: false, reason: `没有编号为 ${tourId} 的观摩。` };
  const closedNow = await ctx.engine.retry(() => ctx.db.transaction().execute((tx) => closeTour(tx, tourId, closedBy, ctx.clock.now())));
  const submitted = await service.submitDraft(ctx, tourKey(tourId), { kind: 'tour', ...(write ? { write } : {}) });
  return { ok: true, closedNow, submitted };
}
