// Every CLI command, in the order `diaodu --help` lists them.
import type { Command } from '../command';
import { dbBackupCommand, dbMigrateCommand } from './db';
import { importCommand } from './import';
import { settingsGetCommand, settingsListCommand, settingsResetCommand, settingsSetCommand } from './settings';

export const commands: Command[] = [
  importCommand,
  dbMigrateCommand,
  dbBackupCommand,
  settingsListCommand,
  settingsGetCommand,
  settingsSetCommand,
  settingsResetCommand,
];
