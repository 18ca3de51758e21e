// The problem ledger (问题台账, domain.md §7): which weekly reports raised each item, the 需协调事项 kept apart from the
// description, the day of the last escalation, what each 交办 set (so a month-end figure can be reconstructed), and
// the indexes the ledger's lists and the daily deadline check read by. Frozen once landed.
import { type Kysely, PostgresAdapter } from 'kysely';

type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Db): Promise<void> {
  // One row per weekly report that raised an item: the first report creates the item, later weeks' reports of the
  // same problem are linked here instead of making a new item. A report raises at most one item (report_id unique).
  const links = db.schema.createTable('problem_reports');
  await (isPostgres(db) ? links.addColumn('id', 'serial', (c) => c.primaryKey()) : links.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('problem_id', 'integer', (c) => c.notNull().references('problems.id'))
    .addColumn('report_id', 'integer', (c) => c.notNull().unique().references('reports.id'))
    .addColumn('report_revision_id', 'integer', (c) => c.notNull().references('report_revisions.id'))
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('problem_text', 'text')
    .addColumn('coordination', 'text')
    .addColumn('categories', 'text', (c) => c.notNull()) // JSON array of category ids, as reported
    .addColumn('linked_by', 'text', (c) => c.notNull()) // created | reporter | bot
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('problem_reports_problem').on('problem_reports').columns(['problem_id', 'week_start']).execute();

  await db.schema.alterTable('problems').addColumn('coordination', 'text').execute(); // 需协调事项, when raised with a problem
  await db.schema.alterTable('problems').addColumn('escalated_on', 'text').execute(); // 'YYYY-MM-DD' of the last escalation
  await db.schema.createIndex('problems_project').on('problems').columns(['project_id', 'status']).execute();
  await db.schema.createIndex('problems_status').on('problems').columns(['status', 'deadline']).execute();
  await db.schema.createIndex('problems_lead_unit').on('problems').column('lead_unit_id').execute();

  // What a 交办 set, kept on its event: the lead unit and deadline in force at any past moment.
  await db.schema
    .alterTable('problem_events')
    .addColumn('lead_unit_id', 'integer', (c) => c.references('units.id'))
    .execute();
  await db.schema.alterTable('problem_events').addColumn('deadline', 'text').execute();
  await db.schema.createIndex('problem_events_problem').on('problem_events').columns(['problem_id', 'at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('problem_events_problem').ifExists().execute();
  await db.schema.alterTable('problem_events').dropColumn('deadline').execute();
  await db.schema.alterTable('problem_events').dropColumn('lead_unit_id').execute();
  await db.schema.dropIndex('problems_lead_unit').ifExists().execute();
  await db.schema.dropIndex('problems_status').ifExists().execute();
  await db.schema.dropIndex('problems_project').ifExists().execute();
  await db.schema.alterTable('problems').dropColumn('escalated_on').execute();
  await db.schema.alterTable('problems').dropColumn('coordination').execute();
  await db.schema.dropTable('problem_reports').ifExists().execute();
}
