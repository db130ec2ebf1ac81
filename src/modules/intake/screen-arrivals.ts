import {
  blockingKeys,
  scoreOptionsFor,
  NameFrequency,
  NameSearchIndex,
  type PersonRecord,
  prepareRecord,
  type PreparedRecord,
  type ScreeningHit,
  scorePair,
} from '../../engines/identity';
import type { Db } from '../../platform/db/database';
import type { ManifestRow } from './read-manifest';

/** Statuses of a record whose custody has ended: a sure match to one of these is a return, not a duplicate. */
export const LEFT_CUSTODY = ['released', 'transferred_out', 'repatriated'];

export type Outcome = 'new' | 'linked' | 'review';

export interface Screening {
  outcome: Outcome;
  candidateId: string | null;
  score: number | null;
  /** The best hits with their evidence, as the reviewer will see them. */
  hits: (ScreeningHit & { number: string; status: string; reason?: string })[];
}

/** Blocks larger than this are skipped (their year-keyed sub-blocks still count): the engine dedupe's own limit; 250 found the same links on the demo at three times the cost. */
const MAX_BLOCK = 40;

/**
 * The register, prepared once for screening a whole batch. Candidates come from the identity
 * engine's blocking keys (pairs of name parts, with the birth year; kunyas), the same blocking the
 * engine's dedupe uses, so each arrival is scored in full against tens of records rather than
 * the hundreds that share a common first name; an arrival with no candidate that way (a name
 * too common to block on, and no date of birth) falls back to the engine's search index.
 */
export class RegisterScreener {
  private readonly prepared: PreparedRecord[];
  private readonly freq: NameFrequency;
  private readonly blocks = new Map<string, number[]>();
  private fallback: NameSearchIndex | null = null;

  constructor(
    private readonly records: PersonRecord[],
    readonly info: Map<string, { number: string; status: string }>,
  ) {
    this.prepared = records.map(prepareRecord);
    this.freq = new NameFrequency(this.prepared);
    this.prepared.forEach((p, i) => {
      for (const k of blockingKeys(p)) {
        const b = this.blocks.get(k);
        if (b) b.push(i);
        else this.blocks.set(k, [i]);
      }
    });
  }

  get size(): number {
    return this.prepared.length;
  }

  /**
   * Every register record that is the same person as the arrival or possibly so, best first,
   * with the evidence.
   *
   * @example screener.screen({ id: 'm1', names: ['Husayn Hasan'], dob: '1987' })[0].decision // => 'same'
   */
  screen(record: PersonRecord, limit = 5): ScreeningHit[] {
    const p = prepareRecord(record);
    const candidates = new Set<number>();
    let skipped = false;
    for (const k of blockingKeys(p)) {
      const b = this.blocks.get(k);
      if (!b) continue;
      if (b.length > (k[0] === 'y' ? MAX_BLOCK * 2 : MAX_BLOCK)) {
        skipped = true;
        continue;
      }
      for (const i of b) candidates.add(i);
    }
    if (candidates.size === 0 && skipped) {
      this.fallback ??= new NameSearchIndex(this.records);
      return this.fallback.screen(record, limit);
    }
    const options = scoreOptionsFor(this.prepared.length);
    const hits: { i: number; score: number }[] = [];
    for (const i of candidates) {
      const s = scorePair(p, this.prepared[i], this.freq, options, false);
      if (s.decision !== 'different') hits.push({ i, score: s.score });
    }
    hits.sort((a, b) => b.score - a.score);
    // Evidence only for the few a reviewer will read.
    return hits.slice(0, limit).map((h) => ({
      id: this.records[h.i].id,
      ...scorePair(p, this.prepared[h.i], this.freq, options, true),
    }));
  }
}

/**
 * Loads the whole register (names, sex, date of birth, nationalities) for screening: one pass over
 * three tables, so a batch of thousands is screened against it in memory.
 *
 * @example const screener = await loadRegisterScreener(db); screener.size // => 14000
 */
export async function loadRegisterScreener(db: Db): Promise<RegisterScreener> {
  const detainees = await db
    .selectFrom('detainees')
    .select(['id', 'number', 'sex', 'dob', 'status'])
    .execute();
  const names = await db.selectFrom('detainee_names').select(['detainee_id', 'name']).execute();
  const nats = await db.selectFrom('detainee_nationalities').select(['detainee_id', 'country']).execute();
  const records = new Map<string, PersonRecord>();
  const info = new Map<string, { number: string; status: string }>();
  for (const d of detainees) {
    records.set(d.id, {
      id: d.id,
      names: [],
      sex: d.sex === 'F' ? 'F' : 'M',
      dob: engineDob(d.dob),
      nationality: [],
    });
    info.set(d.id, { number: d.number, status: d.status });
  }
  for (const n of names) records.get(n.detainee_id)?.names.push(n.name);
  for (const n of nats) records.get(n.detainee_id)?.nationality!.push(n.country);
  return new RegisterScreener(
    [...records.values()].filter((r) => r.names.length > 0),
    info,
  );
}

/** The engine reads YYYY-MM-DD or YYYY: a month-precise date is given to it as its year. */
export function engineDob(dob: string | null): string | undefined {
  if (!dob) return undefined;
  return dob.length === 7 ? dob.slice(0, 4) : dob;
}

/** The engine's view of a manifest row. */
export function personOf(row: ManifestRow, id: string): PersonRecord {
  return {
    id,
    names: row.names.map((n) => n.name),
    sex: row.sex,
    dob: engineDob(row.dob),
    nationality: row.nationalities,
    motherName: row.motherName ?? undefined,
  };
}

/**
 * What intake does with one arrival. A sure match ("same") to a record whose custody ended is
 * linked: the person comes back on the same record. A sure match to someone the register says is
 * held now (or escaped, or dead) cannot simply be linked — one body cannot be in two places — so it
 * goes to review like any unsure match; intake creates a new record and never waits.
 *
 * @example decide(index.screen(person), info).outcome // => 'linked'
 */
export function decide(
  hits: ScreeningHit[],
  info: Map<string, { number: string; status: string }>,
): Screening {
  const top = hits
    .slice(0, 3)
    .map((h) => ({ ...h, number: info.get(h.id)?.number ?? '', status: info.get(h.id)?.status ?? '' }));
  const best = top[0];
  if (!best) return { outcome: 'new', candidateId: null, score: null, hits: [] };
  if (best.decision === 'same' && LEFT_CUSTODY.includes(best.status)) {
    // Two sure matches to two left-custody records means the register itself may hold one person twice.
    const rival = top[1];
    if (rival && rival.decision === 'same')
      return {
        outcome: 'review',
        candidateId: best.id,
        score: best.score,
        hits: top.map((h) => ({ ...h, reason: 'more than one record is a sure match' })),
      };
    return { outcome: 'linked', candidateId: best.id, score: best.score, hits: top };
  }
  const reason =
    best.decision === 'same' ? `a sure match, but the record's status is ${best.status}` : 'a possible match';
  return {
    outcome: 'review',
    candidateId: best.id,
    score: best.score,
    hits: top.map((h, i) => (i === 0 ? { ...h, reason } : h)),
  };
}
