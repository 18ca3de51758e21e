// The three steps of a weekly round — open (one list card per reporter and unit), remind, close (escalate and sum
// up) — each run once per round whatever calls it: the scheduler, `diaodu round …`, or a second instance.
import type { AppContext } from '../../context';
import { peopleByUnit, type Person, type PeriodRow, reportedInPeriod, roundProjects, type RoundProject, yearEndAsked } from '../../db/rounds';
import { renderReminderCard } from '../../../cards/round/reminder';
import { adminOpenIds } from '../../people/people';
import { type StepScope, outsideQuietHours, runOnce } from '../run-once';
import { openListKey, rememberListCard } from './list-copies';
import { buildListCard } from './view';
import { buildYearEndCard, yearEndProjects } from './year-end';
import { deadlineText, roundTexts, weekText } from './texts';
import { isoWeekOf } from './plan';

export type RoundStep = 'open' | 'remind' | 'close';
export type StepOutcome = { ran: boolean; messages: number; note?: string };

type Period = NonNullable<PeriodRow>;

function byUnit(projects: RoundProject[]): Map<number, RoundProject[]> {
  const m = new Map<number, RoundProject[]>();
  for (const p of projects) m.set(p.unitId, [...(m.get(p.unitId) ?? []), p]);
  return m;
}

const text = (s: string) => ({ text: s });

export async function runRoundStep(ctx: AppContext, step: RoundStep, period: Period): Promise<StepOutcome> {
  const outcome = await runOnce(ctx, `round.${step}`, period.weekStart, async (s) => {
    const sendAt = outsideQuietHours(s.now);
    if (step === 'open') return open(ctx, s, period, sendAt);
    if (step === 'remind') return remind(ctx, s, period, sendAt);
    return close(ctx, s, period, sendAt);
  });
  return outcome.ran ? outcome.result : { ran: false, messages: 0, note: '该步骤已执行过，本次未重复发送' };
}

async function open(ctx: AppContext, s: StepScope, period: Period, sendAt: Date): Promise<StepOutcome> {
  const projects = await roundProjects(s.tx, period.planYear);
  const reporters = await peopleByUnit(s.tx, 'reporter');
  const unresolved: string[] = [];
  let messages = 0;
  for (const [unitId, list] of byUnit(projects)) {
    for (const r of reporters.get(unitId) ?? []) {
      if (!r.openId || r.resigned) {
        unresolved.push(`${r.name}（${list[0]?.unitName ?? ''}）`);
        continue;
      }
      const card = await buildListCard(s.tx, period, unitId, 0, s.now);
      const key = openListKey(period, unitId, r.personId);
      await s.send({ op: 'create', receiveIdType: 'open_id', receiveId: r.openId, msgType: 'interactive', content: card }, key, sendAt);
      await rememberListCard(s.tx, key, period.id, unitId, sendAt);
      messages += 1;
    }
  }
  messages += await openYearEnd(s, period, reporters, unresolved, sendAt);
  if (unresolved.length) messages += await toAdmins(s, roundTexts.openNotice([...new Set(unresolved)]), `round:${period.weekStart}:open-notice`, sendAt);
  ctx.log.info('周调度已开始', { week: period.weekStart, messages, unresolved: unresolved.length });
  return { ran: true, messages };
}

/**
 * The first round of a plan year: each unit of the old year's projects gets one year-end card per reporter. A unit the
 * new register dropped still has its reporters here (the import keeps their role for this; register/apply-people.ts
 * unitsInYearEnd); projects whose unit has no reporter to send to are named to the administrators.
 */
async function openYearEnd(s: StepScope, period: Period, reporters: Map<number, Person[]>, unresolved: string[], sendAt: Date): Promise<number> {
  let messages = 0;
  const unreached: string[] = [];
  for (const [unitId, list] of byUnit(await yearEndProjects(s.tx, period))) {
    const reachable = (reporters.get(unitId) ?? []).filter((r) => r.openId && !r.resigned);
    if (reachable.length === 0) unreached.push(...list.map((p) => `${p.name}（${p.unitName}）`));
    for (const r of reporters.get(unitId) ?? []) {
      if (!r.openId || r.resigned) {
        unresolved.push(`${r.name}（${list[0]?.unitName ?? ''}）`);
        continue;
      }
      const card = await buildYearEndCard(s.tx, period, unitId, 0, s.now);
      await s.send(
        { op: 'create', receiveIdType: 'open_id', receiveId: r.openId, msgType: 'interactive', content: card },
        `round:${period.weekStart}:year-end:${unitId}:${r.personId}`,
        sendAt,
      );
      messages += 1;
    }
  }
  const year = yearEndAsked(period);
  if (unreached.length && year !== null) {
    messages += await toAdmins(s, roundTexts.yearEndUnreached(year, unreached), `round:${period.weekStart}:year-end-unreached`, sendAt);
  }
  return messages;
}

async function remind(ctx: AppContext, s: StepScope, period: Period, sendAt: Date): Promise<StepOutcome> {
  if (s.now.toISOString() >= period.deadlineAt) return { ran: true, messages: 0, note: '已过截止时间，不再提醒' };
  const projects = await roundProjects(s.tx, period.planYear);
  const reporters = await peopleByUnit(s.tx, 'reporter');
  const reported = await reportedInPeriod(s.tx, period.id);
  const week = weekText(isoWeekOf(period.weekStart), period.weekStart);
  let messages = 0;
  const yearEnd = byUnit(await yearEndProjects(s.tx, period));
  const year = yearEndAsked(period);
  const units = new Map(byUnit(projects));
  for (const unitId of yearEnd.keys()) if (!units.has(unitId)) units.set(unitId, []);
  for (const [unitId, list] of units) {
    const missing = list.filter((p) => !reported.has(p.projectId));
    const missingYearEnd = (yearEnd.get(unitId) ?? []).filter((p) => !reported.has(p.projectId));
    if (missing.length === 0 && missingYearEnd.length === 0) continue; // nobody who has finished is reminded
    for (const r of reporters.get(unitId) ?? []) {
      if (!r.openId || r.resigned) continue;
      const unitName = list[0]?.unitName ?? yearEnd.get(unitId)?.[0]?.unitName ?? '';
      const deadline = deadlineText(new Date(period.deadlineAt));
      const weekly = missing.length
        ? roundTexts.reminder(
            week,
            unitName,
            missing.map((p) => p.name),
            deadline,
          )
        : null;
      const yearEndText =
        missingYearEnd.length && year !== null
          ? roundTexts.yearEndReminder(
              year,
              unitName,
              missingYearEnd.map((p) => p.name),
              deadline,
            )
          : null;
      if (weekly === null && yearEndText === null) continue;
      // The same words as the text reminders had, on a card with a button to the list (and the year-end card).
      const card = renderReminderCard({ periodId: period.id, unitId, unitName, weekLabel: week, weekly, yearEnd: yearEndText, nonce: `remind${period.id}` });
      await s.send(
        { op: 'create', receiveIdType: 'open_id', receiveId: r.openId, msgType: 'interactive', content: card },
        `round:${period.weekStart}:remind:${unitId}:${r.personId}`,
        sendAt,
      );
      messages += 1;
    }
  }
  ctx.log.info('周调度提醒已发出', { week: period.weekStart, messages });
  return { ran: true, messages };
}

async function close(ctx: AppContext, s: StepScope, period: Period, sendAt: Date): Promise<StepOutcome> {
  const projects = await roundProjects(s.tx, period.planYear);
  const reporters = await peopleByUnit(s.tx, 'reporter');
  const heads = await peopleByUnit(s.tx, 'unit_head');
  const reported = await reportedInPeriod(s.tx, period.id);
  const week = weekText(isoWeekOf(period.weekStart), period.weekStart);
  const late: Array<{ unit: string; missing: number }> = [];
  const unresolved = new Set<string>();
  let messages = 0;
  for (const [unitId, list] of byUnit(projects)) {
    for (const r of reporters.get(unitId) ?? []) if (!r.openId || r.resigned) unresolved.add(`${r.name}（${list[0]?.unitName ?? ''}）`);
    const missing = list.filter((p) => !reported.has(p.projectId));
    if (missing.length === 0) continue;
    const unitName = list[0]?.unitName ?? '';
    late.push({ unit: unitName, missing: missing.length });
    const names = (reporters.get(unitId) ?? []).map((r) => r.name);
    for (const h of heads.get(unitId) ?? []) {
      if (!h.openId || h.resigned) continue;
      await s.send(
        {
          op: 'create',
          receiveIdType: 'open_id',
          receiveId: h.openId,
          msgType: 'text',
          content: text(
            roundTexts.escalation(
              week,
              unitName,
              missing.map((p) => p.name),
              names,
            ),
          ),
        },
        `round:${period.weekStart}:escalate:${unitId}:${h.personId}`,
        sendAt,
      );
      messages += 1;
    }
  }
  const reportedCount = projects.filter((p) => reported.has(p.projectId)).length;
  messages += await toAdmins(s, roundTexts.summary(week, reportedCount, projects.length, late, [...unresolved]), `round:${period.weekStart}:summary`, sendAt);
  ctx.log.info('周调度已截止', { week: period.weekStart, reported: reportedCount, total: projects.length, unitsMissing: late.length });
  return { ran: true, messages };
}

async function toAdmins(s: StepScope, body: string, key: string, sendAt: Date): Promise<number> {
  const ids = await adminOpenIds(s.tx);
  for (const id of ids) await s.send({ op: 'create', receiveIdType: 'open_id', receiveId: id, msgType: 'text', content: text(body) }, `${key}:${id}`, sendAt);
  return ids.length;
}
