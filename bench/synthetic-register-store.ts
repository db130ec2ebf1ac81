import { randomUUID } from 'node:crypto';
import { detectScript, syntheticRegister } from '../src/engines/identity';
import { EstateService } from '../src/modules/estate';
import type { Clock } from '../src/platform/clock';
import type { Db } from '../src/platform/db/database';
import type { Database } from '../src/platform/db/schema';
import { systemActor } from '../src/platform/http/actor';

/**
 * Fills a migrated store with `count` detainees from the identity engine's synthetic register
 * (seed 7: persons written several ways by different authorities, namesakes), held at one new
 * site, in one transaction. Returns the site, the rows written and, for each detainee, the
 * person it stands for (the truth the register benchmarks score against).
 *
 * @example const { siteId, personOf } = await fillSyntheticRegister(store.db, clock, 50_000);
 */
export async function fillSyntheticRegister(
  db: Db,
  clock: Clock,
  count: number,
): Promise<{
  siteId: string;
  personOf: Map<string, string>;
  detainees: Database['detainees'][];
  names: Database['detainee_names'][];
  nationalities: Database['detainee_nationalities'][];
}> {
  const site = await new EstateService(db, clock).createSite(systemActor('bench'), {
    code: 'B1',
    name: 'Bench Site',
    nameAr: 'موقع',
  });
  const personOf = new Map<string, string>();
  const detainees: Database['detainees'][] = [];
  const names: Database['detainee_names'][] = [];
  const nats: Database['detainee_nationalities'][] = [];
  const start = Date.parse('2025-01-01T00:00:00Z');
  for (const { person, record } of syntheticRegister({ seed: 7, persons: Math.round(count / 1.4) })) {
    if (detainees.length >= count) break;
    const id = randomUUID();
    personOf.set(id, person);
    const stamp = new Date(start + detainees.length * 60_000).toISOString();
    detainees.push({
      id,
      number: `B-${String(detainees.length).padStart(6, '0')}`,
      display_name: record.names[0],
      sex: record.sex ?? 'M',
      dob: record.dob ?? null,
      legal_status: 'untried',
      age_category: 'adult',
      status: 'in_custody',
      site_id: site.id,
      cell_id: null,
      arrested_at: null,
      arrest_place: null,
      admitted_at: null,
      created_at: stamp,
      updated_at: stamp,
    });
    record.names.forEach((name, position) =>
      names.push({
        id: randomUUID(),
        detainee_id: id,
        name,
        script: detectScript(name) === 'arabic' ? 'arabic' : 'latin',
        kind: 'legal',
        position,
      }),
    );
    for (const c of new Set(record.nationality ?? [])) nats.push({ detainee_id: id, country: c });
  }
  await db.transaction().execute(async (trx) => {
    for (let k = 0; k < detainees.length; k += 1000)
      await trx
        .insertInto('detainees')
        .values(detainees.slice(k, k + 1000))
        .execute();
    for (let k = 0; k < names.length; k += 2000)
      await trx
        .insertInto('detainee_names')
        .values(names.slice(k, k + 2000))
        .execute();
    for (let k = 0; k < nats.length; k += 5000)
      await trx
        .insertInto('detainee_nationalities')
        .values(nats.slice(k, k + 5000))
        .execute();
  });
  return { siteId: site.id, personOf, detainees, names, nationalities: nats };
}
