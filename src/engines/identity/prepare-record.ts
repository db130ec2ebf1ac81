/** A person record parsed once for matching: names parsed, dates parsed, nationalities as a set. */
import { parseDob, type ParsedDob } from './parse-dob';
import { parseName } from './parse-name';
import type { ParsedName, PersonRecord } from './types';

export interface PreparedRecord {
  record: PersonRecord;
  /** Legal names and aliases (not kunyas), in every script the record gives. */
  names: ParsedName[];
  kunyas: ParsedName[];
  dob: ParsedDob | null;
  mother: ParsedName | null;
  nationality: Set<string>;
}

/**
 * Parses a record's names, date of birth and mother's name once so that scoring many pairs never
 * re-parses them.
 *
 * @example prepareRecord({ id: 'R1', names: ['Abu Imad al-Iraqi', 'Husayn Hasan'] }).kunyas.length // => 1
 */
export function prepareRecord(record: PersonRecord): PreparedRecord {
  const names: ParsedName[] = [];
  const kunyas: ParsedName[] = [];
  for (const raw of record.names ?? []) {
    if (typeof raw !== 'string' || !raw.trim()) continue;
    const p = parseName(raw);
    if (p.tokens.length === 0) continue;
    (p.kind === 'kunya' ? kunyas : names).push(p);
  }
  const mother = record.motherName && record.motherName.trim() ? parseName(record.motherName) : null;
  return {
    record,
    names,
    kunyas,
    dob: parseDob(record.dob),
    mother: mother && mother.tokens.length > 0 ? mother : null,
    nationality: new Set((record.nationality ?? []).map((c) => c.toUpperCase())),
  };
}
