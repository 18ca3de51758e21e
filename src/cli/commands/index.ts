// Every CLI command, in the order `diaodu --help` lists them.
import type { Command } from '../command';
import { askCommand } from './ask';
import { batchesListCommand, batchesRemoveCommand, reserveListCommand, reserveRemoveCommand } from './batches';
import { bulletinCommand, exportCommand } from './bulletin';
import { calendarAddCommand, calendarRemoveCommand, calendarRoundsCommand, calendarShowCommand } from './calendar';
import { dbBackupCommand, dbMigrateCommand } from './db';
import { importCommand } from './import';
import { nodesListCommand } from './nodes';
import { outboxListCommand, outboxRetryCommand } from './outbox';
import { problemsListCommand, problemsShowCommand } from './problems';
import { roundCloseCommand, roundOpenCommand, roundRemindCommand, roundStatusCommand } from './round';
import { statsImportCommand, statsShowCommand } from './stats';
import { tourCloseCommand, tourOpenCommand, tourPostCommand, tourShowCommand } from './tour';
import { evaluateCommand } from './evaluate';
import { rolesGrantCommand, rolesListCommand, rolesRevokeCommand } from './roles';
import { usersSyncCommand } from './users';
import { settingsGetCommand, settingsListCommand, settingsResetCommand, settingsSetCommand } from './settings';

export const commands: Command[] = [
  importCommand,
  usersSyncCommand,
  rolesListCommand,
  rolesGrantCommand,
  rolesRevokeCommand,
  roundOpenCommand,
  roundRemindCommand,
  roundCloseCommand,
  roundStatusCommand,
  askCommand,
  problemsListCommand,
  problemsShowCommand,
  batchesListCommand,
  batchesRemoveCommand,
  reserveListCommand,
  reserveRemoveCommand,
  statsImportCommand,
  statsShowCommand,
  evaluateCommand,
  tourOpenCommand,
  tourCloseCommand,
  tourPostCommand,
  tourShowCommand,
  nodesListCommand,
  bulletinCommand,
  exportCommand,
  dbMigrateCommand,
  dbBackupCommand,
  settingsListCommand,
  settingsGetCommand,
  settingsSetCommand,
  settingsResetCommand,
  calendarShowCommand,
  calendarAddCommand,
  calendarRemoveCommand,
  calendarRoundsCommand,
  outboxListCommand,
  outboxRetryCommand,
];
