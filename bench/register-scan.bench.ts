import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MergeService, RegisterSearch } from '../src/modules/register';
import { FixedClock } from '../src/platform/clock';
import { openStore } from '../src/platform/db/database';
import { migrateToLatest } from '../src/platform/db/migrate';
import { systemActor } from '../src/platform/http/actor';
import type { BenchReport } from './run';
import { fillSyntheticRegister } from './synthetic-register-store';

/**
 * The periodic duplicate scan (`MergeService.scanChanged`) over a synthetic register of 50,000
 * records on SQLite: one full batch (the first run on a register never scanned), then an
 * incremental run after 100 records changed. The pairs it files are checked against the
 * generator's truth. Baseline in the same run: filing every non-"different" hit of the same
 * screens (every "possible" namesake too), which is what the queue would get without the rule
 * that a possible match is filed only as the record's best.
 */
const DETAINEES = Number(process.env.BENCH_DETAINEES ?? 50_000);

export default async function bench(): Promise<BenchReport> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'custodia-scan-'));
  const store = openStore({ kind: 'sqlite', file: path.join(dir, 'bench.db') });
  const clock = new FixedClock('2026-03-01T00:00:00.000Z');
  await migrateToLatest(store.db, clock);
  const {
    personOf,
    detainees,
    names,
    nationalities: nats,
  } = await fillSyntheticRegister(store.db, clock, DETAINEES);
  const search = new RegisterSearch(store.db);
  const merges = new MergeService(store.db, clock, search, { activeDirectives: async () => [] });
  const actor = systemActor('duplicate-scan');
  await search.rebuild();

  const same = (a: string, b: string) => personOf.get(a) === personOf.get(b);
  const filed = async (since: number) => {
    const rows = await store.db
      .selectFrom('identity_candidates')
      .select(['detainee_a', 'detainee_b'])
      .execute();
    const fresh = rows.slice(since);
    return { n: fresh.length, right: fresh.filter((r) => same(r.detainee_a, r.detainee_b)).length };
  };

  let t0 = performance.now();
  const first = await merges.scanChanged(actor);
  const firstMs = performance.now() - t0;
  const firstFiled = await filed(0);

  // Baseline: every non-"different" hit among the top five of the same records' screens.
  const batch = detainees.slice(0, first.screened);
  const baseline = new Map<string, boolean>();
  for (const d of batch) {
    const record = {
      id: d.id,
      names: names.filter((n) => n.detainee_id === d.id).map((n) => n.name),
      sex: d.sex === 'F' ? ('F' as const) : ('M' as const),
      dob: d.dob ?? undefined,
      nationality: nats.filter((n) => n.detainee_id === d.id).map((n) => n.country),
    };
    for (const hit of await search.screenRecord(record, { excludeId: d.id, limit: 5 }))
      if (hit.decision !== 'different') baseline.set([d.id, hit.id].sort().join('|'), same(d.id, hit.id));
  }
  const baselineRight = [...baseline.values()].filter(Boolean).length;

  // As if caught up, then 100 records change.
  const last = detainees[detainees.length - 1];
  await store.db
    .insertInto('identity_scans')
    .values({
      id: randomUUID(),
      ran_at: clock.now().toISOString(),
      last_updated_at: last.updated_at,
      last_id: last.id,
      screened: 0,
      added: 0,
    })
    .execute();
  const before = firstFiled.n;
  for (const d of detainees.filter((_, k) => k % 500 === 7))
    await store.db
      .updateTable('detainees')
      .set({ updated_at: '2026-03-01T12:00:00.000Z' })
      .where('id', '=', d.id)
      .execute();
  clock.set('2026-03-02T00:00:00.000Z');
  t0 = performance.now();
  const incremental = await merges.scanChanged(actor);
  const incrementalMs = performance.now() - t0;
  const incFiled = await filed(before);

  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');
  return {
    title: `Periodic duplicate scan, ${DETAINEES.toLocaleString('en')} records (SQLite)`,
    columns: ['run', 'records screened', 'time (ms)', 'pairs filed', 'of them the same person'],
    rows: [
      [
        'first run (one batch)',
        first.screened,
        Math.round(firstMs),
        firstFiled.n,
        `${firstFiled.right} (${pct(firstFiled.right, firstFiled.n)})`,
      ],
      [
        'baseline: every non-"different" hit, same records',
        first.screened,
        '—',
        baseline.size,
        `${baselineRight} (${pct(baselineRight, baseline.size)})`,
      ],
      [
        'incremental, 100 records changed',
        incremental.screened,
        Math.round(incrementalMs),
        incFiled.n,
        `${incFiled.right} (${pct(incFiled.right, incFiled.n)})`,
      ],
    ],
    notes: [
      'A pair is filed once whatever its source or decision; pairs an earlier run filed are not counted again.',
    ],
  };
}
