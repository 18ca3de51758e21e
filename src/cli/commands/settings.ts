// `diaodu settings list|get|set|reset`: operational settings, changed without a redeploy.
import { loadSettings, resetSetting, saveSetting } from '../../db/settings';
import { isSettingKey, type SettingKey, settingDefinitions, settingKeys } from '../../domain/settings';
import type { Command, CommandContext } from '../command';

const show = (v: unknown) => JSON.stringify(v);

/** The setting named on the command line, or null after saying which ones exist. */
function keyArg(ctx: CommandContext, positionals: string[]): SettingKey | null {
  const key = positionals[0] ?? '';
  if (isSettingKey(key)) return key;
  ctx.io.err(`没有名为“${key}”的设置项；可用：${settingKeys.join('、')}`);
  return null;
}

export const settingsListCommand: Command = {
  name: 'settings list',
  summary: '列出全部运行设置（当前值、默认值、说明）',
  help: `用法：diaodu settings list

列出每个设置项的当前值；标“默认”的为未修改过的默认值。`,
  async run(ctx) {
    const { db } = await ctx.openDb();
    const { settings, stored, invalid } = await loadSettings(db);
    for (const key of settingKeys) {
      ctx.io.out(`${key} = ${show(settings[key])}${stored.has(key) ? '' : '（默认）'}\n    ${settingDefinitions[key].description}`);
    }
    for (const problem of invalid) ctx.io.err(`注意：存储的设置无效，已按默认值处理：${problem}`);
    return 0;
  },
};

export const settingsGetCommand: Command = {
  name: 'settings get',
  summary: '查看一个设置项',
  help: `用法：diaodu settings get 设置项

示例：diaodu settings get round.deadline`,
  async run(ctx, { positionals }) {
    const key = keyArg(ctx, positionals);
    if (!key) return 2;
    const { db } = await ctx.openDb();
    const { settings } = await loadSettings(db);
    ctx.io.out(show(settings[key]));
    return 0;
  },
};

export const settingsSetCommand: Command = {
  name: 'settings set',
  writes: true,
  summary: '修改一个设置项（校验后立即生效）',
  help: `用法：diaodu settings set 设置项 值

值按 JSON 解析；不是 JSON 时按文字处理。非法的值会被拒绝并说明原因，原值不变。
示例：
  diaodu settings set round.deadline "周五 17:30"
  diaodu settings set lights.points '{"yellow":10,"red":30}'
  diaodu settings set calendar.corrections '[{"date":"2027-02-07","type":"workday","name":"春节调休"}]'
  diaodu settings set admins '["13900010001"]'`,
  async run(ctx, { positionals }) {
    const [key, raw, ...extra] = positionals;
    if (!key || raw === undefined || extra.length > 0) {
      ctx.io.err('用法：diaodu settings set 设置项 值（值含空格时请加引号）');
      return 2;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    const { db } = await ctx.openDb();
    const result = await saveSetting(db, key, value, 'cli', ctx.clock.now());
    if (!result.ok) {
      ctx.io.err(result.error);
      return 1;
    }
    ctx.io.out(`已设置 ${key} = ${show(result.value)}`);
    return 0;
  },
};

export const settingsResetCommand: Command = {
  name: 'settings reset',
  writes: true,
  summary: '把一个设置项恢复为默认值',
  help: `用法：diaodu settings reset 设置项

示例：diaodu settings reset round.open`,
  async run(ctx, { positionals }) {
    const key = keyArg(ctx, positionals);
    if (!key) return 2;
    const { db } = await ctx.openDb();
    const result = await resetSetting(db, key);
    if (!result.ok) {
      ctx.io.err(result.error);
      return 1;
    }
    ctx.io.out(`已恢复默认：${key} = ${show(result.value)}`);
    return 0;
  },
};
