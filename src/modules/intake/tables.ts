export interface IntakeMappingsTable {
  id: string;
  name: string;
  /** JSON: the file's column header → our manifest field. */
  columns: string;
  /** JSON: extra spellings of values per field (sex, legal_status, age_category). */
  value_map: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface IntakeBatchesTable {
  id: string;
  /** The manifest's identifier: given by the importer, or the file's SHA-256 prefix. */
  manifest_ref: string;
  /** The receiving site. */
  site_id: string;
  sending_authority: string | null;
  /** csv | json */
  format: string;
  file_name: string | null;
  mapping_id: string | null;
  /** preview | accepted | discarded */
  status: string;
  row_count: number;
  /** JSON: { rows, new, linked, review, invalid, alreadyApplied } */
  counts: string;
  /** JSON: every row error { row, field, reason } */
  errors: string;
  ignored_columns: string;
  created_at: string;
  created_by: string;
  accepted_at: string | null;
  accepted_by: string | null;
  housing_plan_id: string | null;
  /** When the arrival day was closed: expected arrivals not confirmed by then are missing. */
  closed_at: string | null;
  closed_by: string | null;
}

export interface IntakeRowsTable {
  id: string;
  batch_id: string;
  row_number: number;
  manifest_no: string;
  /** JSON: the normalised ManifestRow. */
  data: string;
  /** new | linked | review | applied (already on the register from this manifest) */
  outcome: string;
  candidate_id: string | null;
  score: number | null;
  /** JSON: the screening hits with their evidence. */
  evidence: string;
}

export interface IntakeArrivalsTable {
  id: string;
  batch_id: string | null;
  manifest_ref: string | null;
  manifest_no: string | null;
  manifest_row: number | null;
  detainee_id: string;
  site_id: string;
  /** new | linked | review | unexpected */
  match: string;
  match_score: number | null;
  match_evidence: string | null;
  /** expected | arrived | missing */
  status: string;
  arrived_at: string | null;
  confirmed_by: string | null;
  created_at: string;
}

/** Pairs of records that may be one person, for a reviewer: written by intake, read by the register's review. */
export interface DuplicateReviewsTable {
  id: string;
  /** The newer record (at intake: the arrival's). */
  detainee_id: string;
  /** The record already on the register it may duplicate. */
  candidate_id: string;
  site_id: string;
  score: number;
  evidence: string;
  /** intake | register */
  source: string;
  source_id: string | null;
  /** open | same | different */
  status: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  note: string | null;
}

export interface CustodyHandoversTable {
  id: string;
  detainee_id: string;
  site_id: string;
  /** arrival | movement-out | movement-return | movement-complete | release */
  kind: string;
  ref_id: string | null;
  handed_over_by: string;
  received_by: string;
  escort: string | null;
  at: string;
  place: string;
  recorded_at: string;
  recorded_by: string;
}

export interface AdmissionsTable {
  id: string;
  detainee_id: string;
  arrival_id: string | null;
  site_id: string;
  admitted_at: string;
  /** JSON: [{ item, quantity, description? }] */
  property: string;
  /** Need-to-know (medical.read): injuries seen at admission, JSON list. */
  injuries: string | null;
  /** Need-to-know (medical.read): a complaint of prior ill-treatment, in the detainee's words. */
  ill_treatment_complaint: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface MovementsTable {
  id: string;
  detainee_id: string;
  site_id: string;
  /** court | hospital | site-transfer | authority-transfer | repatriation */
  kind: string;
  destination: string;
  destination_site_id: string | null;
  /** proposed | scheduled | in_transit | completed | cancelled */
  status: string;
  scheduled_for: string | null;
  reason: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface MovementEventsTable {
  id: string;
  movement_id: string;
  status: string;
  at: string;
  by: string;
  note: string | null;
}

export interface ReleasesTable {
  id: string;
  detainee_id: string;
  site_id: string;
  /** end-of-sentence | court-order | acquittal */
  grounds: string;
  legal_authority: string;
  order_ref: string;
  /** The legal basis the release ends; every other must be closed already. */
  legal_basis_id: string | null;
  /** JSON: how identity was confirmed against the record. */
  identity_check: string;
  /** requested | approved | completed | cancelled */
  status: string;
  requested_at: string;
  requested_by: string;
  approved_at: string | null;
  approved_by: string | null;
  completed_at: string | null;
  completed_by: string | null;
  property_returned: string | null;
  signed_by: string | null;
  note: string | null;
}

export interface IntakeTables {
  intake_mappings: IntakeMappingsTable;
  intake_batches: IntakeBatchesTable;
  intake_rows: IntakeRowsTable;
  intake_arrivals: IntakeArrivalsTable;
  duplicate_reviews: DuplicateReviewsTable;
  custody_handovers: CustodyHandoversTable;
  admissions: AdmissionsTable;
  movements: MovementsTable;
  movement_events: MovementEventsTable;
  releases: ReleasesTable;
}
