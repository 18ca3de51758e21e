// The year boundary when the new register comes late and without one of the old year's units (issue 16, a variant of
// year-cycle.test.ts on the same small register): the 2027 register, which no longer lists one unit, is imported on
// 20 January 2027, after the calendar's first January round. December must not be composed on estimates on the
// calendar's date: the administrators are told once that its figures are not being collected yet, and the bulletin is
// composed after the deadline of the year-end card that the first round after the import brings. The unit the new
// register dropped is asked for its 2026 projects' December all the same, and its figures are the bulletin's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/domain/bulletin-snapshot';
import { addDays } from '../../src/domain/calendar';
import { heldTexts } from '../../src/jobs/bulletin';
import { tickRounds } from '../../src/jobs/rounds';
import { engines } from '../helpers/db';
import { bj, cardButtons, cardText } from '../helpers/round';
import { contentOf, startYearWorld, UNITS, type YearWorld } from '../helpers/year-world';

/** The unit the 2027 register no longer lists (among the three small units of year-world.ts, as in year-cycle.test.ts). */
const DROPPED = UNITS.find((u) => u.name === '市发展改革委') ?? UNITS[0]!;

/**
 * When the 2027 register comes: after the first January round (the round of its week asks for December), or after all
 * the January rounds (the first February round asks for December, the next one for January).
 */
const SCENARIOS = [
  {
    importDay: '2027-01-20',
    until: '2027-01-29',
    askWeek: '2027-01-18',
    composed: '2027-01-25',
    round: '2027年第3周',
    dates: '1月18日（周一）09:00开始，1月22日（周五）18:00截止',
  },
  {
    importDay: '2027-02-03',
    until: '2027-02-12',
    askWeek: '2027-02-01',
    composed: '2027-02-08',
    round: '2027年第5周',
    dates: '2月1日（周一）09:00开始，2月5日（周五）18:00截止',
  },
] as const;
const CASES = engines.flatMap((engine) => SCENARIOS.map((s) => [engine, s.importDay, s] as const));

describe.each(CASES)('a late 2027 register without one unit on %s, imported on %s', (engine, _day, scenario) => {
  let w: YearWorld;
  /** Who was sent a year-end card (open_id). */
  const yearEndTo = new Set<string>();
  let importOut = '';

  const december = async () => {
    const r = await w.t.db.selectFrom('bulletins').select(['id', 'month', 'composed_at', 'snapshot']).where('month', '=', '2026-12').executeTakeFirst();
    return r && { ...r, b: parseSnapshot(r.snapshot) };
  };

  beforeAll(async () => {
    w = await startYearWorld({
      engine,
      day: '2026-11-25',
      tmpPrefix: 'diaodu-year-end-late-',
      units2027: UNITS.filter((u) => u !== DROPPED).map((u) => u.name),
      yearEndShare: 0.97,
      onYearEnd: (shown) => yearEndTo.add(shown.openId),
    });
  }, 60_000);

  afterAll(async () => {
    await w?.stop();
  });

  it('holds December until the year-end collection closes, telling the administrators once', async () => {
    const notice = heldTexts.register(2026, 2027);
    for (let day = '2026-11-30'; day <= scenario.until; day = addDays(day, 1)) {
      if (day === '2027-01-15') {
        // No round has asked for December: the calendar says so rather than give a date that will not hold.
        const listed = await w.cli(['calendar', 'rounds', '--from', '2026-12-01', '--to', '2026-12-31'], bj('2027-01-15 10:00'));
        expect(listed.code, listed.err).toBe(0);
        expect(listed.out).toContain(`2026年12月  ${notice}`);
        expect(await december(), 'December composed before any round asked for it').toBeUndefined();
        expect(w.adminTexts().filter((x) => x === notice)).toHaveLength(1);
      }
      if (day === scenario.importDay) {
        const next = await w.cli(['import', w.registers[2027], '--year', '2027'], bj(`${day} 08:00`));
        expect(next.code, next.err).toBe(0);
        importOut = next.out;
        await w.loadProjects();
      }
      for (const hm of ['09:01', '15:01', '18:01']) await w.tickAt(day, hm);
    }
    const ask = await w.t.db
      .selectFrom('weekly_periods')
      .select(['week_start', 'deadline_at'])
      .where('asks_month_end', '=', '2026-12')
      .executeTakeFirstOrThrow();
    expect(ask.week_start).toBe(scenario.askWeek);
    const d = await december();
    expect(d, 'December composed').toBeDefined();
    expect(d!.composed_at > ask.deadline_at, `composed ${d!.composed_at}, year-end figures closed ${ask.deadline_at}`).toBe(true);
    expect(d!.composed_at.slice(0, 10)).toBe(scenario.composed);
    expect(d!.b.estimated).toEqual([]);
    expect(d!.b.table).toHaveLength(UNITS.reduce((n, u) => n + u.projects.length, 0));
    // Told once, however many ticks passed while December waited.
    expect(w.adminTexts().filter((x) => x === notice)).toHaveLength(1);
    expect(w.adminTexts().filter((x) => x.includes('尚未开始收集'))).toHaveLength(1);
    // Once the round exists, the calendar gives its dates again.
    const listed = await w.cli(['calendar', 'rounds', '--from', '2026-12-01', '--to', '2026-12-31'], bj(`${scenario.until} 10:00`));
    expect(listed.out).toContain(`2026年12月  月末数：${scenario.round}（2026年度项目以“年末数填报”卡片填报），${scenario.dates}`);
    // Imported after the January rounds: the first February round asked for December, the next one for January.
    if (scenario.importDay >= '2027-02-01') {
      const january = await w.t.db.selectFrom('weekly_periods').select(['week_start']).where('asks_month_end', '=', '2027-01').executeTakeFirstOrThrow();
      expect(january.week_start).toBe('2027-02-08');
    }
  }, 600_000);

  it('asks the unit the new register dropped for its December and uses its figures', async () => {
    expect(importOut).toContain('另有 1 名填报人所在单位已不在本项目库中，暂保留其填报人角色，用于征集2026年度项目的2026年12月底数据');
    expect(yearEndTo.has(`ou_${DROPPED.reporters[0]!.mobile}`)).toBe(true);
    const d = (await december())!;
    const dropped = d.b.table.filter((p) => DROPPED.projects.some((q) => q.code === p.code));
    expect(dropped).toHaveLength(DROPPED.projects.length);
    for (const p of dropped) {
      expect(p.estimated, p.code).toBeFalsy();
      expect(p.completedWan, p.code).toBe(w.yearEnd.get(p.code));
    }
    // Every 2026 project had a reporter to ask: nothing for the administrators to chase.
    expect(w.adminTexts().filter((x) => x.startsWith('【年末数】'))).toEqual([]);
    // The dropped unit's reporter got no weekly card of 2027 (the unit has no 2027 project).
    const weekly2027 = w.double.messages.filter(
      (m) => m.user_open_id === `ou_${DROPPED.reporters[0]!.mobile}` && m.msg_type === 'interactive' && cardText(contentOf(m)).includes('2027年第'),
    );
    expect(weekly2027.filter((m) => cardButtons(contentOf(m)).some((b) => b.value.kind === 'round_form'))).toEqual([]);
  }, 60_000);
});

describe.each(engines)('an old-year unit with nobody to ask on %s', (engine) => {
  let w: YearWorld | undefined;

  afterAll(async () => {
    await w?.stop();
  });

  it('names its 2026 projects and unit to the administrators when the first 2027 round opens', async () => {
    // The dropped unit's reporter has no Feishu account the bot can find: nobody can be sent its year-end card.
    const unreachable = DROPPED.reporters[0]!.mobile;
    w = await startYearWorld({
      engine,
      day: '2026-12-20',
      tmpPrefix: 'diaodu-year-end-unreached-',
      units2027: UNITS.filter((u) => u !== DROPPED).map((u) => u.name),
      import2027On: '2026-12-28',
      unreachable: [unreachable],
      yearEndShare: 0.97,
    });
    const { t, server, clock } = w;
    await clock.set(bj('2027-01-04 09:01'));
    await tickRounds(server.ctx);
    await w.deliver();
    const old = await t.db
      .selectFrom('projects as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select(['p.name'])
      .where('p.plan_year', '=', 2026)
      .where('u.name', '=', DROPPED.name)
      .orderBy('p.code')
      .execute();
    expect(old.length).toBe(DROPPED.projects.length);
    const texts = w.adminTexts();
    const notice = texts.filter((x) => x.startsWith('【年末数】'));
    expect(notice).toEqual([
      `【年末数】以下${old.length}个2026年度项目所在单位无可联系的填报人，未能发出年末数填报卡片：${old.map((p) => `${p.name}（${DROPPED.name}）`).join('、')}。` +
        '请核实填报人（可在项目库「单位」表中补登后重新导入，本轮提醒时即向其发送年末数填报入口）；逾期未填报的，2026年12月通报按估算数编制。',
    ]);
  }, 120_000);
});
