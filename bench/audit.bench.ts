import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { recordAudit, systemContext } from '../src/platform/audit/audit-log';
import { verifyAuditChain } from '../src/platform/audit/verify-audit-chain';
import { systemClock } from '../src/platform/clock';
import type { StoreConfig } from '../src/platform/config';
import { openStore, type Store } from '../src/platform/db/database';
import { migrateToLatest } from '../src/platform/db/migrate';
import type { BenchReport } from './run';

const WRITES = 3000;

function alertRow() {
  const now = systemClock.now().toISOString();
  return {
    id: randomUUID(),
    site_id: null,
    subject_type: 'bench',
    subject_id: null,
    kind: 'bench',
    severity: 'info',
    title: 'bench',
    detail: '',
    dedupe_key: null,
    raised_at: now,
    raised_by: 'bench',
    due_at: now,
    status: 'open',
    assignee_id: null,
    acknowledged_at: null,
    acknowledged_by: null,
    acknowledge_note: null,
    resolved_at: null,
    resolved_by: null,
    resolve_note: null,
    escalated_at: null,
  };
}

/** One change per transaction, as the API makes them: with its audit entry, or without (the baseline). */
async function writes(store: Store, audited: boolean, concurrency: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < WRITES) {
      next++;
      await store.db.transaction().execute(async (trx) => {
        const row = alertRow();
        await trx.insertInto('alerts').values(row).execute();
        if (audited)
          await recordAudit(trx, systemClock, systemContext('bench'), {
            action: 'alert.raise',
            subjectType: 'alert',
            subjectId: row.id,
            changes: row,
          });
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return WRITES / ((performance.now() - started) / 1000);
}

async function measure(
  label: string,
  config: StoreConfig,
  concurrency: number,
  cleanup: () => Promise<void>,
): Promise<(string | number)[]> {
  const store = openStore(config);
  await migrateToLatest(store.db, systemClock);
  const baseline = await writes(store, false, concurrency);
  const audited = await writes(store, true, concurrency);
  const t0 = performance.now();
  const verdict = await verifyAuditChain(store.db);
  const verifyMs = performance.now() - t0;
  await store.close();
  await cleanup();
  return [
    label,
    concurrency,
    Math.round(baseline),
    Math.round(audited),
    `${Math.round((audited / baseline) * 100)}%`,
    `${verdict.checked} in ${Math.round(verifyMs)} ms`,
  ];
}

export default async function (): Promise<BenchReport> {
  const rows: (string | number)[][] = [];
  const file = path.join(os.tmpdir(), `custodia-bench-${randomUUID()}.db`);
  const rmSqlite = async () => {
    for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  };
  rows.push(await measure('SQLite (file, WAL)', { kind: 'sqlite', file }, 1, rmSqlite));
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const pg = await import('pg');
    const name = `custodia_bench_${Date.now()}`;
    const admin = new pg.default.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const drop = async () => {
      const c = new pg.default.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database ${name} with (force)`);
      await c.end();
    };
    rows.push(await measure('PostgreSQL 15 (local)', { kind: 'postgres', url: dbUrl.toString() }, 8, drop));
  }
  return {
    title: `Audited writes (${WRITES} transactions, ${os.cpus().length} cores)`,
    columns: [
      'store',
      'concurrent writers',
      'writes/s without audit (baseline)',
      'writes/s with audit entry',
      'audited vs baseline',
      'verify',
    ],
    rows,
    notes: [
      'Each write is one transaction inserting an alert; the audited one also appends a hash-chained entry (head row locked, SHA-256 over the canonical entry). Target: ≥ 1,000 audited writes/s on SQLite.',
    ],
  };
}
