import os from 'node:os';
import type { BenchReport } from './run';
import { computeLegalClock, naiveLegalClock, syntheticLegalInputs } from '../src/engines/legal';

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
      c.problems.map((p) => p.kind).sort().join() === [...naive[k].problems].sort().join();
    if (same) agree++;
  }
  const perUs = (ms: number) => ((ms * 1000) / n).toFixed(1);
  return {
    title: 'Legal deadlines',
    columns: ['detainees', 'method', 'time (ms)', 'per detainee (µs)', 'speed-up', 'agreement'],
    rows: [
      [n, 'naive baseline (day by day)', naiveMs.toFixed(0), perUs(naiveMs), '1×', ''],
      [n, 'engine (computeLegalClock, with reasoning)', engineMs.toFixed(0), perUs(engineMs), `${(naiveMs / engineMs).toFixed(1)}×`, `${agree}/${n}`],
    ],
    notes: [
      `Synthetic, fictional histories (seed 1, today ${today}), generated in ${(genMs / 1000).toFixed(1)} s: ${deadlines} deadlines, ${dueSoon} within their warning days, ${unlawful} detainees unlawfully held on some count.`,
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}.`,
    ],
  };
}
