import { seededRandom } from '../engines/housing/rng';

/** A seeded source of choices: the demo never calls Math.random, so a seed gives the same estate. */
export interface Random {
  /** 0 ≤ x < 1 */
  next(): number;
  /** An integer from min to max inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight from `[item, weight]` pairs. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  shuffle<T>(items: T[]): T[];
}

/**
 * A `Random` over mulberry32 (the housing engine's generator).
 *
 * @example const rnd = random(7); rnd.int(1, 6); // the same on every run with seed 7
 */
export function random(seed: number): Random {
  const next = seededRandom(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (items) => {
      let x = next() * items.reduce((s, [, w]) => s + w, 0);
      for (const [item, w] of items) {
        x -= w;
        if (x < 0) return item;
      }
      return items[items.length - 1][0];
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
  };
}
