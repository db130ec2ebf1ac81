import type { Migration } from 'kysely';
import * as m0001 from './0001-platform';
import * as m0002 from './0002-register-record';
import * as m0003 from './0003-housing';
import * as m0005 from './0005-monitoring';
import * as m0006 from './0006-incidents';
import * as m0010 from './0010-communications';
import * as m0007 from './0007-legal';
import * as m0011 from './0011-repatriation';
import * as m0004 from './0004-intake';
import * as m0008 from './0008-safeguards';
import * as m0012 from './0012-register-merges';
import * as m0013 from './0013-site-figures';
import * as m0014 from './0014-register-merged-into-index';

/**
 * Every migration, in order. Listed by hand (not read from the folder) so that the CLI and the
 * tests run the same set however the code is packaged. Later modules append their own file here.
 */
export const migrations: Record<string, Migration> = {
  '0001-platform': m0001,
  '0002-register-record': m0002,
  '0003-housing': m0003,
  '0005-monitoring': m0005,
  '0006-incidents': m0006,
  '0010-communications': m0010,
  '0007-legal': m0007,
  '0011-repatriation': m0011,
  '0004-intake': m0004,
  '0008-safeguards': m0008,
  '0012-register-merges': m0012,
  '0013-site-figures': m0013,
  '0014-register-merged-into-index': m0014,
};
