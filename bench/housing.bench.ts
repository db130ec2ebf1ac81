import os from 'node:os';
import type { BenchReport } from './run';
import {
  allocate,
  checkPlan,
  generateSyntheticEstate,
  greedyBaseline,
  SYNTHETIC_PRESETS,
  findNetworks,
} from '../src/engines/housing';

/**
 * Housing allocation on synthetic estates (issue 5): the engine beside the greedy baseline
 * (keep whoever may stay, place the rest in the feasible cell of least added cost), both checked
 * by `checkPlan` (the port of plan-check.mjs). Targets: estate ≤ 10 s and cost ≤ 40% of the
 * baseline; national ≤ 60 s. Env `HOUSING_BENCH=estate` runs one size only.
 */
export default async function housingBench(): Promise<BenchReport> {
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  const only = process.env.HOUSING_BENCH;
  const sizes = [
    { name: 'estate', preset: SYNTHETIC_PRESETS.estate, limitMs: 9_000, targetS: 10 },
    { name: 'national', preset: SYNTHETIC_PRESETS.national, limitMs: 55_000, targetS: 60 },
  ].filter((s) => !only || only === s.name);
  for (const s of sizes) {
    let t = performance.now();
    const inst = generateSyntheticEstate({ ...s.preset, seed: 1, name: s.name });
    const genMs = performance.now() - t;
    const housed = inst.detainees.filter((d) => d.currentCell).length;
    notes.push(
      `${s.name}: ${inst.detainees.length} detainees (${housed} housed, ${inst.detainees.length - housed} arriving), ${inst.cells.length} cells, ` +
        `${inst.links.length} links, ${inst.nonAssociations.length} directives, move budget ${inst.policy.moveBudget}; generated in ${(genMs / 1000).toFixed(1)} s.`,
    );
    t = performance.now();
    const base = greedyBaseline(inst);
    const baseS = (performance.now() - t) / 1000;
    const baseCheck = checkPlan(inst, base.assignments);
    t = performance.now();
    const plan = allocate(inst, { timeLimitMs: s.limitMs, seed: 1 });
    const planS = (performance.now() - t) / 1000;
    const check = checkPlan(inst, plan.assignments);
    const ratio = check.cost / baseCheck.cost;
    rows.push([
      s.name,
      'greedy baseline',
      baseS.toFixed(2),
      baseCheck.valid ? 'yes' : `NO (${JSON.stringify(baseCheck.violations)})`,
      baseCheck.cost,
      baseCheck.moves,
      base.stats.linksSharing.cell,
      base.stats.linksSharing.wing,
      '100%',
      '',
    ]);
    rows.push([
      s.name,
      'engine',
      planS.toFixed(2),
      check.valid ? 'yes' : `NO (${JSON.stringify(check.violations)})`,
      check.cost,
      check.moves,
      plan.stats.linksSharing.cell,
      plan.stats.linksSharing.wing,
      `${(ratio * 100).toFixed(1)}%`,
      `${planS <= s.targetS ? '✓' : '✗'} ≤ ${s.targetS} s` +
        (s.name === 'estate' ? `, ${ratio <= 0.4 ? '✓' : '✗'} ≤ 40%` : ''),
    ]);
    notes.push(
      `${s.name}: cost of today's housing (housed only) ${plan.stats.costBefore}; engine forced moves ${plan.stats.forcedMoves}, converged: ${plan.stats.converged}, ${plan.stats.iterations} evaluations.`,
    );
    if (s.name === 'estate') {
      t = performance.now();
      const nets = findNetworks(inst.links, { seed: 1 });
      notes.push(
        `findNetworks (Louvain) on the estate's links: ${nets.networks.length} networks, modularity ${nets.modularity.toFixed(3)}, ${((performance.now() - t) / 1000).toFixed(2)} s.`,
      );
    }
  }
  notes.push(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}.`);
  return {
    title: 'Housing allocation',
    columns: [
      'estate',
      'solver',
      'time (s)',
      'valid',
      'cost',
      'moves',
      'links in a cell',
      'links in a wing',
      'cost vs baseline',
      'target',
    ],
    rows,
    notes,
  };
}
