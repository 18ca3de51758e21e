import { afterEach, describe, expect, it } from 'vitest';
import { listMigrations, migrateToLatest } from '../../src/db/migrate';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';

describe.each(engines)('migrations on %s', (engine) => {
  let t: TestDatabase;
  afterEach(async () => t?.drop());

  it('creates every table on an empty database and is a no-op the second time', async () => {
    t = await createTestDatabase(engine, { migrate: false });
    const first = await migrateToLatest(t.db);
    expect(first.applied).toContain('0001_init');
    const second = await migrateToLatest(t.db);
    expect(second.applied).toEqual([]);
    const tables = (await t.db.introspection.getTables()).map((x) => x.name);
    for (const name of ['projects', 'project_plans', 'people', 'person_roles', 'report_revisions', 'outbox', 'handled_events', 'job_runs', 'settings']) {
      expect(tables).toContain(name);
    }
    const all = await listMigrations(t.db);
    expect(all.every((m) => m.executedAt)).toBe(true);
  });

  it('keeps money exact: a sum of bigint 元 comes back as an exact number', async () => {
    t = await createTestDatabase(engine);
    const now = new Date().toISOString();
    await t.db.insertInto('plan_years').values({ year: 2026, created_at: now }).execute();
    const county = await t.db.insertInto('counties').values({ name: '江北区' }).returning('id').executeTakeFirstOrThrow();
    const cat = await t.db.insertInto('categories').values({ name: '产业项目' }).returning('id').executeTakeFirstOrThrow();
    const unit = await t.db.insertInto('units').values({ name: '市发展改革委', head_person_id: null }).returning('id').executeTakeFirstOrThrow();
    const amounts = [1, 2, 3].map((i) => 1_000_000_000_001 + i); // 0.1 + 0.2-style float traps avoided by integers
    let n = 0;
    for (const a of amounts) {
      n += 1;
      const p = await t.db
        .insertInto('projects')
        .values({
          plan_year: 2026,
          code: `X-${n}`,
          name: `项目${n}`,
          county_id: county.id,
          category_id: cat.id,
          nature: '续建',
          level: '市重点',
          unit_id: unit.id,
          leader_id: null,
          owner: null,
          content: null,
          national_code: null,
          dropped_at: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('project_plans')
        .values({
          project_id: p.id,
          version: 1,
          total_investment_yuan: a,
          annual_plan_yuan: a,
          prior_completed_yuan: 0,
          planned_start: null,
          planned_end: null,
          source: 'test',
          recorded_at: now,
        })
        .execute();
    }
    const row = await t.db
      .selectFrom('project_plans')
      .select((eb) => eb.fn.sum<number>('annual_plan_yuan').as('s'))
      .executeTakeFirstOrThrow();
    expect(Number(row.s)).toBe(3_000_000_000_009);
  });
});
