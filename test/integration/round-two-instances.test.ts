// Two bot instances on one database run a round's steps at the same moment: each step happens once, each card is queued once.
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import type { AppContext } from '../../src/context';
import { openDatabase } from '../../src/db/connect';
import { tickRounds } from '../../src/jobs/rounds';
import { silentLogger } from '../../src/log';
import { engines } from '../helpers/db';
import { bj, prepareRoundWorld, type RoundWorld } from '../helpers/round';

describe.each(engines)('a round run by two instances on %s', (engine) => {
  let world: RoundWorld | undefined;
  afterEach(async () => {
    await world?.double.close();
    await world?.t.drop();
    world = undefined;
  });

  it('opens, reminds and closes once although both instances tick together', async () => {
    world = await prepareRoundWorld(engine, '13900010001');
    // Each instance has its own connection (pool) to the same database, as two processes would.
    const instances = [openDatabase(world.t.target, { poolSize: 4 }), openDatabase(world.t.target, { poolSize: 4 })];
    const clock = createManualClock(bj('2026-11-23 09:00'));
    const ctxs: AppContext[] = instances.map((o) => ({ config: loadConfig({}), db: o.db, engine: o.engine, clock, log: silentLogger }));
    try {
      for (const at of ['2026-11-23 09:00', '2026-11-26 15:00', '2026-11-27 18:00']) {
        await clock.set(bj(at));
        const [a, b] = await Promise.all(ctxs.map((c) => tickRounds(c)));
        // Between them the two instances ran the step once: one did it, the other found it done.
        expect([...(a ?? []), ...(b ?? [])]).toHaveLength(1);
      }
      const runs = await world.t.db.selectFrom('job_runs').select(['job', 'run_key']).orderBy('job').execute();
      expect(runs).toEqual([
        { job: 'round.close', run_key: '2026-11-23' },
        { job: 'round.open', run_key: '2026-11-23' },
        { job: 'round.remind', run_key: '2026-11-23' },
      ]);
      // One list card and one reminder card per reporter and unit (none had reported), not twice that.
      const cards = await world.t.db.selectFrom('outbox').select('content').where('msg_type', '=', 'interactive').execute();
      expect(cards.filter((c) => !c.content.includes('【填报提醒】'))).toHaveLength(32);
      expect(cards.filter((c) => c.content.includes('【填报提醒】'))).toHaveLength(32);
    } finally {
      for (const o of instances) await o.close();
    }
  });
});
