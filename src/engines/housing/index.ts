/**
 * The housing engine: pure (no I/O), deterministic for a seed.
 *
 * - `parseInstance(json)` validates an allocation instance (format 1, `shared/formats/allocation.md`)
 *   and throws `InstanceError` whose `errors` name each bad item (`cells[12].capacity: ...`).
 * - `allocate(instance, { timeLimitMs, seed, now })` returns a `Plan`: `assignments`, `unplaced`
 *   (with reasons), `stats` (cost, costBefore, moves, linksBrokenUp, elapsedMs, …) and a short
 *   `explanations[detaineeId]`. It never breaks a hard rule; it minimises the format's cost.
 * - `checkPlan(instance, assignments)` checks every hard rule and computes the cost, exactly as
 *   `shared/tools/plan-check.mjs` does.
 * - `greedyBaseline(instance)`: keep whoever may stay, place the rest greedily (for comparison).
 * - `findNetworks(links, { resolution, seed })`: latent networks (Louvain) for analysts.
 * - `generateSyntheticEstate(options)` / `SYNTHETIC_PRESETS`: seeded estates for benchmarks and demos.
 *
 * @example
 * import { parseInstance, allocate, checkPlan } from './engines/housing';
 * const instance = parseInstance(json);
 * const plan = allocate(instance, { timeLimitMs: 10_000, seed: 1 });
 * checkPlan(instance, plan.assignments).valid; // true unless someone could not be placed
 */
export { parseInstance, InstanceError } from './parse-instance';
export { allocate } from './allocate';
export { checkPlan, sharedLevel, type PlanCheck, type Violations } from './check-plan';
export { greedyBaseline } from './greedy-baseline';
export { findNetworks, type Network, type NetworksResult } from './find-networks';
export { generateSyntheticEstate, SYNTHETIC_PRESETS, type SyntheticEstateOptions } from './synthetic-estate';
export { seededRandom } from './rng';
export type * from './types';
