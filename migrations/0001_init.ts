// The initial schema: register, people and roles, weekly periods and reports, problems, bulletins, chats,
// handled events, outbox, job runs, settings. Frozen once landed: later changes go in new migrations.
//
// Portability rules shared by SQLite and PostgreSQL: money is an integer number of 元 (bigint), so sums are
// exact; times are ISO-8601 UTC text ("2026-11-27T01:00:00.000Z"), dates 'YYYY-MM-DD' text; flags are integers.
import { type Kysely, PostgresAdapter } from 'kysely';

type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-increment primary key in the spelling of each engine. */
function table(db: Db, name: string) {
  const builder = db.schema.createTable(name);
  return isPostgres(db) ? builder.addColumn('id', 'serial', (c) => c.primaryKey()) : builder.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('plan_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await table(db, 'counties')
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .execute();
  await table(db, 'categories')
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .execute();

  await table(db, 'people')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text', (c) => c.unique())
    .addColumn('email', 'text')
    .addColumn('title', 'text')
    .addColumn('open_id', 'text', (c) => c.unique())
    .addColumn('resigned_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await table(db, 'units')
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('head_person_id', 'integer', (c) => c.references('people.id'))
    .execute();

  // role: admin | leader | reporter | unit_head | county_viewer. unit_id for reporter/unit_head, county_id for county_viewer.
  // source: 'register' rows are kept in step with the imported register; 'manual' rows are granted by hand.
  await table(db, 'person_roles')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('county_id', 'integer', (c) => c.references('counties.id'))
    .addColumn('scope', 'text', (c) => c.notNull()) // '' | 'unit:<id>' | 'county:<id>' — unique even where ids are NULL
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_roles_unique').on('person_roles').columns(['person_id', 'role', 'scope']).unique().execute();

  await table(db, 'projects')
    .addColumn('plan_year', 'integer', (c) => c.notNull().references('plan_years.year'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('county_id', 'integer', (c) => c.notNull().references('counties.id'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('nature', 'text', (c) => c.notNull()) // 建设性质: 新开工 / 续建 / 竣工 / 前期
    .addColumn('level', 'text', (c) => c.notNull()) // 项目级别: 省重点 / 市重点 / 县重点
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('leader_id', 'integer', (c) => c.references('people.id'))
    .addColumn('owner', 'text') // 建设单位
    .addColumn('content', 'text') // 建设内容
    .addColumn('national_code', 'text') // 投资项目代码, when known
    .addColumn('dropped_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('projects_year_code', ['plan_year', 'code'])
    .execute();

  // Plan figures are never overwritten: each change is a new row; the current plan is the highest version.
  await table(db, 'project_plans')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('total_investment_yuan', 'bigint', (c) => c.notNull())
    .addColumn('annual_plan_yuan', 'bigint', (c) => c.notNull())
    .addColumn('prior_completed_yuan', 'bigint', (c) => c.notNull())
    .addColumn('planned_start', 'text')
    .addColumn('planned_end', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_plans_version', ['project_id', 'version'])
    .execute();

  await table(db, 'weekly_periods')
    .addColumn('plan_year', 'integer', (c) => c.notNull())
    .addColumn('week_start', 'text', (c) => c.notNull().unique()) // the Monday, YYYY-MM-DD
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('remind_at', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('asks_month_end', 'text') // 'YYYY-MM' when this round asks for that month's end figure
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await table(db, 'reports')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('period_id', 'integer', (c) => c.notNull().references('weekly_periods.id'))
    .addColumn('revision', 'integer', (c) => c.notNull()) // the current revision number
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reports_project_period', ['project_id', 'period_id'])
    .execute();

  // Every submission is kept; `changes` lists the fields that differ from the revision before (JSON).
  await table(db, 'report_revisions')
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('submitted_by', 'integer', (c) => c.references('people.id'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('ytd_investment_yuan', 'bigint', (c) => c.notNull())
    .addColumn('month_end_investment_yuan', 'bigint')
    .addColumn('progress_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_date', 'text')
    .addColumn('problem_categories', 'text', (c) => c.notNull()) // JSON array
    .addColumn('problem_text', 'text')
    .addColumn('coordination', 'text')
    .addColumn('next_plan', 'text')
    .addColumn('correction_reason', 'text')
    .addColumn('no_change', 'integer', (c) => c.notNull().defaultTo(0)) // 本周无变化: last week's figures carried over
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0)) // 补报: submitted after the round's deadline
    .addColumn('changes', 'text', (c) => c.notNull()) // JSON
    .addUniqueConstraint('report_revisions_rev', ['report_id', 'revision'])
    .execute();

  await table(db, 'problems')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('is_coordination', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull()) // 待梳理 已交办 办理中 申请销号 已销号
    .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('raised_by', 'integer', (c) => c.references('people.id'))
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('report_revision_id', 'integer', (c) => c.references('report_revisions.id'))
    .addColumn('lead_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('helper_unit_ids', 'text') // JSON array
    .addColumn('deadline', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await table(db, 'problem_events')
    .addColumn('problem_id', 'integer', (c) => c.notNull().references('problems.id'))
    .addColumn('actor_id', 'integer', (c) => c.references('people.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('note', 'text')
    .execute();

  await table(db, 'bulletins')
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM
    .addColumn('status', 'text', (c) => c.notNull()) // draft | returned | published
    .addColumn('snapshot', 'text', (c) => c.notNull()) // the composed figures, JSON: re-running reproduces them
    .addColumn('composed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('people.id'))
    .addColumn('decided_at', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('bulletins_month').on('bulletins').column('month').execute();

  await db.schema
    .createTable('chats')
    .addColumn('chat_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('is_bulletin_group', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();

  // Idempotency memory: 'event:<event_id>', 'message:<message_id>', 'card:<token-or-key>'; kept ≥ 7 days.
  await db.schema
    .createTable('handled_events')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('handled_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('handled_events_at').on('handled_events').column('handled_at').execute();

  // Events accepted from Feishu, stored before the HTTP 200 so that none is lost if the process dies before handling
  // it; the handler's effects and status 'done' commit in one transaction.
  await table(db, 'inbox')
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull()) // the decrypted envelope, JSON
    .addColumn('status', 'text', (c) => c.notNull()) // pending | done | failed | ignored
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('inbox_status').on('inbox').columns(['status', 'id']).execute();

  // Every send, reply and card update, written in the transaction of the change that caused it.
  await table(db, 'outbox')
    .addColumn('uuid', 'text', (c) => c.notNull().unique())
    .addColumn('op', 'text', (c) => c.notNull()) // create | reply | patch | card_update | file
    .addColumn('receive_id_type', 'text')
    .addColumn('receive_id', 'text') // for create; for reply/patch the chat it lands in when known (rate limits, order)
    .addColumn('target_message_id', 'text')
    .addColumn('msg_type', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | sent | failed
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_receiver').on('outbox').columns(['receive_id', 'status', 'id']).execute();

  // One row per scheduled step: the unique key makes each step happen once, also with two instances.
  await table(db, 'job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('run_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // running | done | failed
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('error', 'text')
    .addUniqueConstraint('job_runs_key', ['job', 'run_key'])
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull()) // JSON
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  // An audit trail of register imports.
  await table(db, 'register_imports')
    .addColumn('plan_year', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull()) // JSON
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const t of [
    'register_imports',
    'settings',
    'job_runs',
    'outbox',
    'inbox',
    'handled_events',
    'chats',
    'bulletins',
    'problem_events',
    'problems',
    'report_revisions',
    'reports',
    'weekly_periods',
    'project_plans',
    'projects',
    'person_roles',
    'units',
    'people',
    'categories',
    'counties',
    'plan_years',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
