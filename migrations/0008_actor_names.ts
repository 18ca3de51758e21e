// Who decided a bulletin or acted on a problem item, by name, when the register does not hold them: an administrator
// named in `admins` by open_id or mobile only has no people row, and the approval card and the item's history showed
// no one (or "调度助手"). The name is looked up in the Feishu directory when they act and kept with the row.
import type { Kysely } from 'kysely';

type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('bulletins').addColumn('decided_by_name', 'text').execute();
  await db.schema.alterTable('problem_events').addColumn('actor_name', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('problem_events').dropColumn('actor_name').execute();
  await db.schema.alterTable('bulletins').dropColumn('decided_by_name').execute();
}
