/**
 * Blocking and clustering for duplicate detection. Blocking compares only records that share a
 * pair of name parts (with the birth year when the pair is common), never all pairs. Clustering
 * merges on strong links only, strongest first, and refuses a merge when any two records of the
 * two clusters conflict (complete-linkage), so one ambiguous record cannot chain two people, or
 * when another person's record fits the link nearly as well (a rival): a thin record such as
 * "Hasan Ali, 1980" that two different people could own goes to a human instead.
 */
import { NameFrequency } from './name-frequency';
import { prepareRecord, type PreparedRecord } from './prepare-record';
import { DEFAULT_SCORE_OPTIONS, scorePair, type ScoreOptions } from './score-pair';
import type { PairScore, PersonRecord } from './types';

export interface ClusterOptions extends ScoreOptions {
  /** Blocks larger than this are skipped (their year-keyed sub-blocks still compare). */
  maxBlock: number;
  /** Largest cluster the engine builds on its own; beyond it a human decides. */
  maxClusterSize: number;
  /** A link is left to a human when a rival candidate scores within this margin of it (negative: off). */
  rivalMargin: number;
  /** Register size the thresholds were calibrated at; larger registers ask more evidence. */
  calibratedSize: number;
  /** Strength added to sameThreshold per doubling of the register beyond calibratedSize. */
  perDoubling: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  ...DEFAULT_SCORE_OPTIONS,
  maxBlock: 40,
  maxClusterSize: 40,
  rivalMargin: 1,
  calibratedSize: 20_000,
  perDoubling: 1.5,
};

export interface CandidatePair {
  a: string;
  b: string;
  score: number;
  decision: PairScore['decision'];
}

export interface ClusterResult {
  /** Record id → cluster id ("C00001"), every input id exactly once. */
  clusterOf: Map<string, string>;
  /** Pairs a human should review: possible matches, and strong links refused for a conflict. */
  review: CandidatePair[];
  stats: {
    records: number;
    pairsScored: number;
    links: number;
    merges: number;
    refused: number;
    clusters: number;
  };
}

/**
 * Blocking keys of a record: each pair of its first name parts; the same pair with the birth
 * year (and the next, for a year off by one), with the mother's name, and each three parts
 * together, so that a common pair (Muhammad Ahmad) too large to compare whole still compares
 * the records that share more than the pair; its kunyas.
 *
 * @example blockingKeys(prepareRecord({ id: 'a', names: ['Husayn Hasan'], dob: '1987' }))
 *   // => ['n:KSN|KSN', 'y1987:KSN|KSN', 'y1988:KSN|KSN']
 */
export function blockingKeys(p: PreparedRecord): string[] {
  const keys = new Set<string>();
  const year = p.dob?.year;
  const mother = p.mother?.tokens[0]?.coarse;
  for (const name of p.names) {
    const cs = name.tokens
      .slice(0, 4)
      .map((t) => t.coarse)
      .filter(Boolean);
    for (let i = 0; i < cs.length; i++)
      for (let j = i + 1; j < cs.length; j++) {
        const pair = cs[i] < cs[j] ? `${cs[i]}|${cs[j]}` : `${cs[j]}|${cs[i]}`;
        keys.add(`n:${pair}`);
        if (year !== undefined) {
          keys.add(`y${year}:${pair}`);
          keys.add(`y${year + 1}:${pair}`);
        }
        if (mother) keys.add(`m${mother}:${pair}`);
        for (let k = j + 1; k < cs.length; k++) keys.add(`t:${[cs[i], cs[j], cs[k]].sort().join('|')}`);
      }
  }
  for (const k of p.kunyas) keys.add(`k:${k.tokens.map((t) => t.coarse).join('|')}`);
  return [...keys];
}

/**
 * Score options for matching within a register of `size` records. Chance look-alikes grow with the
 * register: a name shared by 1 record in 50,000 has no twin among 20,000 records but two among
 * 100,000, so each doubling beyond the calibrated size asks more evidence of a "same" decision.
 * Clustering, search and intake screening all use it, so one register gets one standard.
 *
 * @example scoreOptionsFor(80_000).sizeAdjust // => 3 (two doublings beyond 20,000, 1.5 each)
 */
export function scoreOptionsFor(size: number, options: Partial<ClusterOptions> = {}): ScoreOptions {
  const o = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const base: ScoreOptions = {
    sameThreshold: o.sameThreshold,
    possibleThreshold: o.possibleThreshold,
  };
  if (size > o.calibratedSize) base.sizeAdjust = o.perDoubling * Math.log2(size / o.calibratedSize);
  return base;
}

/**
 * Clusters person records into persons.
 *
 * @example
 * const { clusterOf } = clusterRecords([
 *   { id: 'a', names: ['Husayn Hasan Ismail'], dob: '1987-07-23' },
 *   { id: 'b', names: ['حسين حسن اسماعيل'], dob: '1987-07-23' },
 * ]);
 * clusterOf.get('a') === clusterOf.get('b') // => true
 */
export function clusterRecords(
  records: PersonRecord[],
  options: Partial<ClusterOptions> = {},
): ClusterResult {
  const opts = { ...DEFAULT_CLUSTER_OPTIONS, ...options, ...scoreOptionsFor(records.length, options) };
  const prepared = records.map(prepareRecord);
  const freq = new NameFrequency(prepared);
  const n = prepared.length;

  const blocks = new Map<string, number[]>();
  const keysOf: string[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const ks = blockingKeys(prepared[i]);
    keysOf[i] = ks;
    for (const k of ks) {
      const b = blocks.get(k);
      if (b) b.push(i);
      else blocks.set(k, [i]);
    }
  }
  const limit = (k: string) => (k[0] === 'n' || k[0] === 'k' ? opts.maxBlock : opts.maxBlock * 2);

  const edges: { i: number; j: number; score: number }[] = [];
  const review: CandidatePair[] = [];
  const scored = new Map<number, PairScore>();
  const pairKey = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
  const seen = new Int32Array(n).fill(-1);
  let pairsScored = 0;
  // Candidates of each record that are at least possible matches: [other, score, other, score, …].
  const near: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    for (const k of keysOf[i]) {
      const b = blocks.get(k)!;
      if (b.length < 2 || b.length > limit(k)) continue;
      for (const j of b) {
        if (j <= i || seen[j] === i) continue;
        seen[j] = i;
        const s = scorePair(prepared[i], prepared[j], freq, opts, false);
        pairsScored++;
        if (s.decision !== 'different') {
          (near[i] ??= []).push(j, s.score);
          (near[j] ??= []).push(i, s.score);
        }
        if (s.decision === 'same') {
          edges.push({ i, j, score: s.score });
          scored.set(pairKey(i, j), s);
        } else if (s.decision === 'possible')
          review.push({ a: records[i].id, b: records[j].id, score: s.score, decision: s.decision });
      }
    }
  }

  const parent = new Int32Array(n).map((_, i) => i);
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  // Two records are of two people when some evidence rules it out or the evidence sums low; a
  // pair that is "different" only because its names say little (a thin record) is not apart.
  const apart = (s: PairScore) => s.hard === true || s.score < opts.possibleThreshold;
  const scoreOf = (i: number, j: number): PairScore => {
    const key = pairKey(i, j);
    let s = scored.get(key);
    if (!s) {
      s = scorePair(prepared[i], prepared[j], freq, opts, false);
      scored.set(key, s);
    }
    return s;
  };
  /**
   * A reviewer does not link a record to one person when another person fits it nearly as well:
   * true when i has a rival candidate k, outside j's cluster, scoring within the margin of the
   * link, that cannot be the same person as j.
   */
  const rivalled = (i: number, j: number, score: number): boolean => {
    const list = near[i];
    if (!list) return false;
    const cj = find(j);
    for (let x = 0; x < list.length; x += 2) {
      const k = list[x];
      if (k === j || list[x + 1] < score - opts.rivalMargin || find(k) === cj) continue;
      const s = scoreOf(j, k);
      if (apart(s)) return true;
    }
    return false;
  };
  edges.sort((x, y) => y.score - x.score);
  let merges = 0,
    refused = 0;
  for (const e of edges) {
    const ri = find(e.i),
      rj = find(e.j);
    if (ri === rj) continue;
    const A = members[ri],
      B = members[rj];
    let ok = A.length + B.length <= opts.maxClusterSize;
    if (ok && opts.rivalMargin >= 0 && (rivalled(e.i, e.j, e.score) || rivalled(e.j, e.i, e.score)))
      ok = false;
    // Complete-linkage check: every cross pair must at least be a possible match, with no hard conflict.
    for (let x = 0; ok && x < A.length; x++)
      for (let y = 0; ok && y < B.length; y++) {
        const s = scoreOf(A[x], B[y]);
        if (apart(s)) ok = false;
      }
    if (!ok) {
      refused++;
      review.push({ a: records[e.i].id, b: records[e.j].id, score: e.score, decision: 'same' });
      continue;
    }
    const [big, small] = A.length >= B.length ? [ri, rj] : [rj, ri];
    parent[small] = big;
    for (const m of members[small]) members[big].push(m);
    members[small] = [];
    merges++;
  }

  const clusterOf = new Map<string, string>();
  const idOfRoot = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let c = idOfRoot.get(root);
    if (!c) {
      c = `C${String(idOfRoot.size + 1).padStart(5, '0')}`;
      idOfRoot.set(root, c);
    }
    clusterOf.set(records[i].id, c);
  }
  review.sort((x, y) => y.score - x.score);
  return {
    clusterOf,
    review,
    stats: { records: n, pairsScored, links: edges.length, merges, refused, clusters: idOfRoot.size },
  };
}
