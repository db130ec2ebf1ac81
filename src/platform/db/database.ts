import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { StoreConfig } from '../config';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type StoreKind = StoreConfig['kind'];

export interface Store {
  db: Db;
  kind: StoreKind;
  close(): Promise<void>;
}

/**
 * Opens the store named by the configuration. Both stores share one schema and one set of
 * repositories: timestamps are ISO text, booleans are 0/1 integers, JSON is text.
 *
 * @example const store = openStore({ kind: 'sqlite', file: 'data/custodia.db' });
 */
export function openStore(config: StoreConfig): Store {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, kind: 'sqlite', close: () => db.destroy() };
  }
  // COUNT(*) and BIGINT come back as strings from pg; our counts fit in a JS number.
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}
