import { NameSearchIndex, type PersonRecord, type ScreeningHit } from '../../engines/identity';
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

/**
 * Loads the whole register (names, sex, date of birth, nationalities) into the identity engine's
 * search index: one pass over three tables, so a batch of thousands is screened against it in memory.
 *
 * @example const { index, statusOf } = await loadRegisterIndex(db); index.size // => 14000
 */
export async function loadRegisterIndex(db: Db): Promise<{ index: NameSearchIndex; info: Map<string, { number: string; status: string }> }> {
  const detainees = await db.selectFrom('detainees').select(['id', 'number', 'sex', 'dob', 'status']).execute();
  const names = await db.selectFrom('detainee_names').select(['detainee_id', 'name']).execute();
  const nats = await db.selectFrom('detainee_nationalities').select(['detainee_id', 'country']).execute();
  const records = new Map<string, PersonRecord>();
  const info = new Map<string, { number: string; status: string }>();
  for (const d of detainees) {
    records.set(d.id, { id: d.id, names: [], sex: d.sex === 'F' ? 'F' : 'M', dob: engineDob(d.dob), nationality: [] });
    info.set(d.id, { number: d.number, status: d.status });
  }
  for (const n of names) records.get(n.detainee_id)?.names.push(n.name);
  for (const n of nats) records.get(n.detainee_id)?.nationality!.push(n.country);
  return { index: new NameSearchIndex(records.values()), info };
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
export function decide(hits: ScreeningHit[], info: Map<string, { number: string; status: string }>): Screening {
  const top = hits.slice(0, 3).map((h) => ({ ...h, number: info.get(h.id)?.number ?? '', status: info.get(h.id)?.status ?? '' }));
  const best = top[0];
  if (!best) return { outcome: 'new', candidateId: null, score: null, hits: [] };
  if (best.decision === 'same' && LEFT_CUSTODY.includes(best.status)) {
    // Two sure matches to two left-custody records means the register itself may hold one person twice.
    const rival = top[1];
    if (rival && rival.decision === 'same') return { outcome: 'review', candidateId: best.id, score: best.score, hits: top.map((h) => ({ ...h, reason: 'more than one record is a sure match' })) };
    return { outcome: 'linked', candidateId: best.id, score: best.score, hits: top };
  }
  const reason = best.decision === 'same' ? `a sure match, but the record's status is ${best.status}` : 'a possible match';
  return { outcome: 'review', candidateId: best.id, score: best.score, hits: top.map((h, i) => (i === 0 ? { ...h, reason } : h)) };
}
