// The clock jumping: a server that was down (or a host clock corrected) finds step times passed; an NTP correction
// moves time backwards. The scheduler's tick (what it runs every minute) on a manual clock: a step passed over runs
// once, late, in order; going back in time runs nothing again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairUnit, sampleRegister } from '../fixtures/register-workbooks';
import { createManualClock } from '../../src/clock';
import { tickRounds } from '../../src/jobs/rounds';
import { type BotServer, startBotServer } from '../helpers/bot';
import { engines } from '../helpers/db';
import { settled } from '../helpers/feishu';
import { bj, cardText, prepareRoundWorld, type RoundWorld } from '../helpers/round';

const R = await sampleRegister();
/** A reporter of a unit with two reporters and three projects. */
const JTU = pairUnit(R);

describe.each(engines)('the clock jumping across step times on %s', (engine) => {
  let w: RoundWorld;
  let server: BotServer;
  const clock = createManualClock(bj('2026-11-23 08:59'));

  beforeAll(async () => {
    w = await prepareRoundWorld(engine, '13900010001');
    server = await startBotServer({ database: w.t.target, double: w.double, clock });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await w?.double.close();
    await w?.t.drop();
  });

  const steps = async () =>
    (await w.t.db.selectFrom('job_runs').select(['job', 'run_key']).where('job', 'like', 'round.%').orderBy('id').execute()).map(
      (j) => `${j.run_key}:${j.job.replace('round.', '')}`,
    );
  const at = async (time: string) => {
    await clock.set(bj(time));
    await tickRounds(server.ctx);
    server.bot!.sender.wake();
    await settled(w.t.db, 20_000);
    return steps();
  };
  const kinds = (openId: string) =>
    w.double.messages
      .filter((m) => m.user_open_id === openId)
      .map((m) =>
        m.msg_type === 'interactive'
          ? `${cardText(JSON.parse(m.content)).includes('【填报提醒】') ? 'reminder' : 'card'} ${cardText(JSON.parse(m.content)).match(/第\d+周/)?.[0]}`
          : (JSON.parse(m.content) as { text: string }).text.slice(0, 6),
      );

  it('forward over Monday 09:00 and Thursday 15:00: the round opens and reminds once, late, cards before reminders', async () => {
    expect(await at('2026-11-23 08:59')).toEqual([]);
    // Down from Monday morning to Thursday afternoon.
    expect(await at('2026-11-26 16:00')).toEqual(['2026-11-23:open', '2026-11-23:remind']);
    const cards = w.double.messages.filter((m) => m.msg_type === 'interactive');
    expect(cards.filter((m) => !m.content.includes('【填报提醒】'))).toHaveLength(32);
    expect(cards.filter((m) => m.content.includes('【填报提醒】'))).toHaveLength(32);
    // Each reporter got the list card first and the reminder card after it.
    expect(kinds(w.person(JTU.reporters[0]!.name).openId)).toEqual(['card 第48周', 'reminder 第48周']);
  });

  it('backward to Monday 08:00, then forward again: nothing runs or is sent a second time', async () => {
    const sent = w.double.messages.length;
    expect(await at('2026-11-23 08:00')).toEqual(['2026-11-23:open', '2026-11-23:remind']);
    expect(await at('2026-11-23 09:00')).toEqual(['2026-11-23:open', '2026-11-23:remind']);
    expect(await at('2026-11-26 15:30')).toEqual(['2026-11-23:open', '2026-11-23:remind']);
    expect(w.double.messages).toHaveLength(sent);
    expect(await w.t.db.selectFrom('outbox').select('id').where('status', '!=', 'sent').execute()).toEqual([]);
  });

  it('forward over Friday’s deadline into the next week: the missed close runs once, then the new week opens', async () => {
    const sent = w.double.messages.length;
    expect(await at('2026-12-01 10:00')).toEqual(['2026-11-23:open', '2026-11-23:remind', '2026-11-23:close', '2026-11-30:open']);
    const added = w.double.messages.slice(sent);
    expect(added.filter((m) => m.msg_type === 'interactive' && m.chat_type === 'p2p')).toHaveLength(32); // W49's cards
    // W48's weekly digest, once to each bulletin group, after its (late) deadline.
    const digests = added.filter((m) => m.chat_type === 'group');
    expect(new Set(digests.map((m) => m.chat_id)).size).toBe(digests.length);
    const w48Texts = added.filter((m) => m.msg_type === 'text').map((m) => (JSON.parse(m.content) as { text: string }).text);
    // W48's deadline, late: every unit head told (nobody reported), the administrator's summary once.
    expect(w48Texts.filter((x) => x.startsWith('【督办】') && x.includes('第48周'))).not.toHaveLength(0);
    expect(w48Texts.filter((x) => x.startsWith('【周调度汇总】第48周'))).toHaveLength(1);
    // Back to the W48 deadline and forward again: no second close, no second W49 opening.
    expect(await at('2026-11-27 18:00')).toHaveLength(4);
    expect(await at('2026-12-01 10:05')).toHaveLength(4);
    expect(w.double.messages).toHaveLength(sent + added.length);
  });
});
