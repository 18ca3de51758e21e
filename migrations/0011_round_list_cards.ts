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
    // Set for a message that came to show the list by a tap (a reminder's 打开填报列表): its id is known from the callback.
    .addColumn('message_id', 'text')
    .execute();
  await db.schema.createIndex('round_list_cards_period_unit').on('round_list_cards').columns(['period_id', 'unit_id']).execute();
  // What a round card shows since its holder last tapped it ('list', 'form' or 'saved'), by Feishu message id: a copy
  // showing a form being filled in (or a report just saved) is not turned back into the list under its holder's hands.
  await db.schema
    .createTable('round_card_views')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('round_card_views').execute();
  await db.schema.dropTable('round_list_cards').execute();
}
