import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema';

/**
 * Where the demo's six (fictional) sites sit inside the fictional region, so that the threat map
 * has something to show on a fresh demo. WGS84 [lat, lon]; inside FICTIONAL_REGION's outline.
 */
export const DEMO_SITE_LOCATIONS: Record<string, [number, number]> = {
  HLC: [35.95, 41.2],
  RVS: [35.45, 41.45],
  DST: [34.55, 40.9],
  PLG: [34.7, 42.15],
  STG: [35.75, 42.5],
  CDP: [35.1, 40.55],
};

/**
 * Places the demo's sites on the map inside the demo's own transaction (sites without a known
 * code are left unplaced).
 *
 * @example await placeDemoSites(trx, [{ id, code: 'HLC' }]);
 */
export async function placeDemoSites(
  trx: Transaction<Database>,
  sites: { id: string; code: string }[],
): Promise<void> {
  for (const site of sites) {
    const at = DEMO_SITE_LOCATIONS[site.code];
    if (at)
      await trx.updateTable('sites').set({ lat: at[0], lon: at[1] }).where('id', '=', site.id).execute();
  }
}
