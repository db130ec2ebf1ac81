/**
 * Intake of the demo's transfer: the 5,700-row manifest (bench: seed 1, full scale) previewed —
 * read, every row checked, screened against the ~14,000 on the register with the identity
 * engine — then accepted in one transaction, then housed by the housing module's placement
 * proposal over the whole estate. Baseline: what a first version would do — each row looked up by
 * its exact Latin name in the register and created on its own with `RegisterService.create`
 * (one transaction per row), run on a fresh copy of the same store.
 * Set BENCH_PG_URL (an admin URL) to run the same on PostgreSQL.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { BenchReport } from './run';
import { loadDemo } from '../src/demo';
import { readManifest } from '../src/modules/intake';
import { FixedClock } from '../src/platform/clock';
import type { StoreConfig } from '../src/platform/config';
import { openStore } from '../src/platform/db/database';
import { migrateToLatest } from '../src/platform/db/migrate';
import { systemActor } from '../src/platform/http/actor';
import { createServices, type Services } from '../src/services';

const SEED = 1;
const s = (ms: number) => (ms / 1000).toFixed(2);

async function freshServices(
  kind: 'sqlite' | 'postgres',
  dir: string,
  name: string,
): Promise<{ services: Services; close: () => Promise<void> }> {
  let config: StoreConfig;
  let drop = async () => {};
  if (kind === 'postgres') {
    const admin = process.env.BENCH_PG_URL!;
    const db = `custodia_bench_${name}_${process.pid}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`drop database if exists ${db} with (force)`);
    await c.query(`create database ${db}`);
    await c.end();
    const url = new URL(admin);
    url.pathname = `/${db}`;
    config = { kind: 'postgres', url: url.toString() };
    drop = async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${db} with (force)`);
      await d.end();
    };
  } else config = { kind: 'sqlite', file: path.join(dir, `${name}.db`) };
  const store = openStore(config);
  const clock = new FixedClock('2026-07-01T08:00:00.000Z');
  await migrateToLatest(store.db, clock);
  const services = createServices(store, clock);
  return {
    services,
    close: async () => {
      await store.close();
      await drop();
    },
  };
}

async function run(kind: 'sqlite' | 'postgres', dir: string, rows: (string | number)[][], notes: string[]) {
  const actor = systemActor('bench');
  // Engine.
  const a = await freshServices(kind, dir, 'engine');
  const demo = await loadDemo(a.services, { seed: SEED, manifestDir: path.join(dir, `demo-${kind}`) });
  const csv = readFileSync(demo.manifest.file, 'utf8');
  const site = demo.sites[0].code;
  const onRegister = Number(
    (
      await a.services.db
        .selectFrom('detainees')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  let t0 = performance.now();
  const preview = await a.services.intake.intake.preview(actor, {
    content: csv,
    siteCode: site,
    manifestRef: 'BENCH',
  });
  const previewMs = performance.now() - t0;
  t0 = performance.now();
  const accepted = await a.services.intake.intake.accept(actor, preview.id);
  const acceptMs = performance.now() - t0;
  t0 = performance.now();
  let housingMs = NaN;
  let housingNote = '';
  try {
    await a.services.intake.intake.proposeHousing(actor, preview.id);
    housingMs = performance.now() - t0;
  } catch (e) {
    housingNote = `housing proposal failed: ${(e as Error).message}`;
  }
  // Linking quality against the demo's truth: who of the manifest was held before.
  const truth = new Map(demo.manifest.alreadyOnRegister.map((r) => [r.manifestRow, r.number]));
  const arrivals = await a.services.db
    .selectFrom('intake_arrivals')
    .innerJoin('detainees', 'detainees.id', 'intake_arrivals.detainee_id')
    .select(['intake_arrivals.manifest_row', 'intake_arrivals.match', 'detainees.number'])
    .where('intake_arrivals.batch_id', '=', preview.id)
    .execute();
  const linked = arrivals.filter((r) => r.match === 'linked');
  const correct = linked.filter((r) => truth.get(r.manifest_row!) === r.number).length;
  const reviewedTrue = arrivals.filter((r) => r.match === 'review' && truth.has(r.manifest_row!)).length;
  t0 = performance.now();
  const again = await a.services.intake.intake.preview(actor, {
    content: csv,
    siteCode: site,
    manifestRef: 'BENCH',
  });
  const reimportMs = performance.now() - t0;
  await a.close();
  const total = previewMs + acceptMs + (Number.isNaN(housingMs) ? 0 : housingMs);
  rows.push([
    kind,
    'intake (engine)',
    preview.counts.rows,
    onRegister,
    s(previewMs),
    s(acceptMs),
    Number.isNaN(housingMs) ? '—' : s(housingMs),
    s(total),
    `${accepted.counts.new} / ${accepted.counts.linked} / ${accepted.counts.review}`,
    `${correct}/${truth.size} linked right, ${linked.length - correct} wrong, ${reviewedTrue} to review`,
    total <= 30_000 ? '✓ ≤ 30 s' : '✗ > 30 s',
  ]);
  notes.push(
    `- ${kind}: ${preview.counts.rows} rows, ${onRegister} on the register before; re-import of the same manifest: ${s(reimportMs)} s, ${again.counts.alreadyApplied} rows already applied, nothing changed.${housingNote ? ` ${housingNote}` : ''}`,
  );

  // Baseline on a fresh copy of the same demo store.
  const b = await freshServices(kind, dir, 'baseline');
  await loadDemo(b.services, { seed: SEED, manifestDir: path.join(dir, `demo-b-${kind}`) });
  const siteId = (
    await b.services.db.selectFrom('sites').select('id').where('code', '=', site).executeTakeFirstOrThrow()
  ).id;
  t0 = performance.now();
  const reading = readManifest(csv, { today: '2026-07-01' });
  let found = 0;
  let created = 0;
  for (const row of reading.rows) {
    const latin = row.names.find((n) => n.script === 'latin')?.name;
    const hit = latin
      ? await b.services.db
          .selectFrom('detainee_names')
          .select('detainee_id')
          .where(sql`lower(name)`, '=', latin.toLowerCase())
          .executeTakeFirst()
      : undefined;
    if (hit) found++;
    await b.services.register.create(actor, {
      names: row.names,
      sex: row.sex,
      dob: row.dob,
      nationalities: row.nationalities,
      legalStatus: row.legalStatus,
      ageCategory: row.ageCategory,
      status: 'arriving',
      siteId,
      arrestedAt: row.arrestDate,
      arrestPlace: row.arrestPlace,
    });
    created++;
  }
  const baseMs = performance.now() - t0;
  await b.close();
  rows.push([
    kind,
    'baseline (row by row, exact name)',
    reading.rows.length,
    onRegister,
    '—',
    '—',
    '—',
    s(baseMs),
    `${created} created`,
    `${found} exact-name hits (no evidence, not all-or-none)`,
    '',
  ]);
}

export default async function intakeBench(): Promise<BenchReport> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'custodia-intake-bench-'));
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  try {
    await run('sqlite', dir, rows, notes);
    if (process.env.BENCH_PG_URL) await run('postgres', dir, rows, notes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    title: 'Intake',
    columns: [
      'store',
      'method',
      'rows',
      'on register',
      'preview (s)',
      'accept (s)',
      'housing (s)',
      'total (s)',
      'new / linked / review',
      'returning people',
      'target',
    ],
    rows,
    notes,
  };
}
