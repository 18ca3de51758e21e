// AppContext: what every handler may use, built once in the composition root (src/main.ts) or a test.
import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './db/connect';
import type { Engine } from './db/engine';
import type { Logger } from './log';

export type AppContext = {
  config: Config;
  db: Db;
  /** What differs between SQLite and PostgreSQL (busy retries, row locks…): engineOf(db). */
  engine: Engine;
  clock: Clock;
  log: Logger;
  /**
   * A person's name from the Feishu directory by open_id, for actors the register does not name (set where the bot
   * talks to Feishu; absent in commands and tests that have no Feishu). Never throws: null when unknown.
   */
  names?: (openId: string) => Promise<string | null>;
};
