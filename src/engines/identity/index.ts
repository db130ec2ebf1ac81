/**
 * Custodia identity engine: pure functions, no I/O.
 *
 * Public API
 * - `normaliseArabic(text)`, `normaliseLatin(text)`, `transliterateCyrillic(text)`: script normalisation.
 * - `parseName(raw): ParsedName`: tokens with roles (given, father, grandfather, family, kunya) and
 *   phonetic keys shared by all scripts; `detectScript(raw)`.
 * - `tokenKey`, `coarseKey`, `tokenSimilarity`: the phonetic skeleton and its similarity.
 * - `prepareRecord(record)`, `NameFrequency`: parse once; rarity weights learnt from a register.
 * - `scorePair(a, b, freq, options?) → { score, decision: 'same'|'possible'|'different', evidence[] }`.
 * - `clusterRecords(records, options?) → { clusterOf, review, stats }`: blocking + no-chaining clustering.
 * - `NameSearchIndex`: `search(query, limit)` in either script; `screen(record)` for intake.
 * - `validatePersonRecord(raw, line?)`, `formatValidationError(e)`: input checks naming line, id and field.
 * - `syntheticRegister({ seed, persons })`: deterministic synthetic register with true person ids.
 *
 * @example
 * import { clusterRecords } from './engines/identity';
 * const { clusterOf } = clusterRecords(records); // Map record id → "C00001"
 */
export type {
  PersonRecord,
  ParsedName,
  NameToken,
  NameRole,
  Script,
  Decision,
  Evidence,
  EvidenceField,
  PairScore,
} from './types';
export { normaliseArabic, tokeniseArabic, arabicSkeleton } from './normalise-arabic';
export { normaliseLatin, tokeniseLatin, latinSkeleton, transliterateCyrillic } from './normalise-latin';
export { tokenKey, coarseKey, tokenSimilarity, skeletonDistance, typoApart, COMMON_NAMES } from './name-key';
export { parseName, detectScript } from './parse-name';
export { parseDob, compareDob, dobCase, type ParsedDob } from './parse-dob';
export { prepareRecord, type PreparedRecord } from './prepare-record';
export { NameFrequency } from './name-frequency';
export {
  scorePair,
  compareNames,
  sameStrength,
  DEFAULT_SCORE_OPTIONS,
  type ScoreOptions,
  type NameComparison,
} from './score-pair';
export {
  clusterRecords,
  blockingKeys,
  scoreOptionsFor,
  DEFAULT_CLUSTER_OPTIONS,
  type ClusterOptions,
  type ClusterResult,
  type CandidatePair,
} from './cluster-records';
export { NameSearchIndex, type SearchHit, type ScreeningHit } from './name-search-index';
export {
  validatePersonRecord,
  formatValidationError,
  type ValidationError,
  type ValidationResult,
} from './validate-person-record';
export { syntheticRegister, type SyntheticRecord, type SyntheticOptions } from './synthetic-register';
