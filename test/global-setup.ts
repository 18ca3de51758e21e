// Says plainly, once per run, whether the PostgreSQL half of the database tests runs.
import { buildBot } from './helpers/entry';

export default function setup() {
  // The process tests start the bot as `npm start` does, from dist/main.mjs: built here once per run from src/.
  buildBot();
  if (process.env.TEST_DATABASE_URL?.trim()) {
    console.log(`[diaodu] 数据库测试将在 SQLite 与 PostgreSQL（${process.env.TEST_DATABASE_URL}）上各运行一遍。`);
  } else {
    console.log('[diaodu] 未设置 TEST_DATABASE_URL：PostgreSQL 测试已跳过，只在 SQLite 上运行数据库测试。');
  }
}
