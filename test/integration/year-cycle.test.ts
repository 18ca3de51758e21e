// A whole plan year as the 重点项目办 lives it (issue 16): a small register of three units, the real server on a manual
// clock against the Feishu double, the scheduler's jobs ticked three times a day from the first round of 2026 to the
// February after, every reporter answering every card the bot sends — the weekly forms, the month-end figures they
// ask for, and the year-end card of January — on the default settings. Each month's bulletin the scheduler composes
// must stand on reported month-end figures only, December included, and no form may ask a project for a figure outside
// its plan year. Then one unit skips the round that asks for January 2027: exactly its projects are estimated, and the
// approval card offers 催报 of that unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDay } from '../../src/domain/calendar';
import { engines } from '../helpers/db';
import { bj, cardButtons, cardText, formFields, type Obj, type Shown, tap } from '../helpers/round';
import { ADMIN, contentOf, startYearWorld, UNITS, type YearWorld } from '../helpers/year-world';

/** The third of the three small units (see year-world.ts) is the one that skips a month-end round. */
const SKIPPER = UNITS[2]!;

const cardTitle = (card: Obj) => String((((card.header as Obj).title as Obj).content as string) ?? '');

describe.each(engines)('a plan year of monthly cycles on %s', (engine) => {
  let w: YearWorld;
  /** Every form the bot showed that asked a month-end figure: the project's plan year and the field's label. */
  const asked: Array<{ projectId: number; year: number; label: string }> = [];
  let skipFrom: string | null = null;

  beforeAll(async () => {
    w = await startYearWorld({
      engine,
      day: '2026-01-02',
      tmpPrefix: 'diaodu-year-',
      units2027: UNITS.map((u) => u.name),
      yearEndShare: 0.98,
      skip: (card, day) => !!skipFrom && day >= skipFrom && cardText(card).includes(SKIPPER.name),
      onMonthEnd: (projectId, label) => asked.push({ projectId, year: w.projects.get(projectId)!.year, label }),
      onYearEnd: (shown, fields) => {
        for (const f of fields) {
          const projectId = Number(f.slice('year_end_'.length));
          // The card's title names the year ("2026年度重点项目年末数填报"); the field, the project.
          asked.push({
            projectId,
            year: w.projects.get(projectId)!.year,
            label: `${cardTitle(shown.card)} ${String((formFields(shown.card).get(f)!.label as Obj).content)}`,
          });
        }
        expect(cardText(shown.card)).toContain('截至2026年12月底');
      },
    });
  }, 60_000);

  afterAll(async () => {
    await w?.stop();
  });

  it('runs January 2026 to January 2027, the 2027 register imported in late December, every card answered', async () => {
    for (let day = '2026-01-05'; day <= '2027-01-22'; day = addDays(day, 1)) {
      if (day === '2026-12-28') {
        const next = await w.cli(['import', w.registers[2027], '--year', '2027'], bj('2026-12-28 08:00'));
        expect(next.code, next.err).toBe(0);
        await w.loadProjects();
      }
      for (const hm of ['09:01', '15:01', '18:01']) await w.tickAt(day, hm);
    }
    const rows = await w.bulletins();
    const months = rows.map((r) => r.month);
    expect(months).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    for (const r of rows) {
      // Composed by the scheduler after the deadline of the round that asked for the month's end figure.
      const ask = await w.t.db.selectFrom('weekly_periods').select(['deadline_at']).where('asks_month_end', '=', r.month).executeTakeFirstOrThrow();
      expect(r.composed_at > ask.deadline_at, `${r.month} composed ${r.composed_at}, figures closed ${ask.deadline_at}`).toBe(true);
      expect(r.b.estimated, `${r.month} estimated`).toEqual([]);
      expect(r.b.table.every((p) => p.completedWan !== null && !p.estimated)).toBe(true);
      expect(r.b.table).toHaveLength(UNITS.reduce((n, u) => n + u.projects.length, 0));
    }
    // December: the year-end figures typed in January are the bulletin's.
    const december = rows.find((r) => r.month === '2026-12')!;
    expect(shanghaiDay(new Date(december.composed_at))).toBe('2027-01-11');
    expect(w.yearEnd.size).toBe(december.b.table.length);
    for (const p of december.b.table) expect(p.completedWan, p.code).toBe(w.yearEnd.get(p.code));
  }, 900_000);

  it('never asked a project for a figure outside its plan year', () => {
    expect(asked.length).toBeGreaterThan(0);
    const wrong = asked.filter((a) => !a.label.includes(`${a.year}年`));
    expect(wrong).toEqual([]);
    // The 2027 projects were asked nothing in January 2027 (their first month-end is January's, asked in February).
    expect(asked.filter((a) => a.year === 2027)).toEqual([]);
    // The 2026 projects gave December on the year-end card, each once.
    expect(asked.filter((a) => a.label.startsWith('2026年度重点项目年末数填报')).length).toBe(w.yearEnd.size);
  });

  it('with a unit that skips the round asking for January 2027, exactly its projects are estimated and 催报 is offered for it', async () => {
    const ask = await w.t.db.selectFrom('weekly_periods').select(['week_start']).where('asks_month_end', '=', '2027-01').executeTakeFirst();
    // The asking round may not exist yet: it is the first to open in February.
    skipFrom = ask?.week_start ?? '2027-02-01';
    // Until the scheduler composes January (the administrator chases the same day).
    const composed = async () => (await w.bulletins()).find((r) => r.month === '2027-01');
    for (let day = '2027-01-23'; day <= '2027-02-26' && !(await composed()); day = addDays(day, 1))
      for (const hm of ['09:01', '15:01', '18:01']) await w.tickAt(day, hm);
    const january = await composed();
    expect(january, 'the January 2027 bulletin was composed').toBeDefined();
    const skipped = SKIPPER.projects.map((p) => p.code).sort();
    expect([...january!.b.estimated].sort()).toEqual(skipped);
    const approval = w.double.messages
      .filter((m) => m.user_open_id === `ou_${ADMIN.mobile}` && m.msg_type === 'interactive')
      .map((m) => ({ m, card: contentOf(m) }))
      .filter((x) => cardButtons(x.card).some((b) => b.value.kind === 'bulletin_publish' && b.value.bulletinId === january!.id))
      .at(-1)!;
    const text = cardText(approval.card);
    expect(text).toContain(`未填报月末数的单位：${SKIPPER.name}（${SKIPPER.projects.length}个）`);
    const urge = cardButtons(approval.card).find((b) => b.value.kind === 'bulletin_urge')!;
    expect(urge.text).toBe('催报');
    const mark = w.double.messages.length;
    const shown: Shown = { messageId: approval.m.message_id, chatId: approval.m.chat_id, openId: approval.m.user_open_id!, card: approval.card };
    const r = await tap(w.sender, w.double, shown, urge);
    expect(r.toast?.content).toContain(`已向1个单位的1名填报人发出催报：${SKIPPER.name}`);
    await w.deliver();
    const chased = w.double.messages.slice(mark).filter((m) => m.via === 'create');
    expect(chased.map((m) => m.user_open_id)).toEqual([`ou_${SKIPPER.reporters[0]!.mobile}`]);
    expect(cardText(contentOf(chased[0]!))).toContain('【催报】1月通报待发布');
    const handled = w.markHandled();
    // A second click (the same card clicked again) sends nothing more.
    await tap(w.sender, w.double, shown, urge);
    await w.deliver();
    expect(w.double.messages.length).toBe(handled);
  }, 300_000);
});
