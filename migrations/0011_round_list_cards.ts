// Which messages show a unit's list card of a week (the card of the round's opening, one brought up by typing 填报,
// one re-sent by 催报): when a reporter of the unit saves a project, every copy is updated through the message update
// API, so that a colleague's card does not go on saying "已填 0/4". Keyed by the outbox key the card was sent under
// (its message id is known only once the outbox has sent it).
import type { Kysely } from 'kysely';

type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('round_list_cards')
    .addColumn('message_key', 'text', (c) => c.primaryKey())
    .addColumn('period_id', 'integer', (c) => c.notNull().references('weekly_periods.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('round_list_cards_period_unit').on('round_list_cards').columns(['period_id', 'unit_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('round_list_cards').execute();
}
