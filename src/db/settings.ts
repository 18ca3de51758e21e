// Reads and writes the settings table; values are JSON, validated against src/domain/settings.ts.
import {
  checkSettingsTogether,
  isSettingKey,
  type SettingKey,
  type SettingResult,
  type Settings,
  settingDefaults,
  settingDefinitions,
  settingKeys,
  validateSetting,
} from '../domain/settings';
import type { Db } from './connect';

/** All settings, stored values over defaults. A stored value that no longer validates falls back to the default. */
export async function loadSettings(db: Db): Promise<{ settings: Settings; stored: Set<SettingKey>; invalid: string[] }> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  const out: Record<string, unknown> = settingDefaults();
  const stored = new Set<SettingKey>();
  const invalid: string[] = [];
  for (const row of rows) {
    if (!isSettingKey(row.key)) continue;
    let value: unknown;
    try {
      value = JSON.parse(row.value);
    } catch {
      invalid.push(`${row.key}：存储的值不是 JSON`);
      continue;
    }
    const checked = validateSetting(row.key, value);
    if (checked.ok) {
      out[row.key] = checked.value;
      stored.add(row.key);
    } else invalid.push(checked.error);
  }
  return { settings: out as Settings, stored, invalid };
}

/** Validates and stores one setting (also against the others); returns the stored value or why it was refused. */
export async function saveSetting(db: Db, key: string, value: unknown, by: string, now: Date): Promise<SettingResult<unknown>> {
  if (!isSettingKey(key)) return { ok: false, error: `没有名为 ${key} 的设置项；可用：${settingKeys.join('、')}` };
  const checked = validateSetting(key, value);
  if (!checked.ok) return checked;
  const { settings } = await loadSettings(db);
  const together = checkSettingsTogether({ ...settings, [key]: checked.value } as Settings);
  if (together) return { ok: false, error: together };
  const row = { key, value: JSON.stringify(checked.value), updated_at: now.toISOString(), updated_by: by };
  await db
    .insertInto('settings')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_at: row.updated_at, updated_by: row.updated_by }))
    .execute();
  return checked;
}

/** Restores a key's default, unless that would break a cross-key rule (e.g. progress.curve while progress.rule is curve). */
export async function resetSetting(db: Db, key: SettingKey): Promise<SettingResult<unknown>> {
  const fallback = settingDefinitions[key].default;
  const { settings } = await loadSettings(db);
  const together = checkSettingsTogether({ ...settings, [key]: fallback } as Settings);
  if (together) return { ok: false, error: together };
  await db.deleteFrom('settings').where('key', '=', key).execute();
  return { ok: true, value: fallback };
}
