import { type Config, loadConfig } from '../platform/config';
import { systemClock } from '../platform/clock';
import { openStore } from '../platform/db/database';
import { migrateToLatest } from '../platform/db/migrate';
import { createServices, type Services } from '../services';

/**
 * Opens the configured store, migrated, with every service: what most commands start with.
 * The caller closes it with `services.store.close()`.
 */
export async function openServices(
  env: NodeJS.ProcessEnv = process.env,
  options: { serving?: boolean } = {},
): Promise<{ config: Config; services: Services; applied: string[] }> {
  const config = loadConfig(env);
  // A server takes writes all day: its WAL is checkpointed off the request path.
  const store = openStore(config.store, { backgroundCheckpoint: options.serving });
  try {
    const applied = await migrateToLatest(store.db, systemClock);
    return {
      config,
      services: createServices(store, systemClock, {
        sessionIdleMinutes: config.sessionIdleMinutes,
        policy: {
          ownCountry: config.ownCountry,
          lawyerVisitDays: config.lawyerVisitDays,
          complianceResolutionDays: config.complianceResolutionDays,
        },
      }),
      applied,
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
