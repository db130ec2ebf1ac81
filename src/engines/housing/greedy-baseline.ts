import { allocate } from './allocate';
import type { Instance, Plan } from './types';

/**
 * The baseline the engine is measured against: keep everyone housed where they are unless a rule
 * forces a move; place each other detainee (hardest first) in the feasible cell of least added cost.
 *
 * @example
 * const base = greedyBaseline(instance); base.stats.cost;
 */
export function greedyBaseline(instance: Instance): Plan {
  return allocate(instance, { greedyOnly: true, timeLimitMs: Number.MAX_SAFE_INTEGER });
}
