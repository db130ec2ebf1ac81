import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/platform/db/database';
import { STORE_KIND } from '../helpers/store';

const dir = mkdtempSync(path.join(os.tmpdir(), 'custodia-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fill(file: string, background: boolean) {
  const store = openStore({ kind: 'sqlite', file }, { backgroundCheckpoint: background });
  await sql`create table t (id integer primary key, v text)`.execute(store.db);
  for (let i = 0; i < 200; i++)
    await store.db
      .insertInto('t' as never)
      .values({ v: 'x'.repeat(10_000) } as never)
      .execute();
  // Several ticks of the checkpointer.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const size = statSync(file).size;
  const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(store.db);
  await store.close();
  return { size, rows: rows.rows[0].n };
}

describe.skipIf(STORE_KIND !== 'sqlite')('the embedded store', () => {
  it('copies the WAL into the database from another thread when serving, and closes cleanly', async () => {
    // 200 × 10 kB stays far below the connection's own checkpoint mark (10,000 pages): without the
    // thread the database file would not grow until the WAL was checkpointed at close.
    const served = await fill(path.join(dir, 'served.db'), true);
    expect(served.rows).toBe(200);
    expect(served.size).toBeGreaterThan(2_000_000);
  });

  it('caches prepared statements without mixing up their results', async () => {
    const store = openStore({ kind: 'sqlite', file: path.join(dir, 'cache.db') });
    await sql`create table t (id integer primary key, v text)`.execute(store.db);
    for (let i = 0; i < 600; i++) {
      // 600 distinct texts pass the cache's bound; the repeated one is served from it.
      await sql`insert into t (v) values (${`v${i}`})`.execute(store.db);
      await sql.raw(`select ${i} as n`).execute(store.db);
    }
    const one = await sql<{ v: string }>`select v from t where id = ${1}`.execute(store.db);
    const two = await sql<{ v: string }>`select v from t where id = ${2}`.execute(store.db);
    expect([one.rows[0].v, two.rows[0].v]).toEqual(['v0', 'v1']);
    await store.close();
  });
});
