import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchReport } from './run';
import {
  computeLegalClock,
  naiveLegalClock,
  syntheticLegalInputs,
  type LegalClockInput,
} from '../src/engines/legal';
import { FixedClock } from '../src/platform/clock';
import { openStore } from '../src/platform/db/database';
import { migrateToLatest } from '../src/platform/db/migrate';
import { systemActor } from '../src/platform/http/actor';
import { createServices } from '../src/services';

/**
 * The alert job over a store: `n` held detainees with their bases on a fresh SQLite file, the
 * synthetic rules configured but generous enough that nothing is raised, so the figure is the
 * job's own cost (bulk reads and the engine) and not the alerts'.
 */
async function storeJob(
  inputs: LegalClockInput[],
  today: string,
): Promise<{ seedS: number; jobS: number; checked: number }> {
  const file = path.join(os.tmpdir(), `custodia-legal-bench-${process.pid}.db`);
  const store = openStore({ kind: 'sqlite', file });
  try {
    const clock = new FixedClock(`${today}T08:00:00.000Z`);
    await migrateToLatest(store.db, clock);
    const services = createServices(store, clock);
    const actor = systemActor('bench');
    const site = await services.estate.createSite(actor, {
      code: 'B1',
      name: 'Bench Site',
      nameAr: 'موقع القياس',
    });
    let t = performance.now();
    await store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < inputs.length; i += 5000)
        await services.register.insertMany(
          trx,
          actor,
          inputs.slice(i, i + 5000).map((d, k) => ({
            number: `BENCH-${i + k}`,
            names: [{ name: `Fictional Person ${i + k}`, script: 'latin' as const, kind: 'legal' as const }],
            sex: 'M' as const,
            nationalities: ['TR'],
            legalStatus: 'untried' as const,
            ageCategory: 'adult' as const,
            siteId: site.id,
            admittedAt: `${d.custodySince}T10:00:00.000Z`,
            legalBasis: { basis: 'judicial order', authority: 'Court (fictional)', from: d.custodySince! },
          })),
        );
    });
    await services.legal.setRule(actor, {
      basis: 'judicial order',
      maxDaysBeforeCharge: 3650,
      reviewIntervalDays: 3650,
      maxPretrialDays: 3650,
      warnDaysBefore: 1,
    });
    const seedS = (performance.now() - t) / 1000;
    t = performance.now();
    const result = await services.legal.checkLegalClock(clock.now());
    return { seedS, jobS: (performance.now() - t) / 1000, checked: result.checked };
  } finally {
    await store.close();
    for (const suffix of ['', '-wal', '-shm', '.secret']) rmSync(file + suffix, { force: true });
  }
}

/**
 * Legal deadlines (issue 9): the engine's clock for 50,000 synthetic detainees beside the naive
 * baseline (the same rules walked one calendar day at a time with Date objects), both on the same
 * inputs, with their agreement checked. The alert job runs the engine over every held detainee
 * each minute (one run at a time), so the whole estate must fit well inside that minute.
 */
export default async function legalBench(): Promise<BenchReport> {
  const today = '2026-03-01';
  const n = Number(process.env.LEGAL_BENCH_N ?? 50_000);
  let t = performance.now();
  const inputs = syntheticLegalInputs(n, today, 1);
  const genMs = performance.now() - t;

  const job = await storeJob(inputs, today);
  if (process.env.LEGAL_BENCH_STORE_ONLY)
    return {
      title: 'Legal deadlines',
      columns: ['detainees', 'method', 'time (s)'],
      rows: [[job.checked, 'checkLegalClock on SQLite (nothing raised)', job.jobS.toFixed(2)]],
      notes: [`seeded in ${job.seedS.toFixed(1)} s`],
    };

  // Warm up both, then time each over the whole set (best of 3 for the engine).
  for (const i of inputs.slice(0, 500)) {
    computeLegalClock(i, today);
    naiveLegalClock(i, today);
  }
  let engineMs = Infinity;
  let unlawful = 0;
  let dueSoon = 0;
  let deadlines = 0;
  for (let run = 0; run < 3; run++) {
    t = performance.now();
    unlawful = 0;
    dueSoon = 0;
    deadlines = 0;
    for (const i of inputs) {
      const c = computeLegalClock(i, today);
      if (c.problems.length) unlawful++;
      deadlines += c.deadlines.length;
      for (const d of c.deadlines) if (d.state === 'due_soon') dueSoon++;
    }
    engineMs = Math.min(engineMs, performance.now() - t);
  }
  t = performance.now();
  const naive = inputs.map((i) => naiveLegalClock(i, today));
  const naiveMs = performance.now() - t;

  let agree = 0;
  for (const [k, i] of inputs.entries()) {
    const c = computeLegalClock(i, today);
    const by = Object.fromEntries(c.deadlines.map((d) => [d.kind, d.date]));
    const same =
      (by.charge ?? null) === naive[k].charge &&
      (by.review ?? null) === naive[k].review &&
      (by.pretrial ?? null) === naive[k].pretrial &&
      (c.release?.date ?? null) === naive[k].release &&
      c.problems
        .map((p) => p.kind)
        .sort()
        .join() === [...naive[k].problems].sort().join();
    if (same) agree++;
  }
  const perUs = (ms: number) => ((ms * 1000) / n).toFixed(1);
  return {
    title: 'Legal deadlines',
    columns: ['detainees', 'method', 'time (ms)', 'per detainee (µs)', 'speed-up', 'agreement'],
    rows: [
      [n, 'naive baseline (day by day)', naiveMs.toFixed(0), perUs(naiveMs), '1×', ''],
      [
        n,
        'engine (computeLegalClock, with reasoning)',
        engineMs.toFixed(0),
        perUs(engineMs),
        `${(naiveMs / engineMs).toFixed(1)}×`,
        `${agree}/${n}`,
      ],
      [
        job.checked,
        'alert job checkLegalClock on SQLite (reads + engine, nothing raised)',
        (job.jobS * 1000).toFixed(0),
        perUs(job.jobS * 1000),
        '',
        '',
      ],
    ],
    notes: [
      `Synthetic, fictional histories (seed 1, today ${today}), generated in ${(genMs / 1000).toFixed(1)} s: ${deadlines} deadlines, ${dueSoon} within their warning days, ${unlawful} detainees unlawfully held on some count.`,
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}.`,
    ],
  };
}
