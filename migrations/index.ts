// The static list of migrations, in order. A landed migration is never edited: add the next one here.
import type { Migration } from 'kysely';
import * as m0001 from './0001_init';
import * as m0003 from './0003_bulletin_indexes';

export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0003_bulletin_indexes': m0003,
};
