// 节点控制 (issue 19): each project's key nodes (milestones) with their planned dates from the register's 节点计划 sheet,
// the date a reporter marked each done, and how far an overdue node has been escalated. Frozen once landed.
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
  // One row per node of a project (a project belongs to one plan year); dates are 'YYYY-MM-DD'.
  await withId(db, 'project_nodes')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // the order of the file's rows within the project
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text') // 节点类型: 开工 | 主体封顶 | 竣工 | 投产 | … or null
    .addColumn('planned_on', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('done_source', 'text') // import | card
    .addColumn('done_by', 'integer', (c) => c.references('people.id'))
    .addColumn('done_recorded_at', 'text')
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0)) // 0 none, 1 unit head, 2 包联领导
    .addColumn('escalated_on', 'text') // the Beijing day of the last escalation
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_nodes_project_name', ['project_id', 'name'])
    .execute();
  await db.schema.createIndex('project_nodes_planned').on('project_nodes').columns(['planned_on']).execute();

  // A project's own monthly plan (月度计划): the planned cumulative investment at each month end of its plan year.
  await db.schema
    .createTable('project_month_plans')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('cumulative_yuan', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_month_plans_pk', ['project_id', 'month'])
    .execute();

  // A long stoppage escalated to the 包联领导: once per stoppage, known by the day it began.
  await db.schema
    .createTable('stoppage_escalations')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('escalated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stoppage_escalations_pk', ['project_id', 'since'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('stoppage_escalations').ifExists().execute();
  await db.schema.dropTable('project_month_plans').ifExists().execute();
  await db.schema.dropTable('project_nodes').ifExists().execute();
}
