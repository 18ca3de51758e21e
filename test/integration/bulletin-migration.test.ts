// Migration 0005: groups named in the retired `bulletin.groups` setting stay bulletin groups, and a month can be
// published only once whatever writes the row.
import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { bulletinGroups } from '../../src/bulletin/publish/store';
import { migrateToLatest } from '../../src/db/migrate';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';

describe.each(engines)('migration 0005 on %s', (engine) => {
  let t: TestDatabase;
  afterEach(async () => t?.drop());

  it('moves the groups of the bulletin.groups setting onto their chats and drops the setting', async () => {
    t = await createTestDatabase(engine, { migrate: false });
    const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0001_init')).error).toBeUndefined();
    const at = '2026-03-01T02:00:00.000Z';
    await t.db
      .insertInto('chats')
      .values({ chat_id: 'oc_known', name: '重点项目调度群', is_bulletin_group: 0, added_at: '2026-02-01T02:00:00.000Z', removed_at: null })
      .execute();
    await t.db
      .insertInto('settings')
      .values({ key: 'bulletin.groups', value: JSON.stringify(['oc_known', 'oc_new']), updated_at: at, updated_by: 'cli' })
      .execute();
    await migrateToLatest(t.db);
    expect(await bulletinGroups(t.db)).toEqual([
      { chatId: 'oc_known', name: '重点项目调度群' },
      { chatId: 'oc_new', name: '群聊 oc_new' },
    ]);
    expect(await t.db.selectFrom('settings').select('key').where('key', '=', 'bulletin.groups').execute()).toEqual([]);
  });

  it('refuses a second published bulletin for the same month, and allows drafts beside it', async () => {
    t = await createTestDatabase(engine);
    const row = (status: 'draft' | 'published' | 'returned') => ({
      month: '2026-10',
      status,
      snapshot: '{}',
      composed_at: '2026-11-05T01:00:00.000Z',
      decided_by: null,
      decided_at: null,
      note: null,
    });
    await t.db
      .insertInto('bulletins')
      .values([row('returned'), row('published'), row('draft')])
      .execute();
    await expect(t.db.insertInto('bulletins').values(row('published')).execute()).rejects.toThrow();
    await t.db
      .insertInto('bulletins')
      .values({ ...row('published'), month: '2026-09' })
      .execute();
  });
});
