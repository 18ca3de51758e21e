// `diaodu settings list|get|set|reset`: operational settings, changed without a redeploy.
import { loadSettings, resetSetting, saveSetting } from '../../db/settings';
import { isSettingKey, type SettingKey, settingDefinitions, settingKeys } from '../../domain/settings';
import { queuePendingApprovals } from '../../bulletin/publish/messages';
import { createFeishuApi } from '../../feishu/api';
import { enqueue } from '../../feishu/outbox';
import { adminsElsewhereText, adminsNotEntered, enterAdmins } from '../../people/sync-users';
import type { Db } from '../../db/connect';
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
    if (key === 'admins') await lookUpAdmins(ctx, db);
    return 0;
  },
};

/** The drafts awaiting approval, queued to administrators who have not had them (src/bulletin/publish/messages.ts). */
export async function queueDraftsToNewAdmins(db: Db, now: Date): Promise<number> {
  return db.transaction().execute((tx) => queuePendingApprovals({ tx, now, send: async (msg, key) => void (await enqueue(tx, msg, now, key)) }));
}

/**
 * Administrators given by mobile or e-mail whom the register does not hold are looked up in the Feishu directory at
 * once when a Feishu app is configured (as `users sync` does); otherwise the running bot does it within the hour
 * (src/jobs/admins.ts), and the operator is told so.
 */
async function lookUpAdmins(ctx: CommandContext, db: Db): Promise<void> {
  const wanted = await adminsNotEntered(db);
  if (wanted.length === 0) return;
  const later = '运行中的调度助手将在一小时内按飞书通讯录查询并登记，登记后即可审定、发布和办理问题';
  if (!ctx.config.feishu) {
    ctx.io.out(`以下管理员在项目库中没有对应人员：${wanted.join('、')}。${later}；也可在配置飞书应用后运行 diaodu users sync 立即查询。`);
    return;
  }
  let report: Awaited<ReturnType<typeof enterAdmins>>;
  try {
    report = await enterAdmins(db, createFeishuApi(ctx.config.feishu), ctx.clock.now());
  } catch (err) {
    // Some may have been entered before the failure; the hourly job looks up the rest and sends what awaits approval.
    ctx.io.out(`设置已保存，但查询飞书通讯录失败（${(err as Error).message}），管理员登记可能未完成。${later}。`);
    return;
  }
  if (report.added.length) {
    ctx.io.out(`已按飞书通讯录登记管理员 ${report.added.length} 人：${report.added.map((a) => `${a.name}（${a.contact}）`).join('、')}。`);
    try {
      const drafts = await queueDraftsToNewAdmins(db, ctx.clock.now());
      if (drafts) ctx.io.out(`待审定的 ${drafts} 份通报已排入发送队列，由运行中的服务发给新登记的管理员。`);
    } catch (err) {
      ctx.io.out(
        `新登记的管理员已可审定和发布，但待审定的通报未能排入发给他们的发送队列（${(err as Error).message}）：当前通报可由其他管理员审定，此后送审的通报照常发给他们。`,
      );
    }
  }
  if (report.elsewhere.length) ctx.io.out(adminsElsewhereText(report.elsewhere));
  if (report.unresolved.length) {
    ctx.io.out(`以下管理员在飞书中找不到或已离职，暂不能审定和发布（请核对手机号、邮箱）：${report.unresolved.join('、')}。`);
  }
}

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
