import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import { migrations } from '../../../migrations';
import { recordAudit, systemContext } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from './database';

const provider: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => migrations,
};

/**
 * Brings the store to the latest schema; run by `custodia migrate` and at every start. Each run
 * that applies something leaves a `store.migrate` entry from `system` in the audit chain.
 *
 * @returns the names of the migrations applied now (empty when already up to date).
 */
export async function migrateToLatest(db: Db, clock: Clock): Promise<string[]> {
  // Modules land their migrations independently; a name that sorts before one already applied still runs.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (applied.length > 0) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, clock, systemContext('migrate'), {
        action: 'store.migrate',
        subjectType: 'store',
        changes: { applied },
      }),
    );
  }
  return applied;
}
