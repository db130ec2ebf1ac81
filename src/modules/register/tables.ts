export interface DetaineesTable {
  id: string;
  /** The register number people use, e.g. CUS-2026-000123. */
  number: string;
  /** The legal name in Latin script, kept for lists and sorting. */
  display_name: string;
  sex: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD: dates of birth are often approximate. */
  dob: string | null;
  /** untried | convicted */
  legal_status: string;
  /** adult | juvenile */
  age_category: string;
  /** arriving | in_custody | released | transferred_out | repatriated | escaped | deceased */
  status: string;
  /** The site that holds (or receives) the detainee. */
  site_id: string;
  cell_id: string | null;
  arrested_at: string | null;
  arrest_place: string | null;
  admitted_at: string | null;
  created_at: string;
  updated_at: string;
  /** Set when a merge absorbed this record into another (the survivor); cleared by unmerge. */
  merged_into?: string | null;
  merged_at?: string | null;
}

export interface DetaineeNamesTable {
  id: string;
  detainee_id: string;
  name: string;
  /** arabic | latin */
  script: string;
  /** legal | alias | kunya | transliteration */
  kind: string;
  position: number;
  /** Name parts as the person or the document gives them (nasab: given, father, grandfather; tribe or family). */
  given?: string | null;
  father?: string | null;
  grandfather?: string | null;
  family?: string | null;
}

/** Every change to a name: the names table holds the current names, this keeps what they were. */
export interface DetaineeNameHistoryTable {
  id: string;
  detainee_id: string;
  name_id: string;
  /** add | edit | remove */
  action: string;
  /** JSON of the name before and after (null for an add / a remove). */
  before: string | null;
  after: string | null;
  reason: string | null;
  recorded_at: string;
  recorded_by: string;
  recorded_by_id: string | null;
}

/**
 * One version of one item of a record section (a document, a family member, a property bag, an
 * injury seen at admission...). A change writes a new version and stamps the previous one
 * `superseded_at`; a removal is a version with `removed = 1`. Nothing is overwritten.
 */
export interface DetaineeRecordItemsTable {
  id: string;
  item_id: string;
  version: number;
  detainee_id: string;
  section: string;
  /** JSON of the section's fields. */
  data: string;
  removed: number;
  reason: string | null;
  recorded_at: string;
  recorded_by: string;
  recorded_by_id: string | null;
  superseded_at: string | null;
}

/** A pair that may be one person, with the engine's evidence, and what a human decided. */
export interface IdentityCandidatesTable {
  id: string;
  detainee_a: string;
  detainee_b: string;
  score: number;
  /** same | possible: the engine's decision */
  decision: string;
  /** JSON Evidence[] */
  evidence: string;
  /** register-scan | intake */
  source: string;
  source_ref: string | null;
  /** open | merged | not_same | closed (one of the pair merged elsewhere) */
  status: string;
  found_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decided_by_id: string | null;
  decision_note: string | null;
}

export interface DetaineeMergesTable {
  id: string;
  survivor_id: string;
  absorbed_id: string;
  candidate_id: string | null;
  reason: string;
  merged_at: string;
  merged_by: string;
  merged_by_id: string | null;
  unmerged_at: string | null;
  unmerged_by: string | null;
  unmerged_by_id: string | null;
  unmerge_reason: string | null;
  /** The absorbed record's status and cell before the merge took it out of the population. */
  absorbed_status: string | null;
  absorbed_cell_id: string | null;
}

/** One run of the periodic duplicate scan: where the next run starts. */
export interface IdentityScansTable {
  id: string;
  ran_at: string;
  last_updated_at: string;
  last_id: string;
  screened: number;
  added: number;
}

/** One reference re-pointed by a merge: unmerge reverses exactly these. */
export interface MergeMovesTable {
  id: string;
  merge_id: string;
  seq: number;
  table_name: string;
  /** JSON object of the columns that identify the row (its id, or its key columns). */
  row_key: string;
  column_name: string;
  from_id: string;
  to_id: string;
  /** moved | kept */
  outcome: string;
  restored_at: string | null;
}

export interface DetaineeNationalitiesTable {
  detainee_id: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
}

export interface LegalBasesTable {
  id: string;
  detainee_id: string;
  basis: string;
  authority: string;
  from_date: string;
  to_date: string | null;
  note: string | null;
  recorded_at: string;
}

export interface RegisterTables {
  detainees: DetaineesTable;
  detainee_names: DetaineeNamesTable;
  detainee_nationalities: DetaineeNationalitiesTable;
  legal_bases: LegalBasesTable;
  detainee_name_history: DetaineeNameHistoryTable;
  detainee_record_items: DetaineeRecordItemsTable;
  identity_candidates: IdentityCandidatesTable;
  detainee_merges: DetaineeMergesTable;
  merge_moves: MergeMovesTable;
  identity_scans: IdentityScansTable;
}
