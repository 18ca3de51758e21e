// Every CLI command, in the order `diaodu --help` lists them.
import type { Command } from '../command';
import { dbBackupCommand, dbMigrateCommand } from './db';
import { importCommand } from './import';
import { outboxListCommand, outboxRetryCommand } from './outbox';
import { usersSyncCommand } from './users';
import { settingsGetCommand, settingsListCommand, settingsResetCommand, settingsSetCommand } from './settings';

export const commands: Command[] = [
  importCommand,
  usersSyncCommand,
  dbMigrateCommand,
  dbBackupCommand,
  settingsListCommand,
  settingsGetCommand,
  settingsSetCommand,
  settingsResetCommand,
  outboxListCommand,
  outboxRetryCommand,
];
