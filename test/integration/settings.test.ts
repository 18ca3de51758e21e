// Settings as stored in the database: defaults until changed, validated on the way in, refused values change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings, resetSetting, saveSetting } from '../../src/db/settings';
import { settingDefinitions, settingKeys } from '../../src/domain/settings';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/db';

const NOW = new Date('2026-11-27T01:00:00.000Z');
const CURVE = [2, 6, 12, 20, 28, 36, 45, 54, 63, 74, 86, 100];

describe.each(engines)('settings on %s', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(engine);
  });
  afterEach(async () => t?.drop());

  const rows = () => t.db.selectFrom('settings').selectAll().orderBy('key').execute();

  it('an empty database gives every default, none marked as stored, nothing invalid', async () => {
    const { settings, stored, invalid } = await loadSettings(t.db);
    for (const key of settingKeys) expect(settings[key]).toEqual(settingDefinitions[key].default);
    expect(stored.size).toBe(0);
    expect(invalid).toEqual([]);
  });

  it('stores a value in its normal form, with who and when, and reads it back', async () => {
    const result = await saveSetting(t.db, 'round.deadline', '星期五17:30', 'cli', NOW);
    expect(result).toEqual({ ok: true, value: '周五 17:30' });
    const { settings, stored } = await loadSettings(t.db);
    expect(settings['round.deadline']).toBe('周五 17:30');
    expect([...stored]).toEqual(['round.deadline']);
    expect(settings['round.open']).toBe('周一 09:00');
    expect(await rows()).toEqual([{ key: 'round.deadline', value: '"周五 17:30"', updated_at: '2026-11-27T01:00:00.000Z', updated_by: 'cli' }]);
  });

  it('stores objects and lists as JSON and gives them back equal', async () => {
    const corrections = [{ date: '2027-02-07', type: 'workday', name: '春节调休' }];
    expect((await saveSetting(t.db, 'lights.points', { yellow: 5, red: 20 }, 'cli', NOW)).ok).toBe(true);
    expect((await saveSetting(t.db, 'calendar.corrections', corrections, 'cli', NOW)).ok).toBe(true);
    expect((await saveSetting(t.db, 'lights.lateStartRedMonths', 4, 'cli', NOW)).ok).toBe(true);
    const { settings } = await loadSettings(t.db);
    expect(settings['lights.points']).toEqual({ yellow: 5, red: 20 });
    expect(settings['calendar.corrections']).toEqual(corrections);
    expect(settings['lights.lateStartRedMonths']).toBe(4);
  });

  it('changing a value again updates the one row, with the new time and author', async () => {
    await saveSetting(t.db, 'round.open', '周一 08:30', 'cli', NOW);
    const later = new Date('2026-12-01T02:00:00.000Z');
    await saveSetting(t.db, 'round.open', '周二 08:30', 'ou_admin', later);
    expect(await rows()).toEqual([{ key: 'round.open', value: '"周二 08:30"', updated_at: later.toISOString(), updated_by: 'ou_admin' }]);
  });

  it('refuses an invalid value with the reason and leaves the stored value unchanged', async () => {
    await saveSetting(t.db, 'lights.points', { yellow: 10, red: 40 }, 'cli', NOW);
    const result = await saveSetting(t.db, 'lights.points', { yellow: 30, red: 10 }, 'cli', new Date('2026-12-01T00:00:00Z'));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('red 应不小于 yellow') });
    expect((await loadSettings(t.db)).settings['lights.points']).toEqual({ yellow: 10, red: 40 });
    expect((await rows())[0]?.updated_at).toBe(NOW.toISOString());
  });

  it('refuses an unknown key, listing the known ones, and writes nothing', async () => {
    const result = await saveSetting(t.db, 'round.close', '周五 18:00', 'cli', NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain('round.close');
      expect(result.error).toContain('round.deadline');
    }
    expect(await rows()).toEqual([]);
  });

  it('refuses progress.rule=curve before a curve is set, and accepts it after', async () => {
    const refused = await saveSetting(t.db, 'progress.rule', 'curve', 'cli', NOW);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toContain('progress.curve');
    expect(await rows()).toEqual([]);

    expect((await saveSetting(t.db, 'progress.curve', CURVE, 'cli', NOW)).ok).toBe(true);
    expect((await saveSetting(t.db, 'progress.rule', 'curve', 'cli', NOW)).ok).toBe(true);
    const { settings } = await loadSettings(t.db);
    expect(settings['progress.rule']).toBe('curve');
    expect(settings['progress.curve']).toEqual(CURVE);
  });

  it('while the curve rule is in force, refuses clearing the curve by set or by reset', async () => {
    await saveSetting(t.db, 'progress.curve', CURVE, 'cli', NOW);
    await saveSetting(t.db, 'progress.rule', 'curve', 'cli', NOW);

    const cleared = await saveSetting(t.db, 'progress.curve', null, 'cli', NOW);
    expect(cleared.ok).toBe(false);
    const reset = await resetSetting(t.db, 'progress.curve');
    expect(reset.ok).toBe(false);
    if (!reset.ok) expect(reset.error).toContain('progress.curve');
    expect((await loadSettings(t.db)).settings['progress.curve']).toEqual(CURVE);

    // Once the rule is back to the default, the curve may go.
    expect((await resetSetting(t.db, 'progress.rule')).ok).toBe(true);
    expect(await resetSetting(t.db, 'progress.curve')).toEqual({ ok: true, value: null });
    expect(await rows()).toEqual([]);
  });

  it('reset brings back the default and removes the stored row', async () => {
    await saveSetting(t.db, 'round.remind', '周三 10:00', 'cli', NOW);
    await saveSetting(t.db, 'round.open', '周一 08:00', 'cli', NOW);
    expect(await resetSetting(t.db, 'round.remind')).toEqual({ ok: true, value: '周四 15:00' });
    const { settings, stored } = await loadSettings(t.db);
    expect(settings['round.remind']).toBe('周四 15:00');
    expect(settings['round.open']).toBe('周一 08:00');
    expect([...stored]).toEqual(['round.open']);
  });

  it('a stored value that no longer validates falls back to the default and is reported', async () => {
    await t.db
      .insertInto('settings')
      .values([
        { key: 'round.open', value: '"Monday 9am"', updated_at: NOW.toISOString(), updated_by: 'sql' },
        { key: 'round.remind', value: 'not json', updated_at: NOW.toISOString(), updated_by: 'sql' },
        { key: 'retired.key', value: '1', updated_at: NOW.toISOString(), updated_by: 'sql' },
        { key: 'round.deadline', value: '"周五 17:00"', updated_at: NOW.toISOString(), updated_by: 'sql' },
      ])
      .execute();
    const { settings, stored, invalid } = await loadSettings(t.db);
    expect(settings['round.open']).toBe('周一 09:00');
    expect(settings['round.remind']).toBe('周四 15:00');
    expect(settings['round.deadline']).toBe('周五 17:00');
    expect([...stored]).toEqual(['round.deadline']);
    expect(invalid).toHaveLength(2);
    expect(invalid.join('\n')).toContain('round.open');
    expect(invalid.join('\n')).toContain('round.remind：存储的值不是 JSON');
  });
});
