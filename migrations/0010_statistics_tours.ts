// Issue 21. 统计监测: the statistics office's monthly figures for a month, as imported (one import replaces the month's
// figures in one transaction, each import kept with its file), and the explanations units give for a flagged project,
// every one kept with who and when. 观摩: a tour with its projects and judges, and every score a judge gave (a
// revision is a new row; the latest counts until the tour is closed). Frozen once landed.
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
  // Every import of a month's sheet: the latest one is the month's figures.
  await withId(db, 'stats_imports')
    .addColumn('month', 'text', (c) => c.notNull()) // 'YYYY-MM'
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  // The month's figures, one row per 项目编号 of the sheet; stats_yuan is null when the sheet leaves it empty (未入库).
  await db.schema
    .createTable('stats_figures')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('stats_yuan', 'bigint')
    .addColumn('in_library', 'integer', (c) => c.notNull()) // 1 是, 0 否
    .addColumn('row', 'integer', (c) => c.notNull()) // the sheet's row, for tracing a figure back to the file
    .addPrimaryKeyConstraint('stats_figures_pk', ['month', 'code'])
    .execute();

  // A unit's explanation of a flagged project; a second explanation is a new row, never an overwrite.
  await withId(db, 'stats_explanations')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // difference | not_in_library
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stats_explanations_month').on('stats_explanations').columns(['month', 'project_id', 'recorded_at']).execute();

  await withId(db, 'tours')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tour_date', 'text', (c) => c.notNull()) // 'YYYY-MM-DD'
    .addColumn('criteria', 'text', (c) => c.notNull()) // JSON [{ name, max }] as set when opened
    .addColumn('status', 'text', (c) => c.notNull()) // open | closed
    .addColumn('source', 'text', (c) => c.unique()) // the chat message that opened it (once, even after a restart); null from the CLI
    .addColumn('opened_by', 'integer', (c) => c.references('people.id'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'integer', (c) => c.references('people.id'))
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createTable('tour_projects')
    .addColumn('tour_id', 'integer', (c) => c.notNull().references('tours.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tour_projects_pk', ['tour_id', 'project_id'])
    .execute();
  await db.schema
    .createTable('tour_judges')
    .addColumn('tour_id', 'integer', (c) => c.notNull().references('tours.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addPrimaryKeyConstraint('tour_judges_pk', ['tour_id', 'person_id'])
    .execute();
  // Scores in tenths of a point (exact); `scores` is the JSON array of each criterion's tenths, in the criteria's order.
  await withId(db, 'tour_scores')
    .addColumn('tour_id', 'integer', (c) => c.notNull().references('tours.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('total_tenths', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tour_scores_tour').on('tour_scores').columns(['tour_id', 'project_id', 'person_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('tour_scores').ifExists().execute();
  await db.schema.dropTable('tour_judges').ifExists().execute();
  await db.schema.dropTable('tour_projects').ifExists().execute();
  await db.schema.dropTable('tours').ifExists().execute();
  await db.schema.dropTable('stats_explanations').ifExists().execute();
  await db.schema.dropTable('stats_figures').ifExists().execute();
  await db.schema.dropTable('stats_imports').ifExists().execute();
}
