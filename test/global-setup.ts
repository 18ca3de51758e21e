// Once per run: builds the bot, migrates the template databases the tests copy, and says plainly whether the
// PostgreSQL half of the database tests runs.
import { createTemplates } from './helpers/db';
import { buildBot } from './helpers/entry';

export default async function setup() {
  // The process tests start the bot as `npm start` does, from dist/main.mjs: built here once per run from src/.
  buildBot();
  if (process.env.TEST_DATABASE_URL?.trim()) {
    console.log(`[diaodu] 数据库测试将在 SQLite 与 PostgreSQL（${process.env.TEST_DATABASE_URL}）上各运行一遍。`);
  } else {
    console.log('[diaodu] 未设置 TEST_DATABASE_URL：PostgreSQL 测试已跳过，只在 SQLite 上运行数据库测试。');
  }
  // Each test database is a copy of a template migrated here, named after this run so that runs side by side
  // (in other checkouts, on the same PostgreSQL server) do not share one; removed again at the end of the run.
  return await createTemplates(process.pid);
}
