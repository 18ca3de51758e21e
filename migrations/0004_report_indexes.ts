// Reports by week: which projects reported in a round (round open, remind, close, status; 本周未报送) was a scan of
// every report of every week — at 10,000 projects × 52 weeks, ~450,000 rows per look, and round open looks once per
// reporter. The unique (project_id, period_id) index serves a project's weeks, not a week's projects.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('reports_period').on('reports').columns(['period_id', 'project_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reports_period').execute();
}
