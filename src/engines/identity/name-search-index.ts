/**
 * Name search and intake screening over a register. An inverted index from coarse name keys to
 * records answers a query typed in either script in milliseconds: candidates are gathered by
 * shared name parts (weighted by rarity), then only the best few are scored in full.
 */
import { distance } from 'fastest-levenshtein';
import { NameFrequency } from './name-frequency';
import { parseName } from './parse-name';
import { prepareRecord, type PreparedRecord } from './prepare-record';
import { compareNames, scorePair, type ScoreOptions } from './score-pair';
import { scoreOptionsFor } from './cluster-records';
import type { Evidence, PairScore, ParsedName, PersonRecord } from './types';

/** A posting list longer than this is too common to bring new candidates once the pool is full. */
const COMMON_POSTINGS = 8000;

function deletionsOf(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
  return out;
}

export interface SearchHit {
  id: string;
  /** Name similarity score (sum of agreeing parts' rarity weights, less conflicts). */
  score: number;
  /** The record's name that matched best. */
  matchedName: string;
  evidence: Evidence[];
}

export interface ScreeningHit extends PairScore {
  id: string;
}

export class NameSearchIndex {
  private readonly prepared: PreparedRecord[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly freq: NameFrequency;
  /** One-deletion variants of every indexed coarse key → the keys that produce them (typo lookup without a vocabulary scan). */
  private readonly deletions = new Map<string, string[]>();

  /**
   * @example const index = new NameSearchIndex(records); index.search('حسين حسن', 10)
   */
  constructor(
    records: Iterable<PersonRecord>,
    /** Fixed score options; by default they follow the register's size (scoreOptionsFor). */
    private readonly options?: ScoreOptions,
  ) {
    for (const r of records) this.prepared.push(prepareRecord(r));
    this.freq = new NameFrequency(this.prepared);
    this.prepared.forEach((p, i) => this.post(p, i));
  }

  get size(): number {
    return this.prepared.length;
  }

  /** Adds a record after construction (a new admission). */
  add(record: PersonRecord): void {
    const p = prepareRecord(record);
    this.prepared.push(p);
    this.freq.add(p);
    this.post(p, this.prepared.length - 1);
  }

  private post(p: PreparedRecord, i: number): void {
    const keys = new Set<string>();
    for (const n of [...p.names, ...p.kunyas]) for (const t of n.tokens) if (t.coarse) keys.add(t.coarse);
    for (const k of keys) {
      const list = this.postings.get(k);
      if (list) list.push(i);
      else {
        this.postings.set(k, [i]);
        if (k.length >= 3)
          for (const d of deletionsOf(k)) {
            const owners = this.deletions.get(d);
            if (owners) owners.push(k);
            else this.deletions.set(d, [k]);
          }
      }
    }
  }

  /** Coarse keys to look up for a query token: its own, and near ones for a typo in a longer name. */
  private expand(coarse: string): string[] {
    if (coarse.length < 4) return [coarse];
    // Two keys one edit apart share a one-deletion variant (or one is the other's deletion).
    const near = new Set<string>();
    for (const d of [coarse, ...deletionsOf(coarse)])
      for (const k of this.deletions.get(d) ?? []) near.add(k);
    for (const d of deletionsOf(coarse)) if (this.postings.has(d)) near.add(d);
    const out = [coarse];
    for (const v of near)
      if (v !== coarse && Math.abs(v.length - coarse.length) <= 1 && distance(v, coarse) === 1) out.push(v);
    return out;
  }

  private gather(tokens: { coarse: string }[], limit: number): number[] {
    const acc = new Map<number, number>();
    // Rarest lists first; a very common part (Muhammad) then only adds weight to records that a
    // rarer part already found, rather than pulling a tenth of the register into the pool.
    const lists: { list: number[]; w: number }[] = [];
    for (const t of tokens) {
      const w = this.freq.weight(t.coarse);
      for (const k of this.expand(t.coarse)) {
        const list = this.postings.get(k);
        if (list) lists.push({ list, w: k === t.coarse ? w : w * 0.7 });
      }
    }
    lists.sort((x, y) => x.list.length - y.list.length);
    for (const { list, w } of lists) {
      const onlyKnown = list.length > COMMON_POSTINGS && acc.size >= limit;
      for (const i of list) {
        const cur = acc.get(i);
        if (cur !== undefined) acc.set(i, cur + w);
        else if (!onlyKnown) acc.set(i, w);
      }
    }
    return [...acc.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([i]) => i);
  }

  /**
   * Ranked records whose names match a query typed in Latin, Arabic or Cyrillic script.
   *
   * @example index.search('Hussein Hasan al-Jubouri', 5)[0].id // => the record of حسين حسن الجبوري
   */
  search(query: string, limit = 20): SearchHit[] {
    const q = parseName(query);
    if (q.tokens.length === 0) return [];
    const pool = this.gather(q.tokens, Math.max(1000, limit * 10));
    const hits: (SearchHit & { name: ParsedName })[] = [];
    for (const i of pool) {
      const p = this.prepared[i];
      let best: (SearchHit & { name: ParsedName }) | null = null;
      for (const n of [...p.names, ...p.kunyas]) {
        if ((n.kind === 'kunya') !== (q.kind === 'kunya')) continue;
        const c = compareNames(q, n, this.freq, false);
        if (c.matched === 0) continue;
        if (!best || c.score > best.score)
          best = {
            id: p.record.id,
            score: Math.round(c.score * 10) / 10,
            matchedName: n.raw,
            evidence: [],
            name: n,
          };
      }
      if (best) hits.push(best);
    }
    // Evidence (messages) only for the hits returned.
    return hits
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ name, ...hit }) => ({ ...hit, evidence: compareNames(q, name, this.freq).evidence }));
  }

  /**
   * Screens an incoming record (an arrival at intake) against the register: every record that is
   * the same person or possibly so, with the evidence, best first.
   *
   * @example index.screen({ id: 'T-17', names: ['Hüseyin Hasan'], dob: '1987-07-23' })[0].decision // => 'same'
   */
  screen(record: PersonRecord, limit = 10): ScreeningHit[] {
    const p = prepareRecord(record);
    const tokens = [...p.names, ...p.kunyas].flatMap((n) => n.tokens);
    const pool = this.gather(tokens, 300);
    const options = this.options ?? scoreOptionsFor(this.prepared.length);
    const out: ScreeningHit[] = [];
    for (const i of pool) {
      const other = this.prepared[i];
      if (other.record.id === record.id) continue;
      const s = scorePair(p, other, this.freq, options);
      if (s.decision !== 'different') out.push({ id: other.record.id, ...s });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
