// Indexes for composing the monthly bulletin: a month-end figure is one seek per project and month into reports and
// one into report_revisions; with the figure's columns in the index neither seek has to visit the table rows
// (≈ half the time of a year's month ends at 10,000 projects on SQLite).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('reports_project_period_revision').on('reports').columns(['project_id', 'period_id', 'revision']).execute();
  await db.schema
    .createIndex('report_revisions_figures')
    .on('report_revisions')
    .columns(['report_id', 'revision', 'ytd_investment_yuan', 'month_end_investment_yuan', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('report_revisions_figures').ifExists().execute();
  await db.schema.dropIndex('reports_project_period_revision').ifExists().execute();
}
