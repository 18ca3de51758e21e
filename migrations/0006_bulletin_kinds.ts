// The quarter's analysis (季分析) and the year's assessment (年考核) are approved and published like the monthly
// bulletin, in the same table: `kind` says which a row is ('month', 'quarter', 'year'); `month` holds its period key
// ('2026-10', '2026-Q3', '2026'), so the one-published-per-key index keeps each of them published once.
import type { Kysely } from 'kysely';

type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('bulletins')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('month'))
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('bulletins').dropColumn('kind').execute();
}
