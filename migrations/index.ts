import type { Migration } from 'kysely';
import * as m0001 from './0001-platform';
import * as m0003 from './0003-housing';
import * as m0005 from './0005-monitoring';

/**
 * Every migration, in order. Listed by hand (not read from the folder) so that the CLI and the
 * tests run the same set however the code is packaged. Later modules append their own file here.
 */
export const migrations: Record<string, Migration> = {
  '0001-platform': m0001,
  '0003-housing': m0003,
  '0005-monitoring': m0005,
};
