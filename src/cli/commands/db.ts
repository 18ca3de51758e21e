// `diaodu db migrate` and `diaodu db backup FILE`.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { listMigrations } from '../../db/migrate';
import type { Command } from '../command';

export const dbMigrateCommand: Command = {
  name: 'db migrate',
  writes: true,
  summary: '执行数据库迁移（启动时也会自动执行）',
  help: `用法：diaodu db migrate

把数据库结构升级到当前版本。服务启动时会自动执行，此命令用于部署前单独升级或检查。`,
  async run(ctx) {
    // openDb() migrates; report what is now applied.
    const { db } = await ctx.openDb();
    const all = await listMigrations(db);
    for (const m of all) ctx.io.out(`${m.name}  ${m.executedAt ? `已执行 ${m.executedAt.toISOString()}` : '未执行'}`);
    ctx.io.out(`数据库已是最新结构（共 ${all.length} 个迁移）。`);
    return 0;
  },
};

export const dbBackupCommand: Command = {
  name: 'db backup',
  summary: '把正在使用的 SQLite 数据库完整复制到一个文件',
  help: `用法：diaodu db backup 文件 [--force]

在服务运行时也可执行：使用 SQLite 在线备份，得到一致的副本。
  --force   目标文件已存在时覆盖

PostgreSQL 部署请使用 pg_dump 备份。
示例：diaodu db backup backups/diaodu-2026-11-27.sqlite`,
  options: { force: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      ctx.io.err('请给出一个备份文件路径，例如：diaodu db backup backups/diaodu.sqlite');
      return 2;
    }
    if (ctx.config.database.kind !== 'sqlite') {
      ctx.io.err('当前使用 PostgreSQL：请用 pg_dump 备份（例如 pg_dump -Fc "$DATABASE_URL" > diaodu.dump）。');
      return 1;
    }
    const target = resolve(file);
    if (target === resolve(ctx.config.database.path)) {
      ctx.io.err('备份文件不能是数据库文件本身。');
      return 1;
    }
    if (existsSync(target) && !values.force) {
      ctx.io.err(`目标文件 ${target} 已存在；如要覆盖请加 --force。`);
      return 1;
    }
    const { sqlite } = await ctx.openDb();
    if (!sqlite) return 1;
    // better-sqlite3 refuses a missing directory ("the directory does not exist"), yet the help's own example is backups/….
    mkdirSync(dirname(target), { recursive: true });
    const result = await sqlite.backup(target);
    ctx.io.out(`备份完成：${target}（${result.totalPages} 页）`);
    return 0;
  },
};
