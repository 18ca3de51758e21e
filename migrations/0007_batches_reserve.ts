// 四个一批 and the 重大项目储备库 (issue 20): enterprises brought in by 招商引资 and the dates they reached 开工, 投产,
// 达效; reserve projects with their stage and the key project of a later year they became. Each change is kept as an
// event (who, when, from what, why), never overwritten silently. Frozen once landed.
import { type Kysely, PostgresAdapter } from 'kysely';

type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function withId(db: Db, name: string) {
  const t = db.schema.createTable(name);
  return isPostgres(db) ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Db): Promise<void> {
  // One row per enterprise of a plan year's 招商项目 sheet; the stage dates are 'YYYY-MM-DD' or null (not reached).
  await withId(db, 'enterprises')
    .addColumn('plan_year', 'integer', (c) => c.notNull().references('plan_years.year'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('county_id', 'integer', (c) => c.notNull().references('counties.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('planned_yuan', 'bigint', (c) => c.notNull())
    .addColumn('started_on', 'text')
    .addColumn('producing_on', 'text')
    .addColumn('effective_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('enterprises_year_code', ['plan_year', 'code'])
    .execute();
  await db.schema.createIndex('enterprises_unit').on('enterprises').columns(['plan_year', 'unit_id']).execute();

  // Every stage date set or changed: by the register import or a reporter's card, with the reason when it went back.
  await withId(db, 'enterprise_events')
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addColumn('stage', 'text', (c) => c.notNull()) // 开工 | 投产 | 达效
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('previous', 'text') // the date it replaced, if any
    .addColumn('reason', 'text')
    .addColumn('source', 'text', (c) => c.notNull()) // import | card
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('enterprise_events_enterprise').on('enterprise_events').columns(['enterprise_id', 'recorded_at']).execute();

  // The reserve is one pool across years, keyed by 储备编号; project_id is the key project it became, when it did.
  await withId(db, 'reserve_projects')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('county_id', 'integer', (c) => c.notNull().references('counties.id'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('total_yuan', 'bigint', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull()) // 谋划 | 前期 | 具备开工条件
    .addColumn('start_year', 'integer')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('project_id', 'integer', (c) => c.references('projects.id'))
    .addColumn('confirmed_at', 'text') // the last quarterly confirmation
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reserve_projects_unit').on('reserve_projects').column('unit_id').execute();

  await withId(db, 'reserve_events')
    .addColumn('reserve_id', 'integer', (c) => c.notNull().references('reserve_projects.id'))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('quarter', 'text') // '2026-Q3' for a quarterly confirmation, null for an import
    .addColumn('source', 'text', (c) => c.notNull()) // import | card
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reserve_events_reserve').on('reserve_events').columns(['reserve_id', 'recorded_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('reserve_events').ifExists().execute();
  await db.schema.dropTable('reserve_projects').ifExists().execute();
  await db.schema.dropTable('enterprise_events').ifExists().execute();
  await db.schema.dropTable('enterprises').ifExists().execute();
}
