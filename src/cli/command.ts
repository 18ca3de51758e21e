// The shape of one CLI command; src/cli/main.ts lists them, parses arguments and prints `--help`.
import type { ParseArgsConfig } from 'node:util';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { OpenedDatabase } from '../db/connect';

export type CliIO = { out(text: string): void; err(text: string): void };

export type CommandContext = {
  config: Config;
  clock: Clock;
  io: CliIO;
  /** Opens the configured database and applies pending migrations; closed by the runner afterwards. */
  openDb(): Promise<OpenedDatabase>;
};

export type CommandArgs = {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
};

export type Command = {
  /** Words typed after `diaodu`, e.g. 'import' or 'db backup'. */
  name: string;
  /** One line, Chinese, shown in the command list. */
  summary: string;
  /** The full `--help` text: usage line, arguments, options, an example. */
  help: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /**
   * Whether this invocation writes to the database; if so the runner first prints to stderr exactly which database
   * (写入数据库：…), so that no one imports into one file and starts the service on another.
   */
  writes?: boolean | ((values: CommandArgs['values']) => boolean);
  /** Returns the process exit code: 0 done, 1 refused (bad input, nothing written), 2 usage error. */
  run(ctx: CommandContext, args: CommandArgs): Promise<number>;
};
