// The static list of migrations, in order. A landed migration is never edited: add the next one here.
import type { Migration } from 'kysely';
import * as m0001 from './0001_init';
import * as m0002 from './0002_problems';
import * as m0003 from './0003_bulletin_indexes';
import * as m0004 from './0004_report_indexes';
import * as m0005 from './0005_bulletin_publish';
import * as m0006 from './0006_bulletin_kinds';
import * as m0007 from './0007_batches_reserve';
import * as m0008 from './0008_actor_names';
import * as m0009 from './0009_nodes';
import * as m0010 from './0010_statistics_tours';
import * as m0011 from './0011_round_list_cards';

export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_problems': m0002,
  '0003_bulletin_indexes': m0003,
  '0004_report_indexes': m0004,
  '0005_bulletin_publish': m0005,
  '0006_bulletin_kinds': m0006,
  '0007_batches_reserve': m0007,
  '0008_actor_names': m0008,
  '0009_nodes': m0009,
  '0010_statistics_tours': m0010,
  '0011_round_list_cards': m0011,
};
