// The three steps of a weekly round — open (one list card per reporter and unit), remind, close (escalate and sum
// up) — each run once per round whatever calls it: the scheduler, `diaodu round …`, or a second instance.
import type { AppContext } from '../context';
import { peopleByUnit, type PeriodRow, reportedInPeriod, roundProjects, type RoundProject } from '../db/rounds';
import { adminOpenIds } from '../people/people';
import { type StepScope, outsideQuietHours, runOnce } from './jobs';
import { buildListCard } from './round-view';
import { deadlineText, roundTexts, weekText } from './round-texts';
import { isoWeekOf } from './round-plan';

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
  const outcome = await runOnce(ctx, `round.${step}`, period.week_start, async (s) => {
    const sendAt = outsideQuietHours(s.now);
    if (step === 'open') return open(ctx, s, period, sendAt);
    if (step === 'remind') return remind(ctx, s, period, sendAt);
    return close(ctx, s, period, sendAt);
  });
  return outcome.ran ? outcome.result : { ran: false, messages: 0, note: '该步骤已执行过，本次未重复发送' };
}

async function open(ctx: AppContext, s: StepScope, period: Period, sendAt: Date): Promise<StepOutcome> {
  const projects = await roundProjects(s.tx, period.plan_year);
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
      await s.send(
        { op: 'create', receiveIdType: 'open_id', receiveId: r.openId, msgType: 'interactive', content: card },
        `round:${period.week_start}:open:${unitId}:${r.personId}`,
        sendAt,
      );
      messages += 1;
    }
  }
  if (unresolved.length) messages += await toAdmins(s, roundTexts.openNotice(unresolved), `round:${period.week_start}:open-notice`, sendAt);
  ctx.log.info('周调度已开始', { week: period.week_start, messages, unresolved: unresolved.length });
  return { ran: true, messages };
}

async function remind(ctx: AppContext, s: StepScope, period: Period, sendAt: Date): Promise<StepOutcome> {
  if (s.now.toISOString() >= period.deadline_at) return { ran: true, messages: 0, note: '已过截止时间，不再提醒' };
  const projects = await roundProjects(s.tx, period.plan_year);
  const reporters = await peopleByUnit(s.tx, 'reporter');
  const reported = await reportedInPeriod(s.tx, period.id);
  const week = weekText(isoWeekOf(period.week_start), period.week_start);
  let messages = 0;
  for (const [unitId, list] of byUnit(projects)) {
    const missing = list.filter((p) => !reported.has(p.projectId));
    if (missing.length === 0) continue; // nobody who has finished is reminded
    for (const r of reporters.get(unitId) ?? []) {
      if (!r.openId || r.resigned) continue;
      const body = roundTexts.reminder(
        week,
        list[0]?.unitName ?? '',
        missing.map((p) => p.name),
        deadlineText(new Date(period.deadline_at)),
      );
      await s.send(
        { op: 'create', receiveIdType: 'open_id', receiveId: r.openId, msgType: 'text', content: text(body) },
        `round:${period.week_start}:remind:${unitId}:${r.personId}`,
        sendAt,
      );
      messages += 1;
    }
  }
  ctx.log.info('周调度提醒已发出', { week: period.week_start, messages });
  return { ran: true, messages };
}

async function close(ctx: AppContext, s: StepScope, period: Period, sendAt: Date): Promise<StepOutcome> {
  const projects = await roundProjects(s.tx, period.plan_year);
  const reporters = await peopleByUnit(s.tx, 'reporter');
  const heads = await peopleByUnit(s.tx, 'unit_head');
  const reported = await reportedInPeriod(s.tx, period.id);
  const week = weekText(isoWeekOf(period.week_start), period.week_start);
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
        `round:${period.week_start}:escalate:${unitId}:${h.personId}`,
        sendAt,
      );
      messages += 1;
    }
  }
  const reportedCount = projects.filter((p) => reported.has(p.projectId)).length;
  messages += await toAdmins(s, roundTexts.summary(week, reportedCount, projects.length, late, [...unresolved]), `round:${period.week_start}:summary`, sendAt);
  ctx.log.info('周调度已截止', { week: period.week_start, reported: reportedCount, total: projects.length, unitsMissing: late.length });
  return { ran: true, messages };
}

async function toAdmins(s: StepScope, body: string, key: string, sendAt: Date): Promise<number> {
  const ids = await adminOpenIds(s.tx);
  for (const id of ids) await s.send({ op: 'create', receiveIdType: 'open_id', receiveId: id, msgType: 'text', content: text(body) }, `${key}:${id}`, sendAt);
  return ids.length;
}
