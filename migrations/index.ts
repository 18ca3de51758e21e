// The static list of migrations, in order. A landed migration is never edited: add the next one here.
import type { Migration } from 'kysely';
import * as m0001 from './0001_init';
import * as m0004 from './0004_report_indexes';

export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0004_report_indexes': m0004,
};
