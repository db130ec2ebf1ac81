/**
 * How much a name part tells: an IDF-like weight learnt from the register being matched, blended
 * with a prior for common Arabic names so that a small register still knows "Muhammad" says little.
 */
import { priorFrequency } from './name-key';
import type { PreparedRecord } from './prepare-record';

/** An unknown name is assumed about this common before the register says otherwise. */
const DEFAULT_PRIOR = 1 / 3000;
/** Pseudo-count of the prior: below a few hundred records the prior dominates. */
const PRIOR_WEIGHT = 400;
const MAX_WEIGHT = 9;
const MOTHER_PRIOR_WEIGHT = 200;

export class NameFrequency {
  private readonly df = new Map<string, number>();
  private readonly natDf = new Map<string, number>();
  private readonly motherDf = new Map<string, number>();
  private mothers = 0;
  private n = 0;
  private readonly cache = new Map<string, number>();

  /**
   * @example new NameFrequency(records.map(prepareRecord)).weight('MKMT') // => about 3 (Muhammad)
   */
  constructor(records: Iterable<PreparedRecord> = []) {
    for (const r of records) this.add(r);
  }

  /** Counts a record once per distinct coarse key, whatever the number of its names. */
  add(r: PreparedRecord): void {
    this.n++;
    this.cache.clear();
    const seen = new Set<string>();
    for (const name of r.names) for (const t of name.tokens) seen.add(t.coarse);
    for (const k of seen) this.df.set(k, (this.df.get(k) ?? 0) + 1);
    for (const c of r.nationality) this.natDf.set(c, (this.natDf.get(c) ?? 0) + 1);
    const mother = r.mother?.tokens[0]?.coarse;
    if (mother !== undefined) {
      this.mothers++;
      this.motherDf.set(mother, (this.motherDf.get(mother) ?? 0) + 1);
    }
  }

  get size(): number {
    return this.n;
  }

  /** Relative frequency of a coarse key among records: register counts blended with the prior. */
  frequency(coarse: string): number {
    const prior = priorFrequency(coarse) ?? DEFAULT_PRIOR;
    return ((this.df.get(coarse) ?? 0) + PRIOR_WEIGHT * prior) / (this.n + PRIOR_WEIGHT);
  }

  /** Evidence weight (bits) of agreeing on this name part; common names weigh little. */
  weight(coarse: string): number {
    const hit = this.cache.get(coarse);
    if (hit !== undefined) return hit;
    const w = Math.max(0.5, Math.min(MAX_WEIGHT, -Math.log2(this.frequency(coarse))));
    this.cache.set(coarse, w);
    return w;
  }

  /**
   * Evidence weight (bits) of two records giving the same mother's name, learnt among mothers'
   * names: Fatima is rare among all name parts (most detainees are men) but common among mothers.
   * Smoothed towards one name in 40 until the register has seen a few hundred mothers.
   */
  motherWeight(coarse: string): number {
    const f =
      ((this.motherDf.get(coarse) ?? 0) + MOTHER_PRIOR_WEIGHT / 40) / (this.mothers + MOTHER_PRIOR_WEIGHT);
    return Math.max(0.5, Math.min(MAX_WEIGHT, -Math.log2(f)));
  }

  /** Share of records holding a nationality; a shared rare nationality says more than a shared common one. */
  nationalityFrequency(code: string): number {
    return ((this.natDf.get(code) ?? 0) + 1) / (this.n + 10);
  }
}
