import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectScript } from '../src/engines/identity';
import { RegisterSearch } from '../src/modules/register';
import { systemClock } from '../src/platform/clock';
import type { StoreConfig } from '../src/platform/config';
import { openStore } from '../src/platform/db/database';
import { migrateToLatest } from '../src/platform/db/migrate';
import { systemActor } from '../src/platform/http/actor';
import type { BenchReport } from './run';
import { fillSyntheticRegister } from './synthetic-register-store';

/**
 * Register name search over 50,000 detainees (the national estate): the per-process index is
 * built from the store on first use, then each query (typed in Arabic or Latin script, as another
 * authority wrote the name) is timed end to end through `RegisterSearch.search`, including the
 * catch-up query that keeps the index current. Recall@10: the person's record among the first ten.
 */
const DETAINEES = Number(process.env.BENCH_DETAINEES ?? 50_000);
const QUERIES = 1000;

async function measure(
  label: string,
  config: StoreConfig,
  cleanup: () => Promise<void>,
): Promise<(string | number)[]> {
  const store = openStore(config);
  await migrateToLatest(store.db, systemClock);
  const { siteId, personOf, detainees, names } = await fillSyntheticRegister(
    store.db,
    systemClock,
    DETAINEES,
  );
  // The filler stamps its records a minute apart from here.
  const start = Date.parse('2025-01-01T00:00:00Z');
  const persons = new Map<string, string[]>();
  for (const [id, person] of personOf) persons.set(person, [...(persons.get(person) ?? []), id]);

  const search = new RegisterSearch(store.db);
  const actor = { ...systemActor('bench'), sites: [siteId] };
  const t0 = performance.now();
  await search.rebuild();
  const buildMs = performance.now() - t0;

  // Queries: a name of a detainee, as written on the other record of the same person when there is one (another spelling or script).
  const nameOf = new Map<string, string[]>();
  for (const n of names) nameOf.set(n.detainee_id, [...(nameOf.get(n.detainee_id) ?? []), n.name]);
  const multi = [...persons.values()].filter((ids) => ids.length > 1);
  const times: number[] = [];
  let found = 0;
  let arabicQueries = 0;
  for (let q = 0; q < QUERIES; q++) {
    const ids = multi[(q * 7919) % multi.length];
    const from = ids[0];
    const target = ids[1];
    const query = nameOf.get(from)![q % nameOf.get(from)!.length];
    if (detectScript(query) === 'arabic') arabicQueries++;
    const s = performance.now();
    const hits = await search.search(actor, query, 10);
    times.push(performance.now() - s);
    if (hits.some((h) => h.id === target)) found++;
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))].toFixed(1);

  // A write from elsewhere (a new admission): the next search catches up.
  const late = new Date(start + (DETAINEES + 10) * 60_000).toISOString();
  const newId = randomUUID();
  await store.db
    .insertInto('detainees')
    .values({ ...detainees[0], id: newId, number: 'B-NEW', updated_at: late, created_at: late })
    .execute();
  await store.db
    .insertInto('detainee_names')
    .values({
      id: randomUUID(),
      detainee_id: newId,
      name: 'Zubayr Fictional Quraishi',
      script: 'latin',
      kind: 'legal',
      position: 0,
    })
    .execute();
  const c0 = performance.now();
  const caught = (await search.search(actor, 'زبير القريشي', 5)).some((h) => h.id === newId);
  const catchUpMs = performance.now() - c0;

  await store.close();
  await cleanup();
  return [
    label,
    DETAINEES,
    `${(buildMs / 1000).toFixed(1)} s`,
    `${QUERIES} (${arabicQueries} Arabic-script)`,
    pct(0.5),
    pct(0.95),
    pct(0.99),
    `${((found / QUERIES) * 100).toFixed(1)}%`,
    `${catchUpMs.toFixed(1)} ms${caught ? '' : ' (MISSED)'}`,
  ];
}

export default async function (): Promise<BenchReport> {
  const rows: (string | number)[][] = [];
  const file = path.join(os.tmpdir(), `custodia-bench-search-${randomUUID()}.db`);
  rows.push(
    await measure('SQLite (file, WAL)', { kind: 'sqlite', file }, async () => {
      for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
    }),
  );
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const pg = await import('pg');
    const name = `custodia_bench_search_${Date.now()}`;
    const admin = new pg.default.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    rows.push(
      await measure('PostgreSQL (local)', { kind: 'postgres', url: dbUrl.toString() }, async () => {
        const c = new pg.default.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database ${name} with (force)`);
        await c.end();
      }),
    );
  }
  return {
    title: 'Register search',
    columns: [
      'store',
      'detainees',
      'index build (first search)',
      'queries',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'recall@10 (other record of the same person)',
      'first search after a write elsewhere',
    ],
    rows,
    notes: [
      "Each query is one name of a synthetic person as one authority wrote it (Latin, Arabic or Cyrillic-derived spellings, kunyas), looked up through `RegisterSearch.search` (the API's path minus HTTP), site-scoped; the target is the other register record of the same person. Timings include the catch-up query on `detainees.updated_at` that keeps the per-process index current.",
    ],
  };
}
