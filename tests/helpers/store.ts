import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { openStore, type Store } from '../../src/platform/db/database';
import type { StoreConfig } from '../../src/platform/config';

/** The store this run of the suite is on: `TEST_STORE=postgres` with `TEST_DATABASE_URL`, else SQLite. */
export const STORE_KIND: 'sqlite' | 'postgres' =
  process.env.TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A brand-new, empty database on the suite's store: a temporary SQLite file, or a new PostgreSQL
 * database created from TEST_DATABASE_URL. `cleanup` closes and removes it.
 */
export async function freshStoreConfig(): Promise<{
  config: StoreConfig;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}> {
  const name = `custodia_t_${randomBytes(6).toString('hex')}`;
  if (STORE_KIND === 'postgres') {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) throw new Error('TEST_STORE=postgres needs TEST_DATABASE_URL');
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      config: { kind: 'postgres', url: url.toString() },
      env: { DATABASE_URL: url.toString(), SESSION_SECRET: 'x'.repeat(40) },
      cleanup: async () => {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const file = path.join(os.tmpdir(), `${name}.db`);
  return {
    config: { kind: 'sqlite', file },
    env: { CUSTODIA_DB: file },
    cleanup: async () => {
      for (const suffix of ['', '-wal', '-shm', '.secret']) rmSync(file + suffix, { force: true });
    },
  };
}

export async function freshStore(): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  const { config, cleanup } = await freshStoreConfig();
  const store = openStore(config);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await cleanup();
    },
  };
}
