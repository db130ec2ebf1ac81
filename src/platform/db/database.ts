import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
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
export function openStore(config: StoreConfig, options: { backgroundCheckpoint?: boolean } = {}): Store {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    if (!options.backgroundCheckpoint || config.file === ':memory:')
      return { db, kind: 'sqlite', close: () => db.destroy() };
    // The WAL is copied back into the database by another thread: a checkpoint syncs the disk, and
    // on the request path it is the slowest thing a write can meet (tens of ms every hundred commits).
    // The connection's own checkpoint stays, at a higher mark, in case that thread falls behind.
    sqlite.pragma('wal_autocheckpoint = 10000');
    const checkpointer = startCheckpointer(config.file);
    return {
      db,
      kind: 'sqlite',
      close: async () => {
        await checkpointer.stop();
        await db.destroy();
      },
    };
  }
  // COUNT(*) and BIGINT come back as strings from pg; our counts fit in a JS number.
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/**
 * Kysely prepares every query afresh; on SQLite preparing costs as much as running a small
 * statement, so the hot paths (a cell check is ten statements) keep theirs. The cache is bounded
 * because ad-hoc queries (an IN list of any length) each have their own text.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      let stmt = cache.get(sql);
      if (stmt) {
        // Re-inserted so the map's order is the order of last use.
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
}, workerData.everyMs);
parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/** A thread that checkpoints the SQLite file's WAL every `everyMs` without blocking writers (PASSIVE). */
function startCheckpointer(file: string, everyMs = 250): { stop(): Promise<void> } {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, module, everyMs } });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
