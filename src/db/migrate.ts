// Applies the static migration list (migrations/index.ts); used at start-up and by `diaodu db migrate`.
import { type MigrationResultSet, Migrator } from 'kysely';
import { migrations } from '../../migrations/index';
import { type DatabaseTarget, type Db, unreachableDatabase } from './connect';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** `target`, when given, lets an unreachable server be named (host and port) instead of a failed migration. */
export async function migrateToLatest(db: Db, target?: DatabaseTarget): Promise<{ applied: string[] }> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const unreachable = target ? unreachableDatabase(error, target) : null;
    if (unreachable) throw unreachable;
    const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName ?? '（未知）';
    throw new MigrationError(`数据库迁移 ${failed} 失败：${error instanceof Error ? error.message : String(error)}`);
  }
  return { applied };
}

export async function listMigrations(db: Db) {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  return migrator.getMigrations();
}
